"""The targets table: the 长治 2023 seed, national GDP growth targets 2008–2025, CSV and outcomes."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from govreport_nlp.annotate import process
from govreport_nlp.cli import app
from govreport_nlp.export import doc_to_json
from govreport_nlp.pipeline import blank
from govreport_nlp.taggers.commitments.targets import outcome_rows, target_rows, write_csv

ROOT = Path(__file__).resolve().parents[1]
NATIONAL = ROOT.parent / "shared" / "corpus" / "national"
CHANGZHI = ROOT / "corpus" / "reports" / "changzhi-2023.txt"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return blank("char")


# The 主要预期目标 paragraph of the 长治 2023 report: (indicator key, text, comparator, value, unit).
CHANGZHI_TARGETS = [
    ("gdp", "7%以上", ">=", 7, "%"),
    ("fixed_asset_investment", "9.5%", "=", 9.5, "%"),
    ("retail_sales", "8%", "=", 8, "%"),
    ("general_budget_revenue", "6%", "=", 6, "%"),
    ("urban_new_jobs", "4.3万人", "=", 43000, "人"),
    ("cpi", "3%左右", "≈", 3, "%"),
]


def test_changzhi_2023_targets(nlp: Language) -> None:
    text = CHANGZHI.read_text(encoding="utf-8")
    rows = target_rows(process(nlp, text, meta={"id": "changzhi-2023"}))
    headline = [r for r in rows if r["headline"]]
    got = [(r["indicator_key"], r["target_text"], r["comparator"], r["value"], r["unit"]) for r in headline]
    assert got == CHANGZHI_TARGETS
    for row in headline:
        assert text[row["start"]:row["end"]] == row["target_text"]
        assert text[row["clause_start"]:row["clause_end"]] == row["clause"]
        assert row["strength"] == "target" and row["place"] == "长治市" and row["year"] == 2023


# Each year's GDP growth target as the national report states it in its 主要预期目标 list
# (value, min, max, comparator, text). The corpus has no 2020 report: that year's report set
# no numeric growth target, so if one is added it must yield no row.
GDP_TARGETS = {
    2008: (8, None, None, "≈", "8%左右"),
    2009: (8, None, None, "≈", "8%左右"),
    2010: (8, None, None, "≈", "8％左右"),
    2011: (8, None, None, "≈", "8%左右"),
    2012: (7.5, None, None, "=", "7.5％"),
    2013: (7.5, None, None, "≈", "7.5%左右"),
    2014: (7.5, None, None, "≈", "7.5%左右"),
    2015: (7, None, None, "≈", "7%左右"),
    2016: (6.5, 6.5, 7, "=", "6.5%－7%"),
    2017: (6.5, None, None, "≈", "6.5%左右"),
    2018: (6.5, None, None, "≈", "6.5%左右"),
    2019: (6, 6, 6.5, "=", "6%－6.5%"),
    2020: None,
    2021: (6, None, None, ">=", "6%以上"),
    2022: (5.5, None, None, "≈", "5.5%左右"),
    2023: (5, None, None, "≈", "5%左右"),
    2024: (5, None, None, "≈", "5%左右"),
    2025: (5, None, None, "≈", "5%左右"),
}


@pytest.mark.parametrize("year", sorted(GDP_TARGETS))
def test_national_gdp_growth_target(nlp: Language, year: int) -> None:
    path = NATIONAL / f"national_china_{year}.txt"
    if not path.exists():
        if not NATIONAL.exists() or GDP_TARGETS[year] is None:
            pytest.skip(f"no {path.name} in the shared corpus")
        pytest.fail(f"{path} is missing")
    text = path.read_text(encoding="utf-8")
    rows = target_rows(process(nlp, text, meta={"id": path.name}))
    gdp = [r for r in rows if r["headline"] and r["indicator_key"] == "gdp" and r["unit"] == "%"]
    expected = GDP_TARGETS[year]
    if expected is None:
        assert gdp == []
        return
    assert len(gdp) == 1
    (row,) = gdp
    value, low, high, comparator, written = expected
    assert (row["value"], row["min"], row["max"], row["comparator"]) == (value, low, high, comparator)
    assert text[row["start"]:row["end"]] == written == row["target_text"]
    assert row["year"] == year


def test_rows_from_json_equal_rows_from_docs(nlp: Language) -> None:
    doc = process(nlp, CHANGZHI.read_text(encoding="utf-8"), meta={"id": "changzhi-2023"})
    assert target_rows(doc_to_json(doc)) == target_rows(doc)


def test_outcomes_in_review_sections(nlp: Language) -> None:
    text = (
        "长治市政府工作报告\n一、2023年工作回顾\n全市地区生产总值增长6.1%，城镇新增就业4.5万人。\n"
        "二、2024年工作安排\n地区生产总值增长6%左右。\n"
    )
    rows = outcome_rows(process(nlp, text, meta={"id": "demo"}))
    assert [(r["indicator_key"], r["value"], r["quantity_text"]) for r in rows] == [
        ("gdp", 6.1, "6.1%"),
        ("urban_new_jobs", 45000, "4.5万人"),
    ]


def test_csv_writer_and_cli(nlp: Language, tmp_path: Path) -> None:
    rows = target_rows(process(nlp, CHANGZHI.read_text(encoding="utf-8"), meta={"id": "c"}))
    buffer = io.StringIO()
    assert write_csv(rows, buffer) == len(rows)
    out = tmp_path / "targets.csv"
    result = CliRunner().invoke(app, ["targets", str(CHANGZHI), "--segmenter", "char", "--csv", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8") as fh:
        table = list(csv.DictReader(fh))
    assert [r["target_text"] for r in table if r["headline"] == "True"][:2] == ["7%以上", "9.5%"]
    stdout = CliRunner().invoke(app, ["targets", str(CHANGZHI), "--segmenter", "char"])
    assert stdout.exit_code == 0 and "地区生产总值" in stdout.output


def test_bad_input_is_refused() -> None:
    with pytest.raises(Exception, match="govreport-nlp/2"):
        target_rows([{"not": "a document"}])


# Share of all target rows of the 21 provincial reports with an indicator key (issue #18 asks
# for 0.60): measured 0.19 with statistical indicators only, 0.620 (613 of 988 rows) once the
# vocabulary grew from the corpus (scripts/mine_indicator_names.py): counting indicators
# (number of projects, enterprises …) and the measured noun phrases frequent among target rows.
KEYED_SHARE = 0.60
PROVINCIAL = ROOT.parent / "shared" / "corpus" / "provincial-2026"
MAIN_TARGETS = ROOT / "tests" / "data" / "provincial_2026_main_targets.tsv"
_LEAD_IN = re.compile(r"主要预期目标[是为]?[：:]")


def hand_table() -> dict[str, list[tuple[str, str | None, float, str, str]]]:
    """The hand-built table: report → (target, key, value, unit, comparator) in reading order."""
    rows: dict[str, list[tuple[str, str | None, float, str, str]]] = {}
    lines = [line for line in MAIN_TARGETS.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        rows.setdefault(row["report"], []).append(
            (row["target"], row["key"] or None, float(row["value"]), row["unit"], row["comparator"])
        )
    return rows


@pytest.mark.skipif(not PROVINCIAL.is_dir(), reason="the shared corpus is not on this machine")
@pytest.mark.parametrize("report", sorted(hand_table()))
def test_provincial_main_targets(nlp: Language, report: str) -> None:
    """Every numeric target of the report's main-targets paragraph, with key, value and comparator."""
    text = (PROVINCIAL / f"provincial_{report}_2026.txt").read_text(encoding="utf-8")
    lead = _LEAD_IN.search(text)
    assert lead is not None
    end = text.find("\n", lead.end())
    rows = [r for r in target_rows(process(nlp, text)) if lead.end() <= r["start"] < end]
    found = [(r["target_text"], r["indicator_key"], float(r["value"]), r["unit"], r["comparator"]) for r in rows]
    assert found == hand_table()[report]


@pytest.mark.skipif(not PROVINCIAL.is_dir(), reason="the shared corpus is not on this machine")
def test_most_provincial_target_rows_have_a_key(nlp: Language) -> None:
    rows = [r for path in sorted(PROVINCIAL.glob("*.txt")) for r in target_rows(process(nlp, path.read_text("utf-8")))]
    keyed = sum(1 for r in rows if r["indicator_key"]) / len(rows)
    assert keyed >= KEYED_SHARE
