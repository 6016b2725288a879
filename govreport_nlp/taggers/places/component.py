"""`govreport_places`: PLACE spans, with administrative divisions linked to their codes.

The rules (`place_rules`) read the characters, so whatever the segmenter made of 平遥横坡
the span is the same; the component then splits tokens at the span edges so that every
PLACE is a whole-token span. It reads the report's place and year from `doc._.meta`
(set by `govreport_structure`, which runs first) to link short names (平遥 in a 晋中
report is 山西省晋中市平遥县) and names that changed (太谷县 → 太谷区 from 2019). The rule
tables are saved with the pipeline, so a saved pipeline keeps the lexicons it was built
with.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import ensure_path

from ...doc.layers import SPAN_GROUPS, doc_meta, doc_text, register_extensions, write_layer
from .rules import DECIDE, PlaceRules, PlaceTables

register_extensions()

GROUP = SPAN_GROUPS["PLACE"]
#: `doc._.meta` key of the report's centre (`PlaceRules.document_near`) on the pieces of a long
#: report; `annotate` sets it and removes it again.
NEAR_KEY = "place_near"


class PlaceTagger:
    """Mark places in `doc.spans["place"]`, their attributes in `span._.attrs`."""

    def __init__(self, name: str = "govreport_places", *, tables: PlaceTables | None = None) -> None:
        self.name = name
        self.rules = PlaceRules(tables)

    def __call__(self, doc: Doc) -> Doc:
        meta = doc_meta(doc)
        year = meta.get("year")
        found = self.rules.find(
            doc_text(doc),
            place=meta.get("place"),
            year=year if isinstance(year, int) else None,
            near=meta.get(NEAR_KEY, DECIDE),  # set on the pieces of a report too long for one Doc
        )
        write_layer(doc, "PLACE", ((p.start, p.end, p.attrs) for p in found))
        return doc

    def to_disk(self, path: str | Path, *, exclude: Any = tuple()) -> None:
        folder: Path = ensure_path(path)
        folder.mkdir(parents=True, exist_ok=True)
        for attr, name in PlaceTables.FILES.items():
            (folder / name).write_text(getattr(self.rules.tables, attr), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Any = tuple()) -> PlaceTagger:
        folder: Path = ensure_path(path)
        texts = {}
        for attr, name in PlaceTables.FILES.items():
            file = folder / name
            texts[attr] = file.read_text(encoding="utf-8") if file.exists() else getattr(self.rules.tables, attr)
        self.rules = PlaceRules(PlaceTables(**texts))
        return self


@Language.factory("govreport_places", assigns=["doc.spans"], default_config={})
def make_places(nlp: Language, name: str) -> PlaceTagger:
    """Factory for `nlp.add_pipe("govreport_places")`."""
    return PlaceTagger(name)


def place_spans(doc: Doc) -> list[Span]:
    """The PLACE spans of a Doc (empty when the tagger did not run)."""
    return list(doc.spans[GROUP]) if GROUP in doc.spans else []
