"""The programme lexicon: curated rows and rows mined from the corpus, in one table.

Two files in `govreport_nlp/data/` share one format (canonical, |-separated aliases,
class, description, source):

- `program_lexicon.tsv`, curated: national strategies, schemes and reforms with their
  official names, and the known non-programmes the quote classifier must not tag;
- `program_mined.tsv`, written by `scripts/build_program_lexicon.py`: names that recur
  across reports and years of the corpus, each admitted by a reviewed decision
  (`program_review.tsv`), its `source` the evidence that admitted it.

A name belongs to one row; where both files name it, the curated row wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

CLASSES = ("initiative", "slogan", "honour", "event", "organisation", "document")
CURATED_FILE = "program_lexicon.tsv"
MINED_FILE = "program_mined.tsv"


@dataclass(frozen=True)
class ProgramEntry:
    """One row of the lexicon: a programme (or a known non-programme) and its names."""

    canonical: str
    aliases: tuple[str, ...] = ()
    cls: str = "initiative"
    description: str = ""
    source: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.canonical, *self.aliases)


def split_context(name: str) -> tuple[str, str | None]:
    """`扩大内需[的方针]` → (扩大内需, 的方针): a name tagged only when the bracketed words follow it.

    For policy aims that name a programme only in that frame (坚持扩大内需的方针) and are a
    generic aim elsewhere (持续扩大内需、优化供给).
    """
    if name.endswith("]") and "[" in name:
        base, _, context = name[:-1].partition("[")
        return base, context
    return name, None


def parse_lexicon(tsv: str) -> tuple[ProgramEntry, ...]:
    """Rows of `programs.tsv`: canonical, |-separated aliases, class, description, source."""
    entries = []
    for no, line in enumerate(tsv.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 3:
            raise ValueError(f"programs.tsv line {no}: expected canonical, aliases, class[, description, source]")
        cells += [""] * (5 - len(cells))
        cls = cells[2].strip() or "initiative"
        if cls not in CLASSES:
            raise ValueError(f"programs.tsv line {no}: class {cls!r} is not one of {', '.join(CLASSES)}")
        aliases = tuple(a.strip() for a in cells[1].split("|") if a.strip())
        entries.append(ProgramEntry(cells[0].strip(), aliases, cls, cells[3].strip(), cells[4].strip()))
    return tuple(entries)


def merge_lexicons(*lexicons: Iterable[ProgramEntry]) -> tuple[ProgramEntry, ...]:
    """Rows of several lexicons, earlier ones first: a later row whose canonical is already
    taken is left out, and its aliases already taken are dropped."""
    taken: set[str] = set()
    merged = []
    for lexicon in lexicons:
        for entry in lexicon:
            if entry.canonical in taken:
                continue
            aliases = tuple(a for a in entry.aliases if a not in taken)
            taken.update((entry.canonical, *aliases))
            merged.append(ProgramEntry(entry.canonical, aliases, entry.cls, entry.description, entry.source))
    return tuple(merged)


@lru_cache(maxsize=1)
def default_lexicon() -> tuple[ProgramEntry, ...]:
    """The curated rows, then the mined ones (the curated row wins a shared name)."""
    data = files("govreport_nlp.data")
    curated = parse_lexicon(data.joinpath(CURATED_FILE).read_text(encoding="utf-8"))
    mined = parse_lexicon(data.joinpath(MINED_FILE).read_text(encoding="utf-8"))
    return merge_lexicons(curated, mined)


def lexicon_tsv(entries: Iterable[ProgramEntry]) -> str:
    """The lexicon as `programs.tsv` text (what `parse_lexicon` reads)."""
    lines = ["# canonical\taliases\tclass\tdescription\tsource"]
    lines += [f"{e.canonical}\t{'|'.join(e.aliases)}\t{e.cls}\t{e.description}\t{e.source}" for e in entries]
    return "\n".join(lines) + "\n"


def trie_regex(words: Iterable[str]) -> str:
    """One regex alternation for many literal words, factored as a trie (fast in `re`).

    Longer words win at a position because every branch tries continuing before ending.
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)
