"""Annotate a whole corpus into sharded JSONL, resumably, one bad file never stopping the rest.

A run writes into an output folder::

    OUT/shards/part-00000.jsonl     govreport-nlp/1 documents, one per line, in input order
    OUT/manifest/part-00000.jsonl   one record per input of that shard: checksum and outcome
    OUT/manifest.jsonl              every input's latest record (rewritten at the end of a run)

A shard and its manifest part are each written to a temporary file and moved into place
with `os.replace`; the manifest part goes last and is the commit. A run killed at any
moment therefore leaves whole files only, and the next run deletes a shard whose manifest
part is missing, skips every input whose latest record is `done` with the same SHA-256,
and annotates the rest (new, changed and failed inputs) into new parts. Every good file
ends up in exactly one shard line that the manifest points to.

The work is split into shards before anything is annotated, so the shards hold the same
bytes whatever the batch size, the number of processes or the engine (`distributed`).
"""

from __future__ import annotations

import collections
import contextlib
import hashlib
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from spacy.language import Language
from tqdm import tqdm

from ..annotate import annotate_docs, can_fork, collections_deferred, in_workers
from ..errors import CorpusError, GovReportError, InputError
from ..export import doc_to_json
from ..ingest.prepare import load_source
from ..pipeline import DEFAULT_SEGMENTER, load
from .limits import DocumentTimeout, deadline, limit_message

try:  # advisory lock against two runs writing one folder; POSIX only
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

SHARDS = "shards"
MANIFEST_PARTS = "manifest"
QUARANTINE = "quarantine"
MANIFEST = "manifest.jsonl"
DEFAULT_SHARD_SIZE = 100
#: Seconds one document may take (decoding, pipeline, export) before it fails alone. A
#: 5-million-character report takes about two minutes with pkuseg on one core.
DEFAULT_TIME_LIMIT = 600.0
Status = Literal["done", "failed"]


@dataclass(frozen=True)
class Input:
    """One file of the corpus; `name` is its path as given, used as `meta.id` and `meta.source`."""

    name: str
    path: Path


@dataclass(frozen=True)
class Outcome:
    """What became of one input: its JSON line, or the error that stopped it."""

    name: str
    sha256: str
    status: Status
    chars: int = 0
    line: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class Plan:
    """The inputs still to annotate, already cut into numbered shards, and those skipped."""

    shards: list[tuple[int, list[Input]]]
    skipped: list[str] = field(default_factory=list)

    @property
    def inputs(self) -> list[Input]:
        return [item for _, items in self.shards for item in items]


@dataclass
class RunSummary:
    """Counts of one run, for the CLI and for scripts."""

    done: int = 0
    failed: int = 0
    skipped: int = 0
    chars: int = 0
    seconds: float = 0.0
    errors: dict[str, str] = field(default_factory=dict)
    quarantined: dict[str, str] = field(default_factory=dict)  # input -> why its part was set aside

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# ---------------------------------------------------------------- inputs


def collect_inputs(paths: Iterable[str | Path], *, pattern: str = "*.txt") -> list[Input]:
    """Files named directly and files under folders (recursively, matching `pattern`, no hidden ones).

    A name given twice is taken once. A text file whose name ends in `.list` is read as a
    file list: one path per line (relative to the list's folder), blank lines and `#` lines
    ignored.
    """
    seen: dict[str, Input] = {}

    def add(name: str, path: Path) -> None:
        seen.setdefault(name, Input(name, path))

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob(pattern)):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden:
                    add(str(child), child)
        elif path.suffix == ".list" and path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                entry = line.strip()
                if entry and not entry.startswith("#"):
                    listed = Path(entry) if Path(entry).is_absolute() else path.parent / entry
                    add(str(listed), listed)
        else:
            add(str(raw), path)  # a missing file is reported when it is read
    return list(seen.values())


