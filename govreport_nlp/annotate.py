"""Run the pipeline over report text and return `govreport-nlp/1` JSON.

This is the one place that turns user input into an annotated Doc, so the CLI, notebooks
and the corpus tools all get the same ingest (decoding, page chrome, normalisation), the
same metadata and the same checks. Texts longer than `nlp.max_length` (10 million
characters in our pipelines, `pipeline.MAX_LENGTH`) are processed in pieces cut at line
ends and joined back, offsets intact.
"""

from __future__ import annotations

import collections
import contextlib
import gc
import itertools
import logging
import multiprocessing
import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .doc.layers import doc_meta, doc_source, doc_text, set_doc_meta, set_doc_source
from .doc.tokenizer import attach_prepared, normalizes, segment
from .errors import GovReportError, InputError
from .export import doc_to_json, text_sha256
from .ingest.prepare import Prepared, load_source, prepare
from .ingest.structure import report_place_year
from .pipeline import DEFAULT_SEGMENTER, load, package_version
from .taggers.places.component import NEAR_KEY, PlaceTagger

Source = str | bytes | Path


def run_meta(nlp: Language, text: str) -> dict[str, Any]:
    """What a reader of the JSON needs to know about the run: pipeline and text checksum."""
    return {
        "segmenter": getattr(nlp.tokenizer, "segmenter", None),
        "pipeline": _pipeline_name(nlp),
        "version": package_version(),
        "sha256": text_sha256(text),
    }


def _pipeline_name(nlp: Language) -> Any:
    """`nlp.meta["name"]` without `Language.meta`, which rebuilds the whole meta (every
    component's labels, the vectors) on each access: more than annotating a paragraph."""
    meta = getattr(nlp, "_meta", None)  # what `Language.meta` fills and returns
    return meta.get("name", "pipeline") if isinstance(meta, dict) else nlp.meta.get("name")


_SURROGATE = re.compile("[\ud800-\udfff]")


def read_input(source: object) -> tuple[str, dict[str, Any]]:
    """Text and decoding facts for a str (taken as is), bytes or a path."""
    if isinstance(source, str):
        lone = _SURROGATE.search(source)
        if lone:
            raise InputError(
                f"the text holds a lone surrogate (U+{ord(lone.group()):04X}) at offset {lone.start()}: half of a "
                "UTF-16 pair, which no encoding can write (it comes from decoding with errors='surrogateescape' or "
                "from a broken UTF-16 source). Repair the text, or pass the original bytes to annotate() to decode"
            )
        return source, {}
    if isinstance(source, (bytes, Path)):
        return load_source(source)
    raise InputError(f"expected str, bytes or pathlib.Path, got {type(source).__name__}")


#: Where a piece may end, best first: a line end, a sentence end, a clause mark, white space.
#: A cut inside a clause can split a name or a figure (31.1亿斤|以上); a clause mark only
#: splits a clause, which the COMMITMENT tagger decides again over the joined Doc.
_CUTS = (re.compile("\n"), re.compile("[。！？；!?;]"), re.compile("[，、：,:]"), re.compile(r"\s"))


