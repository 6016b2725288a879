"""Run the pipeline over report text and return `govreport-nlp/1` JSON.

This is the one place that turns user text into an annotated Doc, so the CLI, notebooks
and the corpus tools all get the same metadata and the same checks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .errors import InputError
from .export import doc_to_json, text_sha256
from .pipeline import DEFAULT_SEGMENTER, load, package_version


def run_meta(nlp: Language, text: str) -> dict[str, Any]:
    """What a reader of the JSON needs to know about the run: pipeline and text checksum."""
    return {
        "segmenter": getattr(nlp.tokenizer, "segmenter", None),
        "pipeline": nlp.meta.get("name"),
        "version": package_version(),
        "sha256": text_sha256(text),
    }


def check_text(text: object, nlp: Language) -> str:
    if not isinstance(text, str):
        raise InputError(
            f"expected str, got {type(text).__name__}; decode files and bytes with govreport_nlp.read_text()"
        )
    if len(text) > nlp.max_length:
        raise InputError(
            f"text has {len(text):,} characters, more than the pipeline's max_length "
            f"({nlp.max_length:,}); split it, or raise nlp.max_length if memory allows"
        )
    return text


def process(nlp: Language, text: str, *, meta: dict[str, Any] | None = None) -> Doc:
    """Annotate one text; `doc._.meta` holds `meta` plus the pipeline's description."""
    doc = nlp(check_text(text, nlp))
    doc._.meta = {**(meta or {}), **run_meta(nlp, text)}
    return doc


def annotate(
    text: str,
    *,
    nlp: Language | None = None,
    segmenter: str = DEFAULT_SEGMENTER,
    doc_id: str | None = None,
    source: str | None = None,
) -> dict[str, Any]:
    """Annotate `text` and return it as `govreport-nlp/1` JSON (a dict).

    Args:
        text: the report, as decoded text; every offset in the result points into it.
        nlp: a pipeline from `load()`; by default the cached pipeline for `segmenter`.
        segmenter: `pkuseg` (default, needs `govreport-nlp build-model`), `jieba` or `char`.
        doc_id: stored as `meta.id`.
        source: stored as `meta.source` (a path or URL).
    """
    nlp = nlp or load(segmenter)
    return doc_to_json(process(nlp, text, meta={"id": doc_id, "source": source}))


def annotate_many(
    items: Iterable[tuple[str, dict[str, Any]]],
    nlp: Language,
    *,
    batch_size: int = 16,
    n_process: int = 1,
) -> Iterator[dict[str, Any]]:
    """Annotate (text, meta) pairs with `nlp.pipe`; yields JSON in input order."""
    checked = ((check_text(text, nlp), meta) for text, meta in items)
    for doc, meta in nlp.pipe(checked, as_tuples=True, batch_size=batch_size, n_process=n_process):
        doc._.meta = {**meta, **run_meta(nlp, doc.text)}
        yield doc_to_json(doc)
