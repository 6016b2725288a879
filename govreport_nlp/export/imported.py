"""The last steps every importer of corrected work shares (Label Studio, doccano, brat, CoNLL):
relations into `target` attributes, and the spans into a checked `govreport-nlp/2` document."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..doc.attrs import canonical_attrs, link_targets
from ..doc.layers import LABELS, SCHEMA_ID
from ..errors import InputError
from .schema import validate

#: The relation from a COMMITMENT to a QUANTITY it targets, in every tool.
TARGET_RELATION = "target"

_ORDER = {label: i for i, label in enumerate(LABELS)}


def attach_targets(links: Iterable[tuple[dict[str, Any], dict[str, Any]]], attr: str = TARGET_RELATION) -> None:
    """Set each linked source span's `attr` to its targets' references: a list sorted by
    start (the form `COMMITMENT.target` takes)."""
    found: dict[int, tuple[dict[str, Any], list[dict[str, Any]]]] = {}
    for source, target in links:
        ref = {"start": target["start"], "end": target["end"], "text": target["text"]}
        found.setdefault(id(source), (source, []))[1].append(ref)
    for source, refs in found.values():
        refs.sort(key=lambda r: r["start"])
        source["attrs"][attr] = refs


def imported_document(text: str, meta: dict[str, Any], spans: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The document, spans ordered as the export orders them, attributes in their one shape
    (`canonical_attrs`), QUANTITY spans linked to their COMMITMENT, validated (offsets included)."""
    ordered = sorted(spans, key=lambda s: (s["start"], s["end"], _ORDER[s["label"]]))
    ordered = link_targets([{**s, "attrs": canonical_attrs(s["label"], s.get("attrs"))} for s in ordered])
    doc = {"schema": SCHEMA_ID, "text": text, "meta": meta, "spans": ordered}
    validate(doc)
    return doc


def whole_offsets(start: Any, end: Any, length: int, where: str) -> tuple[int, int]:
    """`start` and `end` as offsets into a text of `length`: whole numbers (not 3.7, not True,
    not "5"), start before end, both inside the text; else InputError saying `where`."""
    for name, value in (("start", start), ("end", end)):
        if not isinstance(value, int) or isinstance(value, bool):
            raise InputError(f"{where}: {name} offset {value!r} is not a whole number")
    if not 0 <= start < end <= length:
        raise InputError(f"{where}: offsets {start}:{end} are not a span of the text (0 <= start < end <= {length})")
    return start, end
