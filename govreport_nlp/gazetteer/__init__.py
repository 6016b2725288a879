"""The place index the PLACE tagger links mentions to (see `index`)."""

from __future__ import annotations

from .index import Division, Gazetteer

__all__ = ["Division", "Gazetteer"]
