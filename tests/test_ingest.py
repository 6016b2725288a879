"""The input layer end to end: real files in, spans and sections out at exact source offsets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from opencc import OpenCC
from typer.testing import CliRunner

import govreport_nlp
from govreport_nlp import InputError
from govreport_nlp.annotate import chunk_bounds
from govreport_nlp.cli import app
from govreport_nlp.ingest.normalize import normalize

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "corpus" / "reports"
SHARED = ROOT.parent / "shared" / "corpus"


def shared_files() -> list[Path]:
    if not SHARED.exists():
        return []
    return sorted(SHARED.glob("national/*.txt")) + sorted(SHARED.glob("county-gbk/*.txt"))


def check_offsets(data: dict) -> None:
    govreport_nlp.validate(data)  # the full JSON Schema, offsets included
    text = data["text"]
    for span in data["spans"]:
        assert text[span["start"]:span["end"]] == span["text"]
    for section in data.get("sections", []):
        assert text[section["start"]:section["start"] + len(section["heading"])] == section["heading"]
        assert 0 <= section["start"] <= section["end"] <= len(text)


def test_every_bundled_report_decodes_finds_its_body_and_keeps_offsets(nlp_toy_char):
    for path in sorted(REPORTS.glob("*.txt")):
        data = govreport_nlp.annotate(path, nlp=nlp_toy_char, doc_id=path.name)
        assert data["text"] == path.read_text(encoding="utf-8")
        assert data["meta"]["encoding"] == "utf-8"
        body = data["meta"]["body"]
        assert 0 <= body["start"] < body["end"] <= len(data["text"])
        assert data["spans"] and "sections" in data
        check_offsets(data)
        for region in data["meta"]["excluded"]:  # nothing is found in page chrome
            assert not any(region["start"] < s["end"] and s["start"] < region["end"] for s in data["spans"])


@pytest.mark.skipif(not SHARED.exists(), reason="the shared corpus is not beside this checkout")
@pytest.mark.parametrize("path", shared_files(), ids=lambda p: p.name)
def test_every_shared_report_keeps_offsets_and_loses_nothing(nlp_toy_char, path):
    data = govreport_nlp.annotate(path, nlp=nlp_toy_char)
    expected = path.read_bytes().decode("gbk" if ".gbk." in path.name else "utf-8")
    assert data["text"] == expected
    assert data["meta"]["encoding"] == ("gb18030" if ".gbk." in path.name else "utf-8")
    assert data["meta"]["excluded"] == []  # clean reports: no chrome
    check_offsets(data)
    assert data["spans"], "the toy tagger should find numbers in every report"


@pytest.mark.parametrize("config", ["s2tw", "s2twp"])
def test_traditional_report_yields_the_spans_of_its_simplified_counterpart(nlp_toy_char, config):
    """s2tw: Traditional characters; s2twp: also Taiwan wording (优化 -> 最佳化, 创建 -> 建立).

    Taiwan wording is not always undone (建立 and 支援 are mainland words too), so each span
    of the Simplified report is compared with what the same conversion makes of it.
    """
    converter = OpenCC(config)
    simplified = (REPORTS / "jinzhong-2024-plan.txt").read_text(encoding="utf-8")
    traditional = converter.convert(simplified)
    assert traditional != simplified
    a = govreport_nlp.annotate(simplified, nlp=nlp_toy_char)
    b = govreport_nlp.annotate(traditional, nlp=nlp_toy_char)
    assert b["meta"]["script"] == "traditional" and a["meta"]["script"] == "simplified"
    check_offsets(b)

    def analysed(piece: str) -> str:
        return normalize(piece, script="traditional").text

    assert [s["label"] for s in a["spans"]] == [s["label"] for s in b["spans"]]
    assert [analysed(converter.convert(s["text"])) for s in a["spans"]] == [analysed(s["text"]) for s in b["spans"]]
    assert [(s["level"], s["orientation"]) for s in a["sections"]] == [
        (s["level"], s["orientation"]) for s in b["sections"]
    ]
    assert [analysed(converter.convert(s["heading"])) for s in a["sections"]] == [
        analysed(s["heading"]) for s in b["sections"]
    ]


@pytest.fixture(scope="module")
def nlp_small_pieces():
    """The char pipeline with a max_length so small that every bundled report comes in pieces."""
    nlp = govreport_nlp.load("char")
    nlp.max_length = 1000
    return nlp


def test_a_long_line_without_sentence_ends_is_cut_at_a_clause_mark_not_inside_a_figure(nlp_char, nlp_small_pieces):
    """A scraped page may hold one line of clauses; a cut at the limit itself would split
    31.1亿斤|以上 and change its comparator, a cut at the last comma splits nothing."""
    text = "确保粮食产量保持在31.1亿斤以上，" * 120  # one line, no 。
    bounds = chunk_bounds(text, nlp_small_pieces.max_length)
    assert len(bounds) > 1 and all(text[end - 1] == "，" for _, end in bounds[:-1])
    whole = govreport_nlp.annotate(text, nlp=nlp_char, clean=False)
    pieces = govreport_nlp.annotate(text, nlp=nlp_small_pieces, clean=False)
    check_offsets(pieces)
    assert [s for s in pieces["spans"] if s["label"] == "QUANTITY"] == [
        s for s in whole["spans"] if s["label"] == "QUANTITY"
    ]


def test_chunk_bounds_cuts_at_the_limit_only_where_there_is_no_boundary():
    assert chunk_bounds("一二三四五六七八九十", 4) == [(0, 4), (4, 8), (8, 10)]
    assert chunk_bounds("一二三四五六。七八九十一二", 8) == [(0, 7), (7, 13)]  # after the 。 in its last quarter
    assert chunk_bounds("", 4) == [(0, 0)]


@pytest.mark.parametrize("path", sorted(REPORTS.glob("*.txt")), ids=lambda p: p.stem)
def test_a_document_longer_than_max_length_is_annotated_as_if_whole(nlp_char, nlp_small_pieces, path):
    """Pieces share the report's place, year and linking centre, and sections and commitments
    are decided over the whole text, so the result is the one-Doc result, offsets and all."""
    text = path.read_text(encoding="utf-8")
    assert len(chunk_bounds(text, nlp_small_pieces.max_length)) > 1
    whole = govreport_nlp.annotate(text, nlp=nlp_char, clean=False)
    pieces = govreport_nlp.annotate(text, nlp=nlp_small_pieces, clean=False)
    check_offsets(pieces)
    assert pieces["spans"] == whole["spans"]
    assert pieces["sections"] == whole["sections"]
    assert pieces["meta"] == whole["meta"]


@pytest.mark.parametrize(
    ("data", "outcome"),
    [
        (b"", "empty"),
        (b"  \r\n\xe3\x80\x80\n", "empty"),
        ("晋中市政府工作报告".encode()[:-1], "warning"),  # cut inside its last character
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "error"),
        (b"\xe6\x99\x8b\xff\xe4\xb8\xad" * 3, "error"),
    ],
)
def test_documented_outcomes_for_bad_input(nlp_char, data, outcome):
    if outcome == "error":
        with pytest.raises(InputError):
            govreport_nlp.annotate(data, nlp=nlp_char)
        return
    result = govreport_nlp.annotate(data, nlp=nlp_char)
    if outcome == "empty":
        assert result["spans"] == [] and result["sections"] == []
        assert result["meta"]["body"]["start"] == result["meta"]["body"]["end"]
    else:
        assert result["text"].endswith("\ufffd") and result["meta"]["warnings"]


def test_gbk_file_through_the_cli_records_its_encoding(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes((REPORTS / "changzhi-2023.txt").read_text(encoding="utf-8").encode("gbk"))
    result = CliRunner().invoke(app, ["annotate", str(path), "--segmenter", "char"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["meta"]["encoding"] == "gb18030" and data["text"].startswith("导航菜单")


def test_clean_command_prints_the_body_and_shows_what_it_removed():
    result = CliRunner().invoke(app, ["clean", str(REPORTS / "jinzhong-2022-news.txt"), "--show"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("我市经济社会各项事业成绩突出亮点纷呈")
    for chrome in ("山西大院资讯网", "网络编辑", "版权声明", "验证码", "Copyright"):
        assert chrome not in result.stdout
        assert chrome in result.stderr
    assert "新征程" in result.stdout  # the article's last paragraph is kept


@pytest.mark.skipif(not SHARED.exists(), reason="the shared corpus is not beside this checkout")
def test_clean_command_removes_nothing_from_a_clean_report():
    path = SHARED / "national" / "national_china_2024.txt"
    result = CliRunner().invoke(app, ["clean", str(path), "--show"])
    assert result.exit_code == 0
    assert "removed nothing" in result.stderr
    assert result.stdout.strip() == path.read_text(encoding="utf-8").strip()


def test_sections_and_report_facts_reach_the_json(nlp_char):
    data = govreport_nlp.annotate(REPORTS / "changzhi-2023.txt", nlp=nlp_char)
    assert (data["meta"]["place"], data["meta"]["year"]) == ("长治市", 2023)
    plan = [s for s in data["sections"] if s["heading"].startswith("二、2023年工作安排")]
    assert plan and plan[0]["orientation"] == "plan" and plan[0]["level"] == 1
    review = [s for s in data["sections"] if s["heading"].startswith("(五)全面推进乡村振兴战略")]
    assert review and review[0]["orientation"] == "review"
    assert govreport_nlp.doc_to_json(govreport_nlp.json_to_doc(data, nlp_char)) == data
    doc = govreport_nlp.process(nlp_char, REPORTS / "changzhi-2023.txt")
    sentences = [s.text for s in doc.sents]
    targets = [s.strip() for s in sentences if s.startswith("综合考虑各方面因素")]
    assert targets and targets[0].endswith("居民消费价格总水平涨幅控制在3%左右。")
    assert any(s._.govreport_attrs["orientation"] == "plan" for s in doc.spans["section"])
