"""The four annotation layers and where each lives on a spaCy Doc.

Each tagger writes its own `doc.spans` group (spans of one layer never overlap; layers
may overlap each other). Per-span attributes live in `span._.attrs` as plain JSON values
(dict, list, str, number, bool, None) so that they survive `Doc.to_bytes`, `DocBin`
(with `store_user_data=True`) and `nlp.pipe(n_process=...)`; document-level facts live
in `doc._.meta`.

A PLACE linked to an administrative division also carries the division's code as
`span.kb_id_` (and its entity in `doc.ents` as `ent.kb_id_`): spaCy's own place for a
knowledge-base identifier, which `doc.to_json()`, DocBin and displaCy's `kb_url_template`
keep and show without knowing our attributes.

spaCy keys a plain span extension by character offsets only, so a PLACE and a PROGRAM
over the same characters would share one value. `span._.attrs` is therefore stored under
a key that includes the span's label.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from typing import Any

import numpy
from spacy.attrs import ORTH, SPACY
from spacy.tokens import Doc, Span

from .tokens import split_tokens_at, token_bounds, token_offsets

SCHEMA_ID = "govreport-nlp/1"

#: Label -> `doc.spans` key, in the order the layers are built and exported.
SPAN_GROUPS: dict[str, str] = {
    "PLACE": "place",
    "PROGRAM": "program",
    "QUANTITY": "quantity",
    "COMMITMENT": "commitment",
}
LABELS: tuple[str, ...] = tuple(SPAN_GROUPS)


def _attrs_key(span: Span) -> tuple[str, str, str, int, int]:
    return ("govreport", "attrs", span.label_, span.start_char, span.end_char)


def _get_attrs(span: Span) -> dict[str, Any] | None:
    user_data: dict[Any, Any] = span.doc.user_data
    value: dict[str, Any] | None = user_data.get(_attrs_key(span))
    return value


def _set_attrs(span: Span, value: dict[str, Any] | None) -> None:
    user_data: dict[Any, Any] = span.doc.user_data
    user_data[_attrs_key(span)] = value


def register_extensions() -> None:
    """Register `span._.attrs` and `doc._.meta` once per process (idempotent).

    Called at import of the package and of every component module, so a pipeline loaded
    by `spacy.load` in a fresh or forked process has them before any component runs.
    """
    if not Span.has_extension("attrs"):
        Span.set_extension("attrs", getter=_get_attrs, setter=_set_attrs)
    if not Doc.has_extension("meta"):
        Doc.set_extension("meta", default=None)
    if not Doc.has_extension("source"):
        # {"text": the user's text, "offsets": OffsetMap.to_json()} when the Doc's text is
        # a normalised form of it; None when the Doc's text is the user's text.
        Doc.set_extension("source", default=None)


#: The text of each Doc, kept weakly (like the token offsets of `tokens.token_offsets`):
#: nothing is saved or pickled with the Doc, and the copy goes when the Doc goes.
_TEXTS: weakref.WeakKeyDictionary[Doc, str] = weakref.WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per Doc and shared by the components and the export.

    spaCy rebuilds `doc.text` from every token on each access (a million Token objects
    for a per-character Doc of a long report), and each tagger needs it: that was most of
    the pipeline's cost. Our tokenizer records the text it segmented (`share_text`), so
    it is not even built once; a Doc made elsewhere has it built from the token arrays.
    Splitting tokens never changes the text, so the copy stays valid; it is checked
    against the Doc's length all the same.
    """
    cached = _TEXTS.get(doc)
    if cached is not None and len(cached) == _text_length(doc):
        return cached
    text = _build_text(doc)
    _TEXTS[doc] = text
    return text


def share_text(doc: Doc, text: str) -> None:
    """Record `text`, from which `doc` was just segmented, as its text (`doc_text`)."""
    _TEXTS[doc] = text


def _build_text(doc: Doc) -> str:
    """`doc.text` without a Token object per token: each distinct form is looked up once."""
    if not len(doc):
        return ""
    table = doc.to_array([ORTH, SPACY])
    forms, inverse = numpy.unique(table[:, 0], return_inverse=True)
    strings = doc.vocab.strings
    pieces = numpy.array([strings[form] for form in forms.tolist()], dtype=object)[inverse.reshape(-1)]
    for i in numpy.flatnonzero(table[:, 1]).tolist():
        pieces[i] += " "
    return "".join(pieces.tolist())


