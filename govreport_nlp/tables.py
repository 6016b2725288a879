"""One call from annotated documents to a table: `to_dataframe(docs_or_json, what)`.

A notebook researcher wants the targets, the places or the programmes of a folder of
reports as a DataFrame without learning where each table is made. Each table here is
the one the rest of the package already makes (`taggers/*/table.py`, `targets.py`), under
one name and with one column set, the same as the CLI's CSV of that name:

| what | one row per | columns | also |
| --- | --- | --- | --- |
| `spans` | span of any label | `SPAN_COLUMNS` | Parquet `spans` |
| `places` | PLACE mention | `taggers.places.table.PLACE_COLUMNS` | Parquet `places` |
| `programs` | PROGRAM mention | `taggers.programs.table.ROW_FIELDS` | `govreport-nlp programs --csv`, Parquet |
| `targets` | quantitative target | `…commitments.targets.TARGET_COLUMNS` | `govreport-nlp targets`, Parquet |
| `outcomes` | achieved figure of a review | `…targets.OUTCOME_COLUMNS` | `targets --outcomes`, Parquet |

The Parquet tables of `govreport-nlp corpus tables` under these names are made from
`rows` (`corpus/tables.py`), so a name is one table wherever it appears.

pandas is optional (the `corpus` extra has it); `rows(docs_or_json, what)` gives the same
table as plain dicts without it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from .errors import ConfigError
from .evaluate import read_jsonl
from .export import as_json
from .taggers.commitments.targets import OUTCOME_COLUMNS, TARGET_COLUMNS, outcome_rows, target_rows
from .taggers.places.table import PLACE_COLUMNS, place_rows
from .taggers.programs.table import ROW_FIELDS, program_rows

Document = Doc | Mapping[str, Any]
#: What `to_dataframe` reads: a Doc, a JSON document, many of either, or a JSONL file or folder.
Documents = Document | Iterable[Document] | str | Path

SPAN_COLUMNS = (
    "doc_id", "span_id", "place", "year", "label", "start", "end", "text", "code", "section", "orientation", "attrs",
)  # fmt: skip
SECTION_SEPARATOR = " > "


def section_at(sections: Iterable[Mapping[str, Any]], offset: int) -> Mapping[str, Any] | None:
    """The innermost section that contains `offset` (the one with the longest heading path)."""
    best: Mapping[str, Any] | None = None
    for section in sections:
        if section["start"] <= offset < section["end"] and (best is None or len(section["path"]) > len(best["path"])):
            best = section
    return best


def span_rows(docs: Iterable[Document]) -> list[dict[str, Any]]:
    """One row per span of every label, in document and reading order (offsets into the user's
    text); `span_id` is the span's position in the document's `spans` (what the other tables'
    `span_id` and `quantity_id` point to), `code` a PLACE's division code (its `kb_id_`),
    `section` the heading path of the innermost section holding the span and `orientation`
    that section's, `attrs` the span's attributes as JSON text, so the column has one type
    whatever the label."""
    rows = []
    for doc in docs:
        data = as_json(doc, check=False)
        meta = data.get("meta") or {}
        sections = data.get("sections") or []
        for span_id, span in enumerate(data["spans"]):
            attrs = span.get("attrs") or {}
            section = section_at(sections, span["start"])
            rows.append({
                "doc_id": meta.get("id"),
                "span_id": span_id,
                "place": meta.get("place"),
                "year": meta.get("year"),
                "label": span["label"],
                "start": span["start"],
                "end": span["end"],
                "text": span["text"],
                "code": (attrs.get("code") or None) if span["label"] == "PLACE" else None,
                "section": SECTION_SEPARATOR.join(section["path"]) if section else None,
                "orientation": section.get("orientation") if section else None,
                "attrs": json.dumps(attrs, ensure_ascii=False, sort_keys=True),
            })
    return rows


#: Table name -> (rows of documents, its columns).
TABLES: dict[str, tuple[Callable[[list[Any]], list[dict[str, Any]]], tuple[str, ...]]] = {
    "spans": (span_rows, SPAN_COLUMNS),
    "places": (place_rows, PLACE_COLUMNS),
    "programs": (program_rows, ROW_FIELDS),
    "targets": (target_rows, TARGET_COLUMNS),
    "outcomes": (outcome_rows, OUTCOME_COLUMNS),
}


def documents(docs_or_json: Documents) -> list[Document]:
    """The documents of any accepted input, as a list (a path is read as JSONL, checked)."""
    if isinstance(docs_or_json, (str, Path)):
        return list(read_jsonl(docs_or_json))
    if isinstance(docs_or_json, (Doc, Mapping)):
        return [docs_or_json]
    return list(docs_or_json)


def columns(what: str) -> tuple[str, ...]:
    """The columns of the table `what`, in order."""
    return _table(what)[1]


def rows(docs_or_json: Documents, what: str) -> list[dict[str, Any]]:
    """The table `what` (spans, places, programs, targets, outcomes) as plain dicts."""
    make, cols = _table(what)
    return [{c: row.get(c) for c in cols} for row in make(documents(docs_or_json))]


def to_dataframe(docs_or_json: Documents, what: str) -> Any:
    """The table `what` of the documents as a pandas DataFrame, with its fixed columns.

    `docs_or_json`: Docs from the pipeline, `govreport-nlp/1` JSON documents (what
    `annotate` returns), a list of either, or the path of a JSONL file or folder.
    """
    cols = columns(what)
    try:
        import pandas as pd
    except ImportError as exc:
        raise ImportError("to_dataframe needs pandas: pip install pandas (or 'govreport-nlp[corpus]'); "
                          "govreport_nlp.tables.rows gives the same table as dicts") from exc
    return pd.DataFrame(rows(docs_or_json, what), columns=list(cols))


def _table(what: str) -> tuple[Callable[[list[Any]], list[dict[str, Any]]], tuple[str, ...]]:
    if what not in TABLES:
        raise ConfigError(f"unknown table {what!r}; choose one of {', '.join(TABLES)}")
    return TABLES[what]
