"""Parquet tables from JSONL: gold data and a corpus run, queried with DuckDB and pandas as the docs show."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow")
duckdb = pytest.importorskip("duckdb")
pd = pytest.importorskip("pandas")

import govreport_nlp  # noqa: E402
from govreport_nlp.corpus.runner import SHARDS, run_corpus  # noqa: E402
from govreport_nlp.corpus.tables import SCHEMAS, build_tables, read_tables  # noqa: E402
from govreport_nlp.errors import InputError  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
GOLD = [ROOT / "corpus" / "gold" / "seeds.jsonl", ROOT / "corpus" / "gold" / "samples.jsonl"]
DOC = ROOT / "docs" / "corpus.md"


def read_docs(paths: list[Path]) -> list[dict]:
    """The gold documents as every reader sees them: upgraded from govreport-nlp/1 to /2."""
    return [govreport_nlp.upgrade(json.loads(line))
            for path in paths for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def gold_tables(tmp_path_factory) -> dict:
    dest = tmp_path_factory.mktemp("gold") / "tables"
    build_tables(GOLD, dest)
    return read_tables(dest)


def test_gold_tables_hold_every_span_with_its_attributes(gold_tables):
    docs = {d["meta"]["id"]: d for d in read_docs(GOLD)}
    spans = [s for d in docs.values() for s in d["spans"]]
    assert gold_tables["documents"].num_rows == len(docs)
    assert gold_tables["spans"].num_rows == len(spans)
    labels = Counter(s["label"] for s in spans)
    for table, label in [("places", "PLACE"), ("programs", "PROGRAM"), ("quantities", "QUANTITY")]:
        assert gold_tables[table].num_rows == labels[label] > 0
    for row in gold_tables["spans"].to_pylist():  # offsets and attributes come through unchanged
        doc = docs[row["doc_id"]]
        span = doc["spans"][row["span_id"]]
        assert doc["text"][row["start"]:row["end"]] == row["text"] == span["text"]
        assert json.loads(row["attrs"]) == span["attrs"]
    for row in gold_tables["places"].to_pylist():
        attrs = docs[row["doc_id"]]["spans"][row["span_id"]]["attrs"]
        assert {k: row[k] for k in ("kind", "level", "code", "full_name")} == {
            k: attrs.get(k) for k in ("kind", "level", "code", "full_name")
        }
    for row in gold_tables["programs"].to_pylist():
        assert row["canonical"] == docs[row["doc_id"]]["spans"][row["span_id"]]["attrs"].get("canonical")
    for row in gold_tables["quantities"].to_pylist():
        attrs = docs[row["doc_id"]]["spans"][row["span_id"]]["attrs"]
        assert row["value"] == attrs.get("value") and row["unit"] == attrs.get("unit")
        assert (row["min"], row["max"]) == (attrs.get("min"), attrs.get("max"))


def test_gold_commitments_link_each_commitment_to_its_quantity(gold_tables):
    docs = {d["meta"]["id"]: d for d in read_docs(GOLD)}
    commitments = [(i, s) for d in docs.values() for i, s in enumerate(d["spans"]) if s["label"] == "COMMITMENT"]
    expected_rows = sum(max(1, len(s["attrs"]["target"])) for _, s in commitments)
    rows = gold_tables["commitments"].to_pylist()
    assert len(rows) == expected_rows
    assert len({(r["doc_id"], r["span_id"]) for r in rows}) == len(commitments)
    linked = [r for r in rows if r["quantity_id"] is not None]
    assert linked and all(r["target_start"] is not None for r in linked)
    for row in linked:
        doc = docs[row["doc_id"]]
        quantity = doc["spans"][row["quantity_id"]]
        assert quantity["label"] == "QUANTITY"
        assert (quantity["start"], quantity["end"]) == (row["target_start"], row["target_end"])
        assert doc["text"][row["target_start"]:row["target_end"]] == row["target_text"]
        assert row["value"] == quantity["attrs"]["value"]
        assert row["indicator"] == (doc["spans"][row["span_id"]]["attrs"]["indicator"] or None)


def test_tables_have_the_documented_schema(gold_tables):
    text = DOC.read_text(encoding="utf-8")
    for name, schema in SCHEMAS.items():
        section = re.search(rf"^### {name}\n(.*?)(?=^#)", text, flags=re.S | re.M)
        assert section, f"docs/corpus.md documents no table {name}"
        documented = re.findall(r"^\| `(\w+)` \| ([\w<>]+) \|", section.group(1), flags=re.M)
        arrow = [(f.name, str(f.type).replace("list<item: string>", "list<string>")) for f in schema]
        assert documented == arrow, name
        assert gold_tables[name].schema.equals(schema)


@pytest.fixture(scope="module")
def reports_run(tmp_path_factory, nlp_char) -> Path:
    """The docs' commands on the bundled corpus: `corpus run corpus/reports --out reports-out`, then `tables`."""
    work = tmp_path_factory.mktemp("docs")
    summary = run_corpus([ROOT / "corpus" / "reports"], work / "reports-out", nlp=nlp_char, progress=False)
    assert summary.failed == 0
    build_tables([work / "reports-out"], work / "reports-out" / "tables")
    return work


