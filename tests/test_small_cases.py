"""The small cases of bad input, each with a documented result (docs/input.md, docs/pipeline.md)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import govreport_nlp
from govreport_nlp.cli import app
from govreport_nlp.errors import InputError
from govreport_nlp.ingest.decode import decode

REPORT = "确保粮食产量保持在31.1亿斤以上。"


def test_a_lone_surrogate_is_refused_with_its_offset(nlp_char):
    with pytest.raises(InputError, match=r"lone surrogate \(U\+D83D\) at offset 3"):
        govreport_nlp.annotate("确保粮\ud83d食", nlp=nlp_char)


@pytest.mark.parametrize("data", ["一".encode("utf-16-le"), "一".encode("utf-16-be"), "N".encode("utf-16-be")])
def test_short_utf16_that_reads_either_way_is_refused_not_guessed(data):
    with pytest.raises(InputError, match="too short to tell how it is encoded"):
        decode(data)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", ["中国", "中华人民共和国政府工作报告", "确保粮食产量保持在三十一亿斤", "一二三四五"])
def test_chinese_utf16_without_a_byte_order_mark_is_read(text, codec):
    decoded = decode(text.encode(codec))
    assert (decoded.text, decoded.encoding) == (text, codec)


@pytest.mark.parametrize("n_process", [1, 2])
def test_annotate_many_reports_a_bad_input_in_place_and_goes_on(tmp_path, nlp_char, n_process):
    items = [
        (REPORT, {"id": "a"}),
        (bytes(range(256)) * 4, {"id": "binary"}),
        ("新建道路20公里。", {"id": "b"}),
        (tmp_path / "missing.txt", {"id": "missing"}),
        ("坏\udc00", {"id": "surrogate"}),
    ]
    results = list(govreport_nlp.annotate_many(items, nlp_char, n_process=n_process, batch_size=1))
    assert [r["meta"]["id"] for r in results] == ["a", "binary", "b", "missing", "surrogate"]
    assert [r.get("input") for r in results if "error" in r] == [1, 3, 4]
    assert all(r["error"]["code"] == "G005" for r in results if "error" in r)
    assert "looks like binary data" in results[1]["error"]["message"]
    for r in results:
        if "error" not in r:
            govreport_nlp.validate(r)
    seen: list[tuple[int, str]] = []
    quiet = list(govreport_nlp.annotate_many(items, nlp_char, on_error=lambda n, m, e: seen.append((n, m["id"]))))
    assert [d["meta"]["id"] for d in quiet] == ["a", "b"]
    assert seen == [(1, "binary"), (3, "missing"), (4, "surrogate")]


def test_annotate_an_empty_folder_says_so_and_exits_1(tmp_path):
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(app, ["annotate", str(tmp_path / "empty"), "--segmenter", "char"])
    assert result.exit_code == 1
    assert "no files matching '*.txt'" in result.output


HTML = (
    "<!DOCTYPE html><html><head><title>政府工作报告</title>"
    "<script>var growth = '增长5%'; // 长治</script><style>p { margin: 1px }</style></head>"
    "<body><!-- 扫一扫 --><p>确保粮食产量保持在31.1亿斤以上。</p>\n"
    "<p>推进碳达峰<b>长治</b>行动&nbsp;。</p></body></html>"
)


def test_html_is_analysed_as_its_text_with_offsets_into_the_html(nlp_char):
    data = govreport_nlp.annotate(HTML, nlp=nlp_char)
    govreport_nlp.validate(data)
    found = {(s["label"], s["text"]) for s in data["spans"]}
    assert ("QUANTITY", "31.1亿斤以上") in found and ("PLACE", "长治") in found
    assert ("QUANTITY", "5%") not in found  # inside <script>
    assert all(HTML[s["start"]:s["end"]] == s["text"] for s in data["spans"])
    # a name or a figure never holds markup; a clause (or a programme's name) may run across inline tags
    assert not any("<" in s["text"] or ">" in s["text"] for s in data["spans"] if s["label"] in ("PLACE", "QUANTITY"))
    assert {r["reason"] for r in data["meta"]["excluded"]} <= {"markup", "markup between blocks"}
    assert govreport_nlp.doc_to_json(govreport_nlp.json_to_doc(data, nlp_char)) == data


def test_text_that_mentions_a_tag_or_two_is_left_alone(nlp_char):
    text = "全年新增就业<1200万人的目标不变，<p>不是网页。"
    data = govreport_nlp.annotate(text, nlp=nlp_char)
    assert data["meta"]["excluded"] == []