def bytes_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str | None:
    """Checksum of a file's bytes, or None when it cannot be read (it will fail and be reported)."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def read_input(item: Input) -> tuple[bytes, str, dict[str, Any]]:
    """Bytes (for the checksum), decoded text and JSON `meta` of one input; InputError if unusable."""
    try:
        data = item.path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or exc
        raise InputError(f"{item.name}: cannot read ({reason}); check the path and its permissions") from exc
    text, decoded = load_source(data, name=item.name)
    if not text.strip():
        raise InputError(f"{item.name}: empty file, there is no text to annotate")
    return data, text, {"id": item.name, "source": item.name, **decoded}


# ---------------------------------------------------------------- annotation with isolation


@contextlib.contextmanager
def recording_errors(nlp: Language, errors: list[str]) -> Iterator[None]:
    """Let `nlp.pipe` drop a document whose component fails (recording why) instead of stopping.

    With several processes spaCy drops the whole batch of the failing document; the
    caller re-runs what is missing one by one, so only the bad document is lost.
    """

    def record(name: Any, proc: Any, docs: Any, exc: Exception) -> None:
        errors.append(f"{type(exc).__name__} in {name or 'the pipeline'}: {exc}".strip())
        log.debug("pipeline error", exc_info=exc)

    previous = nlp.default_error_handler
    nlp.set_error_handler(record)  # type: ignore[arg-type]  # spaCy types handlers as NoReturn
    try:
        yield
    finally:
        nlp.set_error_handler(previous)


@dataclass(frozen=True)
class Pending:
    """An input handed to `nlp.pipe` (or refused before it) whose outcome is not out yet."""

    item: Input
    sha256: str
    text: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


class IsolatedStream:
    """One `nlp.pipe` stream over the inputs, remembering what it was fed to account for every input."""

    def __init__(
        self, source: Iterator[Input], nlp: Language, *, clean: bool, time_limit: float | None = None
    ) -> None:
        self.source = source
        self.nlp = nlp
        self.clean = clean
        self.time_limit = time_limit
        self.fed: collections.deque[Pending] = collections.deque()
        self.errors: list[str] = []
        self.exhausted = False
        self.interrupted = False  # a document ran out of time: the rest of the source needs a new stream
        self.reading: Input | None = None

    def feed(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Texts for `nlp.pipe`; inputs that cannot be read are queued with their error instead."""
        for item in self.source:
            self.reading = item  # until it is queued: a time-out while reading it names it
            try:
                data, text, meta = read_input(item)
            except GovReportError as exc:
                self.reading = None
                self.fed.append(Pending(item, file_sha256(item.path) or "", error=str(exc)))
                continue
            self.reading = None
            self.fed.append(Pending(item, bytes_sha256(data), text, meta))
            yield text, meta
        self.exhausted = True

    def settle(self, until: str | None) -> Iterator[Outcome]:
        """Outcomes of the inputs fed before `until` that did not come back: refused, or dropped by a failure."""
        while self.fed and self.fed[0].item.name != until:
            pending = self.fed.popleft()
            if pending.error is not None:
                yield Outcome(pending.item.name, pending.sha256, "failed", error=pending.error)
            else:
                yield annotate_alone(
                    pending, self.nlp, clean=self.clean, errors=self.errors, time_limit=self.time_limit
                )

    def run(self, *, batch_size: int, n_process: int) -> Iterator[Outcome]:
        """Outcomes of the stream's inputs, in order. A document that runs out of time
        (in this process: `n_process=1`) fails alone and the stream stops after it."""
        limit = self.time_limit if n_process == 1 else None
        if self.time_limit is not None and n_process != 1:
            log.warning("the per-document time limit is not enforced with n_process=%d (only in-process)", n_process)
        with recording_errors(self.nlp, self.errors):
            docs = annotate_docs(self.feed(), self.nlp, batch_size=batch_size, n_process=n_process, clean=self.clean)
            while True:
                try:
                    with deadline(limit):
                        doc = next(docs)
                except StopIteration:
                    break
                except DocumentTimeout:
                    yield from self.timed_out()
                    return
                yield from self.settle(doc._.govreport_meta["id"])
                pending = self.fed.popleft()
                try:
                    with deadline(limit):
                        outcome = export(pending, doc)
                except DocumentTimeout:
                    assert limit is not None
                    reason = limit_message(pending.item.name, limit)
                    outcome = Outcome(pending.item.name, pending.sha256, "failed", error=reason)
                yield outcome
            yield from self.settle(None)

    def timed_out(self) -> Iterator[Outcome]:
        """Outcomes once the document in progress ran out of time: the inputs fed before it
        as usual, it failed with the reason (one document at a time is in progress here)."""
        self.interrupted = True
        assert self.time_limit is not None
        reading, self.reading = self.reading, None
        culprit = None if reading is not None or not self.fed or self.fed[-1].error else self.fed.pop()
        yield from self.settle(None)
        if reading is not None:
            yield Outcome(reading.name, file_sha256(reading.path) or "", "failed",
                          error=limit_message(reading.name, self.time_limit))
        if culprit is not None:
            yield Outcome(culprit.item.name, culprit.sha256, "failed",
                          error=limit_message(culprit.item.name, self.time_limit))