def python_blocks(path: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.S)


def test_duckdb_and_pandas_examples_give_the_counts_of_the_bundled_corpus(reports_run, monkeypatch):
    with (ROOT / "corpus" / "reports" / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        bundled = list(csv.DictReader(fh, delimiter="\t"))
    docs = read_docs(sorted((reports_run / "reports-out" / SHARDS).glob("*.jsonl")))
    assert len(docs) == len(bundled)
    monkeypatch.chdir(reports_run)
    namespace: dict = {}
    (block,) = python_blocks(DOC)
    exec(compile(block, str(DOC), "exec"), namespace)

    con = namespace["con"]
    assert con.sql("SELECT count(*) FROM documents").fetchall()[0][0] == len(bundled)
    assert {r[0] for r in con.sql("SELECT doc_id FROM documents").fetchall()} == {
        str(ROOT / "corpus" / "reports" / row["file"]) for row in bundled
    }
    spans = [(d["meta"].get("year"), s) for d in docs for s in d["spans"]]
    per_year = namespace["per_year"]
    expected = Counter((year, s["label"]) for year, s in spans)
    got = {(None if pd.isna(y) else int(y), label): n for y, label, n in per_year.itertuples(index=False)}
    assert got == dict(expected) and sum(expected.values()) > 100

    by_unit = namespace["by_unit"]
    assert by_unit.to_dict() == dict(Counter(s["attrs"]["unit"] for _, s in spans if s["label"] == "QUANTITY"))

    plan_money: Counter = Counter()
    for doc in docs:
        sections = doc.get("sections") or []
        for span in doc["spans"]:
            inner = [x for x in sections if x["start"] <= span["start"] < x["end"]]
            inner.sort(key=lambda x: len(x["path"]))
            if span["label"] == "QUANTITY" and span["attrs"]["kind"] == "money" and inner \
                    and inner[-1]["orientation"] == "plan":
                plan_money[doc["meta"]["id"]] += span["attrs"]["value"] / 1e8
    money = dict(namespace["money"].itertuples(index=False))
    assert money.keys() == plan_money.keys() and plan_money
    assert all(money[k] == pytest.approx(v) for k, v in plan_money.items())

    places = sum(1 for _, s in spans if s["label"] == "PLACE")
    assert int(namespace["mentions"]["mentions"].sum()) == places
    targets = sum(len(s["attrs"]["target"]) for _, s in spans if s["label"] == "COMMITMENT")
    assert len(namespace["targets"]) == targets > 0
    commitments = sum(1 for _, s in spans if s["label"] == "COMMITMENT")
    assert int(namespace["commitments"]["commitments"].sum()) == commitments


def test_a_reannotated_file_counts_once(tmp_path, nlp_char):
    (tmp_path / "in").mkdir()
    report = tmp_path / "in" / "a.txt"
    report.write_text("今年新增就业1.2万人。", encoding="utf-8")
    run_corpus([tmp_path / "in"], tmp_path / "out", nlp=nlp_char, progress=False)
    report.write_text("今年新增就业1.5万人,完成投资500亿元。", encoding="utf-8")
    run_corpus([tmp_path / "in"], tmp_path / "out", nlp=nlp_char, progress=False)
    assert sum(1 for p in (tmp_path / "out" / SHARDS).glob("*.jsonl") for _ in p.open()) == 2
    tables = read_tables_of(tmp_path / "out")
    assert tables["documents"].num_rows == 1
    assert sorted(tables["quantities"].column("text").to_pylist()) == ["1.5万人", "500亿元"]


def read_tables_of(out: Path) -> dict:
    build_tables([out], out / "tables")
    return read_tables(out / "tables")


def test_input_that_is_not_our_json_is_refused(tmp_path):
    (tmp_path / "x.jsonl").write_text('{"text": "abc"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="not a govreport-nlp/2 document"):
        build_tables([tmp_path / "x.jsonl"], tmp_path / "tables")
    assert not list((tmp_path / "tables").iterdir())  # nothing half-written
    with pytest.raises(InputError, match="no JSONL"):
        build_tables([tmp_path / "missing"], tmp_path / "tables")


def test_cli_builds_tables_next_to_the_run(tmp_path, nlp_char):
    from typer.testing import CliRunner

    from govreport_nlp.cli import app

    run_corpus([ROOT / "corpus" / "reports" / "changzhi-2023.txt"], tmp_path / "out", nlp=nlp_char, progress=False)
    result = CliRunner().invoke(app, ["corpus", "tables", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out" / "tables").iterdir()) == sorted(f"{n}.parquet" for n in SCHEMAS)
    assert pa.parquet.read_table(tmp_path / "out" / "tables" / "documents.parquet").num_rows == 1
