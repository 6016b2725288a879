"""Labeling-tool formats without servers: Label Studio, doccano, brat, CoNLL and DocBin round trips.

The documents are the gold set (all four layers with their attributes) and one made to
break offsets: characters outside the Basic Multilingual Plane (𠮷, emoji) before the
spans, CRLF line ends, full-width and double spaces, Traditional script.
"""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import govreport_nlp
from govreport_nlp import validate
from govreport_nlp.cli import app
from govreport_nlp.errors import OffsetError
from govreport_nlp.evaluate import read_jsonl
from govreport_nlp.export import brat, conll, docbin, doccano, label_studio
from govreport_nlp.export.json_doc import text_sha256

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "corpus" / "gold"
runner = CliRunner()

TRICKY_TEXT = (
    "𠮷野家😀報告\r\n"
    "　　一、確保糧食產量保持在31.1億斤以上，晉中市  新建“百鄉千村”治理行動。\r\n"
    "😀😀 力爭太原GDP增長5%左右、城鎮新增就業4.5萬人。\r\n"
)


def _span(text: str, label: str, needle: str, attrs: dict[str, Any], after: int = 0) -> dict[str, Any]:
    start = text.index(needle, after)
    return {"label": label, "start": start, "end": start + len(needle), "text": needle, "attrs": attrs}


def _ref(span: dict[str, Any]) -> dict[str, Any]:
    return {"start": span["start"], "end": span["end"], "text": span["text"]}


def tricky_document() -> dict[str, Any]:
    """A document whose offsets differ in code points and UTF-16 units, with every layer and attribute kind."""
    text = TRICKY_TEXT
    grain = _span(text, "QUANTITY", "31.1億斤以上", {"value": 3110000000, "unit": "斤", "comparator": ">=",
                                                  "kind": "measure", "change": "none"})
    growth = _span(text, "QUANTITY", "5%左右", {"value": 5, "unit": "%", "comparator": "≈", "kind": "percent",
                                              "change": "increase"})
    jobs = _span(text, "QUANTITY", "4.5萬人", {"value": 45000, "unit": "人", "comparator": "=", "kind": "count",
                                             "change": "increase"})
    spans = [
        grain, growth, jobs,
        _span(text, "COMMITMENT", "確保糧食產量保持在31.1億斤以上",
              {"strength": "binding", "indicator": "粮食产量", "target": _ref(grain)}),
        _span(text, "COMMITMENT", "晉中市  新建“百鄉千村”治理行動", {"strength": "plan", "indicator": None}),
        _span(text, "COMMITMENT", "力爭太原GDP增長5%左右、城鎮新增就業4.5萬人",
              {"strength": "target", "indicator": ["地区生产总值", "城镇新增就业"],
               "target": [_ref(growth), _ref(jobs)], "deadline": "今年"}),
        _span(text, "PLACE", "晉中市", {"kind": "admin", "level": "prefecture", "full_name": "山西省晋中市",
                                      "code": "140700"}),
        _span(text, "PLACE", "太原", {"kind": "admin", "level": "prefecture", "full_name": "山西省太原市",
                                     "code": "140100"}),
        _span(text, "PROGRAM", "百鄉千村", {"canonical": "百乡千村", "title": "百乡千村治理行动"}),
        _span(text, "PLACE", "𠮷野家", {"kind": "site", "code": None}),
    ]
    order = ["PLACE", "PROGRAM", "QUANTITY", "COMMITMENT"]
    spans.sort(key=lambda s: (s["start"], s["end"], order.index(s["label"])))
    data = {"schema": "govreport-nlp/1", "text": text,
            "meta": {"id": "tricky", "source": None, "sha256": text_sha256(text), "script": "traditional"},
            "spans": spans}
    data = govreport_nlp.upgrade(data)  # written in the /1 shape: the migration is part of what is tested
    validate(data)
    return data


def gold_documents() -> list[dict[str, Any]]:
    return read_jsonl(GOLD)


@pytest.fixture(scope="module")
def documents() -> list[dict[str, Any]]:
    return [*gold_documents(), tricky_document()]


def test_tricky_document_offsets_differ_between_code_points_and_utf16():
    data = tricky_document()
    units = doccano.Utf16Offsets(data["text"])
    assert all(units.to_utf16(s["start"]) > s["start"] for s in data["spans"] if s["start"] > 0)
    assert "\r\n" in data["text"] and "　" in data["text"] and "  " in data["text"]