def export(pending: Pending, doc: Any) -> Outcome:
    """The JSON line of an annotated Doc, or a failed Outcome if the export check rejects it."""
    try:
        with collections_deferred():
            line = json.dumps(doc_to_json(doc), ensure_ascii=False)
    except GovReportError as exc:
        return Outcome(pending.item.name, pending.sha256, "failed", error=str(exc))
    return Outcome(pending.item.name, pending.sha256, "done", chars=len(pending.text), line=line)


def _inputs_chunk(
    chunk: list[Input], nlp: Language, *, batch_size: int, clean: bool, time_limit: float | None
) -> list[Outcome]:
    """`annotate_inputs` of one chunk in a worker process (where the time limit holds too)."""
    return list(annotate_inputs(chunk, nlp, batch_size=batch_size, n_process=1, clean=clean, time_limit=time_limit))


def annotate_inputs(
    inputs: Iterable[Input],
    nlp: Language,
    *,
    batch_size: int = 16,
    n_process: int = 1,
    clean: bool = True,
    time_limit: float | None = None,
) -> Iterator[Outcome]:
    """One Outcome per input, in input order; no input's failure stops the others.

    Unreadable, empty and undecodable files fail before the pipeline. A document the
    pipeline or the export check rejects is retried alone in this process, so a batch
    mate dropped with it by spaCy's multiprocessing is still annotated. A document that
    takes longer than `time_limit` seconds fails alone. If the stream itself breaks, what
    it held is settled one by one and a new stream takes the rest. With `n_process > 1`
    (where processes can fork) forked workers run all of this on chunks of the inputs, time
    limit included, and send back only the Outcomes (`annotate.in_workers`).
    """
    if n_process > 1 and can_fork():
        yield from in_workers(_inputs_chunk, inputs, nlp, n_process, batch_size=batch_size, clean=clean,
                              time_limit=time_limit)
        return
    source = iter(inputs)
    while True:
        stream = IsolatedStream(source, nlp, clean=clean, time_limit=time_limit)
        try:
            yield from stream.run(batch_size=batch_size, n_process=n_process)
            if not stream.interrupted:
                return
        except Exception as exc:  # not one document's failure: the stream broke; isolate and go on
            log.warning("annotation stream stopped (%s); settling its inputs one by one", exc)
            stream.errors.append(f"{type(exc).__name__}: {exc}")
            yield from stream.settle(None)
        if stream.exhausted:
            return


def annotate_alone(
    pending: Pending, nlp: Language, *, clean: bool, errors: list[str], time_limit: float | None = None
) -> Outcome:
    """Annotate one document on its own, in this process; its failure becomes its Outcome."""
    seen = len(errors)
    try:
        with deadline(time_limit), recording_errors(nlp, errors):
            docs = list(annotate_docs([(pending.text, pending.meta)], nlp, clean=clean))
            outcome = export(pending, docs[0]) if docs else None
        if outcome is not None:
            return outcome
        reason = errors[-1] if len(errors) > seen else "the pipeline returned no document"
    except DocumentTimeout:
        assert time_limit is not None
        reason = limit_message(pending.item.name, time_limit)
    except Exception as exc:  # any failure of this one document is its own outcome
        reason = f"{type(exc).__name__}: {exc}"
    return Outcome(pending.item.name, pending.sha256, "failed", error=reason)


