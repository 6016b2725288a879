"""Place mentions of a corpus as rows: what researchers aggregate by county, city and year.

`place_rows` gives one row per PLACE span; `mentions_per_place` counts them per document
and division code (the table a study of "which counties does the report talk about"
starts from). Both take our JSON documents (what `annotate`/`annotate_many` return or a
JSONL file holds) or spaCy Docs, and return plain dicts, so they need nothing beyond the
standard library; `to_dataframe` turns either into a pandas DataFrame when pandas is
installed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from spacy.tokens import Doc

from ...export.json_doc import as_json

#: `span_id`: the span's position in the document's `spans` (the key of the `spans` table).
PLACE_COLUMNS = (
    "doc_id", "span_id", "report_place", "year", "start", "end", "text", "kind", "level", "code", "full_name",
)  # fmt: skip
COUNT_COLUMNS = ("doc_id", "report_place", "year", "code", "full_name", "level", "mentions")


def place_rows(docs: Iterable[dict[str, Any] | Doc]) -> list[dict[str, Any]]:
    """One row per PLACE mention, in document and reading order (offsets into the user's text)."""
    rows = []
    for doc in docs:
        data = as_json(doc)
        meta = data.get("meta") or {}
        for span_id, span in enumerate(data["spans"]):
            if span["label"] != "PLACE":
                continue
            attrs = span.get("attrs") or {}
            rows.append(
                {
                    "doc_id": meta.get("id"),
                    "span_id": span_id,
                    "report_place": meta.get("place"),
                    "year": meta.get("year"),
                    "start": span["start"],
                    "end": span["end"],
                    "text": span["text"],
                    "kind": attrs.get("kind"),
                    "level": attrs.get("level"),
                    "code": attrs.get("code"),
                    "full_name": attrs.get("full_name"),
                }
            )
    return rows


def mentions_per_place(rows: Sequence[dict[str, Any]], *, admin_only: bool = True) -> list[dict[str, Any]]:
    """Mentions per document and place: admin places by code, others by their text.

    Rows are ordered by document, then by mentions (most first), then by code or name.
    """
    counts: Counter[tuple[Any, ...]] = Counter()
    info: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        if admin_only and row["kind"] != "admin":
            continue
        key_name = row["code"] or row["full_name"] or row["text"]
        key = (row["doc_id"], row["report_place"], row["year"], key_name)
        counts[key] += 1
        info.setdefault(key, {"code": row["code"], "full_name": row["full_name"] or row["text"], "level": row["level"]})
    order = sorted(counts, key=lambda k: (str(k[0]), -counts[k], str(k[3])))
    return [
        {"doc_id": k[0], "report_place": k[1], "year": k[2], **info[k], "mentions": counts[k]} for k in order
    ]


def to_dataframe(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None) -> Any:
    """The rows as a pandas DataFrame (pandas is optional: `pip install pandas`)."""
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("to_dataframe needs pandas: pip install pandas") from exc
    return pd.DataFrame(list(rows), columns=list(columns) if columns else None)
