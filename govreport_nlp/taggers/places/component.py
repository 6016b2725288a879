"""`govreport_places`: PLACE spans, with administrative divisions linked to their codes.

The rules (`place_rules`) read the characters, so whatever the segmenter made of 平遥横坡
the span is the same; the component then splits tokens at the span edges so that every
PLACE is a whole-token span. It reads the report's place and year from `doc._.meta`
(set by `govreport_structure`, which runs first) to link short names (平遥 in a 晋中
report is 山西省晋中市平遥县) and names that changed (太谷县 → 太谷区 from 2019). The rule
tables are saved with the pipeline, so a saved pipeline keeps the lexicons it was built
with.

Options (`nlp.add_pipe("govreport_places", config={...})`): `spans_key`, the `doc.spans`
key to write; `lexicon`, a TSV file of rows in `data/place_lexicon.tsv`'s format (name,
kind, parent_code, note, source: rivers, sites, zones, townships…); `gazetteer`, a TSV file
of divisions in `data/place_gazetteer.tsv`'s format (code, name, short, level, parent,
valid_from, valid_to, full_name). Their rows are added to the bundled ones and saved with
the pipeline (`user_gazetteer.tsv`, the merged `place_lexicon.tsv`).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import ensure_path

from ...doc.layers import SPAN_GROUPS, doc_meta, doc_text, layer_key, register_extensions, write_layer
from ...doc.user_tables import UserTables
from ...errors import ConfigError
from .gazetteer import Gazetteer, parse_rows
from .rules import DECIDE, PlaceRules, PlaceTables

register_extensions()

GROUP = SPAN_GROUPS["PLACE"]
#: `doc._.meta` key of the report's centre (`PlaceRules.document_near`) on the pieces of a long
#: report; `annotate` sets it and removes it again.
NEAR_KEY = "place_near"
USER_GAZETTEER_FILE = "user_gazetteer.tsv"


def gazetteer_with(rows: str) -> Gazetteer | None:
    """The bundled gazetteer with the user's division rows added (None: no rows, the bundled one)."""
    if not rows.strip():
        return None
    try:
        added = parse_rows(rows.splitlines())
    except ValueError as exc:
        raise ConfigError(f"govreport_places: a gazetteer row needs the 8 columns of place_gazetteer.tsv ({exc})") \
            from exc
    return Gazetteer([*Gazetteer.default().divisions, *added])


class PlaceTagger:
    """Mark places in `doc.spans["place"]`, their attributes in `span._.attrs`."""

    def __init__(
        self,
        name: str = "govreport_places",
        *,
        tables: PlaceTables | None = None,
        spans_key: str = GROUP,
        lexicon: str | Path | None = None,
        gazetteer: str | Path | None = None,
    ) -> None:
        self.name = name
        self.spans_key = spans_key
        self.user = UserTables(name)
        tables = tables or PlaceTables.default()
        added = self.user.read(lexicon, "PLACE lexicon")
        if added.strip():
            tables = replace(tables, lexicon=tables.lexicon.rstrip("\n") + "\n" + added)
        self.user_gazetteer = self.user.read(gazetteer, "PLACE gazetteer")
        self.rules = PlaceRules(tables, gazetteer_with(self.user_gazetteer))

    def __call__(self, doc: Doc) -> Doc:
        self.user.check()
        meta = doc_meta(doc)
        year = meta.get("year")
        found = self.rules.find(
            doc_text(doc),
            place=meta.get("place"),
            year=year if isinstance(year, int) else None,
            near=meta.get(NEAR_KEY, DECIDE),  # set on the pieces of a report too long for one Doc
        )
        write_layer(doc, "PLACE", ((p.start, p.end, p.attrs) for p in found), spans_key=self.spans_key)
        return doc

    def to_disk(self, path: str | Path, *, exclude: Any = tuple()) -> None:
        folder: Path = ensure_path(path)
        folder.mkdir(parents=True, exist_ok=True)
        for attr, name in PlaceTables.FILES.items():
            (folder / name).write_text(getattr(self.rules.tables, attr), encoding="utf-8")
        if self.user_gazetteer:
            (folder / USER_GAZETTEER_FILE).write_text(self.user_gazetteer, encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Any = tuple()) -> PlaceTagger:
        folder: Path = ensure_path(path)
        texts = {}
        for attr, name in PlaceTables.FILES.items():
            file = folder / name
            texts[attr] = file.read_text(encoding="utf-8") if file.exists() else getattr(self.rules.tables, attr)
        user_gazetteer = folder / USER_GAZETTEER_FILE
        self.user_gazetteer = user_gazetteer.read_text(encoding="utf-8") if user_gazetteer.exists() else ""
        self.rules = PlaceRules(PlaceTables(**texts), gazetteer_with(self.user_gazetteer))
        self.user.loaded()
        return self


@Language.factory(
    "govreport_places",
    assigns=["doc.spans"],
    default_config={"spans_key": GROUP, "lexicon": None, "gazetteer": None},
)
def make_places(nlp: Language, name: str, spans_key: str, lexicon: str | None, gazetteer: str | None) -> PlaceTagger:
    """Factory for `nlp.add_pipe("govreport_places", config={"lexicon": "places.tsv"})` (options above)."""
    return PlaceTagger(name, spans_key=spans_key, lexicon=lexicon, gazetteer=gazetteer)


def place_spans(doc: Doc) -> list[Span]:
    """The PLACE spans of a Doc (empty when the tagger did not run)."""
    key = layer_key(doc, "PLACE")
    return list(doc.spans[key]) if key in doc.spans else []
