"""Corpus summaries of the PROGRAM layer: one row per programme mention, and a table per year.

Researchers follow programmes across reports (when 千万工程 appears, how long 四好农村路
stays); these functions turn annotated documents — spaCy Docs or `govreport-nlp/1` JSON —
into plain rows that go straight into CSV, pandas or a spreadsheet.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ...export import as_json

#: Columns of `program_rows`, in order (also the CSV header of `govreport-nlp programs`).
#: `span_id`: the span's position in the document's `spans` (the key of the `spans` table).
ROW_FIELDS = ("doc_id", "span_id", "place", "year", "canonical", "title", "text", "start", "end", "orientation")
#: Columns of `programs_by_year`.
YEAR_FIELDS = ("year", "reports", "mentions", "programs", "top")
_YEAR_IN_ID = re.compile(r"(?<!\d)(19[4-9]\d|20\d\d)(?!\d)")


def with_program_tagger(nlp: Language) -> Language:
    """Add `govreport_programs` to `nlp` if it lacks it (before `govreport_ents` when present).

    Lets the summary run on pipelines built before the tagger was part of them.
    """
    if "govreport_programs" not in nlp.pipe_names:
        from . import component  # noqa: F401  (registers the factory)

        if "govreport_ents" in nlp.pipe_names:
            nlp.add_pipe("govreport_programs", before="govreport_ents")
        else:
            nlp.add_pipe("govreport_programs")
    return nlp


def _orientation(sections: list[Mapping[str, Any]], offset: int) -> str | None:
    """Orientation of the innermost section around `offset` that has one (as `orientation_at`)."""
    best: Mapping[str, Any] | None = None
    for section in sections:
        if section["start"] <= offset < section["end"] and section.get("orientation") is not None:
            if best is None or section["start"] >= best["start"]:
                best = section
    return best.get("orientation") if best is not None else None


def _year(meta: Mapping[str, Any]) -> int | None:
    """The report's year from its metadata, else a year in its id or file name (national_china_2024)."""
    year = meta.get("year")
    if isinstance(year, int):
        return year
    for key in ("id", "source"):
        found = _YEAR_IN_ID.findall(str(meta.get(key) or ""))
        if found:
            return int(found[-1])
    return None


def program_rows(docs_or_json: Iterable[Doc | Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One row per PROGRAM span: document id, span id, place, year, canonical, title, text, offsets, orientation.

    Offsets are into the user's text (as in the JSON export); `orientation` is that of the
    section the mention sits in ("review", "plan" or None).
    """
    rows = []
    for item in docs_or_json:
        data = as_json(item, check=False)
        meta = data.get("meta") or {}
        sections = sorted(data.get("sections") or [], key=lambda s: s["start"])
        for span_id, span in enumerate(data["spans"]):
            if span["label"] != "PROGRAM":
                continue
            attrs = span.get("attrs") or {}
            rows.append({
                "doc_id": meta.get("id"),
                "span_id": span_id,
                "place": meta.get("place"),
                "year": _year(meta),
                "canonical": attrs.get("canonical") or span["text"],
                "title": attrs.get("title"),
                "text": span["text"],
                "start": span["start"],
                "end": span["end"],
                "orientation": _orientation(sections, span["start"]),
            })
    return rows


def programs_by_year(
    rows: Iterable[Mapping[str, Any]], *, top: int = 8, track: Iterable[str] = ()
) -> list[dict[str, Any]]:
    """Per year: reports with a mention, mentions, distinct programmes, and the most mentioned.

    `top` is a "; "-joined list of `canonical×count`, most mentioned first (ties in name
    order). Each canonical name in `track` adds a column: its mentions that year (0 when
    absent), so the years a programme appears in can be read down the column. Rows
    without a year are left out.
    """
    track = tuple(track)
    mentions: dict[int, Counter[str]] = defaultdict(Counter)
    reports: dict[int, set[Any]] = defaultdict(set)
    for row in rows:
        year = row.get("year")
        if year is None:
            continue
        mentions[year][row["canonical"]] += 1
        reports[year].add(row.get("doc_id"))
    table = []
    for year in sorted(mentions):
        counts = mentions[year]
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        table.append({
            "year": year,
            "reports": len(reports[year]),
            "mentions": sum(counts.values()),
            "programs": len(counts),
            "top": "; ".join(f"{name}×{n}" for name, n in ranked),
            **{name: counts.get(name, 0) for name in track},
        })
    return table


def program_years(rows: Iterable[Mapping[str, Any]]) -> dict[str, list[int]]:
    """Canonical name → the years (sorted) of the reports that mention it."""
    years: dict[str, set[int]] = defaultdict(set)
    for row in rows:
        if row.get("year") is not None:
            years[row["canonical"]].add(row["year"])
    return {name: sorted(found) for name, found in years.items()}


def tracked_names(names: Iterable[str]) -> list[str]:
    """The canonical names of programmes a user types (乡村振兴 → 乡村振兴战略, 千村示范万村整治工程 → 千万工程)."""
    from .rules import ProgramRules

    rules = ProgramRules()
    return list(dict.fromkeys(rules.canonical(name.strip()) for name in names if name.strip()))
