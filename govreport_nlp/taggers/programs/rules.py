"""Find PROGRAM mentions (named policy initiatives) in normalised report text.

Pure functions on text (no spaCy). Candidates come from several sources and are resolved
so that spans never overlap (quoted > lexicon > head noun, then longer first):

1. quoted names “…”, kept only when `quoted.classify_quoted` says *initiative*;
2. the lexicon (`lexicon`: curated rows and rows mined from the corpus), one trie regex;
3. unquoted names ending in a head noun (`heads`: …战略, …工程, …行动, …改革, …试点);

then `canonical` (`canonical`) and, for a quoted name followed by its head noun, `title`
(“百乡千村”治理行动). Why rules rather than a trained scorer: see docs/programs.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .canonical import DEFINING_HEADS, drop_generic_head
from .canonical import canonical_name as _canonical_name
from .heads import HEADS, TRIGGERS, HeadNames
from .lexicon import CLASSES, ProgramEntry, default_lexicon, lexicon_tsv, parse_lexicon, trie_regex
from .quoted import ACT_BEFORE, CJK, NUMBERED, QUOTED, STRONG_AFTER, classify_quoted

__all__ = [
    "ACT_BEFORE", "CLASSES", "DEFINING_HEADS", "HEADS", "QUOTED", "STRONG_AFTER", "TRIGGERS", "FoundProgram",
    "ProgramEntry", "ProgramRules", "default_lexicon", "drop_generic_head", "lexicon_tsv", "parse_lexicon",
    "trie_regex",
]

# Head nouns right after the closing quote; together they make the `title`.
TITLE_HEADS = (
    "市长负责制|交通路网|工作体系|总体布局|发展路径|战略举措|普惠补贴|攻坚行动|治理行动|年度工程|城建工程|"
    "工程|行动|改革|制度|政策|活动|建设|试点|联动|创建|普法|服务|集成|联合体|工作|项目|制"
)
TITLE_AFTER = re.compile(rf"[{CJK}]{{0,6}}?(?:{TITLE_HEADS})")
# After a lexicon name: an organisation, facility or honour named after the programme.
ORGANISATION_AFTER = re.compile(r"委员会|委|局|办公室|领导小组|中心|协会|基金|馆|服务站|示范区|示范县|示范市|模范")


@dataclass(frozen=True)
class FoundProgram:
    """A PROGRAM span in the analysed text: `text[start:end]` and its attributes."""

    start: int
    end: int
    attrs: dict[str, Any] = field(default_factory=dict)
    source: str = "head"  # quoted, lexicon or head: which rule found it (ranks overlapping candidates)


class ProgramRules:
    """The compiled rules over one lexicon; `find` is the entry point."""

    def __init__(self, lexicon: Sequence[ProgramEntry] | None = None) -> None:
        self.lexicon: tuple[ProgramEntry, ...] = tuple(lexicon) if lexicon is not None else default_lexicon()
        self.by_name: dict[str, ProgramEntry] = {}
        for entry in self.lexicon:
            for name in entry.names:
                self.by_name.setdefault(name, entry)
        self.known_class = {name: entry.cls for name, entry in self.by_name.items()}
        initiative_names = [n for n, e in self.by_name.items() if e.cls == "initiative"]
        # A lexicon name may carry 制度 or 试点 after it (城镇居民基本医疗保险试点); a name that
        # is part of an organisation (计划生育委员会) is dropped after matching.
        self.lexicon_rx = re.compile(f"(?:{trie_regex(initiative_names)})(?:制度|试点)?") if initiative_names else None
        self.heads = HeadNames()

    # -- public ---------------------------------------------------------------------------

    def find(self, text: str, sentences: Sequence[tuple[int, int]] | None = None) -> list[FoundProgram]:
        """PROGRAM spans in `text`, in order, never overlapping.

        Args:
            text: the normalised report text.
            sentences: optional (start, end) sentence bounds; a name never runs back past
                the start of its sentence (without them, punctuation bounds it anyway).
        """
        starts = [s for s, _ in sentences] if sentences else []
        found = [*self._quoted(text), *self._lexicon(text), *self._heads(text, starts)]
        quoted = [m.span() for m in QUOTED.finditer(text)]
        return _resolve(found, quoted)

    def classify_quoted(self, text: str, start: int, end: int, *, chained: str | None = None) -> str:
        """Class of the quoted phrase `text[start:end]` (inside the quotes); see `quoted`."""
        return classify_quoted(text, start, end, self.known_class, chained=chained)

    def canonical(self, name: str, title: str | None = None) -> str:
        """One name per programme; see `canonical.canonical_name`."""
        return _canonical_name(self.by_name, name, title)

    # -- candidates -----------------------------------------------------------------------

    def _quoted(self, text: str) -> Iterable[FoundProgram]:
        previous_end, previous_class = -10, None
        for m in QUOTED.finditer(text):
            start, end = m.span(1)
            phrase = m.group(1)
            chained = previous_class if 0 <= m.start() - previous_end <= 1 else None
            previous_end, previous_class = m.end(), None
            if len(phrase) < 2 or not re.search(f"[{CJK}]", phrase) and not NUMBERED.search(phrase):
                continue
            previous_class = self.classify_quoted(text, start, end, chained=chained)
            if previous_class != "initiative":
                continue
            attrs: dict[str, Any] = {}
            head = TITLE_AFTER.match(text, end + 1)
            title = phrase + head.group(0) if head else None
            if title:
                attrs["title"] = title
            attrs["canonical"] = self.canonical(phrase, title)
            yield FoundProgram(start, end, attrs, "quoted")

    def _lexicon(self, text: str) -> Iterable[FoundProgram]:
        if self.lexicon_rx is None:
            return
        for m in self.lexicon_rx.finditer(text):
            start, end = m.span()
            if text[start - 1:start] == "《" or ORGANISATION_AFTER.match(text, end):
                continue
            yield FoundProgram(start, end, {"canonical": self.canonical(m.group(0))}, "lexicon")

    def _heads(self, text: str, sentence_starts: Sequence[int]) -> Iterable[FoundProgram]:
        for start, end in self.heads.find(text, sentence_starts):
            yield FoundProgram(start, end, {"canonical": self.canonical(text[start:end])}, "head")


def _resolve(found: list[FoundProgram], quoted: list[tuple[int, int]]) -> list[FoundProgram]:
    """Keep non-overlapping spans: quoted names first, then lexicon and head-noun names by length.

    Length decides between the last two so that 县级公立医院改革 beats the lexicon's 公立医院改革;
    at equal length the lexicon wins (its canonical is curated).
    """
    rank = {"quoted": 0, "lexicon": 1, "head": 2}
    order = sorted(found, key=lambda p: (p.source != "quoted", p.start - p.end, rank[p.source], p.start))
    size = max((p.end for p in found), default=0) + 1
    taken = bytearray(size)  # 1 where a kept span covers the character
    inside_quotes = bytearray(size)  # 1 strictly inside “…” (the quote marks included)
    for s, e in quoted:
        if s + 1 < size:
            inside_quotes[s + 1:min(e, size)] = b"\x01" * (min(e, size) - s - 1)
    kept: list[FoundProgram] = []
    for program in order:
        if any(taken[program.start:program.end]):
            continue
        if program.source != "quoted" and (inside_quotes[program.start] or inside_quotes[program.end]):
            continue  # an unquoted candidate must not cut through a quoted phrase
        taken[program.start:program.end] = b"\x01" * (program.end - program.start)
        kept.append(program)
    kept.sort(key=lambda p: p.start)
    return kept
