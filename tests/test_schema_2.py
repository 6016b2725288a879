"""`govreport-nlp/2`: one type per attribute, exact decimals, a QUANTITY knows its COMMITMENT,
and `govreport-nlp/1` still read by every reader (`upgrade`, `govreport-nlp migrate`)."""

from __future__ import annotations

import json
from decimal import Context, Decimal
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import NATIONAL, needs_shared
from typer.testing import CliRunner

import govreport_nlp
from govreport_nlp.cli import app
from govreport_nlp.doc.attrs import FIELDS, canonical_attrs, exact_number
from govreport_nlp.errors import SchemaError
from govreport_nlp.evaluate import read_jsonl
from govreport_nlp.export.json_doc import json_copy

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "corpus" / "gold"
runner = CliRunner()

#: (report, figure as written, the exact value) — figures the /1 release wrote with float noise.
EXACT_VALUES = [
    ("corpus/reports/changzhi-2023.txt", "581.7亿元", 58170000000),  # was 58170000000.00001
    ("national_china_2003.txt", "8.7万亿元", 8700000000000),  # was 8699999999999.999
    ("national_china_1988.txt", "１５３．８亿美元", 15380000000),  # full-width digits; was 15380000000.000002
]


def _national(name: str) -> Path:
    return next(p for p in NATIONAL if p.name == name)


def _path(name: str) -> Path:
    return ROOT / name if name.startswith("corpus/") else _national(name)


@pytest.mark.parametrize(
    ("value", "exact"),
    [
        (58170000000.00001, 58170000000),
        (8699999999999.999, 8700000000000),
        (0.30000000000000004, 0.3),
        (4.3, 4.3),
        (31.1 * 1e8, 3110000000),
        (100 / 3, 33.3333333333333),  # no finite decimal: 15 significant digits
        (7, 7),
        (None, None),
        (True, True),
        (5.5, 5.5),  # short decimals and integral floats: read off their shortest text
        (-3.25, -3.25),
        (240.0, 240),
        (123456789012345.0, 123456789012345),
        (1e16, 10000000000000000),  # written 1e+16: through the decimal
        (1e-05, 1e-05),
        (float("inf"), float("inf")),
    ],
)
def test_exact_number_gives_the_decimal_a_report_writes(value, exact):
    assert exact_number(value) == exact and type(exact_number(value)) is type(exact)


def _through_decimal(value: float) -> int | float:
    decimal = Context(prec=15).create_decimal(repr(value))
    return int(decimal) if decimal == decimal.to_integral_value() else float(decimal)


@settings(max_examples=500, deadline=None)
@given(
    st.floats(allow_nan=False, allow_infinity=False)
    | st.decimals(places=4, min_value=-(10**9), max_value=10**9).map(float)  # figures as reports write them
)
def test_exact_number_is_the_15_digit_decimal_of_any_float(value):
    exact = exact_number(value)
    assert exact == _through_decimal(value) and type(exact) is type(_through_decimal(value))


@needs_shared
@pytest.mark.parametrize(("report", "figure", "value"), EXACT_VALUES)
def test_values_are_exact_decimals_in_json_text(nlp_char, report, figure, value):
    data = govreport_nlp.annotate(_path(report), nlp=nlp_char)
    (quantity,) = [s for s in data["spans"] if s["label"] == "QUANTITY" and s["text"] == figure][:1]
    assert quantity["attrs"]["value"] == value
    line = json.dumps(quantity["attrs"])
    assert json.loads(line, parse_float=Decimal)["value"] == Decimal(value)
    assert f'"value": {value}' in line  # the digits themselves, no float noise


@needs_shared
def test_every_output_of_the_corpus_validates_against_the_published_schema(nlp_char):
    """jsonschema against docs/schema.json, on the bundled reports and a spread of national ones."""
    published = json.loads((ROOT / "docs" / "schema.json").read_text(encoding="utf-8"))
    files = sorted((ROOT / "corpus" / "reports").glob("*.txt")) + NATIONAL[::6]
    seen: dict[tuple[str, str], set[str]] = {}
    for data in govreport_nlp.annotate_many([(p, {"id": p.name}) for p in files], nlp_char):
        jsonschema.validate(data, published)
        govreport_nlp.validate(data)  # and what JSON Schema cannot say: offsets, exactness, links
        for span in data["spans"]:
            assert set(FIELDS[span["label"]]) <= set(span["attrs"]), span
            for key, value in span["attrs"].items():
                number = isinstance(value, (int, float)) and not isinstance(value, bool)
                kind = "null" if value is None else "number" if number else type(value).__name__
                seen.setdefault((span["label"], key), set()).add(kind)
    mixed = {field: kinds - {"null"} for field, kinds in seen.items() if len(kinds - {"null"}) > 1}
    assert not mixed, f"attributes with more than one type: {mixed}"
    assert seen[("COMMITMENT", "target")] == {"list"} and seen[("COMMITMENT", "indicator")] == {"list"}


