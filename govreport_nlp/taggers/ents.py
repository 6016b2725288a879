"""`govreport_ents`: derive the non-overlapping `doc.ents` view from the span layers.

The layers in `doc.spans` are the record; `doc.ents` exists because displaCy, spaCy's
scorer and many downstream tools expect it. Where spans of different layers overlap
(长治 inside 碳达峰长治行动) only one can be an entity: the policy keeps the longest
span, then the earliest, then the layer listed first in `labels`. COMMITMENT clauses are
left out by default: they are clauses, not entities, and would swallow everything.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy
from spacy.attrs import ENT_IOB, ENT_KB_ID, ENT_TYPE
from spacy.language import Language
from spacy.tokens import Doc

from ..doc.layers import SPAN_GROUPS, layer_key, register_extensions
from ..errors import ConfigError

register_extensions()

DEFAULT_LABELS = ["PROGRAM", "PLACE", "QUANTITY"]


class EntsMerger:
    """Set `doc.ents` from chosen span groups under a longest-first policy."""

    def __init__(self, name: str = "govreport_ents", *, labels: Iterable[str] = DEFAULT_LABELS) -> None:
        self.name = name
        self.labels = list(labels)
        unknown = [label for label in self.labels if label not in SPAN_GROUPS]
        if unknown:
            raise ConfigError(f"govreport_ents: unknown labels {unknown}; choose from {list(SPAN_GROUPS)}")

    def __call__(self, doc: Doc) -> Doc:
        # (-length, start, rank, label, kb_id), token offsets
        candidates: list[tuple[int, int, int, str, int]] = []
        for rank, label in enumerate(self.labels):
            group = layer_key(doc, label)
            if group in doc.spans:
                candidates.extend((s.start - s.end, s.start, rank, label, s.kb_id) for s in doc.spans[group])
        candidates.sort()
        taken = bytearray(len(doc))
        # `doc.ents = spans` builds two Span objects per entity; the same annotation (every
        # other token outside) is written in bulk as the tokens' IOB tags and entity types.
        table = numpy.zeros((len(doc), 3), dtype="uint64")
        table[:, 0] = 2  # O: outside every entity
        strings = doc.vocab.strings
        for minus_length, start, _rank, label, kb_id in candidates:
            end = start - minus_length
            if not any(taken[start:end]):
                taken[start:end] = b"\x01" * (end - start)
                table[start, 0] = 3  # B
                table[start + 1 : end, 0] = 1  # I
                table[start:end, 1] = strings.add(label)
                table[start:end, 2] = kb_id  # a PLACE's division code (`ent.kb_id_`), as on its span
        if len(doc):
            doc.from_array([ENT_IOB, ENT_TYPE, ENT_KB_ID], table)  # type: ignore[arg-type]
        return doc


@Language.factory(
    "govreport_ents",
    assigns=["doc.ents"],
    default_config={"labels": DEFAULT_LABELS},
)
def make_ents(nlp: Language, name: str, labels: list[str]) -> EntsMerger:
    """Factory for `nlp.add_pipe("govreport_ents")`."""
    return EntsMerger(name, labels=labels)
