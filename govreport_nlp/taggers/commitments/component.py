"""`govreport_commitments`: COMMITMENT clauses with strength, indicator, target and deadline.

Runs after `govreport_structure` (it needs each section's review/plan orientation) and
`govreport_quantities` (a commitment's targets are QUANTITY spans), before
`govreport_ents`: commitments are clauses, not entities, and stay out of `doc.ents`.
The rules (`commitment_rules`) read characters, so the segmenter does not matter; token
boundaries are then split at the clause edges so every span is whole tokens. The cue
table and the paragraph orientation model are saved with the pipeline
(`commitment_cues.tsv`, `commitment_orientation.tsv`, both text), so a saved pipeline
keeps what it was built with, and users can extend them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import ensure_path

from ...doc.layers import SPAN_GROUPS, doc_source, doc_text, layer_key, register_extensions, span_rows, write_layer
from ...ingest.offsets import OffsetMap
from .indicators import figure_kind, indicator_key
from .orientation import MODEL_FILE, OrientationModel
from .rules import CommitmentRules, CueRule, QuantityInfo, SectionInfo, cues_tsv, default_cues, parse_cues

register_extensions()

GROUP = SPAN_GROUPS["COMMITMENT"]
SECTION_GROUP = "section"
QUANTITY_GROUP = SPAN_GROUPS["QUANTITY"]
CUES_FILE = "commitment_cues.tsv"


def doc_sections(doc: Doc) -> list[SectionInfo]:
    """The sections `govreport_structure` wrote, in the form the rules read."""
    out = []
    for start, end, _label, value in span_rows(doc, SECTION_GROUP):
        attrs = value or {}
        out.append(
            SectionInfo(
                start=start,
                end=end,
                heading_end=int(attrs.get("heading_end", start)),
                level=int(attrs.get("level", 4)),
                orientation=attrs.get("orientation"),
                path=tuple(attrs.get("path") or ()),
            )
        )
    return out


def doc_quantities(doc: Doc) -> list[QuantityInfo]:
    """The QUANTITY spans `govreport_quantities` wrote (none when it did not run)."""
    rows = span_rows(doc, layer_key(doc, "QUANTITY"))
    return [QuantityInfo(start, end, dict(attrs) if attrs else {}) for start, end, _, attrs in rows]


class _AsWritten:
    """Indicators as the user wrote them (Traditional script, half-width brackets): the rules
    read the normalised text, the gold and the user compare names as written. A name built
    from pieces (城镇、农村居民… → 农村居民…) is not in the text and stays as built."""

    def __init__(self, text: str, source: str, offsets: OffsetMap) -> None:
        self.text, self.source, self.offsets = text, source, offsets

    def name(self, name: Any, start: int, end: int) -> Any:
        if isinstance(name, list):
            return [self.name(n, start, end) for n in name]
        if not isinstance(name, str) or not name:
            return name
        at = self.text.find(name, start, end)
        if at < 0:
            return name
        s, e = self.offsets.to_source(at, at + len(name))
        return self.source[s:e] or name


class CommitmentTagger:
    """Mark commitment clauses in `doc.spans["commitment"]`, attributes in `span._.attrs`."""

    def __init__(
        self, name: str = "govreport_commitments", *, cues: tuple[CueRule, ...] | None = None, spans_key: str = GROUP
    ) -> None:
        self.name = name
        self.spans_key = spans_key
        self.rules = CommitmentRules(cues)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        found = self.rules.find(text, doc_sections(doc), doc_quantities(doc))
        source = doc_source(doc)
        written = _AsWritten(text, source["text"], OffsetMap.from_json(source["offsets"])) if source else None
        rows = []
        for c in found:
            kinds = [figure_kind(q.attrs) for q in c.targets]
            attrs = {**c.attrs(text), "indicator_key": indicator_key(c.indicator, kinds=kinds)}
            if written is not None:
                attrs["indicator"] = written.name(c.indicator, c.start, c.end)
            rows.append((c.start, c.end, attrs))
        write_layer(doc, "COMMITMENT", rows, spans_key=self.spans_key)
        return doc

    def to_disk(self, path: str | Path, *, exclude: Any = tuple()) -> None:
        folder: Path = ensure_path(path)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / CUES_FILE).write_text(cues_tsv(self.rules.cues), encoding="utf-8")
        (folder / MODEL_FILE).write_text(self.rules.orientation.to_tsv(), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Any = tuple()) -> CommitmentTagger:
        folder: Path = ensure_path(path)
        cues = parse_cues((folder / CUES_FILE).read_text(encoding="utf-8")) if (folder / CUES_FILE).exists() else None
        model = (
            OrientationModel.from_tsv((folder / MODEL_FILE).read_text(encoding="utf-8"))
            if (folder / MODEL_FILE).exists()
            else None
        )
        if cues is not None or model is not None:
            self.rules = CommitmentRules(cues if cues is not None else self.rules.cues, model or self.rules.orientation)
        return self


@Language.factory(
    "govreport_commitments",
    assigns=["doc.spans"],
    requires=["doc.spans"],
    default_config={"spans_key": GROUP},
)
def make_commitments(nlp: Language, name: str, spans_key: str) -> CommitmentTagger:
    """Factory for `nlp.add_pipe("govreport_commitments", after="govreport_quantities")`;
    `spans_key` is the `doc.spans` key the layer is written to."""
    return CommitmentTagger(name, cues=default_cues(), spans_key=spans_key)


def commitment_spans(doc: Doc) -> list[Span]:
    """The COMMITMENT spans of a Doc (empty when the tagger did not run)."""
    key = layer_key(doc, "COMMITMENT")
    return list(doc.spans[key]) if key in doc.spans else []