# ---------------------------------------------------------------- output folder


def write_atomic(path: Path, text: str) -> None:
    """Write a whole file or nothing: a temporary file beside it, fsynced, then `os.replace`."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def part_name(number: int) -> str:
    return f"part-{number:05d}.jsonl"


def part_number(path: Path) -> int:
    return int(path.name.removeprefix("part-").removesuffix(".jsonl"))


def manifest_parts(out: Path) -> list[Path]:
    return sorted((out / MANIFEST_PARTS).glob("part-*.jsonl"), key=part_number)


def read_part(part: Path) -> list[dict[str, Any]]:
    """The records of one manifest part; CorpusError naming the part and line if one is damaged."""
    try:
        lines = part.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{part}: cannot read this manifest part ({exc}); run `corpus run` again to repair") from exc
    records = []
    for no, line in enumerate(lines, 1):
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise CorpusError(f"{part}:{no}: damaged record ({exc}); run `corpus run` again to repair") from exc
        whole = isinstance(record, dict) and {"input", "sha256", "status"} <= set(record)
        if not whole or record["status"] not in ("done", "failed") or (
            record["status"] == "done" and not isinstance(record.get("line"), int)
        ):
            raise CorpusError(f"{part}:{no}: not a manifest record; run `corpus run` again to repair")
        records.append(record)
    return records


def read_manifest(out: Path) -> dict[str, dict[str, Any]]:
    """Each input's latest record (later parts win), in the order inputs were first seen."""
    latest: dict[str, dict[str, Any]] = {}
    for part in manifest_parts(out):
        for record in read_part(part):
            latest[record["input"]] = record
    return latest


def line_sha256(line: str) -> str:
    """Checksum of one shard line as written (without its line break), kept in its manifest record."""
    return hashlib.sha256(line.encode("utf-8")).hexdigest()


