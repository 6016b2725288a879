"""Exact offsets between the user's text and the normalised text the pipeline reads.

Normalisation runs in steps (blank page chrome, unify characters, Traditional →
Simplified, collapse spaced-out digits). Each step records only its length-changing
edits — `(src_start, src_end, dst_start, dst_end)`, sorted and disjoint — because a
same-length replacement (，for , or 网 for 網) moves no offset. A span is mapped back
step by step; a boundary that falls inside an edit snaps outward to the edit's edges
(最佳化 → 优化: a span ending inside 优化 ends after 最佳化), so a mapped span always
covers whole units of the source and `source[start:end]` is what the user sees.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

Side = Literal["start", "end"]
EditTuple = tuple[int, int, int, int]


class Alignment:
    """One normalisation step: its length-changing edits, searchable in both directions."""

    __slots__ = ("edits", "_src_starts", "_dst_starts")

    def __init__(self, edits: Iterable[EditTuple] = ()) -> None:
        self.edits: list[EditTuple] = [tuple(e) for e in edits]  # type: ignore[misc]
        self._src_starts = [e[0] for e in self.edits]
        self._dst_starts = [e[2] for e in self.edits]

    def __bool__(self) -> bool:
        return bool(self.edits)

    def _map(self, offset: int, side: Side, *, backward: bool) -> int:
        # Coordinates we come from (a) and go to (b).
        a0, a1, b0, b1 = (2, 3, 0, 1) if backward else (0, 1, 2, 3)
        starts = self._dst_starts if backward else self._src_starts
        i = bisect_right(starts, offset) - 1
        # An edit that starts at `offset` owns it for a start; for an end the previous one may.
        if side == "end" and i >= 0 and self.edits[i][a0] == offset and self.edits[i][a1] != offset:
            i -= 1
        if i < 0:
            return offset
        edit = self.edits[i]
        if side == "start" and edit[a0] <= offset < edit[a1]:
            return edit[b0]
        if side == "end" and edit[a0] < offset <= edit[a1]:
            return edit[b1]
        if edit[a0] == edit[a1] == offset:  # text removed here: starts skip it, ends stop before it
            return edit[b1] if side == "start" else edit[b0]
        return offset - edit[a1] + edit[b1]

    def back(self, offset: int, side: Side) -> int:
        """Offset in this step's input for an offset in its output."""
        return self._map(offset, side, backward=True)

    def forward(self, offset: int, side: Side) -> int:
        """Offset in this step's output for an offset in its input."""
        return self._map(offset, side, backward=False)


@dataclass
class OffsetMap:
    """Normalised ↔ source offsets through every normalisation step, in order."""

    steps: list[Alignment] = field(default_factory=list)

    @property
    def is_identity(self) -> bool:
        return not any(self.steps)

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Source span for a span of the normalised text (widened to whole edits)."""
        for step in reversed(self.steps):
            start, end = step.back(start, "start"), step.back(end, "end")
        return start, end

    def to_normalized(self, start: int, end: int) -> tuple[int, int]:
        """Normalised span for a span of the source text (widened to whole edits)."""
        for step in self.steps:
            start, end = step.forward(start, "start"), step.forward(end, "end")
        return start, end

    def to_json(self) -> list[list[list[int]]]:
        return [[list(e) for e in step.edits] for step in self.steps]

    @classmethod
    def from_json(cls, data: Sequence[Sequence[Sequence[int]]]) -> OffsetMap:
        return cls([Alignment((e[0], e[1], e[2], e[3]) for e in step) for step in data])


class Rewriter:
    """Build one step's output text and its alignment by copying and replacing slices.

    Callers walk the input left to right: `replace(start, end, new)` for each change;
    everything in between is copied unchanged.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._parts: list[str] = []
        self._edits: list[EditTuple] = []
        self._src = 0  # input consumed so far
        self._dst = 0  # output written so far

    def replace(self, start: int, end: int, new: str) -> None:
        if start < self._src or end < start:
            raise ValueError(f"edits must be disjoint and in order: {start}:{end} after {self._src}")
        self._copy_to(start)
        if end - start != len(new):
            self._edits.append((start, end, self._dst, self._dst + len(new)))
        self._parts.append(new)
        self._src = end
        self._dst += len(new)

    def _copy_to(self, pos: int) -> None:
        if pos > self._src:
            self._parts.append(self.text[self._src:pos])
            self._dst += pos - self._src
            self._src = pos

    def result(self) -> tuple[str, Alignment]:
        self._copy_to(len(self.text))
        return "".join(self._parts), Alignment(self._edits)
