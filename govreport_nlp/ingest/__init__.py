"""Getting report text in: decoding files and bytes into the text every offset refers to."""

from __future__ import annotations

from .decode import read_text

__all__ = ["read_text"]
