"""spaCy DocBin: our documents as a `.spacy` file for `spacy train` and spaCy tooling.

Each document is rebuilt with `json_to_doc` (span groups per layer, `span._.attrs`,
`doc._.meta`, sections) and stored with `store_user_data=True`, which is where spaCy keeps
extension values; without it the attributes would be lost. Reading back gives the same
JSON (`doc_to_json`), offsets into the user's own text included.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import DocBin
from spacy.vocab import Vocab

from ..errors import GovReportError, InputError
from .json_doc import doc_to_json, json_to_doc
from .migrate import upgrade
from .schema import validate


def to_docbin(docs: Iterable[dict[str, Any]], nlp_or_vocab: Language | Vocab | None = None) -> DocBin:
    """A DocBin of the documents; tokens from `nlp`'s tokenizer, or one per character without one.

    Every span's offsets are checked against its text first (OffsetError on a mismatch).
    """
    docbin = DocBin(store_user_data=True)
    for data in docs:
        data = upgrade(data)
        validate(data, schema=False)
        docbin.add(json_to_doc(data, nlp_or_vocab))
    return docbin


def write_docbin(docs: Iterable[dict[str, Any]], path: str | Path,
                 nlp_or_vocab: Language | Vocab | None = None) -> int:
    """Write a `.spacy` file; returns the number of documents."""
    docbin = to_docbin(docs, nlp_or_vocab)
    docbin.to_disk(path)
    return len(docbin)


def from_docbin(docbin: DocBin, vocab: Vocab | None = None) -> list[dict[str, Any]]:
    """The documents of a DocBin as `govreport-nlp/2` JSON (offsets checked)."""
    return [doc_to_json(doc) for doc in docbin.get_docs(vocab or Vocab())]


#: The most a `.spacy` file may unpack to: its content is zlib-compressed, and a few
#: hundred kilobytes of zeros can inflate to gigabytes (a "zlib bomb").
MAX_UNPACKED = 1 << 30


def read_docbin(
    path: str | Path, vocab: Vocab | None = None, *, max_unpacked: int = MAX_UNPACKED
) -> list[dict[str, Any]]:
    """Documents from a `.spacy` file written by `write_docbin`.

    The file is inflated at most to `max_unpacked` bytes before anything else reads it; a
    larger or malformed file is refused with InputError (G005) naming it.
    """
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc.strerror or exc})") from exc
    inflater = zlib.decompressobj()
    try:
        unpacked = inflater.decompress(data, max_unpacked)
    except zlib.error as exc:
        raise InputError(f"{path}: not a spaCy DocBin (.spacy) file: {exc}") from exc
    if inflater.unconsumed_tail:
        raise InputError(
            f"{path}: unpacks to more than {max_unpacked:,} bytes, refused before it is unpacked "
            "(pass max_unpacked= to read a larger file you trust)"
        )
    try:
        docbin = DocBin().from_bytes(zlib.compress(unpacked, 1))
        return from_docbin(docbin, vocab)
    except GovReportError:
        raise
    except Exception as exc:  # a malformed DocBin: whatever spaCy trips on, it is the file's fault
        raise InputError(f"{path}: not a DocBin that govreport-nlp wrote ({type(exc).__name__}: {exc})") from exc
