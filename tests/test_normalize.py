"""Normalisation and its offset map: exact offsets back to the user's text, always."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from opencc import OpenCC

from govreport_nlp.ingest import normalize as norm
from govreport_nlp.ingest.normalize import collapse_spaced_numbers, detect_script, normalize, unify_characters
from govreport_nlp.ingest.offsets import Alignment, OffsetMap, Rewriter

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("１９８８年为２７０元", "1988年为270元"),
        ("８．６％", "8.6%"),
        ("晋中,太原;长治!好?", "晋中，太原；长治！好？"),
        ("1,000元和1:7", "1,000元和1:7"),
        ("目标是:增长", "目标是：增长"),
        ("(山西省)长治市", "（山西省）长治市"),
        ("　　各位代表\r\n", "  各位代表 \n"),
        ("（一）ＰＭ２．５", "（一）PM2.5"),
    ],
)
def test_unify_characters(source, expected):
    assert unify_characters(source) == expected
    assert len(unify_characters(source)) == len(source)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 9 9 7 年", "1997 年"),
        ("5 .4 %", "5.4%"),
        ("达到2 0 9 0 元", "达到2090 元"),
        ("第3位、第1位", "第3位、第1位"),
        ("3 个", "3 个"),
        ("2023年 3月", "2023年 3月"),
    ],
)
def test_spaced_numbers_are_closed_up(source, expected):
    text, alignment = collapse_spaced_numbers(source)
    assert text == expected
    assert OffsetMap([alignment]).to_source(0, len(text)) == (0, len(source))


def test_script_detection_on_the_real_corpus(reports):
    scripts = {doc_id: detect_script(text) for doc_id, text in reports}
    assert scripts.pop("jinzhong-traditional") == "traditional"
    assert set(scripts.values()) == {"simplified"}
    if SHARED.exists():
        for path in sorted((SHARED / "national").glob("*.txt")):
            expected = "traditional" if path.name == "national_china_1954.txt" else "simplified"
            assert detect_script(path.read_text(encoding="utf-8")) == expected, path.name


def test_traditional_report_becomes_simplified_with_report_words_intact(reports):
    text = dict(reports)["jinzhong-traditional"]
    result = normalize(text)
    assert result.script == "traditional"
    assert "最佳化" in text and "优化" in result.text  # Taiwan phrasing converted
    assert "指针" not in result.text and "添加" not in result.text  # IT phrases excluded
    start = result.text.index("优化")
    a, b = result.offsets.to_source(start, start + 2)
    assert text[a:b] == "最佳化"


def test_aligned_conversion_equals_opencc_without_exclusions(monkeypatch, reports):
    monkeypatch.setattr(norm, "tw_phrase_exclusions", lambda: frozenset())
    norm._opencc.cache_clear()
    try:
        texts = [dict(reports)["jinzhong-traditional"]]
        if SHARED.exists():
            texts.append((SHARED / "national" / "national_china_1954.txt").read_text(encoding="utf-8"))
        for text in texts:
            unified = unify_characters(text)
            assert norm.to_simplified(unified)[0] == OpenCC("tw2sp").convert(unified)
    finally:
        norm._opencc.cache_clear()


def test_simplified_clean_text_needs_no_offset_map(reports):
    text = dict(reports)["changzhi-2023"]
    assert normalize(text).offsets.is_identity


def test_blanked_chrome_keeps_length_and_line_breaks():
    text = "导航菜单\r\n\r\n各位代表:\r\n本文地址:/x.html"
    result = normalize(text, exclude=[(0, 4), (text.index("本文"), len(text))])
    assert result.text == "     \n \n各位代表： \n            "
    assert len(result.text) == len(text)


def test_rewriter_refuses_out_of_order_edits():
    writer = Rewriter("abcdef")
    writer.replace(3, 4, "xx")
    with pytest.raises(ValueError):
        writer.replace(1, 2, "y")


def test_map_snaps_spans_inside_an_edit_outward():
    alignment = Alignment([(2, 5, 2, 4)])  # 最佳化 (2:5) -> 优化 (2:4)
    m = OffsetMap([alignment])
    assert m.to_source(3, 4) == (2, 5)
    assert m.to_source(0, 2) == (0, 2) and m.to_source(4, 6) == (5, 7)
    assert m.to_normalized(2, 5) == (2, 4) and m.to_normalized(5, 7) == (4, 6)
    assert OffsetMap.from_json(m.to_json()).to_source(3, 4) == (2, 5)


# Atoms whose normalised form is known and does not depend on their neighbours (they are
# joined by 。). A document is a random sequence of them; chrome atoms are excluded.
ATOMS = [
    ("最佳化", "优化"), ("網路", "网络"), ("經濟", "经济"), ("乾果", "干果"), ("指標", "指标"),
    ("新增", "新增"), ("晉中", "晋中"), ("晋中", "晋中"), ("太原", "太原"), ("城鎮化率", "城镇化率"),
    ("１２．５％", "12.5%"), ("　", " "), ("\r\n", " \n"), ("1 9 9 7", "1997"), ("5 1 6 0 元", "5160 元"),
    ("增长8%", "增长8%"), ("a,b", "a，b"), ("1:7", "1:7"), ("𠮷", "𠮷"), ("", ""),
]
CHROME = [("导航菜单", "    "), ("本文地址:/a.html", "            ")]


@st.composite
def documents(draw):
    atoms = draw(st.lists(st.sampled_from(ATOMS + CHROME), max_size=25))
    source, expected, spans, exclude = "", "", [], []
    for atom, out in atoms:
        if source:
            source += "。"
            expected += "。"
        if (atom, out) in CHROME:
            exclude.append((len(source), len(source) + len(atom)))
        spans.append(((len(source), len(source) + len(atom)), (len(expected), len(expected) + len(out))))
        source += atom
        expected += out
    return source, expected, spans, exclude


@settings(max_examples=300, deadline=None)
@given(documents())
def test_offset_map_is_exact_on_random_mixtures(doc):
    source, expected, spans, exclude = doc
    result = normalize(source, exclude=exclude, script="traditional")
    assert result.text == expected
    assert result.offsets.to_source(0, len(result.text)) == (0, len(source))
    for (src_start, src_end), (out_start, out_end) in spans:
        if out_end > out_start and expected[out_start:out_end].strip():
            assert result.offsets.to_source(out_start, out_end) == (src_start, src_end)
            assert result.offsets.to_normalized(src_start, src_end) == (out_start, out_end)
