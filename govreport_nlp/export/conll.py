"""CoNLL with BIO tags, one token per character, one tag column per layer.

Chinese has no spaces between words, so a whitespace tokenizer (Label Studio's CoNLL
export, for instance) makes one token of a whole sentence. Here every character that is
not white space is a token; white space is not written, since CoNLL columns are split on
it. Layers overlap (a QUANTITY inside a COMMITMENT), so each layer has its own BIO column.

```
# newdoc id = changzhi-2023
# sha256 = 9512…
# columns = char PLACE PROGRAM QUANTITY COMMITMENT
长	B-PLACE	O	O	O
```

Sentences end after 。！？；, and at line breaks, unless a span runs across. The reader
needs the original text to restore exact offsets (white space is not in the file); without
it, it rebuilds a text from the tokens, one sentence per line.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..doc.layers import LABELS
from ..errors import InputError, OffsetError
from .imported import imported_document
from .json_doc import text_sha256
from .migrate import upgrade
from .schema import validate

SENTENCE_END = set("。！？；!?;")


def _tags(data: dict[str, Any], labels: Sequence[str]) -> dict[str, list[str]]:
    """BIO tag per character of the text, one list per layer."""
    text = data["text"]
    tags = {label: ["O"] * len(text) for label in labels}
    for span in data["spans"]:
        if span["label"] not in tags:
            continue
        start, end = span["start"], span["end"]
        if text[start:end] != span["text"]:
            raise OffsetError(f"CoNLL export: text[{start}:{end}] is {text[start:end]!r}, not {span['text']!r}")
        column = tags[span["label"]]
        if any(tag != "O" for tag in column[start:end]):
            raise OffsetError(f"CoNLL export: {span['label']} {span['text']!r} at {start}:{end} overlaps another "
                              f"{span['label']}; BIO cannot hold overlapping spans of one layer")
        first = True
        for i in range(start, end):
            if not text[i].isspace():
                column[i] = ("B-" if first else "I-") + span["label"]
                first = False
    return tags


def to_conll(data: dict[str, Any], *, labels: Sequence[str] = LABELS) -> str:
    """The document as CoNLL/BIO text (see the module docstring)."""
    data = upgrade(data)
    validate(data, schema=False)
    unknown = [label for label in labels if label not in LABELS]
    if unknown:
        raise InputError(f"unknown labels {unknown}; expected some of {list(LABELS)}")
    text = data["text"]
    tags = _tags(data, labels)
    lines = [f"# newdoc id = {data['meta'].get('id') or ''}", f"# sha256 = {text_sha256(text)}",
             f"# columns = char {' '.join(labels)}"]
    open_sentence = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if ch in "\n\r\u2028\u2029" and open_sentence and not _continues(tags, labels, text, i):
                lines.append("")
                open_sentence = False
            continue
        lines.append("\t".join([ch, *(tags[label][i] for label in labels)]))
        open_sentence = True
        if ch in SENTENCE_END and not _continues(tags, labels, text, i):
            lines.append("")
            open_sentence = False
    if open_sentence:
        lines.append("")
    return "\n".join(lines) + "\n"


def _continues(tags: dict[str, list[str]], labels: Sequence[str], text: str, i: int) -> bool:
    """Whether the next non-space character after position i is inside a span (tag I-)."""
    j = i + 1
    while j < len(text) and text[j].isspace():
        j += 1
    return j < len(text) and any(tags[label][j].startswith("I-") for label in labels)


def write_conll(docs: Iterable[dict[str, Any]], path: Any, *, labels: Sequence[str] = LABELS) -> int:
    """Write several documents to one CoNLL file (str or Path); returns how many."""
    parts = [to_conll(d, labels=labels) for d in docs]
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write("\n".join(parts))
    return len(parts)


def from_conll(conll: str, texts: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Documents from CoNLL/BIO text written by `to_conll` (or edited by a person).

    `texts` maps a document id to its original text: the tokens are aligned to its
    non-space characters and offsets are exact. A document without one gets a text
    rebuilt from its tokens, one sentence per line.
    """
    docs = []
    for block in _documents(conll):
        doc_id, labels, sentences = block
        text = (texts or {}).get(doc_id)
        if text is None:
            text = "\n".join("".join(token for token, _ in sentence) for sentence in sentences)
        positions = [i for i, ch in enumerate(text) if not ch.isspace()]
        tokens = [item for sentence in sentences for item in sentence]
        if len(positions) != len(tokens):
            raise InputError(f"document {doc_id!r}: {len(tokens)} tokens but the text has {len(positions)} "
                             "characters that are not white space")
        spans = []
        for column, label in enumerate(labels):
            current: list[int] | None = None
            for index, (token, tags) in enumerate(tokens):
                if text[positions[index]] != token:
                    raise InputError(f"document {doc_id!r}: token {index} is {token!r}, the text has "
                                     f"{text[positions[index]]!r}")
                tag = tags[column]
                if tag.startswith("I-") and current is not None and tag[2:] == label:
                    current[1] = positions[index] + 1
                    continue
                if current is not None:
                    spans.append((label, current[0], current[1]))
                    current = None
                if tag.startswith(("B-", "I-")):  # a stray I- starts a span, as conlleval reads it
                    current = [positions[index], positions[index] + 1]
            if current is not None:
                spans.append((label, current[0], current[1]))
        docs.append(imported_document(
            text, {"id": doc_id, "sha256": text_sha256(text)},
            ({"label": label, "start": s, "end": e, "text": text[s:e], "attrs": {}} for label, s, e in spans),
        ))
    return docs


def _documents(conll: str) -> Iterable[tuple[str, list[str], list[list[tuple[str, list[str]]]]]]:
    """(id, layer names, sentences of (token, tags)) per `# newdoc` block."""
    doc_id: str | None = None
    labels: list[str] = list(LABELS)
    sentences: list[list[tuple[str, list[str]]]] = []
    sentence: list[tuple[str, list[str]]] = []
    for no, line in enumerate(conll.splitlines(), 1):
        if line.startswith("# newdoc id ="):
            if sentence:
                sentences.append(sentence)
            if doc_id is not None:
                yield doc_id, labels, sentences
            doc_id, labels, sentences, sentence = line.split("=", 1)[1].strip(), list(LABELS), [], []
        elif line.startswith("# columns ="):
            labels = line.split("=", 1)[1].split()[1:]
        elif line.startswith("#"):
            continue
        elif not line.strip():
            if sentence:
                sentences.append(sentence)
            sentence = []
        else:
            fields = line.split("\t")
            if len(fields) != len(labels) + 1:
                raise InputError(f"CoNLL line {no}: expected {len(labels) + 1} columns, found {len(fields)}")
            sentence.append((fields[0], fields[1:]))
    if sentence:
        sentences.append(sentence)
    if doc_id is not None or sentences:
        yield doc_id or "", labels, sentences
