"""Doc <-> `govreport-nlp/1` JSON, losslessly in both directions.

`doc_to_json` is what every export starts from; `json_to_doc` reloads an export (or a
corrected annotation from a labeling tool) as a Doc with the same spans, attributes and
metadata, so that `doc_to_json(json_to_doc(d)) == d`.
"""

from __future__ import annotations

import copy
import hashlib
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ..errors import OffsetError
from ..layers import LABELS, SCHEMA_ID, SPAN_GROUPS, doc_meta, register_extensions, span_attrs
from ..tokens import split_at
from .schema import validate

register_extensions()


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def doc_spans(doc: Doc) -> list[dict[str, Any]]:
    """All layer spans of `doc` as JSON objects, ordered by start, end, then layer."""
    out = []
    for label, group in SPAN_GROUPS.items():
        if group not in doc.spans:
            continue
        for span in doc.spans[group]:
            out.append(
                {
                    "label": label,
                    "start": span.start_char,
                    "end": span.end_char,
                    "text": span.text,
                    "attrs": copy.deepcopy(span_attrs(span)),
                }
            )
    out.sort(key=lambda s: (s["start"], s["end"], LABELS.index(s["label"])))
    return out


def doc_to_json(doc: Doc, *, check: bool = True) -> dict[str, Any]:
    """The document as a `govreport-nlp/1` object (validated unless `check=False`)."""
    data = {"schema": SCHEMA_ID, "text": doc.text, "meta": doc_meta(doc), "spans": doc_spans(doc)}
    if check:
        validate(data)
    return data


def _tokenize(text: str, nlp_or_vocab: Language | Vocab | None) -> Doc:
    if isinstance(nlp_or_vocab, Language):
        return nlp_or_vocab.make_doc(text)
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
    """Rebuild a Doc from a `govreport-nlp/1` object.

    The text is tokenised with `nlp`'s tokenizer when a pipeline is given (one token per
    character otherwise), then split wherever a span starts or ends inside a token, so
    every span lands on token boundaries. No pipeline component is run.
    """
    validate(data)
    text = data["text"]
    spans = data["spans"]
    doc = _tokenize(text, nlp_or_vocab)
    doc = split_at(doc, [s["start"] for s in spans] + [s["end"] for s in spans])
    groups: dict[str, list[Span]] = {group: [] for group in SPAN_GROUPS.values()}
    for item in spans:
        span = doc.char_span(item["start"], item["end"], label=item["label"], alignment_mode="strict")
        if span is None:  # only white space at a boundary can cause this
            raise OffsetError(f"span {item['text']!r} at {item['start']}:{item['end']} does not align with tokens")
        span._.attrs = copy.deepcopy(item["attrs"])
        groups[SPAN_GROUPS[item["label"]]].append(span)
    for group, items in groups.items():
        doc.spans[group] = items
    doc._.meta = copy.deepcopy(data["meta"])
    return doc
