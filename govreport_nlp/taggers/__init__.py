"""spaCy components of the pipeline, one per module, registered as `govreport_*` factories.

Importing this package registers every factory; installed packages are also found by
spaCy through the `spacy_factories` entry points, without importing anything first.
"""

from __future__ import annotations

from .commitments.component import CommitmentTagger, make_commitments
from .ents import EntsMerger, make_ents
from .places.component import PlaceTagger, make_places
from .programs.component import ProgramTagger, make_programs
from .quantities.component import QuantityTagger, make_quantities
from .structure import StructureTagger, make_structure

__all__ = [
    "CommitmentTagger",
    "EntsMerger",
    "PlaceTagger",
    "ProgramTagger",
    "QuantityTagger",
    "StructureTagger",
    "make_commitments",
    "make_ents",
    "make_places",
    "make_programs",
    "make_quantities",
    "make_structure",
]
