"""`govreport_structure`: sentences, sections and the report's place and year on the Doc.

The commitment tagger needs to know whether a clause sits in a section that looks back
(review) or forward (plan); researchers need each span's heading path. This component
reads them off the text (see `ingest.structure`) and stores them where spaCy users look:
sentence starts on the tokens (`doc.sents`), sections in `doc.spans["section"]` with
`span._.govreport_attrs` = {level, marker, title, path, orientation}, and `place`/`year` in
`doc._.govreport_meta`.
"""

from __future__ import annotations

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..doc.layers import doc_meta, doc_text, register_extensions
from ..ingest.structure import find_sections, report_place_year, sentence_spans

register_extensions()

SECTION_GROUP = "section"
SECTION_LABEL = "SECTION"


class StructureTagger:
    """Set sentence boundaries and section spans from the (normalised) text."""

    def __init__(self, name: str = "govreport_structure", *, sentences: bool = True) -> None:
        self.name = name
        self.sentences = sentences

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        if self.sentences and len(doc):
            self._set_sentences(doc, text)
        sections = []
        place_year = report_place_year(text)  # read once: the sections need the year too
        for section in find_sections(text, place_year=place_year):
            span = doc.char_span(section.start, section.end, label=SECTION_LABEL, alignment_mode="expand")
            if span is None:
                continue
            span._.govreport_attrs = {
                "level": section.level,
                "marker": section.marker,
                "title": section.title,
                "path": list(section.path),
                "orientation": section.orientation,
                "heading_end": section.heading_end,
            }
            sections.append(span)
        doc.spans[SECTION_GROUP] = sections
        meta = doc_meta(doc)
        if "place" not in meta or "year" not in meta:  # the pieces of a long report carry the whole report's
            place, year = place_year
            meta.update({"place": place, "year": year})
        doc._.govreport_meta = meta
        return doc

    @staticmethod
    def _set_sentences(doc: Doc, text: str) -> None:
        """Mark the first token at or after each sentence start (vectorised: long reports)."""
        starts = numpy.array([s for s, _ in sentence_spans(text)], dtype="int64")
        idx = doc.to_array([IDX]).astype("int64").reshape(-1)
        flags = numpy.full(len(doc), -1, dtype="int32")
        positions = numpy.searchsorted(idx, starts)
        flags[positions[positions < len(doc)]] = 1
        flags[0] = 1
        doc.from_array([SENT_START], flags.reshape(-1, 1).astype("uint64"))  # type: ignore[arg-type]


@Language.factory(
    "govreport_structure",
    assigns=["token.is_sent_start", "doc.spans"],
    default_config={"sentences": True},
)
def make_structure(nlp: Language, name: str, sentences: bool) -> StructureTagger:
    """Factory for `nlp.add_pipe("govreport_structure")`."""
    return StructureTagger(name, sentences=sentences)
