"""The targets table: one row per quantitative commitment, and the achieved figures to join.

Economists collect growth targets from reports by hand; this turns annotated documents
into rows (document, place, year, indicator, comparator, value/min/max, unit, strength,
deadline, offsets into the user's text). `outcome_rows` lists the figures that review
sections report for the same indicators, keyed the same way (`indicators.py`), so a
2023 target and the 2024 report's figure for it can be joined on (place, indicator_key,
year - 1).

Inputs are Docs from the pipeline or `govreport-nlp/1` JSON documents. Offsets in rows
always point into the user's text. pandas is optional: `to_dataframe` needs it, the rest
does not.
"""

from __future__ import annotations

import csv
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, Any

from spacy.tokens import Doc

from ...export import as_json
from ...export.json_doc import Mapper, source_of
from .component import doc_quantities, doc_sections
from .indicators import figure_kind, indicator_key
from .rules import REVIEW, SAME_INDICATOR, CommitmentRules, QuantityInfo, clause_indicators

#: `span_id` is the COMMITMENT's, `quantity_id` the target QUANTITY's position in the document's
#: `spans` (the key of the `spans` table).
TARGET_COLUMNS = (
    "doc_id", "span_id", "quantity_id", "place", "year", "indicator", "indicator_key", "comparator", "value", "min",
    "max", "unit", "kind", "strength", "deadline", "headline", "section", "start", "end", "target_text",
    "clause_start", "clause_end", "clause",
)  # fmt: skip
OUTCOME_COLUMNS = (
    "doc_id", "place", "year", "indicator", "indicator_key", "comparator", "value", "min", "max", "unit", "kind",
    "change", "section", "start", "end", "quantity_text", "clause",
)  # fmt: skip


def _documents(docs: Doc | dict[str, Any] | Iterable[Doc | dict[str, Any]]) -> list[Doc | dict[str, Any]]:
    if isinstance(docs, (Doc, dict)):
        return [docs]
    return list(docs)


def _quantity_fields(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: attrs.get(k) for k in ("comparator", "value", "min", "max", "unit", "kind")}


def _pick(value: Any, i: int) -> Any:
    """The i-th of a list paired with targets (the last one when the list is shorter), or the value."""
    if isinstance(value, list):
        return value[min(i, len(value) - 1)] if value else None
    return value


