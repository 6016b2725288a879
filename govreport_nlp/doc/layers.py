"""The four annotation layers and where each lives on a spaCy Doc.

Each tagger writes its own `doc.spans` group (spans of one layer never overlap; layers
may overlap each other). Per-span attributes live in `span._.govreport_attrs` as plain
JSON values in the `govreport-nlp/2` shape (`doc.attrs`), so that they survive
`Doc.to_bytes`, `DocBin` (with `store_user_data=True`) and `nlp.pipe(n_process=...)`;
document-level facts live in `doc._.govreport_meta`, the user's text and offset map in
`doc._.govreport_source`.

Every extension we register starts with `govreport_` (`EXTENSION_PREFIX`), so that it
cannot meet another library's `Doc._.meta`. If another library has registered one of our
names with something else, `register_extensions` raises `ExtensionError` (G009) naming
it. The names of release 0.1 (`span._.attrs`, `doc._.meta`, `doc._.source`) remain as
deprecated aliases, registered only while nobody else holds them; the pipeline itself
never uses them.

Typed accessors read one attribute each: `span._.govreport_value` (a QUANTITY's value),
`span._.govreport_code` (a PLACE's division code), `span._.govreport_canonical` (a
PROGRAM's canonical name), `span._.govreport_commitment` (the COMMITMENT a QUANTITY is
the target of) and `span._.govreport_targets` (a COMMITMENT's target QUANTITY spans).

A PLACE linked to an administrative division also carries the division's code as
`span.kb_id_` (and its entity in `doc.ents` as `ent.kb_id_`): spaCy's own place for a
knowledge-base identifier, which `doc.to_json()`, DocBin and displaCy's `kb_url_template`
keep and show without knowing our attributes.

spaCy keys a plain span extension by character offsets only, so a PLACE and a PROGRAM
over the same characters would share one value. The attributes are therefore stored under
a key that includes the span's label.
"""

from __future__ import annotations

import warnings
import weakref
from collections.abc import Callable, Iterable
from typing import Any

import numpy
from spacy.attrs import ORTH, SPACY
from spacy.tokens import Doc, Span

from ..errors import ExtensionError
from .attrs import canonical_attrs
from .tokens import split_tokens_at, token_bounds, token_offsets

SCHEMA_ID = "govreport-nlp/2"
#: Schemas `upgrade` reads (oldest first); writers emit `SCHEMA_ID` only.
READABLE_SCHEMAS: tuple[str, ...] = ("govreport-nlp/1", SCHEMA_ID)

#: Label -> `doc.spans` key, in the order the layers are built and exported.
SPAN_GROUPS: dict[str, str] = {
    "PLACE": "place",
    "PROGRAM": "program",
    "QUANTITY": "quantity",
    "COMMITMENT": "commitment",
}
LABELS: tuple[str, ...] = tuple(SPAN_GROUPS)

#: The prefix of every extension name we register.
EXTENSION_PREFIX = "govreport_"
ATTRS = EXTENSION_PREFIX + "attrs"
META = EXTENSION_PREFIX + "meta"
SOURCE = EXTENSION_PREFIX + "source"


def _attrs_key(span: Span) -> tuple[str, str, str, int, int]:
    return ("govreport", "attrs", span.label_, span.start_char, span.end_char)


def _get_attrs(span: Span) -> dict[str, Any] | None:
    user_data: dict[Any, Any] = span.doc.user_data
    value: dict[str, Any] | None = user_data.get(_attrs_key(span))
    return value


def _set_attrs(span: Span, value: dict[str, Any] | None) -> None:
    user_data: dict[Any, Any] = span.doc.user_data
    user_data[_attrs_key(span)] = value


def _doc_value(name: str, old: str) -> tuple[Callable[[Doc], Any], Callable[[Doc, Any], None]]:
    """Getter and setter of a Doc fact kept where spaCy keeps a plain `Doc._.<name>` value;
    a Doc saved by release 0.1 (its value under the old name) is still read."""
    key = ("._.", name, None, None)
    old_key = ("._.", old, None, None)

    def get(doc: Doc) -> Any:
        user_data: dict[Any, Any] = doc.user_data
        return user_data[key] if key in user_data else user_data.get(old_key)

    def set_(doc: Doc, value: Any) -> None:
        user_data: dict[Any, Any] = doc.user_data
        user_data[key] = value

    get.__qualname__ = set_.__qualname__ = f"govreport_nlp.doc.layers.{name}"
    return get, set_


_get_meta, _set_meta = _doc_value(META, "meta")
_get_source, _set_source = _doc_value(SOURCE, "source")


def _attr_of(label: str, key: str) -> Callable[[Span], Any]:
    def get(span: Span) -> Any:
        if span.label_ != label:
            return None
        return (_get_attrs(span) or {}).get(key)

    get.__qualname__ = f"govreport_nlp.doc.layers.{label.lower()}_{key}"
    return get


def layer_key(doc: Doc, label: str) -> str:
    """The `doc.spans` key of the `label` layer of this Doc: `SPAN_GROUPS[label]`, unless the
    tagger was configured with another `spans_key` (recorded on the Doc by `write_layer`)."""
    user_data: dict[Any, Any] = doc.user_data
    key: str = user_data.get(("govreport", "spans_key", label), SPAN_GROUPS[label])
    return key


def _commitment_of(span: Span) -> Span | None:
    """The COMMITMENT span whose target this QUANTITY is (None for other spans, or none)."""
    group = layer_key(span.doc, "COMMITMENT")
    if span.label_ != "QUANTITY" or group not in span.doc.spans:
        return None
    for commitment in span.doc.spans[group]:
        if commitment.start_char <= span.start_char and span.end_char <= commitment.end_char:
            refs = (_get_attrs(commitment) or {}).get("target") or []
            if any(r["start"] == span.start_char and r["end"] == span.end_char for r in refs):
                return commitment
    return None


