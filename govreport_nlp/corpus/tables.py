"""Parquet tables from annotated JSONL: the form analysts query with DuckDB, pandas or Spark.

One table per kind of record, all keyed by `doc_id` (the document's `meta.id`) and, for
span tables, `span_id` (the span's position in the document's `spans`, which also keys the
`spans` table). The schemas are `SCHEMAS` below; docs/corpus.md describes each column.

A table that also exists elsewhere is the same table here: `spans`, `places`, `programs`,
`targets` and `outcomes` are made by `govreport_nlp.tables.rows` — the rows and columns of
`to_dataframe(docs, name)` and of the CLI's CSV of that name — with a Parquet type per
column. `documents`, `quantities` and `commitments` (one row per COMMITMENT and each of its
targets, every commitment listed) exist only here.

Input is a runner's output folder (only the records its manifest marks current, so an
input annotated twice counts once) or plain JSONL files and folders of them (gold data,
`govreport-nlp annotate` output). Tables are written one row group per input file, so a
corpus of any size is converted in bounded memory, and moved into place only when whole.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .. import tables as frames
from ..doc.layers import READABLE_SCHEMAS, SCHEMA_ID
from ..errors import InputError, SchemaError
from ..export import upgrade
from .runner import MANIFEST_PARTS, SHARDS, read_manifest

_SPAN_KEY = [
    pa.field("doc_id", pa.string(), nullable=False),
    pa.field("span_id", pa.int32(), nullable=False),
    pa.field("start", pa.int64(), nullable=False),
    pa.field("end", pa.int64(), nullable=False),
    pa.field("text", pa.string(), nullable=False),
]
_QUANTITY_VALUES = [
    pa.field("value", pa.float64()),
    pa.field("unit", pa.string()),
    pa.field("comparator", pa.string()),
    pa.field("min", pa.float64()),
    pa.field("max", pa.float64()),
    pa.field("kind", pa.string()),
]

#: Tables made by `govreport_nlp.tables` (the same rows and columns as `to_dataframe`).
SHARED_TABLES = ("spans", "places", "programs", "targets", "outcomes")
#: Parquet type of each column of the shared tables (strings where not listed).
_TYPES: dict[str, pa.DataType] = {
    "span_id": pa.int32(), "quantity_id": pa.int32(), "year": pa.int32(),
    "start": pa.int64(), "end": pa.int64(), "clause_start": pa.int64(), "clause_end": pa.int64(),
    "value": pa.float64(), "min": pa.float64(), "max": pa.float64(), "headline": pa.bool_(),
}  # fmt: skip


def shared_schema(name: str) -> pa.Schema:
    """The Parquet schema of a shared table: its columns, in order, typed."""
    return pa.schema([pa.field(column, _TYPES.get(column, pa.string())) for column in frames.columns(name)])


SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("source", pa.string()),
        pa.field("place", pa.string()),
        pa.field("year", pa.int32()),
        pa.field("encoding", pa.string()),
        pa.field("script", pa.string()),
        pa.field("segmenter", pa.string()),
        pa.field("pipeline", pa.string()),
        pa.field("version", pa.string()),
        pa.field("sha256", pa.string()),
        pa.field("chars", pa.int64(), nullable=False),
        pa.field("sections", pa.int32(), nullable=False),
        pa.field("places", pa.int32(), nullable=False),
        pa.field("programs", pa.int32(), nullable=False),
        pa.field("quantities", pa.int32(), nullable=False),
        pa.field("commitments", pa.int32(), nullable=False),
        pa.field("file", pa.string(), nullable=False),
        pa.field("line", pa.int64(), nullable=False),
    ]),
    **{name: shared_schema(name) for name in SHARED_TABLES},
    "quantities": pa.schema([*_SPAN_KEY, *_QUANTITY_VALUES, pa.field("change", pa.string())]),
    "commitments": pa.schema([
        *_SPAN_KEY,
        pa.field("strength", pa.string()),
        pa.field("indicator", pa.list_(pa.string())),
        pa.field("deadline", pa.string()),
        pa.field("target_start", pa.int64()),
        pa.field("target_end", pa.int64()),
        pa.field("target_text", pa.string()),
        pa.field("quantity_id", pa.int32()),
        *_QUANTITY_VALUES,
    ]),
}
Rows = dict[str, list[dict[str, Any]]]


# ---------------------------------------------------------------- reading documents


def jsonl_files(source: Path) -> list[Path]:
    """A JSONL file, or every `*.jsonl` directly inside a folder (as `evaluate` reads gold data)."""
    files = sorted(source.glob("*.jsonl")) if source.is_dir() else [source]
    if not files or not all(f.is_file() for f in files):
        raise InputError(f"{source}: no JSONL file to read")
    return files


def read_lines(path: Path, keep: set[int] | None = None) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        yield from _read_lines(path, keep)
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not readable UTF-8 JSONL ({exc}); `corpus run` repairs a run folder") from exc


def _read_lines(path: Path, keep: set[int] | None) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh):
            if line.strip() and (keep is None or number in keep):
                try:
                    doc = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}:{number + 1}: not a JSON document ({exc.msg})") from exc
                if not isinstance(doc, dict) or doc.get("schema") not in READABLE_SCHEMAS or "text" not in doc:
                    raise InputError(f"{path}:{number + 1}: not a {SCHEMA_ID} document")
                try:
                    yield number, upgrade(doc)
                except SchemaError as exc:
                    raise InputError(f"{path}:{number + 1}: {exc}") from exc


def iter_files(source: Path) -> Iterator[tuple[str, Iterator[tuple[int, dict[str, Any]]]]]:
    """(file name, its documents) for a runner's output folder or for JSONL files."""
    if (source / MANIFEST_PARTS).is_dir():
        current: dict[str, set[int]] = {}
        for record in read_manifest(source).values():
            if record["status"] == "done":
                current.setdefault(record["shard"], set()).add(record["line"])
        for shard in sorted(current):
            yield shard, read_lines(source / SHARDS / shard, current[shard])
    else:
        for path in jsonl_files(source):
            yield str(path), read_lines(path)


