"""Any text and any bytes: exact offsets, a valid document, or the library's own error.

Property tests (hypothesis) build inputs from what reports and scraped pages hold — report
sentences, numbers of every width, headings, quotes, Unicode white space of every kind,
markup — and from arbitrary characters and bytes, and check the contract of every output:
`validate()` passes (JSON Schema and offsets), the text is the caller's, the document
reloads to itself, and nothing but a `GovReportError` is ever raised.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import govreport_nlp
from govreport_nlp.errors import GovReportError

#: Every character `str.isspace` calls white space, and the invisible marks of scraped pages.
WHITE = "\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + (
    "\u2028\u2029\u202f\u205f\u3000\u200b\u200c\u200d\u2060\ufeff"
)
FRAGMENTS = [
    "确保粮食产量保持在31.1亿斤以上。", "推进碳达峰长治行动", "山西省晋中市平遥县", "晋中市委",
    "地区生产总值增长6.5%左右，",
    "实施“百乡千村”治理行动", "一、2023年工作回顾\n", "（二）今年工作安排\n", "主要预期目标是：", "1.", "一是", "——",
    "１９８８年", "8.6％", "1 9 9 7 年", "三十一点一万亩", "1,000元", "1:7", "120-140亿元", "第3位", "6.7万师生",
    "“", "”", "《", "》", "。", "，", "；", "\n", "\r\n", "经济发展", "經濟發展與環境保護", "<p>", "</p>", "&nbsp;",
    "扫一扫在手机打开当前页", "政府工作报告", "力争", "要", "将", "到2025年", "公园", "村", "路", "开发区",
]
PIECES = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.text(alphabet=WHITE, min_size=1, max_size=3),
    st.text(alphabet="0123456789０１２３一二三四五六七八九十百千万亿.,:%", min_size=1, max_size=6),
    st.text(alphabet=st.characters(codec=None, categories=None), min_size=1, max_size=4),  # any code point
    st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=2),  # surrogates
)
TEXTS = st.lists(PIECES, max_size=30).map("".join)


def check(data: dict, text: str | None, nlp) -> None:
    govreport_nlp.validate(data)  # the JSON Schema and every offset
    if text is not None:
        assert data["text"] == text
    for span in data["spans"]:
        assert not span["text"][0].isspace() and not span["text"][-1].isspace(), span
    assert govreport_nlp.doc_to_json(govreport_nlp.json_to_doc(data, nlp)) == data


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
@example("\x85一、2023年工作回顾\n")  # a heading after white space the heading text leaves out
def test_any_text_gives_a_valid_document_with_exact_offsets(text: str) -> None:
    nlp = govreport_nlp.load("char", shared=True)
    try:
        data = govreport_nlp.annotate(text, nlp=nlp, doc_id="t")
    except GovReportError:
        return  # refused with the library's own error and code
    check(data, text, nlp)


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030", "big5"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(
    st.binary(max_size=200),
    st.tuples(TEXTS, st.sampled_from(ENCODINGS)).map(lambda te: te[0].encode(te[1], errors="replace")),
))
def test_any_bytes_give_a_valid_document_or_an_input_error(data: bytes) -> None:
    nlp = govreport_nlp.load("char", shared=True)
    try:
        result = govreport_nlp.annotate(data, nlp=nlp)
    except GovReportError:
        return
    check(result, None, nlp)


@pytest.mark.parametrize("space", list(WHITE))
def test_no_span_begins_or_ends_with_any_white_space(space: str, nlp_char) -> None:
    text = f"{space}确保粮食产量保持在31.1亿斤以上{space}，{space}山西省{space}实施“百乡千村”治理行动{space}。"
    data = govreport_nlp.annotate(text, nlp=nlp_char)
    check(data, text, nlp_char)
    assert {s["label"] for s in data["spans"]} == {"COMMITMENT", "QUANTITY", "PLACE", "PROGRAM"}


def test_a_find_with_white_space_at_its_edge_keeps_its_span_trimmed(nlp_char) -> None:
    """national_china_1997: “三北 ” ended on a space, which left the PROGRAM without a span.

    The name inside the quotes is read without the space, so it is the lexicon's 三北 (H18: 三北工程).
    """
    text = "植树造林，继续抓好“三北 ”（西北、华北、东北）防护林体系建设。"
    data = govreport_nlp.annotate(text, nlp=nlp_char)
    programs = [(s["text"], s["attrs"]["canonical"]) for s in data["spans"] if s["label"] == "PROGRAM"]
    assert ("三北", "三北工程") in programs