def damage(out: Path, part: Path) -> str | None:
    """Why a committed part (manifest part and shard) cannot be trusted, or None when it is whole.

    Every record must parse; the shard must hold one whole line per `done` record, each
    with the checksum its record gives (records of older runs without one: the line must
    parse as the document of that input).
    """
    try:
        records = read_part(part)
    except CorpusError as exc:
        return str(exc)
    done = [r for r in records if r["status"] == "done"]
    shard = out / SHARDS / part.name
    try:
        data = shard.read_bytes() if done or shard.exists() else b""
        lines = data.decode("utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as exc:
        return f"{shard}: cannot be read ({exc})"
    if lines[-1] != "":
        return f"{shard}: its last line is cut off"
    lines.pop()
    if len(lines) != len(done) or any(r.get("shard") != part.name or r["line"] != n for n, r in enumerate(done)):
        return f"{shard}: holds {len(lines)} lines for {len(done)} documents of {part}"
    for record, line in zip(done, lines, strict=True):
        if "line_sha256" in record:
            if line_sha256(line) != record["line_sha256"]:
                return f"{shard}:{record['line'] + 1}: the line is not the one written for {record['input']}"
            continue
        try:
            document = json.loads(line)
            same = document["meta"]["id"] == record["input"]
        except (ValueError, TypeError, KeyError) as exc:
            return f"{shard}:{record['line'] + 1}: not a document ({exc})"
        if not same:
            return f"{shard}:{record['line'] + 1}: holds another input's document"
    return None


def quarantine(out: Path, part: Path, reason: str) -> list[str]:
    """Move a damaged part (shard and manifest part) to `OUT/quarantine/`; returns its inputs,
    which the run then annotates again."""
    inputs: list[str] = []
    for line in part.read_text(encoding="utf-8", errors="replace").splitlines():
        with contextlib.suppress(ValueError, TypeError, KeyError):
            inputs.append(str(json.loads(line)["input"]))
    folder = out / QUARANTINE
    folder.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    for source, kind in ((out / SHARDS / part.name, "shard"), (part, "manifest")):
        if source.exists():
            os.replace(source, folder / f"{stamp}-{kind}-{part.name}")
    (folder / f"{stamp}-{part.stem}.reason.txt").write_text(reason + "\n", encoding="utf-8")
    log.warning("quarantined %s (%s); its %d inputs are annotated again", part.name, reason, len(inputs))
    return inputs


def recover(out: Path) -> dict[str, str]:
    """Make a folder left by a killed or damaged run consistent: drop temp files and
    uncommitted shards, and move every part that does not verify (`damage`) to
    `OUT/quarantine/`, so that its inputs are annotated again, never skipped.

    Returns each quarantined input with the reason.
    """
    for folder in (out, out / SHARDS, out / MANIFEST_PARTS):
        for tmp in folder.glob(".*.tmp"):
            tmp.unlink()
    committed = {p.name for p in manifest_parts(out)}
    for shard in (out / SHARDS).glob("part-*.jsonl"):
        if shard.name not in committed:
            log.info("removing %s: its run stopped before committing it", shard)
            shard.unlink()
    redo: dict[str, str] = {}
    for part in manifest_parts(out):
        reason = damage(out, part)
        if reason is not None:
            for name in quarantine(out, part, reason):
                redo[name] = reason
    return redo


def prepare_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise CorpusError(f"{out} is a file; give a folder for the shards and the manifest")
    (out / SHARDS).mkdir(parents=True, exist_ok=True)
    (out / MANIFEST_PARTS).mkdir(exist_ok=True)


@contextlib.contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold an exclusive lock on the output folder; the OS releases it if the process dies."""
    with (out / ".lock").open("w") as fh:
        if fcntl is not None:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise CorpusError(f"another run is writing to {out}; wait for it or choose another --out") from exc
        yield


def plan_run(inputs: Sequence[Input], out: Path, *, shard_size: int = DEFAULT_SHARD_SIZE) -> Plan:
    """Skip inputs done with the same bytes; cut the rest, in order, into shards numbered after the last part."""
    if shard_size < 1:
        raise CorpusError(f"shard_size must be at least 1, not {shard_size}")
    manifest = read_manifest(out)
    todo: list[Input] = []
    skipped: list[str] = []
    for item in inputs:
        record = manifest.get(item.name)
        if record and record["status"] == "done" and record["sha256"] == file_sha256(item.path):
            skipped.append(item.name)
        else:
            todo.append(item)
    parts = manifest_parts(out)
    first = part_number(parts[-1]) + 1 if parts else 0
    shards = [(first + i, todo[start:start + shard_size]) for i, start in enumerate(range(0, len(todo), shard_size))]
    return Plan(shards, skipped)


def commit_shard(out: Path, number: int, outcomes: Sequence[Outcome]) -> list[dict[str, Any]]:
    """Write a shard, then its manifest part (the commit); returns the manifest records."""
    name = part_name(number)
    lines: list[str] = []
    records: list[dict[str, Any]] = []
    for outcome in outcomes:
        record: dict[str, Any] = {"input": outcome.name, "sha256": outcome.sha256, "status": outcome.status}
        if outcome.status == "done" and outcome.line is not None:
            record.update(shard=name, line=len(lines), chars=outcome.chars, line_sha256=line_sha256(outcome.line))
            lines.append(outcome.line + "\n")
        else:
            record["error"] = outcome.error
        records.append(record)
    write_atomic(out / SHARDS / name, "".join(lines))
    write_atomic(out / MANIFEST_PARTS / name, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    return records


def write_manifest(out: Path) -> dict[str, dict[str, Any]]:
    """Rewrite `manifest.jsonl` from the parts: the one file to read for each input's state."""
    manifest = read_manifest(out)
    write_atomic(out / MANIFEST, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in manifest.values()))
    return manifest


# ---------------------------------------------------------------- progress and the local run


