"""The govreport-nlp/2 JSON contract: offsets, schema, round trips, bad documents, reading /1."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc, DocBin

import govreport_nlp
from govreport_nlp import OffsetError, SchemaError, doc_to_json, json_to_doc, validate

ROOT = Path(__file__).resolve().parents[1]


def test_offsets_hold_on_every_bundled_report(nlp_toy, reports):
    for doc_id, text in reports:
        data = govreport_nlp.annotate(text, nlp=nlp_toy, doc_id=doc_id)
        assert data["text"] == text
        assert data["spans"], f"the toy tagger found nothing in {doc_id}"
        for span in data["spans"]:
            assert text[span["start"]:span["end"]] == span["text"]
        assert {s["label"] for s in data["spans"]} >= {"PLACE", "QUANTITY"}


def test_export_validates_against_the_published_schema(nlp_toy, reports):
    published = json.loads((ROOT / "docs" / "schema.json").read_text(encoding="utf-8"))
    assert published == govreport_nlp.json_schema(), "docs/schema.json is out of date"
    for doc_id, text in reports:
        jsonschema.validate(govreport_nlp.annotate(text, nlp=nlp_toy, doc_id=doc_id), published)


def test_json_doc_json_round_trip(nlp_toy, nlp_jieba, reports):
    for doc_id, text in reports:
        data = govreport_nlp.annotate(text, nlp=nlp_toy, doc_id=doc_id)
        for target in (nlp_jieba, nlp_jieba.vocab, None):
            assert doc_to_json(json_to_doc(data, target)) == data


TEXT = "推进碳达峰长治行动,确保粮食产量保持在31.1亿斤以上。"


def at(piece: str) -> dict:
    start = TEXT.index(piece)
    return {"start": start, "end": start + len(piece), "text": piece}


#: A document as release 0.1 wrote it: `target` an object, `indicator` a string, absent keys.
OVERLAPPING_V1 = {
    "schema": "govreport-nlp/1",
    "text": TEXT,
    "meta": {"id": "x", "year": 2023},
    "spans": [
        {"label": "PROGRAM", **at("碳达峰长治行动"), "attrs": {"canonical": "碳达峰长治"}},
        {"label": "PLACE", **at("长治"), "attrs": {"kind": "admin", "code": "140400"}},
        {"label": "COMMITMENT", **at("确保粮食产量保持在31.1亿斤以上"),
         "attrs": {"strength": "binding", "indicator": "粮食产量", "target": at("31.1亿斤以上")}},
        {"label": "QUANTITY", **at("31.1亿斤以上"),
         "attrs": {"value": 3110000000.0000005, "unit": "斤", "comparator": ">=", "kind": "measure",
                   "change": "none"}},
    ],
}
#: The same document in `govreport-nlp/2`: one type per attribute, every attribute present,
#: exact values, and the QUANTITY pointing back at its COMMITMENT.
OVERLAPPING = {
    "schema": "govreport-nlp/2",
    "text": TEXT,
    "meta": {"id": "x", "year": 2023},
    "spans": [
        {"label": "PROGRAM", **at("碳达峰长治行动"), "attrs": {"canonical": "碳达峰长治", "title": None}},
        {"label": "PLACE", **at("长治"),
         "attrs": {"kind": "admin", "code": "140400", "level": None, "full_name": None, "candidates": []}},
        {"label": "COMMITMENT", **at("确保粮食产量保持在31.1亿斤以上"),
         "attrs": {"strength": "binding", "indicator": ["粮食产量"], "indicator_key": [None],
                   "target": [at("31.1亿斤以上")], "deadline": None, "headline": False, "section": []}},
        {"label": "QUANTITY", **at("31.1亿斤以上"),
         "attrs": {"value": 3110000000, "unit": "斤", "comparator": ">=", "kind": "measure", "change": "none",
                   "min": None, "max": None, "terms": [], "commitment": at("确保粮食产量保持在31.1亿斤以上")}},
    ],
}


def test_a_govreport_nlp_1_document_is_upgraded_by_every_reader(nlp_jieba):
    assert govreport_nlp.upgrade(OVERLAPPING_V1) == OVERLAPPING
    assert OVERLAPPING_V1["schema"] == "govreport-nlp/1"  # the caller's document is not changed
    assert doc_to_json(json_to_doc(OVERLAPPING_V1, nlp_jieba)) == OVERLAPPING
    with pytest.raises(SchemaError, match="govreport-nlp migrate"):
        validate(OVERLAPPING_V1)  # only readers upgrade; the contract itself is /2


def test_a_heading_after_white_space_keeps_its_end_when_reloaded(nlp_char):
    """A heading line led by white space the structure rules keep (here the Ogham space mark,
    found by test_any_input): its exported `heading` is stripped, and reloading must find where
    it ends in the text, not count its length from the section's start."""
    text = "\u1680ကကࠀကࠀ回顾"
    data = govreport_nlp.annotate(text, nlp=nlp_char)
    assert data["sections"][0]["heading"] == text.strip()
    assert doc_to_json(json_to_doc(data, nlp_char)) == data


