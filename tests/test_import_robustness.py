"""Exporters never overwrite; importers refuse bad files with a G-coded error naming where.

Every malformed input below is a file a labeling tool, a script or a hand edit can produce.
The CLI must answer each with exit 2 and a message naming the file and the place in it —
never a traceback — and the readers must never accept text that their offsets do not select.
"""

from __future__ import annotations

import json
import pickle
import zlib

import pytest
from typer.testing import CliRunner

import govreport_nlp
from govreport_nlp.cli import app
from govreport_nlp.errors import GovReportError, InputError, OffsetError, SchemaError
from govreport_nlp.export import brat, docbin, label_studio

TEXT = "确保粮食产量保持在31.1亿斤以上。推进碳达峰长治行动。"


@pytest.fixture(scope="module")
def doc(nlp_char) -> dict:
    return govreport_nlp.annotate(TEXT, nlp=nlp_char, doc_id="demo")


def with_id(doc: dict, doc_id: str | None) -> dict:
    return {**doc, "meta": {**doc["meta"], "id": doc_id}}


def test_brat_export_writes_every_document_to_its_own_stable_file(tmp_path, doc):
    ids = ["a/b", "a_b", "a b", "长" * 300, None, "a_b", "demo"]
    docs = [with_id(doc, i) for i in ids]
    written = brat.write_brat_folder(docs, tmp_path / "brat")
    assert len(written) == len(ids) == len(list((tmp_path / "brat").glob("*.ann")))
    assert written["a_b"] == "a_b" and written["demo"] == "demo"  # safe short ids are their own names
    assert len(set(written.values())) == len(ids)
    assert all(len(name.encode()) < 200 for name in written.values())
    assert brat.write_brat_folder(docs, tmp_path / "again") == written  # stable
    assert (tmp_path / "brat" / "annotation.conf").is_file()
    assert json.loads((tmp_path / "brat" / brat.MANIFEST).read_text(encoding="utf-8")) == written