def target_rows(docs: Doc | dict[str, Any] | Iterable[Doc | dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per target quantity of a COMMITMENT span, in document order.

    A commitment with several targets (打造30个示范村、300个治理村) gives one row each,
    paired in order with its indicators. Commitments without a figure are not rows.
    """
    rows: list[dict[str, Any]] = []
    for doc in _documents(docs):
        data = as_json(doc)
        meta = data.get("meta") or {}
        text = data["text"]
        quantity_ids = {(s["start"], s["end"]): i for i, s in enumerate(data["spans"]) if s["label"] == "QUANTITY"}
        for span_id, span in enumerate(data["spans"]):
            if span["label"] != "COMMITMENT":
                continue
            attrs = span["attrs"]
            refs = attrs.get("target") or []
            quantity_refs = [quantity_ids.get((ref["start"], ref["end"])) for ref in refs]
            quantity_attrs = [data["spans"][j]["attrs"] if j is not None else {} for j in quantity_refs]
            kinds = [figure_kind(q) for q in quantity_attrs]
            keys = attrs.get("indicator_key", indicator_key(attrs.get("indicator"), kinds=kinds))
            for i, ref in enumerate(refs):
                quantity_id, q = quantity_refs[i], quantity_attrs[i]
                rows.append({
                    "doc_id": meta.get("id"),
                    "span_id": span_id,
                    "quantity_id": quantity_id,
                    "place": meta.get("place"),
                    "year": meta.get("year"),
                    "indicator": _pick(attrs.get("indicator"), i),
                    "indicator_key": _pick(keys, i),
                    **_quantity_fields(q),
                    "strength": attrs.get("strength"),
                    "deadline": attrs.get("deadline"),
                    "headline": bool(attrs.get("headline", False)),
                    "section": " > ".join(attrs.get("section") or []),
                    "start": ref["start"],
                    "end": ref["end"],
                    "target_text": text[ref["start"]:ref["end"]],
                    "clause_start": span["start"],
                    "clause_end": span["end"],
                    "clause": span["text"],
                })
    return rows


@dataclass(frozen=True)
class _View:
    """A document as the rules read it: analysis text, sections, quantities, and the way back."""

    text: str
    sections: list[tuple[int, int, str | None, tuple[str, ...]]]
    quantities: list[QuantityInfo]
    mapper: Mapper
    source: str
    meta: dict[str, Any]


def _view(doc: Doc | dict[str, Any]) -> _View:
    if isinstance(doc, Doc):
        source, mapper = source_of(doc)
        sections = [(s.start, s.end, s.orientation, s.path) for s in doc_sections(doc)]
        return _View(doc.text, sections, doc_quantities(doc), mapper, source, dict(doc._.govreport_meta or {}))
    data = as_json(doc)
    sections = [
        (s["start"], s["end"], s.get("orientation"), tuple(s.get("path") or ())) for s in data.get("sections") or []
    ]
    quantities = [QuantityInfo(s["start"], s["end"], s["attrs"]) for s in data["spans"] if s["label"] == "QUANTITY"]
    return _View(data["text"], sections, quantities, lambda a, b: (a, b), data["text"], data.get("meta") or {})


def _orientation_at(sections: list[tuple[int, int, str | None, tuple[str, ...]]], offset: int) -> tuple[
    str | None, tuple[str, ...]
]:
    best: tuple[int, str | None, tuple[str, ...]] | None = None
    for start, end, orientation, path in sections:
        if start <= offset < end and orientation is not None and (best is None or start >= best[0]):
            best = (start, orientation, path)
    return (best[1], best[2]) if best else (None, ())


def outcome_rows(
    docs: Doc | dict[str, Any] | Iterable[Doc | dict[str, Any]], *, known_only: bool = True
) -> list[dict[str, Any]]:
    """Achieved figures: QUANTITY spans in review sections with the indicator they measure.

    `known_only` (default) keeps the figures whose indicator has a key in the indicator
    table, the ones that can be joined with targets. Pass Docs for Traditional-script or
    full-width reports: JSON input is read as written, so its indicators are not
    normalised to Simplified script before they are looked up.
    """
    rows: list[dict[str, Any]] = []
    for doc in _documents(docs):
        view = _view(doc)
        clauses = CommitmentRules.clauses(view.text)
        clause_starts = [c[0] for c in clauses]
        by_clause: dict[int, list[QuantityInfo]] = {}
        for q in sorted(view.quantities, key=lambda q: q.start):
            i = bisect_right(clause_starts, q.start) - 1
            if i >= 0 and q.end <= clauses[i][1]:
                by_clause.setdefault(i, []).append(q)
        previous: tuple[int, str | None] = (-2, None)  # (clause index, indicator) of the last figure
        for i, qs in sorted(by_clause.items()):
            cs, ce = clauses[i]
            orientation, path = _orientation_at(view.sections, cs)
            if orientation != REVIEW:
                continue
            for q in qs:
                indicator = clause_indicators(view.text[cs:ce], cs, [q])
                name = indicator if isinstance(indicator, str) else None
                if name is None and previous[0] == i - 1 and SAME_INDICATOR.match(view.text, cs):
                    name = previous[1]  # 国内生产总值达到74.4万亿元，增长6.7%
                previous = (i, name)
                key = indicator_key(name, kinds=[figure_kind(q.attrs)])
                if known_only and key is None:
                    continue
                start, end = view.mapper(q.start, q.end)
                c_start, c_end = view.mapper(cs, ce)
                rows.append({
                    "doc_id": view.meta.get("id"),
                    "place": view.meta.get("place"),
                    "year": view.meta.get("year"),
                    "indicator": name,
                    "indicator_key": key,
                    **_quantity_fields(q.attrs),
                    "change": q.attrs.get("change"),
                    "section": " > ".join(path),
                    "start": start,
                    "end": end,
                    "quantity_text": view.source[start:end],
                    "clause": view.source[c_start:c_end],
                })
    rows.sort(key=lambda r: (str(r["doc_id"]), r["start"]))
    return rows


def write_csv(rows: Iterable[dict[str, Any]], stream: IO[str], columns: tuple[str, ...] = TARGET_COLUMNS) -> int:
    """Write rows as CSV with a header; returns how many rows were written."""
    writer = csv.DictWriter(stream, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow({k: "" if row.get(k) is None else row.get(k) for k in columns})
        n += 1
    return n


def to_dataframe(rows: list[dict[str, Any]], columns: tuple[str, ...] = TARGET_COLUMNS) -> Any:
    """The rows as a pandas DataFrame (pandas is optional: install it to use this)."""
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("to_dataframe needs pandas: pip install pandas (the CSV writer does not)") from exc
    return pd.DataFrame(rows, columns=list(columns))