def test_same_offsets_in_two_layers_keep_their_own_attributes(nlp_jieba):
    data = copy.deepcopy(OVERLAPPING)
    zone = {"kind": "zone", "code": None, "level": None, "full_name": None, "candidates": []}
    data["spans"].insert(0, {"label": "PLACE", **at("碳达峰长治行动"), "attrs": zone})
    data["spans"].pop(2)
    doc = json_to_doc(data, nlp_jieba)
    assert doc.spans["place"][0]._.govreport_attrs == zone
    assert doc.spans["program"][0]._.govreport_attrs == {"canonical": "碳达峰长治", "title": None}
    assert doc_to_json(doc) == data


def test_spans_inside_a_segmenter_token_are_split_out(nlp_jieba):
    doc = json_to_doc(OVERLAPPING, nlp_jieba)
    assert [t.text for t in doc.spans["place"][0]] == ["长治"]
    assert doc.text == OVERLAPPING["text"].replace(",", "，")  # the Doc reads the normalised text
    assert doc._.govreport_source["text"] == OVERLAPPING["text"]


def test_docbin_keeps_spans_and_attributes(nlp_jieba):
    doc = json_to_doc(OVERLAPPING, nlp_jieba)
    docbin = DocBin(store_user_data=True, docs=[doc])
    (back,) = DocBin().from_bytes(docbin.to_bytes()).get_docs(nlp_jieba.vocab)
    assert doc_to_json(back) == OVERLAPPING


def test_bytes_round_trip_keeps_meta():
    doc = json_to_doc(OVERLAPPING)
    back = Doc(doc.vocab).from_bytes(doc.to_bytes())
    assert back._.govreport_meta == {"id": "x", "year": 2023}
    assert doc_to_json(back) == OVERLAPPING


def test_empty_text_gives_a_valid_empty_document(nlp_char, nlp_jieba):
    for nlp in (nlp_char, nlp_jieba):
        data = govreport_nlp.annotate("", nlp=nlp)
        assert data["text"] == "" and data["spans"] == []
        validate(data)
        assert doc_to_json(json_to_doc(data, nlp)) == data


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (lambda d: d["spans"][0].update(end=8), OffsetError),
        (lambda d: d["spans"][0].update(start=40, end=45), OffsetError),
        (lambda d: d["spans"][2]["attrs"]["target"][0].update(start=18), OffsetError),
        (lambda d: d["spans"][3]["attrs"]["commitment"].update(text="确保"), OffsetError),
        (lambda d: d["spans"][2]["attrs"].update(target=at("31.1亿斤以上")), SchemaError),  # one type: a list
        (lambda d: d["spans"][2]["attrs"].update(indicator="粮食产量"), SchemaError),
        (lambda d: d["spans"][2]["attrs"].pop("deadline"), SchemaError),  # every attribute present
        (lambda d: d["spans"][3]["attrs"].update(value=3110000000.0000005), SchemaError),  # float noise
        (lambda d: d["spans"][3]["attrs"].update(commitment=None), SchemaError),  # the link says both ways
        (lambda d: d["spans"][2]["attrs"].update(target=[]), SchemaError),
        (lambda d: d["spans"][2]["attrs"]["target"][0].update(start=20, text="1.1亿斤以上"), SchemaError),
        (lambda d: d["spans"][3]["attrs"].update(comparator="at least"), SchemaError),
        (lambda d: d["spans"][1].update(label="ORG"), SchemaError),
        (lambda d: d.update(schema="govreport-nlp/0"), SchemaError),
        (lambda d: d.pop("meta"), SchemaError),
        (lambda d: d["spans"][0].update(text=" 碳达峰长治行动"), SchemaError),
    ],
)
def test_invalid_documents_are_rejected(change, error):
    data = copy.deepcopy(OVERLAPPING)
    validate(data)
    change(data)
    with pytest.raises(error):
        validate(data)
    with pytest.raises(error):
        json_to_doc(data)


def test_non_dict_is_a_schema_error():
    with pytest.raises(SchemaError):
        validate(["not", "a", "document"])


CHARS = st.sampled_from(list("晋中长治市县确保增长1.%万亿 \n\u3000,，𠮷A"))


@st.composite
def documents(draw):
    text = draw(st.text(CHARS, min_size=0, max_size=60))
    spans = []
    for label in govreport_nlp.LABELS:
        cursor = 0
        for _ in range(draw(st.integers(0, 3))):
            if cursor >= len(text):
                break
            start = draw(st.integers(cursor, len(text) - 1))
            end = draw(st.integers(start + 1, len(text)))
            piece = text[start:end]
            if piece != piece.strip() or not piece.strip():
                continue
            spans.append({"label": label, "start": start, "end": end, "text": piece, "attrs": {"k": [start, end]}})
            cursor = end
    spans.sort(key=lambda s: (s["start"], s["end"], govreport_nlp.LABELS.index(s["label"])))
    return govreport_nlp.upgrade({"schema": "govreport-nlp/1", "text": text, "meta": {"id": None}, "spans": spans})


@settings(max_examples=150, deadline=None)
@given(documents())
def test_round_trip_on_random_documents(nlp_jieba, data):
    for target in (nlp_jieba, None):
        assert doc_to_json(json_to_doc(data, target)) == data
