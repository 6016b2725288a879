"""Many regular expressions over one text: every match `finditer` gives, in fewer passes.

A rule table (the COMMITMENT cues) is a list of regular expressions, each matched over
the whole text. Python's `re` finds the matches of an expression that starts with a
literal or a character class by a fast scan for that start; an expression that starts
with a lookbehind (`(?<=[，；])也`), an optional group (`(?:深入)?践行`) or a group of
mixed branches is tried at every character instead, and a handful of those cost more
than all the others together.

`PatternSet` finds, for each such expression, the characters any match must start with
(`first_chars`), scans the text once for all of them together, and tries the expression
only where one of its start characters stands. For an expression that never matches the
empty string this gives exactly `finditer`'s matches: `finditer` takes the leftmost
match, then searches again from its end, and a match can only begin at one of those
characters. Expressions whose start `re` already scans for, and expressions whose start
cannot be read off (`\\d`, a negated class, inline flags), keep their own `finditer`.
Pure Python, no spaCy: every tagger's rules may use it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Any

if sys.version_info >= (3, 11):
    from re import _constants as _c
    from re import _parser as _p
else:  # pragma: no cover - Python 3.10
    import sre_constants as _c
    import sre_parse as _p

#: A character class with a range wider than this is not read as a set of start characters.
_MAX_RANGE = 256
_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)


def _charset(items: Sequence[tuple[Any, Any]]) -> set[str] | None:
    out: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            out.add(chr(av))
        elif op is _c.RANGE and av[1] - av[0] <= _MAX_RANGE:
            out.update(chr(c) for c in range(av[0], av[1] + 1))
        else:  # a negated class, a category (\d, \s), a wide range
            return None
    return out


def _first(items: Sequence[tuple[Any, Any]]) -> tuple[set[str], bool] | None:
    """(the characters a match of the sequence can start with, whether it can be empty),
    or None when they cannot be read off."""
    out: set[str] = set()
    for op, av in items:
        got: tuple[set[str], bool] | None
        if op is _c.LITERAL:
            got = {chr(av)}, False
        elif op is _c.IN:
            chars = _charset(av)
            got = (chars, False) if chars is not None else None
        elif op in _ZERO_WIDTH:  # consumes nothing: the match starts with what follows
            got = set(), True
        elif op is _c.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            got = _first(sub) if not add_flags and not del_flags else None
        elif op is _c.BRANCH:
            got = set(), False
            for branch in av[1]:
                one = _first(branch)
                if one is None:
                    return None
                got = got[0] | one[0], got[1] or one[1]
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            low, _high, sub = av
            one = _first(sub)
            got = (one[0], one[1] or low == 0) if one is not None else None
        else:
            return None
        if got is None:
            return None
        out |= got[0]
        if not got[1]:
            return out, False
    return out, True


def _items(pattern: str) -> list[Any]:
    """The parsed expression's top-level items (op, argument)."""
    parsed: Any = _p.parse(pattern)
    return list(parsed)


def first_chars(pattern: str) -> frozenset[str] | None:
    """The characters every match of `pattern` starts with, when no match is empty and
    they can be read off the expression; else None."""
    if re.compile(pattern).flags & ~re.UNICODE:  # inline flags ((?i) …) change what a character matches
        return None
    found = _first(_items(pattern))
    if found is None or found[1] or not found[0]:
        return None
    return frozenset(found[0])


def scanned_by_re(pattern: str) -> bool:
    """Whether `re` finds the starts of `pattern`'s matches by itself: it begins with a
    literal, a character class, or branches that each begin with a literal."""
    items = _items(pattern)
    while items and items[0][0] is _c.SUBPATTERN:
        items = list(items[0][1][3])
    if not items:
        return False
    op, av = items[0]
    if op in (_c.LITERAL, _c.IN):
        return True
    return op is _c.BRANCH and all(branch and list(branch)[0][0] is _c.LITERAL for branch in av[1])


class PatternSet:
    """Regular expressions matched over a text together (see the module docstring)."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self.patterns = [re.compile(p) for p in patterns]
        self._own: list[tuple[int, re.Pattern[str]]] = []  # matched with their own finditer
        self._at: dict[str, list[tuple[int, re.Pattern[str]]]] = {}  # start character -> expressions
        for i, (source, compiled) in enumerate(zip(patterns, self.patterns, strict=True)):
            chars = None if scanned_by_re(source) else first_chars(source)
            if chars is None:
                self._own.append((i, compiled))
                continue
            for ch in chars:
                self._at.setdefault(ch, []).append((i, compiled))
        self._starts = re.compile("[" + "".join(map(re.escape, sorted(self._at))) + "]") if self._at else None

    def matches(self, text: str) -> list[tuple[int, int, int]]:
        """(start, expression number, end) of every match `patterns[i].finditer(text)` gives,
        for every i; grouped by how they were found, not sorted."""
        found = [(m.start(), i, m.end()) for i, pattern in self._own for m in pattern.finditer(text)]
        if self._starts is None:
            return found
        reached: dict[int, int] = {}  # expression number -> the end of its last match
        at = self._at
        for start in [m.start() for m in self._starts.finditer(text)]:
            for i, pattern in at[text[start]]:
                if start >= reached.get(i, 0):
                    m = pattern.match(text, start)
                    if m is not None:
                        found.append((start, i, m.end()))
                        reached[i] = m.end()
        return found