def _text_length(doc: Doc) -> int:
    if not len(doc):
        return 0
    last = doc[-1]
    return int(last.idx + len(last.text_with_ws))


def release_text(doc: Doc) -> None:
    """Drop the shared copy of the text (it also goes with the Doc)."""
    _TEXTS.pop(doc, None)


#: Invisible marks scraped pages leave (zero-width spaces and joiners, word joiner, BOM):
#: with every Unicode white space (`str.isspace`: U+2003, U+001C–001F, U+0085, U+2028 …)
#: they never begin or end a span.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff")


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """`text[start:end]` without white space or invisible marks at either edge (empty: start == end)."""
    while start < end and (text[start].isspace() or text[start] in _INVISIBLE):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _INVISIBLE):
        end -= 1
    return start, end


def kb_id_of(label: str, attrs: dict[str, Any] | None) -> str:
    """The span's `kb_id_`: a PLACE's division code, else nothing."""
    if label != "PLACE" or not attrs:
        return ""
    code = attrs.get("code")
    return str(code) if code else ""


def write_layer(doc: Doc, label: str, found: Iterable[tuple[int, int, dict[str, Any]]]) -> list[Span]:
    """Write a tagger's (start, end, attrs) finds as the `label` layer of `doc`.

    Tokens are split at every span edge first, so each span is whole tokens whatever the
    segmenter did; a find whose edge falls on white space spaCy keeps inside a token has
    no span (never seen in reports). White space at a find's edges is left out of its span
    (`trim_span`): a span's text never begins or ends with it.
    """
    text = doc_text(doc)
    trimmed = ((*trim_span(text, start, end), attrs) for start, end, attrs in found)
    found = [(start, end, attrs) for start, end, attrs in trimmed if start < end]
    split_tokens_at(doc, [b for start, end, _ in found for b in (start, end)])
    spans = []
    user_data: dict[Any, Any] = doc.user_data
    for bounds, (start, end, attrs) in zip(token_bounds(doc, [(a, b) for a, b, _ in found]), found, strict=True):
        if bounds is None:
            continue
        spans.append(Span(doc, bounds[0], bounds[1], label=label, kb_id=kb_id_of(label, attrs)))
        user_data[("govreport", "attrs", label, start, end)] = attrs  # `span._.attrs = attrs`, without its cost
    doc.spans[SPAN_GROUPS[label]] = spans
    return spans


def span_rows(doc: Doc, key: str) -> list[tuple[int, int, str, dict[str, Any] | None]]:
    """(start_char, end_char, label, attrs) of each span of `doc.spans[key]`, in group order.

    Read through the token offset array and `doc.user_data`: a Span's `start_char` and
    `span._` build a Token and an Underscore object each, too much for a layer of tens of
    thousands of spans.
    """
    if key not in doc.spans or not len(doc.spans[key]):
        return []
    starts, ends = token_offsets(doc)
    strings = doc.vocab.strings
    labels: dict[int, str] = {}
    user_data: dict[Any, Any] = doc.user_data
    rows = []
    for span in doc.spans[key]:
        if span.end > span.start:
            start, end = starts[span.start], ends[span.end - 1]
        else:
            start, end = span.start_char, span.end_char
        label = labels.get(span.label)
        if label is None:
            label = labels[span.label] = strings[span.label]
        rows.append((start, end, label, user_data.get(("govreport", "attrs", label, start, end))))
    return rows


def span_attrs(span: Span) -> dict[str, Any]:
    """The span's attributes, never None (a span without any has an empty dict)."""
    value = span._.attrs
    return dict(value) if value else {}


def doc_meta(doc: Doc) -> dict[str, Any]:
    """The document's metadata, never None."""
    value = doc._.meta
    return dict(value) if value else {}


def set_doc_meta(doc: Doc, meta: dict[str, Any]) -> None:
    """Replace the document's metadata."""
    doc._.meta = meta


def doc_source(doc: Doc) -> dict[str, Any] | None:
    """{"text": the user's text, "offsets": the offset map as JSON}, or None when the Doc's text is the user's."""
    value: dict[str, Any] | None = doc._.source
    return value


def set_doc_source(doc: Doc, source: dict[str, Any] | None) -> None:
    doc._.source = source


register_extensions()