# --- Label Studio ---------------------------------------------------------------------------------


def _as_annotated(tasks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Tasks as Label Studio exports them after someone accepted each prediction unchanged."""
    out = copy.deepcopy(tasks)
    for number, task in enumerate(out, 1):
        task["id"] = number
        task["annotations"] = [{"id": number, "was_cancelled": False, "result": task["predictions"][0]["result"]}]
    return out


def test_label_studio_round_trip_is_exact(documents):
    tasks = label_studio.to_label_studio(documents)
    assert label_studio.from_label_studio(_as_annotated(tasks)) == documents


def test_label_studio_tasks_keep_code_point_offsets(documents):
    task = label_studio.to_label_studio([tricky_document()])[0]
    text = task["data"]["text"]
    regions = [r for r in task["predictions"][0]["result"] if r["type"] == "labels"]
    assert len(regions) == len(tricky_document()["spans"])
    for region in regions:
        assert text[region["value"]["start"]:region["value"]["end"]] == region["value"]["text"]
    assert task["predictions"][0]["model_version"].startswith("govreport-nlp")


def test_label_studio_config_declares_every_field_and_choice(documents):
    config = ET.fromstring(label_studio.labeling_config())
    tags = {el.get("name"): el for el in config.iter() if el.get("name")}
    for task in label_studio.to_label_studio(documents):
        for item in task["predictions"][0]["result"]:
            if item["type"] == "relation":
                assert item["labels"][0] in {el.get("value") for el in config.iter("Relation")}
                continue
            tag = tags[item["from_name"]]
            if item["type"] == "choices":
                assert item["value"]["choices"][0] in {c.get("value") for c in tag.iter("Choice")}
            if item["type"] == "labels":
                assert item["value"]["labels"][0] in {c.get("value") for c in tag.iter("Label")}
            assert tag.tag == {"labels": "Labels", "choices": "Choices", "textarea": "TextArea"}[item["type"]]


def test_label_studio_import_applies_corrections():
    data = tricky_document()
    task = _as_annotated(label_studio.to_label_studio([data]))[0]
    result = task["annotations"][0]["result"]
    region_of = {(r["value"]["text"]): r["id"] for r in result if r["type"] == "labels"}
    removed = region_of["太原"]
    grain = region_of["31.1億斤以上"]
    result[:] = [r for r in result if r.get("id") != removed]
    for r in result:
        if r.get("id") == grain and r["from_name"] == "quantity_comparator":
            r["value"]["choices"] = [">"]
    text = data["text"]
    start = text.index("報告")
    # an annotator's selection with half of the line break after it
    result.append({"id": "new1", "from_name": "label", "to_name": "text", "type": "labels",
                   "value": {"start": start, "end": start + 3, "text": text[start:start + 3], "labels": ["PROGRAM"]}})
    doc = label_studio.from_label_studio([task])[0]
    by_text = {s["text"]: s for s in doc["spans"]}
    assert "太原" not in by_text
    assert by_text["31.1億斤以上"]["attrs"]["comparator"] == ">"
    assert by_text["報告"] == {"label": "PROGRAM", "start": start, "end": start + 2, "text": "報告",
                                 "attrs": {"canonical": None, "title": None}}  # a new span: no values yet
    # the relation still points at the corrected quantity
    assert [t["text"] for t in by_text["確保糧食產量保持在31.1億斤以上"]["attrs"]["target"]] == ["31.1億斤以上"]


def test_label_studio_import_refuses_a_region_whose_text_disagrees():
    task = _as_annotated(label_studio.to_label_studio([tricky_document()]))[0]
    region = next(r for r in task["annotations"][0]["result"] if r["type"] == "labels")
    region["value"]["start"] += 1
    with pytest.raises(OffsetError):
        label_studio.from_label_studio([task])


def test_label_studio_skips_unannotated_tasks_unless_asked():
    tasks = label_studio.to_label_studio([tricky_document()])
    assert label_studio.from_label_studio(tasks) == []
    assert label_studio.from_label_studio(tasks, use_predictions=True) == [tricky_document()]


# --- every exporter checks offsets before writing -----------------------------------------------------


EXPORTERS = {
    "label-studio": lambda d, tmp: label_studio.to_label_studio([d]),
    "doccano": lambda d, tmp: doccano.to_doccano(d),
    "brat": lambda d, tmp: brat.write_brat(d, tmp),
    "conll": lambda d, tmp: conll.to_conll(d),
    "docbin": lambda d, tmp: docbin.to_docbin([d]),
}


@pytest.mark.parametrize("name", sorted(EXPORTERS))
def test_exporter_refuses_a_span_whose_offsets_miss_its_text(name, tmp_path):
    data = tricky_document()
    data["spans"][1]["start"] += 1
    with pytest.raises(OffsetError):
        EXPORTERS[name](data, tmp_path)
    assert not list(tmp_path.iterdir())


# --- doccano --------------------------------------------------------------------------------------


@pytest.mark.parametrize("relations", [False, True])
def test_doccano_round_trip_is_exact(documents, relations, tmp_path):
    path = tmp_path / "doccano.jsonl"
    doccano.write_doccano(documents, path, relations=relations)
    assert doccano.read_doccano(path) == documents


def test_doccano_counts_utf16_units_and_every_line_has_the_same_meta(documents):
    lines = [doccano.to_doccano(d) for d in documents]
    assert {frozenset(line) for line in lines} == {frozenset({"text", "label", *doccano.META_KEYS})}
    tricky = doccano.to_doccano(tricky_document())
    encoded = tricky["text"].encode("utf-16-le")
    for (start, end, _), span in zip(tricky["label"], tricky_document()["spans"], strict=True):
        assert encoded[2 * start:2 * end].decode("utf-16-le") == span["text"]
        assert (start, end) != (span["start"], span["end"])


def test_doccano_relations_link_commitments_to_their_targets():
    line = doccano.to_doccano(tricky_document(), relations=True)
    entities = {e["id"]: e for e in line["entities"]}
    pairs = {(entities[r["from_id"]]["label"], entities[r["to_id"]]["label"]) for r in line["relations"]}
    assert pairs == {("COMMITMENT", "QUANTITY")} and len(line["relations"]) == 3


def test_doccano_import_refuses_an_offset_inside_a_surrogate_pair():
    line = doccano.to_doccano(tricky_document())
    line["label"] = [[1, 3, "PLACE"]]  # 1 is between the two halves of 𠮷
    with pytest.raises(OffsetError):
        doccano.from_doccano_line(line)


def test_doccano_import_keeps_attributes_of_unchanged_spans_only():
    line = doccano.to_doccano(tricky_document())
    units = doccano.Utf16Offsets(TRICKY_TEXT)
    start = TRICKY_TEXT.index("晉中市")
    line["label"] = [item for item in line["label"] if item[2] != "PLACE"]
    line["label"].append([units.to_utf16(start), units.to_utf16(start + 2), "PLACE"])  # narrowed to 晉中
    doc = doccano.from_doccano_line(line)
    places = [s for s in doc["spans"] if s["label"] == "PLACE"]
    assert places == [{"label": "PLACE", "start": start, "end": start + 2, "text": "晉中",
                       "attrs": {"kind": None, "code": None, "level": None, "full_name": None, "candidates": []}}]
    kept = next(s for s in doc["spans"] if s["text"] == "31.1億斤以上")
    assert kept["attrs"]["value"] == 3110000000


# --- brat -----------------------------------------------------------------------------------------


def test_brat_round_trip_is_exact_and_keeps_crlf(documents, tmp_path):
    for data in documents:
        ann = brat.write_brat(data, tmp_path)
        assert brat.read_brat(ann, meta=data["meta"]) == data
    assert (tmp_path / "tricky.txt").read_bytes() == TRICKY_TEXT.encode("utf-8")


def test_brat_writes_attributes_normalisations_notes_and_relations():
    _, ann = brat.to_brat(tricky_document())
    kinds = {line.split("\t")[1].split(" ")[0] for line in ann.splitlines()}
    assert {"PLACE", "place_kind", "quantity_comparator", "commitment_strength", "Reference", "AnnotatorNotes",
            "target"} <= kinds
    assert "\tReference T" in ann and "GB2260:140700\t山西省晋中市" in ann
    conf = brat.annotation_conf()
    assert "quantity_comparator\tArg:QUANTITY, Value:=|>=|>|<=|<|≈" in conf


def test_brat_splits_a_span_across_a_line_break_into_fragments(tmp_path):
    text = "确保粮食\r\n产量稳定"
    data = {"schema": "govreport-nlp/1", "text": text, "meta": {"id": "crlf", "sha256": text_sha256(text)},
            "spans": [{"label": "COMMITMENT", "start": 0, "end": 10, "text": text, "attrs": {"strength": "binding"}}]}
    _, ann = brat.to_brat(data)
    assert ann.splitlines()[0] == "T1\tCOMMITMENT 0 4;6 10\t确保粮食 产量稳定"
    assert brat.read_brat(brat.write_brat(data, tmp_path), meta=data["meta"]) == govreport_nlp.upgrade(data)


# --- CoNLL ----------------------------------------------------------------------------------------


def _spans(data: dict[str, Any]) -> list[tuple[str, int, int, str]]:
    return [(s["label"], s["start"], s["end"], s["text"]) for s in data["spans"]]


def test_conll_round_trip_restores_every_span(documents):
    text = "\n".join(conll.to_conll(d) for d in documents)
    back = conll.from_conll(text, {d["meta"]["id"]: d["text"] for d in documents})
    assert [_spans(d) for d in back] == [_spans(d) for d in documents]


def test_conll_has_one_token_per_character_and_one_column_per_layer():
    rows = [line.split("\t") for line in conll.to_conll(tricky_document()).splitlines()
            if line and not line.startswith("#")]
    assert all(len(row) == 5 and len(row[0]) == 1 and not row[0].isspace() for row in rows)
    chars = "".join(row[0] for row in rows)
    assert chars == "".join(ch for ch in TRICKY_TEXT if not ch.isspace())
    tags = {row[0]: row[1:] for row in rows}
    assert tags["晉"] == ["B-PLACE", "O", "O", "B-COMMITMENT"]


def test_conll_without_the_text_rebuilds_one_from_the_tokens():
    back = conll.from_conll(conll.to_conll(tricky_document()))[0]
    assert [s["text"] for s in back["spans"]] == [
        s["text"].replace(" ", "").replace("　", "") for s in tricky_document()["spans"]
    ]


def test_conll_labels_option_writes_one_layer():
    text = conll.to_conll(tricky_document(), labels=["QUANTITY"])
    back = conll.from_conll(text, {"tricky": TRICKY_TEXT})[0]
    assert {s["label"] for s in back["spans"]} == {"QUANTITY"}


# --- DocBin ---------------------------------------------------------------------------------------


def test_docbin_round_trip_is_exact(documents, tmp_path):
    path = tmp_path / "docs.spacy"
    assert docbin.write_docbin(documents, path) == len(documents)
    assert docbin.read_docbin(path) == documents


def test_docbin_round_trip_of_pipeline_output(nlp_char):
    data = govreport_nlp.annotate(ROOT / "corpus" / "reports" / "changzhi-2023.txt", nlp=nlp_char)
    assert data["spans"]
    assert docbin.from_docbin(docbin.to_docbin([data], nlp_char)) == [data]


# --- the command line -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["label-studio", "doccano", "doccano-relations", "brat", "conll", "docbin"])
def test_cli_export_then_import_scores_perfectly(fmt, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(tricky_document(), ensure_ascii=False) + "\n", encoding="utf-8")
    exported = tmp_path / ("brat" if fmt == "brat" else f"out.{fmt}")
    result = runner.invoke(app, ["export", str(source), "--format", fmt, "--out", str(exported)])
    assert result.exit_code == 0, result.output
    back_format = "doccano" if fmt == "doccano-relations" else fmt
    corrected = tmp_path / "corrected" / "back.jsonl"
    args = ["export", str(exported), "--from", back_format, "--out", str(corrected), "--original", str(source)]
    if fmt == "label-studio":
        args.append("--use-predictions")
        assert (tmp_path / f"out.{fmt}").with_suffix(".label_config.xml").exists()
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    back = read_jsonl(corrected.parent)
    assert [_spans(d) for d in back] == [_spans(tricky_document())]
    result = runner.invoke(app, ["evaluate", str(source), "--pred", str(corrected), "--json"])
    assert result.exit_code == 0, result.output
    labels = json.loads(result.stdout)["labels"]
    assert {label: labels[label]["exact"]["f1"] for label in labels} == dict.fromkeys(labels, 1.0)


def test_cli_export_needs_exactly_one_direction(tmp_path):
    result = runner.invoke(app, ["export", str(GOLD), "--out", str(tmp_path / "x")])
    assert result.exit_code == 2