def chunk_bounds(text: str, limit: int) -> list[tuple[int, int]]:
    """Cut `text` into pieces of at most `limit` characters, at the best boundary in each
    piece's last quarter (`_CUTS`), at `limit` itself only where the quarter has none."""
    bounds = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        floor = start + max(1, limit * 3 // 4)
        cut = 0
        for mark in _CUTS:
            last = max((m.end() for m in mark.finditer(text, floor, end)), default=0)  # the last in the window
            if last:
                cut = last
                break
        end = cut or end
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


#: Components whose results depend on the whole report; `merge_chunks` runs them again.
WHOLE_DOCUMENT = ("govreport_structure", "govreport_commitments", "govreport_ents")


def merge_chunks(nlp: Language, docs: list[Doc], starts: list[int], prepared: Prepared | None = None) -> Doc:
    """Join chunk Docs into one, carrying span attributes over (spaCy drops ours); with
    `prepared`, the joined Doc knows the user's text before the whole-report components run
    (COMMITMENT writes its indicators as the user wrote them)."""
    if len(docs) == 1:
        return docs[0]
    with warnings.catch_warnings():  # W102: spaCy skips our attribute keys; we copy them below
        warnings.simplefilter("ignore", UserWarning)
        merged = Doc.from_docs(docs, ensure_whitespace=False)
    for doc, offset in zip(docs, starts, strict=True):
        for key, value in doc.user_data.items():
            if isinstance(key, tuple) and key[:2] == ("govreport", "attrs"):
                merged.user_data[key[:3] + (key[3] + offset, key[4] + offset)] = value
    if prepared is not None and prepared.text != prepared.source:
        set_doc_source(merged, {"text": prepared.source, "offsets": prepared.offsets.to_json()})
    # Sections may cross the cuts, and a clause's commitment depends on its section: these
    # components run again over the whole Doc (the others decide from local context only).
    for name, component in nlp.pipeline:
        if name in WHOLE_DOCUMENT:
            component(merged)
    return merged


def report_context(nlp: Language, text: str) -> dict[str, Any]:
    """What the components decide from a whole report, for the pieces of one too long for one
    Doc: its place and year (from the title) and the centre its place names gather around.
    Without it each piece would decide them from its own text, and link names differently."""
    place, year = report_place_year(text)
    context: dict[str, Any] = {"place": place, "year": year}
    tagger = nlp.get_pipe("govreport_places") if "govreport_places" in nlp.pipe_names else None
    if isinstance(tagger, PlaceTagger):
        context[NEAR_KEY] = tagger.rules.document_near(text, place=place, year=year)
    return context


def finish(nlp: Language, doc: Doc, meta: dict[str, Any]) -> Doc:
    """Add the caller's and the run's metadata to an annotated Doc (its tokenizer recorded the rest)."""
    found = doc_meta(doc)  # what ingest and the components read off the text (script, body, place, year)
    found.pop(NEAR_KEY, None)  # internal to the pieces of a long report
    ingest = {k: found.pop(k) for k in INGEST_META if k in found}
    set_doc_meta(doc, {**meta, **found, **ingest, **run_meta(nlp, source_text(doc))})
    return doc


#: `meta` keys the tokenizer records from ingest; they follow the caller's and the components' keys.
INGEST_META = ("script", "body", "excluded")


def source_text(doc: Doc) -> str:
    source = doc_source(doc)
    return str(source["text"]) if source else doc_text(doc)


@contextlib.contextmanager
def collections_deferred() -> Iterator[None]:
    """Hold the cyclic garbage collector off while one document is annotated.

    Annotating allocates many short-lived objects, which triggers collections that walk
    every live object each time: 10% of the time on real reports, 40% on text dense with
    spans (benchmarks/adversarial.py). Nearly all of it is freed by reference counting
    anyway; the collector runs again as soon as the document is done. Left alone when the
    caller has switched the collector off.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def annotate_docs(
    items: Iterable[tuple[Source, dict[str, Any]]],
    nlp: Language,
    *,
    batch_size: int = 16,
    n_process: int = 1,
    clean: bool = True,
) -> Iterator[Doc]:
    """Annotated Docs for (input, meta) pairs, in input order, long texts in pieces.

    A text goes to `nlp.pipe` as it is when the pipeline's tokenizer normalises it the way
    `clean` asks (ours does): `annotate(text)` is then `nlp(text)` plus metadata. Otherwise,
    and for texts longer than `nlp.max_length`, it is normalised here and segmented as is.
    """
    pending: dict[int, tuple[Prepared | None, dict[str, Any], list[int], list[Doc]]] = {}
    by_tokenizer = normalizes(nlp, clean=clean)

    def pieces() -> Iterator[tuple[str | Doc, tuple[int, int]]]:
        for n, (source, meta) in enumerate(items):
            text, decoded = read_input(source)
            meta = {**(meta or {}), **decoded}
            if by_tokenizer and len(text) <= nlp.max_length:
                pending[n] = (None, meta, [0], [])
                yield text, (n, 1)  # nlp.pipe tokenizes it (in the worker processes, if any)
                continue
            prepared = prepare(text, clean=clean)
            bounds = chunk_bounds(prepared.text, nlp.max_length)
            pending[n] = (prepared, meta, [s for s, _ in bounds], [])
            if len(bounds) == 1:
                yield attach_prepared(segment(nlp, prepared.text), prepared), (n, 1)
                continue
            context = report_context(nlp, prepared.text)
            for start, end in bounds:
                piece = segment(nlp, prepared.text[start:end])
                set_doc_meta(piece, dict(context))
                yield piece, (n, len(bounds))

    stream = nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size, n_process=n_process)
    while True:
        with collections_deferred():
            item = next(stream, None)
            if item is None:
                return
            doc, (n, n_chunks) = item
            prepared, meta, starts, done = pending[n]
            done.append(doc)
            whole = None
            if len(done) == n_chunks:
                del pending[n]
                merged = merge_chunks(nlp, done, starts, prepared)
                if n_chunks > 1 and prepared is not None:
                    context = doc_meta(merged)
                    attach_prepared(merged, prepared)
                    set_doc_meta(merged, {**context, **doc_meta(merged)})
                whole = finish(nlp, merged, meta)
        if whole is not None:
            yield whole


def process(nlp: Language, source: Source, *, meta: dict[str, Any] | None = None, clean: bool = True) -> Doc:
    """Annotate one input; the Doc's text is the normalised text, `doc_source(doc)` the user's."""
    (doc,) = annotate_docs([(source, meta or {})], nlp, clean=clean)
    return doc


def annotate(
    text: Source,
    *,
    nlp: Language | None = None,
    segmenter: str = DEFAULT_SEGMENTER,
    doc_id: str | None = None,
    source: str | None = None,
    clean: bool = True,
) -> dict[str, Any]:
    """Annotate a report and return it as `govreport-nlp/1` JSON (a dict).

    Args:
        text: the report: a str (taken as is), bytes or a `pathlib.Path` (decoded, the
            encoding detected); every offset in the result points into the decoded text.
        nlp: a pipeline from `load()`; by default the shared pipeline for `segmenter` (`load(segmenter, shared=True)`).
        segmenter: `char` (default), `jieba` or `pkuseg` (needs `govreport-nlp build-model`).
        doc_id: stored as `meta.id`.
        source: stored as `meta.source` (a path or URL).
        clean: find the report body and leave page chrome out of the analysis.
    """
    nlp = nlp or load(segmenter, shared=True)
    doc = process(nlp, text, meta={"id": doc_id, "source": source}, clean=clean)
    with collections_deferred():
        return doc_to_json(doc)


#: The pipeline of the worker processes of `in_workers`: set before they fork, so each
#: inherits the loaded pipeline instead of loading (or unpickling) one.
_WORKER_NLP: Language | None = None


def _run_in_worker(task: tuple[Callable[..., list[Any]], list[Any], dict[str, Any]]) -> list[Any]:
    function, chunk, kwargs = task
    assert _WORKER_NLP is not None, "in_workers sets the pipeline before the workers fork"
    return function(chunk, _WORKER_NLP, **kwargs)


def can_fork() -> bool:
    """Whether worker processes can inherit the loaded pipeline (POSIX systems)."""
    return "fork" in multiprocessing.get_all_start_methods()


def in_workers(
    function: Callable[..., list[Any]],
    items: Iterable[Any],
    nlp: Language,
    n_process: int,
    *,
    chunk_size: int = 1,
    **kwargs: Any,
) -> Iterator[Any]:
    """`function(chunk, nlp, **kwargs)` over chunks of `items` in `n_process` forked
    processes; the results of every chunk, flattened, in input order.

    Each worker inherits the loaded pipeline by fork and does the whole job for its inputs
    (read, decode, normalise, annotate, export), so only inputs and results cross between
    processes. spaCy's own `nlp.pipe(n_process=...)` sends every annotated Doc back, which
    costs more than the second process saves (docs/pipeline.md#measuring). At most
    `4 * n_process` chunks are in flight, so a long input stream is read as it goes. If a
    worker dies (killed, out of memory), the chunks not yet returned run in this process.
    """
    global _WORKER_NLP
    stream = iter(items)
    chunks = iter(lambda: list(itertools.islice(stream, chunk_size)), [])
    pending: collections.deque[tuple[list[Any], Future[list[Any]] | None]] = collections.deque()
    _WORKER_NLP = nlp
    try:
        with ProcessPoolExecutor(n_process, mp_context=multiprocessing.get_context("fork")) as pool:
            broken = False
            for chunk in chunks:
                future = None if broken else pool.submit(_run_in_worker, (function, chunk, kwargs))
                pending.append((chunk, future))
                while len(pending) >= 4 * n_process or (pending and broken):
                    done, broken = _collect(pending.popleft(), function, nlp, kwargs, broken)
                    yield from done
            while pending:
                done, broken = _collect(pending.popleft(), function, nlp, kwargs, broken)
                yield from done
    finally:
        _WORKER_NLP = None


def _collect(
    entry: tuple[list[Any], Future[list[Any]] | None],
    function: Callable[..., list[Any]],
    nlp: Language,
    kwargs: dict[str, Any],
    broken: bool,
) -> tuple[list[Any], bool]:
    chunk, future = entry
    if future is not None and not broken:
        try:
            return future.result(), False
        except BrokenProcessPool:
            logging.getLogger(__name__).warning("a worker process died; the rest runs in this process")
    return function(chunk, nlp, **kwargs), True


def _annotate_chunk(
    chunk: list[tuple[int, Source, dict[str, Any]]], nlp: Language, *, batch_size: int, clean: bool
) -> list[tuple[int, dict[str, Any] | None, dict[str, Any], GovReportError | None]]:
    """`annotate_many` of one chunk in a worker: (input number, JSON or None, meta, error or None)."""
    errors: dict[int, tuple[dict[str, Any], GovReportError]] = {}
    results = list(annotate_many(  # a list: `errors` is complete once it is
        [(source, meta) for _, source, meta in chunk], nlp, batch_size=batch_size, clean=clean,
        on_error=lambda k, meta, exc: errors.__setitem__(k, (meta, exc)),
    ))
    out: list[tuple[int, dict[str, Any] | None, dict[str, Any], GovReportError | None]] = []
    data = iter(results)
    for k, (n, _, meta) in enumerate(chunk):
        if k in errors:
            continue
        out.append((n, next(data), meta, None))
    for k, (meta, exc) in errors.items():  # errors are known once the results are out
        out.append((chunk[k][0], None, meta, exc))
    out.sort(key=lambda row: row[0])
    return out


def _failure(
    n: int,
    meta: dict[str, Any],
    exc: GovReportError,
    on_error: Callable[[int, dict[str, Any], GovReportError], None] | None,
) -> Iterator[dict[str, Any]]:
    """An unreadable input's place in `annotate_many`'s results: the callback's, or an error record."""
    if on_error is not None:
        on_error(n, meta, exc)
    else:
        yield {"error": {"code": exc.code, "message": str(exc)}, "meta": meta, "input": n}


def annotate_many(
    items: Iterable[tuple[Source, dict[str, Any]]],
    nlp: Language,
    *,
    batch_size: int = 16,
    n_process: int = 1,
    clean: bool = True,
    on_error: Callable[[int, dict[str, Any], GovReportError], None] | None = None,
) -> Iterator[dict[str, Any]]:
    """Annotate (input, meta) pairs with `nlp.pipe`; yields JSON in input order.

    An input that cannot be read (a missing file, binary data, undecodable bytes, a lone
    surrogate) does not stop the others. By default its place in the results holds an
    error record, `{"error": {"code": "G005", "message": ...}, "meta": meta, "input": n}`
    (`n`: its position among the inputs), so results still line up with inputs; with
    `on_error`, it is passed to `on_error(n, meta, error)` instead and nothing is yielded.

    With `n_process > 1` (where processes can fork: Linux, macOS) forked workers each do
    the whole job for their inputs and send back JSON (`in_workers`); elsewhere spaCy's
    `nlp.pipe(n_process=...)` does. The output is the same either way.
    """
    if n_process > 1 and can_fork():
        numbered = ((n, source, meta or {}) for n, (source, meta) in enumerate(items))
        for n, data, meta, exc in in_workers(_annotate_chunk, numbered, nlp, n_process, batch_size=batch_size,
                                             clean=clean):
            if exc is None:
                assert data is not None
                yield data
            else:
                yield from _failure(n, meta, exc, on_error)
        return
    failed: dict[int, tuple[dict[str, Any], GovReportError]] = {}
    order: collections.deque[int] = collections.deque()

    def readable() -> Iterator[tuple[Source, dict[str, Any]]]:
        for n, (source, meta) in enumerate(items):
            try:
                text, decoded = read_input(source)
            except GovReportError as exc:
                failed[n] = (dict(meta or {}), exc)
                continue
            order.append(n)
            yield text, {**(meta or {}), **decoded}

    def failures_before(limit: int | None) -> Iterator[dict[str, Any]]:
        for n in sorted(k for k in failed if limit is None or k < limit):
            meta, exc = failed.pop(n)
            yield from _failure(n, meta, exc, on_error)

    for doc in annotate_docs(readable(), nlp, batch_size=batch_size, n_process=n_process, clean=clean):
        yield from failures_before(order.popleft())
        with collections_deferred():
            data = doc_to_json(doc)
        yield data
    yield from failures_before(None)