# --- a QUANTITY knows its COMMITMENT, both ways ------------------------------------------------

#: Sentences of the national reports: (sentence, COMMITMENT clause, its target quantities).
LINKED = [
    ("今年发展主要预期目标是：国内生产总值增长5%左右；城镇调查失业率5.5%左右，城镇新增就业1200万人以上；",
     "国内生产总值增长5%左右", ["5%左右"]),
    ("今年发展主要预期目标是：国内生产总值增长5%左右；城镇调查失业率5.5%左右，城镇新增就业1200万人以上；",
     "城镇新增就业1200万人以上", ["1200万人以上"]),
]


def _plan(sentence: str) -> str:
    return f"二、2025年政府工作任务\n{sentence}\n"


@pytest.mark.parametrize(("sentence", "clause", "targets"), LINKED)
def test_a_quantity_knows_the_commitment_it_is_the_target_of(nlp_char, sentence, clause, targets):
    text = _plan(sentence)
    doc = nlp_char(text)
    (commitment,) = [s for s in doc.spans["commitment"] if s.text == clause]
    assert [q.text for q in commitment._.govreport_targets] == targets
    for quantity in commitment._.govreport_targets:
        assert quantity._.govreport_commitment == commitment
    data = govreport_nlp.doc_to_json(doc)
    (c,) = [s for s in data["spans"] if s["label"] == "COMMITMENT" and s["text"] == clause]
    ref = {"start": c["start"], "end": c["end"], "text": c["text"]}
    linked = [s for s in data["spans"] if s["label"] == "QUANTITY" and s["attrs"]["commitment"] == ref]
    assert [q["text"] for q in linked] == [t["text"] for t in c["attrs"]["target"]] == targets


@needs_shared
def test_links_agree_both_ways_on_a_whole_national_report(nlp_char):
    data = govreport_nlp.annotate(_national("national_china_2025.txt"), nlp=nlp_char)
    spans = {(s["label"], s["start"], s["end"]): s for s in data["spans"]}
    targets = 0
    for span in data["spans"]:
        if span["label"] == "COMMITMENT":
            for ref in span["attrs"]["target"]:
                quantity = spans[("QUANTITY", ref["start"], ref["end"])]
                assert quantity["attrs"]["commitment"] == {k: span[k] for k in ("start", "end", "text")}
                targets += 1
        elif span["label"] == "QUANTITY" and span["attrs"]["commitment"]:
            owner = spans[("COMMITMENT", span["attrs"]["commitment"]["start"], span["attrs"]["commitment"]["end"])]
            assert (span["start"], span["end"]) in {(r["start"], r["end"]) for r in owner["attrs"]["target"]}
    assert targets > 20
    unlinked = [s for s in data["spans"] if s["label"] == "QUANTITY" and s["attrs"]["commitment"] is None]
    assert unlinked  # review figures are no one's target


# --- govreport-nlp/1 stays readable ------------------------------------------------------------


