"""`govreport_nlp.to_dataframe(docs_or_json, what)`: one call, one name and one column set
per table, the same table whether it starts from Docs, JSON or a JSONL file, and the same
rows as the CLI's CSV of that name."""

from __future__ import annotations

import io
import json

import pytest
from paths import REPORTS
from typer.testing import CliRunner

import govreport_nlp
from govreport_nlp.cli import app
from govreport_nlp.errors import ConfigError
from govreport_nlp.tables import TABLES, columns, rows
from govreport_nlp.taggers.commitments.targets import write_csv

pd = pytest.importorskip("pandas")

REPORT = REPORTS / "jinzhong-2024-plan.txt"


@pytest.fixture(scope="module")
def nlp():
    return govreport_nlp.load("char", shared=True)


@pytest.fixture(scope="module")
def docs(nlp):
    return [govreport_nlp.annotate(path, nlp=nlp, doc_id=path.name) for path in sorted(REPORTS.glob("*.txt"))]


@pytest.mark.parametrize("what", list(TABLES))
def test_each_table_has_its_columns_whatever_the_input(nlp, docs, tmp_path, what):
    jsonl = tmp_path / "docs.jsonl"
    jsonl.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    from_json = govreport_nlp.to_dataframe(docs, what)
    assert list(from_json.columns) == list(columns(what))
    assert len(from_json) > 0, f"no {what} in the bundled reports"
    pd.testing.assert_frame_equal(govreport_nlp.to_dataframe(jsonl, what), from_json)
    pd.testing.assert_frame_equal(govreport_nlp.to_dataframe(str(jsonl), what), from_json)
    one = govreport_nlp.to_dataframe(docs[0], what)
    assert list(one.columns) == list(columns(what))


def test_docs_from_the_pipeline_give_the_json_table(nlp, docs):
    text = REPORT.read_text(encoding="utf-8")
    doc = nlp(text)
    data = govreport_nlp.annotate(text, nlp=nlp)
    for what in TABLES:
        pd.testing.assert_frame_equal(govreport_nlp.to_dataframe([doc], what), govreport_nlp.to_dataframe([data], what))


def test_an_empty_input_gives_an_empty_table_with_its_columns():
    frame = govreport_nlp.to_dataframe([], "targets")
    assert frame.empty and list(frame.columns) == list(columns("targets"))


def test_an_unknown_table_is_refused_with_the_names():
    with pytest.raises(ConfigError, match="choose one of spans, places, programs, targets, outcomes"):
        govreport_nlp.to_dataframe([], "entities")


def test_the_spans_table_has_one_row_per_span_and_one_type_per_column(docs):
    frame = govreport_nlp.to_dataframe(docs, "spans")
    assert len(frame) == sum(len(d["spans"]) for d in docs)
    assert set(frame["label"]) == set(govreport_nlp.LABELS)
    assert all(isinstance(a, str) for a in frame["attrs"])
    places = frame[frame["label"] == "PLACE"]
    assert places["code"].notna().any()
    assert frame[frame["label"] != "PLACE"]["code"].isna().all()
    first = next(s for s in docs[0]["spans"])
    assert json.loads(frame.iloc[0]["attrs"]) == first["attrs"]


@pytest.mark.parametrize(("what", "command"), [
    ("targets", ["targets"]),
    ("outcomes", ["targets", "--outcomes"]),
    ("programs", ["programs"]),
])
def test_the_table_is_the_cli_csv_of_that_name(nlp, what, command):
    result = CliRunner().invoke(app, [*command, str(REPORT), "--segmenter", "char"])
    assert result.exit_code == 0, result.stderr
    data = govreport_nlp.annotate(REPORT, nlp=nlp, doc_id=str(REPORT), source=str(REPORT))
    buffer = io.StringIO()
    write_csv(rows([data], what), buffer, columns(what))
    assert buffer.getvalue() == result.stdout


# --- one name, one column set, wherever the table appears (Python, CLI CSV, Parquet) --------

#: Where each table name appears besides `to_dataframe`: the CLI command that writes it as CSV.
CLI_TABLES = {"targets": ["targets"], "outcomes": ["targets", "--outcomes"], "programs": ["programs"]}


def _parquet_schemas() -> dict:
    pytest.importorskip("pyarrow")
    from govreport_nlp.corpus.tables import SCHEMAS

    return SCHEMAS


def test_every_table_name_used_in_more_than_one_place_has_one_column_set(nlp):
    parquet = _parquet_schemas()
    places = {name: {"to_dataframe"} for name in TABLES}
    for name in parquet:
        places.setdefault(name, set()).add("parquet")
    for name in CLI_TABLES:
        places[name].add("cli")
    shared = {name for name, where in places.items() if len(where) > 1}
    assert shared == {"spans", "places", "programs", "targets", "outcomes"}
    for name in shared:
        column_sets = {"to_dataframe": columns(name)}
        if name in parquet:
            column_sets["parquet"] = tuple(parquet[name].names)
        if name in CLI_TABLES:
            result = CliRunner().invoke(app, [*CLI_TABLES[name], str(REPORT), "--segmenter", "char"])
            column_sets["cli"] = tuple(result.stdout.splitlines()[0].split(","))
        assert len(set(column_sets.values())) == 1, (name, column_sets)


def test_the_parquet_tables_hold_the_rows_of_to_dataframe(docs, tmp_path):
    pytest.importorskip("pyarrow")
    from govreport_nlp.corpus.tables import SHARED_TABLES, build_tables, read_tables

    jsonl = tmp_path / "docs.jsonl"
    jsonl.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    build_tables([jsonl], tmp_path / "tables")
    parquet = read_tables(tmp_path / "tables")
    for name in SHARED_TABLES:
        expected = rows(docs, name)
        got = parquet[name].to_pylist()
        assert len(got) == len(expected) > 0, name
        for a, b in zip(got, expected, strict=True):
            assert a == {k: float(v) if k in ("value", "min", "max") and v is not None else v for k, v in b.items()}