def test_brat_round_trip_through_the_cli_keeps_every_document(tmp_path, doc):
    docs = [with_id(doc, i) for i in ["a/b", "a_b", "a b"]]
    jsonl = tmp_path / "docs.jsonl"
    jsonl.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    result = CliRunner().invoke(app, ["export", str(jsonl), "--format", "brat", "--out", str(tmp_path / "b")])
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "b").glob("*.ann"))) == 3
    result = CliRunner().invoke(app, ["export", str(tmp_path / "b"), "--from", "brat", "--original", str(jsonl),
                                      "--out", str(tmp_path / "back.jsonl")])
    assert result.exit_code == 0, result.output
    back = [json.loads(line) for line in (tmp_path / "back.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(d["meta"]["id"] for d in back) == sorted(d["meta"]["id"] for d in docs)


def test_brat_reader_checks_the_text_column(tmp_path):
    (tmp_path / "x.txt").write_text("长治和北京", encoding="utf-8")
    (tmp_path / "x.ann").write_text("T1\tPLACE 0 2\t北京\n", encoding="utf-8")
    with pytest.raises(OffsetError, match=r"x\.ann, line 1 \(T1\): the text column says '北京' but .* select '长治'"):
        brat.read_brat(tmp_path / "x.ann")


@pytest.mark.parametrize("region, message", [
    ({"start": 2.7, "end": 4}, "start offset 2.7 is not a whole number"),
    ({"start": 4, "end": 2}, "offsets 4:2 are not a span"),
    ({"start": "0", "end": 2}, "start offset '0' is not a whole number"),
    ({"start": 0, "end": 999}, "offsets 0:999 are not a span"),
])
def test_label_studio_reader_refuses_offsets_that_are_not_a_span(region, message):
    task = {"id": 7, "data": {"text": TEXT},
            "annotations": [{"result": [{"id": "r1", "type": "labels", "from_name": "label", "to_name": "text",
                                         "value": {**region, "labels": ["PLACE"]}}]}]}
    with pytest.raises(InputError, match=f"task 7, region r1: {message}"):
        label_studio.from_label_studio([task])


def test_overlapping_spans_of_one_layer_are_refused(doc):
    place = next(s for s in doc["spans"] if s["label"] == "PLACE")  # 长治 at 23:25
    wider = {**place, "start": place["start"] - 1, "end": place["end"], "text": TEXT[place["start"] - 1:place["end"]]}
    bad = {**doc, "spans": sorted([*doc["spans"], wider], key=lambda s: (s["start"], s["end"]))}
    with pytest.raises(SchemaError, match="two PLACE spans overlap"):
        govreport_nlp.validate(bad)


def test_a_docbin_that_unpacks_too_far_is_refused_before_it_is_unpacked(tmp_path):
    bomb = tmp_path / "bomb.spacy"
    bomb.write_bytes(zlib.compress(b"\0" * (8 << 20), 9))  # 8 MB of zeros in a few kilobytes
    assert bomb.stat().st_size < 20_000
    with pytest.raises(InputError, match="unpacks to more than 1,048,576 bytes"):
        docbin.read_docbin(bomb, max_unpacked=1 << 20)


def test_a_docbin_round_trip_still_works(tmp_path, doc):
    docbin.write_docbin([doc], tmp_path / "ok.spacy")
    assert docbin.read_docbin(tmp_path / "ok.spacy") == [doc]


MALFORMED = {
    "label-studio": [
        ("tasks.json", "{}"),
        ("tasks.json", "[1, 2]"),
        ("tasks.json", json.dumps([{"id": 1, "annotations": [{"result": [{}]}]}])),
        ("tasks.json", json.dumps([{"id": 1, "data": {"text": "长治"}, "annotations": [{"result": [
            {"id": "r", "type": "labels", "value": {"start": 0, "end": 2}}]}]}])),
        ("tasks.json", json.dumps([{"id": 1, "data": {"text": "长治"}, "annotations": [{"result": [
            {"id": "r", "type": "labels", "value": {"start": 0, "end": 2, "labels": ["PLACE"]}},
            {"type": "relation", "to_id": "r"}]}]}])),
        ("tasks.json", "[" * 100_000 + "]" * 100_000),
        ("tasks.json", b"\xff\xfe\x00garbage"),
    ],
    "doccano": [
        ("d.jsonl", "[]\n"),
        ("d.jsonl", json.dumps({"text": "长治", "label": [[0, 2]]}) + "\n"),
        ("d.jsonl", json.dumps({"text": "长治", "label": [[0.5, 2, "PLACE"]]}) + "\n"),
        ("d.jsonl", json.dumps({"text": "长治", "entities": [{"id": 1}]}) + "\n"),
        ("d.jsonl", json.dumps({"text": "长治", "label": [[2, 0, "PLACE"]]}) + "\n"),
        ("d.jsonl", b"\x81\x82\n"),
    ],
    "brat": [
        ("x.ann", "T1\tPLACE zero two\t长治\n"),
        ("x.ann", "T1\tPLACE 2 0\t\n"),
        ("x.ann", "T1\tPLACE 0 9\t长治\n"),
        ("x.ann", "T1\tPLACE 0 2\t长治\n#1\tAnnotatorNotes T1\t[1]\n"),
        ("x.ann", "R1\ttarget T1\n"),
        ("x.ann", b"\xff\xfe"),
    ],
    "docbin": [
        ("d.spacy", b"not zlib at all"),
        ("d.spacy", zlib.compress(b"\x93\x01\x02\x03")),
        ("d.spacy", zlib.compress(pickle.dumps({"attrs": []}))),
    ],
}
CASES = [(fmt, name, content) for fmt, files in MALFORMED.items() for name, content in files]


@pytest.mark.parametrize("fmt, name, content", CASES, ids=[f"{f}-{i}" for i, (f, _, _) in enumerate(CASES)])
def test_every_malformed_input_gives_exit_2_and_names_the_file(tmp_path, fmt, name, content):
    folder = tmp_path / "in"
    folder.mkdir()
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    if fmt == "brat":
        (folder / "x.txt").write_text("长治", encoding="utf-8")
    source = folder if fmt == "brat" else path
    result = CliRunner().invoke(app, ["export", str(source), "--from", fmt, "--out", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    output = " ".join(result.output.split())
    assert "error: " in output and "[G00" in output and str(path.name) in output, output


def test_readers_raise_only_library_errors(tmp_path):
    (tmp_path / "x.txt").write_text("长治", encoding="utf-8")
    for _, content in MALFORMED["brat"]:
        (tmp_path / "x.ann").write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        with pytest.raises(GovReportError):
            brat.read_brat(tmp_path / "x.ann")
