"""`govreport_quantities`: QUANTITY spans with value, unit, comparator, kind and change.

The rules (`quantity_rules`) read the characters, not the words, so a segmenter that
glues 31.1亿 together or splits 八|成 does not matter; afterwards the component splits
tokens at the span edges so that every QUANTITY is a whole-token span. The unit table
is saved with the pipeline (`units.tsv`), so a saved pipeline keeps the units it was
built with, and users can extend it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import ensure_path

from ...doc.layers import SPAN_GROUPS, doc_text, layer_key, register_extensions, write_layer
from .rules import QuantityRules, Unit, default_units, parse_units

register_extensions()

GROUP = SPAN_GROUPS["QUANTITY"]


class QuantityTagger:
    """Mark quantities in `doc.spans["quantity"]`, their attributes in `span._.attrs`."""

    def __init__(
        self, name: str = "govreport_quantities", *, units: tuple[Unit, ...] | None = None, spans_key: str = GROUP
    ) -> None:
        self.name = name
        self.spans_key = spans_key
        self.rules = QuantityRules(units)

    def __call__(self, doc: Doc) -> Doc:
        found = ((q.start, q.end, q.attrs) for q in self.rules.find(doc_text(doc)))
        write_layer(doc, "QUANTITY", found, spans_key=self.spans_key)
        return doc

    def _units_tsv(self) -> str:
        lines = ["# written\tunit\tkind\tfactor"]
        lines += [f"{u.written}\t{u.unit}\t{u.kind}\t{u.factor:g}" for u in self.rules.units.values()]
        return "\n".join(lines) + "\n"

    def to_disk(self, path: str | Path, *, exclude: Any = tuple()) -> None:
        folder: Path = ensure_path(path)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "units.tsv").write_text(self._units_tsv(), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Any = tuple()) -> QuantityTagger:
        table = ensure_path(path) / "units.tsv"
        if table.exists():
            self.rules = QuantityRules(parse_units(table.read_text(encoding="utf-8")))
        return self


@Language.factory(
    "govreport_quantities",
    assigns=["doc.spans"],
    default_config={"spans_key": GROUP},
)
def make_quantities(nlp: Language, name: str, spans_key: str) -> QuantityTagger:
    """Factory for `nlp.add_pipe("govreport_quantities", config={"spans_key": "quantity"})`:
    `spans_key` is the `doc.spans` key the layer is written to."""
    return QuantityTagger(name, units=default_units(), spans_key=spans_key)


def quantity_spans(doc: Doc) -> list[Span]:
    """The QUANTITY spans of a Doc (empty when the tagger did not run)."""
    key = layer_key(doc, "QUANTITY")
    return list(doc.spans[key]) if key in doc.spans else []
