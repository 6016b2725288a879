"""doccano: sequence-labeling JSONL (and the relation variant) and the way back.

doccano 1.8 stores the offsets it is given and its web client selects text with
JavaScript string indexes, which count UTF-16 code units: a character outside the Basic
Multilingual Plane (𠮷, emoji) is two units there and one code point in our JSON. The
export therefore converts every offset to UTF-16 units and the import converts back,
refusing an offset that falls between the two halves of a surrogate pair.

Every line carries the same extra keys (doccano keeps them as the example's `meta`, and
lines whose extra keys differ break its import): `govreport_id`, `govreport_meta` and
`govreport_spans`, the last two as JSON strings. `govreport_spans` keeps our spans with
their attributes, which doccano has no place for, so that the import gives a span the
annotator left unchanged its attributes back.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Iterable
from itertools import accumulate
from typing import Any

from ..doc.layers import LABELS
from ..errors import GovReportError, InputError, OffsetError
from .imported import TARGET_RELATION, attach_targets, imported_document, whole_offsets
from .json_doc import text_sha256
from .migrate import upgrade
from .schema import validate

META_KEYS = ("govreport_id", "govreport_meta", "govreport_spans")


class Utf16Offsets:
    """Converts between code-point offsets (Python, our JSON) and UTF-16 code units (JavaScript, doccano)."""

    def __init__(self, text: str) -> None:
        self.text = text
        # units[i] = UTF-16 units before code point i, for i in 0..len(text)
        self.units = [0, *accumulate(2 if ord(ch) > 0xFFFF else 1 for ch in text)]

    def to_utf16(self, offset: int) -> int:
        return self.units[offset]

    def to_code_points(self, units: int) -> int:
        index = bisect_left(self.units, units)
        if index == len(self.units) or self.units[index] != units:
            raise OffsetError(f"UTF-16 offset {units} falls inside a character (a surrogate pair) or past the text")
        return index


def _check(text: str, span: dict[str, Any]) -> None:
    start, end = span["start"], span["end"]
    if text[start:end] != span["text"]:
        raise OffsetError(f"doccano export: text[{start}:{end}] is {text[start:end]!r}, not {span['text']!r}")


def _meta_columns(data: dict[str, Any]) -> dict[str, str]:
    return {
        "govreport_id": str(data["meta"].get("id") or ""),
        "govreport_meta": json.dumps(data["meta"], ensure_ascii=False, sort_keys=True),
        "govreport_spans": json.dumps(data["spans"], ensure_ascii=False),
    }


def to_doccano(data: dict[str, Any], *, relations: bool = False) -> dict[str, Any]:
    """One doccano JSONL line for a document: `label` triples, or `entities`/`relations` if asked.

    Offsets are UTF-16 code units; each converted span is checked to select the same
    text in UTF-16 before the line is returned.
    """
    data = upgrade(data)
    validate(data, schema=False)
    text = data["text"]
    units = Utf16Offsets(text)
    encoded = text.encode("utf-16-le")
    converted = []
    for span in data["spans"]:
        _check(text, span)
        start, end = units.to_utf16(span["start"]), units.to_utf16(span["end"])
        if encoded[2 * start:2 * end].decode("utf-16-le") != span["text"]:
            raise OffsetError(f"doccano export: UTF-16 {start}:{end} does not select {span['text']!r}")
        converted.append((start, end, span["label"]))
    line: dict[str, Any] = {"text": text}
    if not relations:
        line["label"] = [list(c) for c in converted]
    else:
        line["entities"] = [{"id": i, "label": label, "start_offset": s, "end_offset": e}
                            for i, (s, e, label) in enumerate(converted, 1)]
        spans = data["spans"]
        ids = {(s["start"], s["end"]): i for i, s in enumerate(spans, 1) if s["label"] == "QUANTITY"}
        links: list[dict[str, Any]] = []
        for i, span in enumerate(data["spans"], 1):
            target = span["attrs"].get("target") if span["label"] == "COMMITMENT" else None
            for ref in target if isinstance(target, list) else [target] if target else []:
                if (ref["start"], ref["end"]) in ids:
                    links.append({"id": len(links) + 1, "from_id": i, "to_id": ids[(ref["start"], ref["end"])],
                                  "type": TARGET_RELATION})
        line["relations"] = links
    line.update(_meta_columns(data))
    return line


def write_doccano(docs: Iterable[dict[str, Any]], path: Any, *, relations: bool = False) -> int:
    """Write doccano JSONL to `path` (str or Path); returns the number of lines."""
    lines = [json.dumps(to_doccano(d, relations=relations), ensure_ascii=False) for d in docs]
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write("".join(line + "\n" for line in lines))
    return len(lines)


# --- import --------------------------------------------------------------------------------------


def _raw_spans(line: dict[str, Any]) -> tuple[list[tuple[Any, int, int, str]], list[tuple[Any, Any]]]:
    """(id, start, end, label) in UTF-16 units and (from id, to id) target links, from either line form."""
    if "entities" in line:
        spans = [(e.get("id"), e["start_offset"], e["end_offset"], str(e["label"]))
                 for e in line["entities"]]
        links = [(r["from_id"], r["to_id"]) for r in line.get("relations") or []
                 if r.get("type", TARGET_RELATION) == TARGET_RELATION]
        return spans, links
    labels = line.get("label") or []
    spans = []
    for i, item in enumerate(labels):
        if isinstance(item, dict):
            spans.append((item.get("id", i), item["start_offset"], item["end_offset"], str(item["label"])))
        else:
            start, end, label = item
            spans.append((i, start, end, str(label)))
    return spans, []


def from_doccano_line(line: dict[str, Any]) -> dict[str, Any]:
    """A `govreport-nlp/2` document from one line of doccano's JSONL (our export or doccano's).

    Spans that match one of the pre-annotated spans (same label and offsets) get its
    attributes back; new spans have none. In the relation form, `target` relations
    replace the pre-annotated targets; otherwise a target survives while its QUANTITY does.
    """
    text = line.get("text")
    if not isinstance(text, str):
        raise InputError("doccano line without a 'text' string")
    try:
        meta = json.loads(line["govreport_meta"]) if line.get("govreport_meta") else {}
        original = json.loads(line["govreport_spans"]) if line.get("govreport_spans") else []
    except json.JSONDecodeError as exc:
        raise InputError(f"doccano line {line.get('id')}: govreport_meta/govreport_spans is not JSON") from exc
    meta = {"id": line.get("govreport_id") or str(line.get("id", "")), **meta, "sha256": text_sha256(text)}
    attrs_of = {(s["label"], s["start"], s["end"]): s["attrs"] for s in original}
    units = Utf16Offsets(text)
    raw, links = _raw_spans(line)
    if any(label not in LABELS for _, _, _, label in raw):
        unknown = sorted({label for _, _, _, label in raw if label not in LABELS})
        raise InputError(f"doccano line {line.get('id')}: unknown labels {unknown}; expected {list(LABELS)}")
    by_id: dict[Any, dict[str, Any]] = {}
    spans = []
    for span_id, start16, end16, label in raw:
        whole_offsets(start16, end16, units.units[-1], f"doccano line {line.get('id')}, span {span_id}")
        start, end = units.to_code_points(start16), units.to_code_points(end16)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        span = {"label": label, "start": start, "end": end, "text": text[start:end],
                "attrs": json.loads(json.dumps(attrs_of.get((label, start, end), {})))}
        by_id[span_id] = span
        spans.append(span)
    quantities = {(s["start"], s["end"]) for s in spans if s["label"] == "QUANTITY"}
    for span in spans:
        if span["label"] != "COMMITMENT":
            continue
        if "entities" in line:
            span["attrs"].pop("target", None)
        elif span["attrs"].get("target"):
            target = span["attrs"]["target"]
            refs = target if isinstance(target, list) else [target]
            kept = [r for r in refs if (r["start"], r["end"]) in quantities]
            span["attrs"]["target"] = (kept[0] if len(kept) == 1 else kept) if kept else None
    pairs = [(by_id.get(a), by_id.get(b)) for a, b in links]
    attach_targets((a, b) for a, b in pairs if a and b and a["label"] == "COMMITMENT")
    return imported_document(text, meta, spans)


def from_doccano(lines: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Documents from doccano JSONL lines (already parsed)."""
    return [from_doccano_line(line) for line in lines]


def read_doccano(path: Any) -> list[dict[str, Any]]:
    """Documents from a doccano JSONL file (str or Path); a line that cannot be read is named."""
    docs = []
    try:
        with open(path, encoding="utf-8") as handle:
            for no, raw in enumerate(handle, 1):
                if not raw.strip():
                    continue
                try:
                    line = json.loads(raw)
                    if not isinstance(line, dict):
                        raise InputError("not a JSON object")
                    docs.append(from_doccano_line(line))
                except (GovReportError, ValueError, KeyError, IndexError, TypeError, RecursionError) as exc:
                    field = f"field {exc} missing" if isinstance(exc, KeyError) else str(exc)
                    raise InputError(f"{path}, line {no}: {field}") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc})") from exc
    return docs