def _targets_of(span: Span) -> list[Span]:
    """A COMMITMENT's target QUANTITY spans, in order (empty for other spans)."""
    group = layer_key(span.doc, "QUANTITY")
    if span.label_ != "COMMITMENT" or group not in span.doc.spans:
        return []
    wanted = [(r["start"], r["end"]) for r in (_get_attrs(span) or {}).get("target") or []]
    found = {(q.start_char, q.end_char): q for q in span.doc.spans[group]}
    return [found[w] for w in wanted if w in found]


#: Our extensions: (class, name, getter, setter).
_EXTENSIONS: tuple[tuple[type[Doc] | type[Span], str, Callable[..., Any], Callable[..., None] | None], ...] = (
    (Span, ATTRS, _get_attrs, _set_attrs),
    (Doc, META, _get_meta, _set_meta),
    (Doc, SOURCE, _get_source, _set_source),
    (Span, EXTENSION_PREFIX + "value", _attr_of("QUANTITY", "value"), None),
    (Span, EXTENSION_PREFIX + "code", _attr_of("PLACE", "code"), None),
    (Span, EXTENSION_PREFIX + "canonical", _attr_of("PROGRAM", "canonical"), None),
    (Span, EXTENSION_PREFIX + "commitment", _commitment_of, None),
    (Span, EXTENSION_PREFIX + "targets", _targets_of, None),
)


def _deprecated(name: str, new: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def forward(*args: Any) -> Any:
        warnings.warn(f"._.{name} is deprecated; use ._.{new}", DeprecationWarning, stacklevel=3)
        return function(*args)

    forward.__qualname__ = f"govreport_nlp.doc.layers.deprecated_{name}"
    return forward


#: Release 0.1 names -> (class, new name): aliases while free, never relied on by the pipeline.
DEPRECATED_ALIASES: dict[str, tuple[type[Doc] | type[Span], str]] = {
    "attrs": (Span, ATTRS),
    "meta": (Doc, META),
    "source": (Doc, SOURCE),
}
_ALIAS_FUNCTIONS = {
    "attrs": (_deprecated("attrs", ATTRS, _get_attrs), _deprecated("attrs", ATTRS, _set_attrs)),
    "meta": (_deprecated("meta", META, _get_meta), _deprecated("meta", META, _set_meta)),
    "source": (_deprecated("source", SOURCE, _get_source), _deprecated("source", SOURCE, _set_source)),
}


def register_extensions() -> None:
    """Register our extensions once per process (idempotent).

    Called at import of the package and of every component module, so a pipeline loaded
    by `spacy.load` in a fresh or forked process has them before any component runs.
    Raises `ExtensionError` when another library holds one of our names.
    """
    for cls, name, getter, setter in _EXTENSIONS:
        if cls.has_extension(name):
            _, _, held_getter, _ = cls.get_extension(name)
            if getattr(held_getter, "__qualname__", None) != getter.__qualname__:
                raise ExtensionError(
                    f"{cls.__name__}._.{name} is already registered by another library; govreport_nlp "
                    f"needs that name. Register the other extension under a different name, or call "
                    f"{cls.__name__}.set_extension({name!r}, ..., force=True) only after importing govreport_nlp "
                    "in a process where govreport_nlp is not used"
                )
            continue
        cls.set_extension(name, getter=getter, setter=setter)
    for old, (cls, _new) in DEPRECATED_ALIASES.items():
        if not cls.has_extension(old):  # someone else's `Doc._.meta` stays theirs
            getter, setter = _ALIAS_FUNCTIONS[old]
            cls.set_extension(old, getter=getter, setter=setter)


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


def write_layer(
    doc: Doc, label: str, found: Iterable[tuple[int, int, dict[str, Any]]], *, spans_key: str | None = None
) -> list[Span]:
    """Write a tagger's (start, end, attrs) finds as the `label` layer of `doc`, in
    `doc.spans[spans_key]` (default `SPAN_GROUPS[label]`; another key is recorded on the Doc,
    so that later components and the export find the layer: `layer_key`).

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
        attrs = canonical_attrs(label, attrs)
        spans.append(Span(doc, bounds[0], bounds[1], label=label, kb_id=kb_id_of(label, attrs)))
        user_data[("govreport", "attrs", label, start, end)] = attrs  # `span._.govreport_attrs = attrs`, cheaper
    key = spans_key or SPAN_GROUPS[label]
    if key != SPAN_GROUPS[label]:
        user_data[("govreport", "spans_key", label)] = key
    doc.spans[key] = spans
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
    value = _get_attrs(span)
    return dict(value) if value else {}


def doc_meta(doc: Doc) -> dict[str, Any]:
    """The document's metadata, never None."""
    value = _get_meta(doc)
    return dict(value) if value else {}


def set_doc_meta(doc: Doc, meta: dict[str, Any]) -> None:
    """Replace the document's metadata."""
    _set_meta(doc, meta)


def doc_source(doc: Doc) -> dict[str, Any] | None:
    """{"text": the user's text, "offsets": the offset map as JSON}, or None when the Doc's text is the user's."""
    value: dict[str, Any] | None = _get_source(doc)
    return value


def set_doc_source(doc: Doc, source: dict[str, Any] | None) -> None:
    _set_source(doc, source)


def set_span_attrs(span: Span, attrs: dict[str, Any] | None) -> None:
    """Set a span's attributes (`span._.govreport_attrs`)."""
    _set_attrs(span, attrs)


register_extensions()
