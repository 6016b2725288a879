"""`govreport_ents`: derive the non-overlapping `doc.ents` view from the span layers.

The layers in `doc.spans` are the record; `doc.ents` exists because displaCy, spaCy's
scorer and many downstream tools expect it. Where spans of different layers overlap
(长治 inside 碳达峰长治行动) only one can be an entity: the policy keeps the longest
span, then the earliest, then the layer listed first in `labels`. COMMITMENT clauses are
left out by default: they are clauses, not entities, and would swallow everything.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..doc.layers import SPAN_GROUPS, register_extensions, release_text
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
        rank = {label: i for i, label in enumerate(self.labels)}
        candidates: list[Span] = []
        for label in self.labels:
            group = SPAN_GROUPS[label]
            if group in doc.spans:
                candidates.extend(Span(doc, s.start, s.end, label=label) for s in doc.spans[group])
        candidates.sort(key=lambda s: (-(s.end - s.start), s.start, rank[s.label_]))
        taken = [False] * len(doc)
        chosen: list[Span] = []
        for span in candidates:
            if not any(taken[span.start:span.end]):
                chosen.append(span)
                for i in range(span.start, span.end):
                    taken[i] = True
        doc.ents = sorted(chosen, key=lambda s: s.start)
        release_text(doc)  # the last component: saved Docs should not carry the text twice
        return doc


@Language.factory(
    "govreport_ents",
    assigns=["doc.ents"],
    default_config={"labels": DEFAULT_LABELS},
)
def make_ents(nlp: Language, name: str, labels: list[str]) -> EntsMerger:
    """Factory for `nlp.add_pipe("govreport_ents")`."""
    return EntsMerger(name, labels=labels)
