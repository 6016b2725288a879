"""From what the user gives us to the text the pipeline reads, in one place.

`prepare` finds the report body in scraped pages, blanks the page chrome and normalises
the rest (see `normalize`), keeping the offset map that export uses to point every span
back into the user's own text. `load_source` decodes files and bytes first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .boilerplate import Body, find_body
from .decode import decode, read_document
from .markup import MARKUP_BREAK, markup_regions
from .normalize import BREAK, Blanked, normalize
from .offsets import OffsetMap


@dataclass(frozen=True)
class Prepared:
    """The user's text, the analysed text, the map between them and what ingest found."""

    source: str
    text: str
    offsets: OffsetMap
    meta: dict[str, Any] = field(default_factory=dict)


def load_source(source: str | Path | bytes, *, name: str = "<bytes>") -> tuple[str, dict[str, Any]]:
    """Decode a path or bytes; return the text and what decoding reports for `meta`.

    `name` is how errors refer to bytes (a path names itself).
    """
    decoded = decode(source, name=name) if isinstance(source, bytes) else read_document(source)
    meta: dict[str, Any] = {"encoding": decoded.encoding}
    if decoded.warnings:
        meta["warnings"] = list(decoded.warnings)
    return decoded.text, meta


def prepare(source: str, *, clean: bool = True, script: str | None = None) -> Prepared:
    """Find the body, blank the chrome and any HTML markup, normalise; `clean=False` keeps
    every line (markup is left out all the same: it is never report text)."""
    body = find_body(source) if clean else Body(0, len(source), ())
    excluded = sorted([*body.excluded, *markup_regions(source)], key=lambda r: (r.start, r.end))
    normalized = normalize(source, exclude=[_blanked(r.start, r.end, r.reason) for r in excluded], script=script)
    meta: dict[str, Any] = {
        "script": normalized.script,
        "body": {"start": body.start, "end": body.end},
        "excluded": [{"start": r.start, "end": r.end, "reason": r.reason} for r in excluded],
    }
    return Prepared(source, normalized.text, normalized.offsets, meta)


def _blanked(start: int, end: int, reason: str) -> Blanked:
    """A region to blank: markup between blocks with line ends, the rest with spaces."""
    return (start, end, BREAK) if reason == MARKUP_BREAK else (start, end)


def reprepare(source: str, meta: dict[str, Any]) -> Prepared:
    """Rebuild the analysed text of an exported document exactly as the export made it.

    Blanks only the excluded regions recorded in `meta` (none when it records none: a
    reloaded annotation is never cut by chrome detection) and keeps the recorded script.
    """
    regions = [_blanked(r["start"], r["end"], r.get("reason", "")) for r in meta.get("excluded") or []]
    normalized = normalize(source, exclude=regions, script=meta.get("script"))
    return Prepared(source, normalized.text, normalized.offsets, {})