class Progress:
    """A tqdm bar over documents that also shows characters per second."""

    def __init__(self, total: int, *, enabled: bool | None) -> None:
        # tqdm's disable=None means "only when stderr is a terminal".
        self.bar = tqdm(total=total, desc="annotating", unit="doc", file=sys.stderr,
                        disable=None if enabled is None else not enabled)
        self.start = time.perf_counter()
        self.chars = 0

    def update(self, outcome: Outcome) -> None:
        self.chars += outcome.chars
        rate = self.chars / max(time.perf_counter() - self.start, 1e-9)
        self.bar.set_postfix_str(f"{rate:,.0f} chars/s", refresh=False)
        self.bar.update(1)

    def close(self) -> None:
        self.bar.close()


def tally(summary: RunSummary, outcomes: Iterable[Outcome]) -> None:
    for outcome in outcomes:
        if outcome.status == "done":
            summary.done += 1
            summary.chars += outcome.chars
        else:
            summary.failed += 1
            summary.errors[outcome.name] = outcome.error or "failed"


def run_shards(
    plan: Plan,
    out: Path,
    outcomes: Iterator[Outcome],
    *,
    progress: bool | None = None,
    on_commit: Callable[[int, list[dict[str, Any]]], None] | None = None,
) -> RunSummary:
    """Group a stream of outcomes (in plan order) into the plan's shards and commit each when full."""
    summary = RunSummary(skipped=len(plan.skipped))
    bar = Progress(len(plan.inputs), enabled=progress)
    try:
        for number, items in plan.shards:
            batch: list[Outcome] = []
            for item in items:
                outcome = next(outcomes)
                if outcome.name != item.name:  # a bug, not bad input: never write a shard out of order
                    raise RuntimeError(f"expected an outcome for {item.name}, got {outcome.name}")
                batch.append(outcome)
                bar.update(outcome)
            records = commit_shard(out, number, batch)
            tally(summary, batch)
            if on_commit:
                on_commit(number, records)
    finally:
        bar.close()
    return summary


def run_corpus(
    paths: Iterable[str | Path],
    out: str | Path,
    *,
    segmenter: str = DEFAULT_SEGMENTER,
    model: str | Path | None = None,
    nlp: Language | None = None,
    pattern: str = "*.txt",
    n_process: int = 1,
    batch_size: int = 16,
    shard_size: int = DEFAULT_SHARD_SIZE,
    clean: bool = True,
    progress: bool | None = None,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
) -> RunSummary:
    """Annotate every input not yet done into `out`; see the module docstring for the folder layout.

    Args:
        paths: files, folders (searched recursively for `pattern`) and `.list` files of paths.
        out: the output folder; created if needed, resumed if it holds an earlier run.
        segmenter / model / nlp: the pipeline, as for `govreport_nlp.load` (or a loaded one).
        n_process, batch_size: worker processes (forked, each doing all of a document's work)
            and `nlp.pipe`'s batch size; they change speed, never the output.
        shard_size: documents per shard; fixed for a corpus so that reruns line up.
        clean: leave scraped-page chrome out of the analysis.
        progress: a bar on stderr (None: when stderr is a terminal).
        time_limit: seconds one document may take before it fails alone (None: no limit);
            enforced in the process that annotates (this one, a forked worker, a Dask worker).
    """
    out = Path(out)
    prepare_out(out)
    start = time.perf_counter()
    with locked(out):
        quarantined = recover(out)
        plan = plan_run(collect_inputs(paths, pattern=pattern), out, shard_size=shard_size)
        if plan.inputs:
            nlp = nlp or load(segmenter, model, shared=True)
            outcomes = annotate_inputs(
                plan.inputs, nlp, batch_size=batch_size, n_process=n_process, clean=clean, time_limit=time_limit
            )
            summary = run_shards(plan, out, outcomes, progress=progress)
        else:
            summary = RunSummary(skipped=len(plan.skipped))
        write_manifest(out)
    summary.quarantined = quarantined
    summary.seconds = time.perf_counter() - start
    return summary