def test_the_gold_set_is_govreport_nlp_1_and_every_reader_upgrades_it():
    first = json.loads((GOLD / "dev.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first["schema"] == "govreport-nlp/1"
    docs = read_jsonl(GOLD / "dev.jsonl")
    assert {d["schema"] for d in docs} == {"govreport-nlp/2"}
    for data in docs:
        govreport_nlp.validate(data)
    assert govreport_nlp.upgrade(docs[0]) is docs[0]  # a /2 document comes back as it is


@pytest.mark.parametrize(
    ("label", "v1", "v2"),
    [
        ("COMMITMENT", {"strength": "binding", "indicator": "粮食产量", "indicator_key": "grain_output",
                        "target": {"start": 9, "end": 17, "text": "31.1亿斤以上"}},
         {"strength": "binding", "indicator": ["粮食产量"], "indicator_key": ["grain_output"],
          "target": [{"start": 9, "end": 17, "text": "31.1亿斤以上"}], "deadline": None, "headline": False,
          "section": []}),
        ("COMMITMENT", {"strength": "plan", "indicator": None},
         {"strength": "plan", "indicator": [], "indicator_key": [], "target": [], "deadline": None,
          "headline": False, "section": []}),
        ("COMMITMENT", {"strength": "target", "indicator": ["地区生产总值", "城镇新增就业"], "indicator_key": "gdp"},
         {"strength": "target", "indicator": ["地区生产总值", "城镇新增就业"], "indicator_key": ["gdp", "gdp"],
          "target": [], "deadline": None, "headline": False, "section": []}),
        ("QUANTITY", {"value": 58170000000.00001, "unit": "元", "comparator": "=", "kind": "money", "change": "none"},
         {"value": 58170000000, "unit": "元", "comparator": "=", "kind": "money", "change": "none", "min": None,
          "max": None, "terms": []}),
        ("PLACE", {"kind": "natural"},
         {"kind": "natural", "code": None, "level": None, "full_name": None, "candidates": []}),
        ("PROGRAM", {"canonical": "乡村振兴", "source": "user"},
         {"canonical": "乡村振兴", "title": None, "source": "user"}),  # an attribute of the user's is kept
    ],
)
def test_each_attribute_of_govreport_nlp_1_has_its_one_shape_in_2(label, v1, v2):
    assert canonical_attrs(label, v1) == v2
    assert canonical_attrs(label, v2) == v2  # and the shape is stable
    # the export's copy in the same pass: the same shape, and no list or object shared with the Doc's
    copied = canonical_attrs(label, v1, copy=json_copy)
    assert copied == v2
    assert not _shared(copied, v1)


def _shared(a: object, b: object) -> bool:
    """Whether a list or dict inside `a` is also inside `b` (the same object)."""
    inside = {id(x) for x in _containers(b)}
    return any(id(x) in inside for x in _containers(a))


def _containers(value: object) -> list[object]:
    if isinstance(value, dict):
        return [value, *(c for v in value.values() for c in _containers(v))]
    if isinstance(value, (list, tuple)):
        return [value, *(c for v in value for c in _containers(v))]
    return []


def test_an_unreadable_govreport_nlp_1_document_says_what_is_wrong():
    with pytest.raises(SchemaError, match="cannot be upgraded: spans"):
        govreport_nlp.upgrade({"schema": "govreport-nlp/1", "text": "", "meta": {}, "spans": "none"})


def test_migrate_rewrites_a_file_and_evaluate_reads_either(tmp_path):
    result = runner.invoke(app, ["migrate", str(GOLD / "seeds.jsonl"), "--out", str(tmp_path / "seeds.jsonl")])
    assert result.exit_code == 0, result.output
    migrated = [json.loads(line) for line in (tmp_path / "seeds.jsonl").read_text(encoding="utf-8").splitlines()]
    assert migrated == read_jsonl(GOLD / "seeds.jsonl") and {d["schema"] for d in migrated} == {"govreport-nlp/2"}
    # the same documents in either schema score the same against each other: perfectly
    old, new = GOLD / "seeds.jsonl", tmp_path / "seeds.jsonl"
    for gold, pred in ((old, new), (new, old)):
        scored = runner.invoke(app, ["evaluate", str(gold), "--pred", str(pred), "--json"])
        assert scored.exit_code == 0, scored.output
        labels = [label for split in json.loads(scored.output)["splits"].values()
                  for label in split["labels"].values()]
        assert labels and all(label["exact"]["f1"] == 1.0 for label in labels)
        assert all(a["accuracy"] == 1.0 for label in labels for a in label["attributes"].values() if a["total"])


def test_migrate_refuses_what_is_not_a_document(tmp_path):
    (tmp_path / "x.jsonl").write_text('{"schema": "govreport-nlp/0", "text": ""}\n', encoding="utf-8")
    result = runner.invoke(app, ["migrate", str(tmp_path / "x.jsonl")])
    assert result.exit_code == 2 and "G003" in result.output
