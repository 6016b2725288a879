"""Doc <-> `govreport-nlp/2` JSON, losslessly in both directions.

`doc_to_json` is what every export starts from; `json_to_doc` reloads an export (or a
corrected annotation from a labeling tool) as a Doc with the same spans, attributes and
metadata, so that `doc_to_json(json_to_doc(d)) == d`. Both read `govreport-nlp/1` too,
upgraded on the way in (`migrate.upgrade`).
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Callable, Mapping
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ..doc.attrs import canonical_attrs, link_targets
from ..doc.layers import (
    LABELS,
    SCHEMA_ID,
    SPAN_GROUPS,
    doc_meta,
    doc_text,
    kb_id_of,
    layer_key,
    register_extensions,
    span_rows,
    trim_span,
)
from ..doc.tokenizer import segment
from ..doc.tokens import split_at
from ..errors import InputError, OffsetError
from ..ingest.offsets import OffsetMap
from ..ingest.prepare import reprepare
from .migrate import upgrade
from .schema import validate

register_extensions()


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


SECTION_GROUP = "section"
SECTION_LABEL = "SECTION"
Mapper = Callable[[int, int], tuple[int, int]]


_LEAVES = frozenset({str, int, float, bool})


def json_copy(value: Any) -> Any:
    """A deep copy as plain JSON values: tuples become lists.

    Docs read back from a DocBin carry their attributes through msgpack, which returns
    lists as tuples; the export and its schema expect lists. Strings, numbers, booleans
    and None are immutable and shared.
    """
    if value is None or type(value) in _LEAVES:  # the common case, decided without isinstance
        return value
    if isinstance(value, Mapping):
        return {k: v if v is None or type(v) in _LEAVES else json_copy(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_copy(v) for v in value]
    return value


def _identity(start: int, end: int) -> tuple[int, int]:
    return start, end


def _map_refs(label: str, attrs: dict[str, Any], mapper: Mapper, text: str) -> dict[str, Any]:
    """Map the offset references inside attributes (a COMMITMENT's target quantities)."""
    target = attrs.get("target") if label == "COMMITMENT" else None
    if not target:
        return attrs

    def one(ref: dict[str, Any]) -> dict[str, Any]:
        start, end = mapper(ref["start"], ref["end"])
        return {**ref, "start": start, "end": end, "text": text[start:end]}

    return {**attrs, "target": [one(r) for r in target] if isinstance(target, list) else one(target)}


def _doc_attrs(label: str, attrs: dict[str, Any], to_doc: Mapper, text: str) -> dict[str, Any]:
    """A JSON span's attributes as they live on the Doc: offsets into the Doc's text, and
    without a QUANTITY's `commitment`, which the export derives from the COMMITMENT's `target`."""
    value = _map_refs(label, canonical_attrs(label, copy.deepcopy(attrs)), to_doc, text)
    if label == "QUANTITY":
        value.pop("commitment", None)
    return value


def source_of(doc: Doc) -> tuple[str, Mapper]:
    """The user's text and a doc-offsets → user-offsets mapper."""
    source = doc._.govreport_source
    if not source:
        return doc_text(doc), _identity
    offsets = OffsetMap.from_json(source["offsets"])
    return source["text"], offsets.to_source


def doc_spans(doc: Doc, *, text: str | None = None, mapper: Mapper = _identity) -> list[dict[str, Any]]:
    """All layer spans of `doc` as JSON objects (offsets into `text`), ordered by start, end, layer."""
    text = doc_text(doc) if text is None else text
    out = []
    for label in SPAN_GROUPS:
        for start_char, end_char, _label, value in span_rows(doc, layer_key(doc, label)):
            start, end = trim_span(text, *mapper(start_char, end_char))  # the user's text may differ at the edges
            if start >= end:
                continue
            attrs = _map_refs(label, canonical_attrs(label, value or {}, copy=json_copy), mapper, text)
            out.append({"label": label, "start": start, "end": end, "text": text[start:end], "attrs": attrs})
    out.sort(key=lambda s: (s["start"], s["end"], LABELS.index(s["label"])))
    return link_targets(out)


def doc_sections(doc: Doc, *, text: str, mapper: Mapper) -> list[dict[str, Any]]:
    """The report's sections (headings, levels, review/plan) with offsets into `text`."""
    out = []
    for start_char, end_char, _label, value in span_rows(doc, SECTION_GROUP):
        attrs = dict(value) if value else {}
        start, end = mapper(start_char, end_char)
        heading_end = mapper(start_char, attrs.get("heading_end", end_char))[1]
        out.append({
            "start": start,
            "end": end,
            "heading": text[start:heading_end].strip(),
            "level": attrs.get("level"),
            "marker": attrs.get("marker"),
            "title": attrs.get("title"),
            "path": list(attrs.get("path") or []),
            "orientation": attrs.get("orientation"),
        })
    return out


def as_json(item: Doc | Mapping[str, Any], *, check: bool = True) -> dict[str, Any]:
    """A document as `govreport-nlp/2` JSON, whether it comes as a Doc or as JSON already
    (a `govreport-nlp/1` document is upgraded).

    The row builders (places, programmes, targets) take either, so that saved JSONL and
    fresh Docs give the same tables; anything else is refused with a clear error.
    """
    if isinstance(item, Doc):
        return doc_to_json(item, check=check)
    if isinstance(item, Mapping) and "text" in item and "spans" in item:
        return upgrade(item if isinstance(item, dict) else dict(item))
    raise InputError(f"expected a spaCy Doc or a govreport-nlp/2 document, got {type(item).__name__}")


def doc_to_json(doc: Doc, *, check: bool = True, schema: bool = False) -> dict[str, Any]:
    """The document as a `govreport-nlp/2` object.

    Offsets point into the user's text (`doc._.govreport_source`), not into the normalised text
    the pipeline read. `check` (default) verifies every offset before returning;
    `schema=True` also validates against the JSON Schema (slower; the tests do it).
    """
    text, mapper = source_of(doc)
    data: dict[str, Any] = {
        "schema": SCHEMA_ID,
        "text": text,
        "meta": json_copy(doc_meta(doc)),
        "spans": doc_spans(doc, text=text, mapper=mapper),
    }
    if SECTION_GROUP in doc.spans:
        data["sections"] = doc_sections(doc, text=text, mapper=mapper)
    if check or schema:
        validate(data, schema=schema)
    return data


def _tokenize(text: str, nlp_or_vocab: Language | Vocab | None) -> Doc:
    if isinstance(nlp_or_vocab, Language):
        return segment(nlp_or_vocab, text)  # `text` is normalised already: segment it as it is
    vocab = nlp_or_vocab if isinstance(nlp_or_vocab, Vocab) else Vocab()
    # One token per character, single spaces folded into the previous token as spaCy does.
    words: list[str] = []
    spaces: list[bool] = []
    for ch in text:
        if ch == " " and words and not spaces[-1] and not words[-1].isspace():
            spaces[-1] = True
        else:
            words.append(ch)
            spaces.append(False)
    return Doc(vocab, words=words, spaces=spaces)


def json_to_doc(data: dict[str, Any], nlp_or_vocab: Language | Vocab | None = None) -> Doc:
    """Rebuild a Doc from a `govreport-nlp/2` object (or a `govreport-nlp/1` one, upgraded).

    The Doc's text is the normalised text the pipeline would read (rebuilt with the
    excluded regions and script recorded in `meta`), tokenised with `nlp`'s tokenizer
    when a pipeline is given (one token per character otherwise) and split wherever a
    span starts or ends inside a token. Spans, attributes, sections and `meta` are
    restored; no pipeline component is run. `doc_to_json` of the result gives `data`
    back, except that a span boundary inside a multi-character conversion (最佳化 → 优化)
    widens to the whole unit.
    """
    data = upgrade(data)
    validate(data)
    prepared = reprepare(data["text"], data["meta"])
    to_doc = prepared.offsets.to_normalized
    spans = [(item, *to_doc(item["start"], item["end"])) for item in data["spans"]]
    sections = [(item, *to_doc(item["start"], item["end"])) for item in data.get("sections") or []]
    doc = _tokenize(prepared.text, nlp_or_vocab)
    doc = split_at(doc, [b for _, s, e in spans + sections for b in (s, e)])
    groups: dict[str, list[Span]] = {group: [] for group in SPAN_GROUPS.values()}
    for item, start, end in spans:
        kb_id = kb_id_of(item["label"], item["attrs"])
        span = doc.char_span(start, end, label=item["label"], kb_id=kb_id, alignment_mode="strict")
        if span is None:  # only white space at a boundary can cause this
            raise OffsetError(f"span {item['text']!r} at {item['start']}:{item['end']} does not align with tokens")
        span._.govreport_attrs = _doc_attrs(item["label"], item["attrs"], to_doc, prepared.text)
        groups[SPAN_GROUPS[item["label"]]].append(span)
    for group, items in groups.items():
        doc.spans[group] = items
    if "sections" in data:
        doc.spans[SECTION_GROUP] = [
            _section_span(doc, item, start, end, to_doc, data["text"]) for item, start, end in sections
        ]
    doc._.govreport_meta = copy.deepcopy(data["meta"])
    if prepared.text != data["text"]:
        doc._.govreport_source = {"text": data["text"], "offsets": prepared.offsets.to_json()}
    return doc


def _section_span(doc: Doc, item: dict[str, Any], start: int, end: int, to_doc: Mapper, source: str) -> Span:
    span = doc.char_span(start, end, label=SECTION_LABEL, alignment_mode="expand")
    if span is None:
        raise OffsetError(f"section {item.get('heading')!r} at {item['start']}:{item['end']} is outside the text")
    section = source[item["start"] : item["end"]]
    lead = len(section) - len(section.lstrip())  # the heading is written stripped (an ogham space before it)
    heading_end = to_doc(item["start"], item["start"] + lead + len(item.get("heading") or ""))[1]
    attrs = {k: copy.deepcopy(item.get(k)) for k in ("level", "marker", "title", "path", "orientation")}
    span._.govreport_attrs = {**attrs, "heading_end": heading_end}
    return span
