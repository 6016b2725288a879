"""Chinese administrative divisions, looked up by the names reports use for them.

In the manner of scispaCy's knowledge base: a typed record per division (`Division`),
and an alias → records index, because one name can denote several places (鼓楼区 is in
several cities; 吉林 is a province and a prefecture) and one place has several names
(平遥, 平遥县) and codes over time (太谷县 140726 until 2019, then 太谷区 140703). Choosing
among candidates is the tagger's job; this module gives them, filtered by the report's
year and ordered by how close they sit to the report's own place.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

#: The first year-end table of the source: earlier reports take the codes of that table.
FIRST_YEAR = 1980

LEVELS = ("province", "prefecture", "county", "township", "village")


@dataclass(frozen=True)
class Division:
    """One row of `data/place_gazetteer.tsv`: a division under one name and code for some years."""

    code: str
    name: str
    short: str
    level: str
    parent: str
    valid_from: int | None
    valid_to: int | None
    full_name: str

    def valid_in(self, year: int | None) -> bool:
        """Whether the division existed under this code and name in `year` (unknown: yes)."""
        if year is None:
            return True
        return (self.valid_from is None or self.valid_from <= year) and (self.valid_to is None or year < self.valid_to)

    @property
    def current(self) -> bool:
        return self.valid_to is None


def _year(value: str) -> int | None:
    return int(value) if value else None


def parse_rows(lines: Iterable[str]) -> list[Division]:
    """Divisions from the TSV lines of `data/place_gazetteer.tsv` (comments start with #)."""
    rows = []
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        code, name, short, level, parent, valid_from, valid_to, full_name = line.rstrip("\n").split("\t")
        rows.append(Division(code, name, short, level, parent, _year(valid_from), _year(valid_to), full_name))
    return rows


def closeness(code: str, near: str | None) -> int:
    """How many levels of the code hierarchy `code` shares with `near` (0 to 3)."""
    shared = 0
    if near:
        while shared < min(len(near), 6) and code[shared] == near[shared]:
            shared += 1
    return shared // 2


class Gazetteer:
    """Divisions indexed by code and by every name a report may use (official and short)."""

    def __init__(self, divisions: Iterable[Division]) -> None:
        self.divisions = list(divisions)
        self._by_code: dict[str, list[Division]] = defaultdict(list)
        self._by_alias: dict[str, list[Division]] = defaultdict(list)
        for division in self.divisions:
            self._by_code[division.code].append(division)
            for alias in {division.name, division.short} - {""}:
                self._by_alias[alias].append(division)

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> Gazetteer:
        """The gazetteer shipped with the package (read once per process)."""
        text = files("govreport_nlp.data").joinpath("place_gazetteer.tsv").read_text(encoding="utf-8")
        return cls(parse_rows(text.splitlines()))

    def named(self, alias: str) -> list[Division]:
        """Every row ever called `alias`, whatever the year (the tagger filters them)."""
        return self._by_alias.get(alias, [])

    def aliases(self) -> list[str]:
        """Every name the index knows, for building matchers and segmenter dictionaries."""
        return sorted(self._by_alias)

    def get(self, code: str, *, year: int | None = None) -> Division | None:
        """The division with `code` in `year` (the current one when `year` is None)."""
        rows = self._by_code.get(code, [])
        valid = [d for d in rows if d.valid_in(year)] if year is not None else [d for d in rows if d.current]
        return valid[0] if valid else (rows[-1] if rows and year is None else None)

    def parent_of(self, division: Division, *, year: int | None = None) -> Division | None:
        return self.get(division.parent, year=year) if division.parent else None

    def chain(self, division: Division, *, year: int | None = None) -> list[Division]:
        """The division and its ancestors, from the province down."""
        out = [division]
        while (parent := self.parent_of(out[-1], year=year or out[-1].valid_from)) is not None:
            out.append(parent)
            if len(out) > len(LEVELS):
                break
        return list(reversed(out))

    def _successors(self, rows: list[Division], year: int | None) -> list[Division]:
        out = []
        for old in rows:
            for new in self._by_alias.get(old.short, []):
                if new.parent == old.parent and new.level == old.level and (
                    new.valid_in(year) if year is not None else new.current
                ):
                    out.append(new)
        return out

    def known_in(self, alias: str, year: int) -> bool:
        """Whether a division was called `alias` in `year`, or has a successor of that name
        then (太谷县 in 2022 → 太谷区); reports before the first table (1980) count as 1980."""
        rows = self._by_alias.get(alias, [])
        year = max(year, FIRST_YEAR)
        return any(d.valid_in(year) for d in rows) or bool(self._successors(rows, year))

    def candidates(self, alias: str, *, year: int | None = None, near: str | None = None) -> list[Division]:
        """Divisions called `alias` in `year`, the closest to the code `near` first.

        Closeness is the length of the shared code prefix (same province: 2 digits, same
        prefecture: 4), then the higher level (晋中 the city before a county of that name).
        A name no division had in `year` (reports keep old names after a change: 太谷县 in
        2022) gives the division's successor: the same short name under the same parent
        in that year (太谷区), or else the old rows themselves.
        """
        rows = self._by_alias.get(alias, [])
        in_year = [d for d in rows if d.valid_in(year)] if year is not None else [d for d in rows if d.current]
        chosen = in_year or self._successors(rows, year) or rows

        def rank(d: Division) -> tuple[int, int, str]:
            return (-closeness(d.code, near), LEVELS.index(d.level), d.code)

        unique: dict[str, Division] = {}
        for division in sorted(chosen, key=rank):
            unique.setdefault(division.code, division)
        return list(unique.values())