# ---------------------------------------------------------------- rows


def number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def text_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


def quantity_values(attrs: dict[str, Any]) -> dict[str, Any]:
    return {
        "value": number(attrs.get("value")),
        "unit": text_or_none(attrs.get("unit")),
        "comparator": text_or_none(attrs.get("comparator")),
        "min": number(attrs.get("min")),
        "max": number(attrs.get("max")),
        "kind": text_or_none(attrs.get("kind")),
    }


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def document_rows(doc: dict[str, Any], file: str, line: int, rows: Rows) -> None:
    """Append one document's rows to every table."""
    meta = doc.get("meta") or {}
    doc_id = str(meta.get("id") or meta.get("sha256"))
    if meta.get("id") != doc_id:  # every table keys the document the same way
        doc = {**doc, "meta": {**meta, "id": doc_id}}
    spans = doc.get("spans") or []
    sections = doc.get("sections") or []
    counts = {label: sum(1 for s in spans if s["label"] == label) for label in ("PLACE", "PROGRAM", "QUANTITY")}
    commitments = sum(1 for s in spans if s["label"] == "COMMITMENT")
    year = meta.get("year")
    rows["documents"].append({
        "doc_id": doc_id,
        "source": text_or_none(meta.get("source")),
        "place": text_or_none(meta.get("place")),
        "year": year if isinstance(year, int) else None,
        **{key: text_or_none(meta.get(key)) for key in ("encoding", "script", "segmenter", "pipeline", "version")},
        "sha256": text_or_none(meta.get("sha256")),
        "chars": len(doc["text"]),
        "sections": len(sections),
        "places": counts["PLACE"],
        "programs": counts["PROGRAM"],
        "quantities": counts["QUANTITY"],
        "commitments": commitments,
        "file": file,
        "line": line,
    })
    for name in SHARED_TABLES:
        rows[name].extend(frames.rows(doc, name))
    quantity_ids = {(s["start"], s["end"]): i for i, s in enumerate(spans) if s["label"] == "QUANTITY"}
    for span_id, span in enumerate(spans):
        attrs = span.get("attrs") or {}
        key = {"doc_id": doc_id, "span_id": span_id, "start": span["start"], "end": span["end"], "text": span["text"]}
        if span["label"] == "QUANTITY":
            rows["quantities"].append({**key, **quantity_values(attrs), "change": text_or_none(attrs.get("change"))})
        elif span["label"] == "COMMITMENT":
            commitment_rows(key, attrs, spans, quantity_ids, rows["commitments"])


def commitment_rows(
    key: dict[str, Any],
    attrs: dict[str, Any],
    spans: list[dict[str, Any]],
    quantity_ids: dict[tuple[int, int], int],
    out: list[dict[str, Any]],
) -> None:
    """One row per target of a commitment (one row with empty target columns when it has none)."""
    common = {
        **key,
        "strength": text_or_none(attrs.get("strength")),
        "indicator": [str(i) for i in as_list(attrs.get("indicator"))] or None,
        "deadline": text_or_none(attrs.get("deadline")),
    }
    targets = as_list(attrs.get("target")) or [None]
    for target in targets:
        if target is None:
            out.append({**common, "target_start": None, "target_end": None, "target_text": None,
                        "quantity_id": None, **quantity_values({})})
            continue
        quantity_id = quantity_ids.get((target["start"], target["end"]))
        linked = spans[quantity_id].get("attrs") or {} if quantity_id is not None else {}
        out.append({
            **common,
            "target_start": target["start"],
            "target_end": target["end"],
            "target_text": target.get("text"),
            "quantity_id": quantity_id,
            **quantity_values(linked),
        })


# ---------------------------------------------------------------- writing


def build_tables(sources: Iterable[str | Path], dest: str | Path, *, rows_per_group: int = 100_000) -> dict[str, int]:
    """Write `<table>.parquet` for every table of `SCHEMAS` into `dest`; returns the row counts.

    Each table is written to a temporary file and moved into place once every source is
    read, so a failure leaves the previous tables (if any) untouched.
    """
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    tmp = {name: dest / f".{name}.parquet.{os.getpid()}.tmp" for name in SCHEMAS}
    writers = {name: pq.ParquetWriter(tmp[name], schema) for name, schema in SCHEMAS.items()}
    counts = dict.fromkeys(SCHEMAS, 0)
    rows: Rows = {name: [] for name in SCHEMAS}

    def flush(force: bool) -> None:
        for name, batch in rows.items():
            if batch and (force or len(batch) >= rows_per_group):
                writers[name].write_table(pa.Table.from_pylist(batch, schema=SCHEMAS[name]))
                counts[name] += len(batch)
                batch.clear()

    try:
        for source in sources:
            for file, docs in iter_files(Path(source)):
                for line, doc in docs:
                    document_rows(doc, file, line, rows)
                flush(force=False)
        flush(force=True)
    except BaseException:
        for name, writer in writers.items():
            writer.close()
            tmp[name].unlink(missing_ok=True)
        raise
    for name, writer in writers.items():
        writer.close()
        os.replace(tmp[name], dest / f"{name}.parquet")
    return counts


def read_tables(folder: str | Path) -> dict[str, pa.Table]:
    """Every table of a folder written by `build_tables`, as pyarrow Tables."""
    return {name: pq.read_table(Path(folder) / f"{name}.parquet") for name in SCHEMAS}
