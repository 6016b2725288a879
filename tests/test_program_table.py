"""Corpus summaries of programmes: rows per mention, the per-year table, the `programs` command."""

from __future__ import annotations

import csv
import io
import json

import pytest
from paths import NATIONAL, REPORTS, ROOT, needs_shared
from spacy.language import Language
from typer.testing import CliRunner

from govreport_nlp.annotate import process
from govreport_nlp.cli import app
from govreport_nlp.errors import InputError
from govreport_nlp.ingest.normalize import normalize
from govreport_nlp.ingest.prepare import load_source
from govreport_nlp.pipeline import blank
from govreport_nlp.taggers.programs.rules import default_lexicon
from govreport_nlp.taggers.programs.table import (
    ROW_FIELDS,
    YEAR_FIELDS,
    program_rows,
    program_years,
    programs_by_year,
    tracked_names,
    with_program_tagger,
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return with_program_tagger(blank("char"))


def test_with_program_tagger_adds_it_once_before_ents(nlp: Language) -> None:
    names = nlp.pipe_names
    assert names.count("govreport_programs") == 1
    assert names.index("govreport_programs") < names.index("govreport_ents")
    assert with_program_tagger(nlp).pipe_names == names


def test_rows_from_a_doc(nlp: Language) -> None:
    text = (REPORTS / "changzhi-2023.txt").read_text(encoding="utf-8")
    doc = process(nlp, text, meta={"id": "changzhi-2023"})
    rows = program_rows([doc])
    assert rows and all(tuple(row) == ROW_FIELDS for row in rows)
    for row in rows:
        assert text[row["start"]:row["end"]] == row["text"]  # offsets into the user's text
        assert row["doc_id"] == "changzhi-2023"
        assert row["year"] == 2023
        assert row["orientation"] in ("review", "plan", None)
    by_text = {row["text"]: row for row in rows}
    assert by_text["四好农村路"]["orientation"] == "review"
    assert by_text["碳达峰长治行动"]["canonical"] == "碳达峰长治"


def test_rows_from_json_take_the_year_from_the_id() -> None:
    lines = (ROOT / "corpus" / "gold" / "samples.jsonl").read_text(encoding="utf-8").splitlines()
    record = next(json.loads(line) for line in lines if '"national_china_1964@' in line)
    rows = program_rows([record])
    assert [row["text"] for row in rows] == ["三自一包", "包产到户", "三和一少", "社会主义建设总路线"]
    assert {row["year"] for row in rows} == {1964}
    assert {row["orientation"] for row in rows} == {None}  # a sample paragraph has no sections


def test_rows_reject_other_input() -> None:
    with pytest.raises(InputError, match="govreport-nlp/2"):
        program_rows([{"text": "no spans"}])


def test_programs_by_year_counts_and_ranks() -> None:
    rows = [
        {"doc_id": "a", "year": 2024, "canonical": "乡村振兴战略"},
        {"doc_id": "a", "year": 2024, "canonical": "乡村振兴战略"},
        {"doc_id": "b", "year": 2024, "canonical": "双减"},
        {"doc_id": "b", "year": 2024, "canonical": "一网通办"},
        {"doc_id": "c", "year": 2023, "canonical": "双减"},
        {"doc_id": "d", "year": None, "canonical": "双减"},
    ]
    table = programs_by_year(rows, top=2)
    assert [tuple(row) for row in table] == [YEAR_FIELDS, YEAR_FIELDS]
    assert table[0] == {"year": 2023, "reports": 1, "mentions": 1, "programs": 1, "top": "双减×1"}
    assert table[1] == {"year": 2024, "reports": 2, "mentions": 4, "programs": 3, "top": "乡村振兴战略×2; 一网通办×1"}


def test_programs_command_by_year() -> None:
    result = CliRunner().invoke(app, ["programs", str(REPORTS), "--segmenter", "char", "--by-year", "--top", "3"])
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(table[0]) == YEAR_FIELDS
    by_year = {int(row["year"]): row for row in table}
    assert int(by_year[2023]["mentions"]) > 10
    assert [int(row["year"]) for row in table] == sorted(by_year)


def test_programs_command_rows_to_csv(tmp_path) -> None:
    out = tmp_path / "programs.csv"
    path = REPORTS / "changzhi-2023.txt"
    result = CliRunner().invoke(app, ["programs", str(path), "--segmenter", "char", "--csv", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert tuple(rows[0]) == ROW_FIELDS
    assert {"双减", "乙类乙管", "中医药强市战略"} <= {row["canonical"] for row in rows}


def test_programs_by_year_tracks_programmes_in_columns() -> None:
    rows = [
        {"doc_id": "a", "year": 2017, "canonical": "河长制"},
        {"doc_id": "b", "year": 2018, "canonical": "乡村振兴战略"},
        {"doc_id": "b", "year": 2018, "canonical": "河长制"},
    ]
    table = programs_by_year(rows, top=1, track=["河长制", "千万工程"])
    assert [(row["year"], row["河长制"], row["千万工程"]) for row in table] == [(2017, 1, 0), (2018, 1, 0)]
    assert program_years(rows) == {"河长制": [2017, 2018], "乡村振兴战略": [2018]}
    # a user may type any of a programme's names
    typed = ["乡村振兴", "千村示范万村整治工程", "河长制", "乡村振兴战略"]
    assert tracked_names(typed) == ["乡村振兴战略", "千万工程", "河长制"]


def test_programs_command_tracks_programmes() -> None:
    args = ["programs", str(REPORTS), "--segmenter", "char", "--by-year", "--track", "乡村振兴", "--track", "双减"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(table[0]) == (*YEAR_FIELDS, "乡村振兴战略", "双减")
    by_year = {int(row["year"]): row for row in table}
    assert int(by_year[2024]["乡村振兴战略"]) >= 1 and int(by_year[2023]["双减"]) >= 1


# Long-lived programmes and the first national report (of the 52, 1954–2025) that names them.
FIRST_YEARS = [("河长制", 2017), ("精准扶贫", 2014), ("乡村振兴战略", 2018), ("千万工程", 2024),
               ("西部大开发战略", 2001), ("全国统一大市场", 2022)]


@pytest.fixture(scope="module")
def national_years(nlp: Language) -> dict[str, list[int]]:
    docs = []
    for path in NATIONAL:
        text, _ = load_source(path)
        docs.append(process(nlp, text, meta={"id": path.stem}))
    return program_years(program_rows(docs))


@pytest.mark.slow
@needs_shared
@pytest.mark.parametrize(("programme", "first"), FIRST_YEARS)
def test_first_years_of_long_lived_programmes(national_years: dict[str, list[int]], programme: str, first: int) -> None:
    """The tagger's first year of a programme is the first report whose text names it."""
    assert national_years[programme][0] == first
    names = next(e.names for e in default_lexicon() if e.canonical == programme)
    texts = {int(p.stem.rsplit("_", 1)[-1]): normalize(load_source(p)[0]).text.replace("“", "").replace("”", "")
             for p in NATIONAL}
    assert any(name in texts[first] for name in names)
    assert not any(name in text for year, text in texts.items() if year < first for name in names)
