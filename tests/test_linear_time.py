"""Linear time on any input: the bounds the rules keep, and the indexes that replaced scans.

How long the rules take on adversarial input is measured, not asserted here:
`benchmarks/adversarial.py` times 50 inputs that repeat what the rules look at against
real report text in one run (the project keeps speed targets in benchmarks, never in
timed tests). These tests pin what the bounds mean for the output and check that each
index answers exactly what the scan it replaced answered.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import ROOT

import govreport_nlp
from govreport_nlp.errors import ConfigError
from govreport_nlp.taggers.commitments.rules import CueMatch, CueRule, _ScopeIndex, default_cues
from govreport_nlp.taggers.places.rules import _Intervals
from govreport_nlp.taggers.programs.quoted import CJK, NUMERAL
from govreport_nlp.taggers.programs.quoted import numbered_slogan as _numbered_slogan
from govreport_nlp.taggers.quantities.rules import MAX_DIGITS, MAX_GROUPS, QuantityRules, _Regions

QUANTITIES = QuantityRules()


def quantities(text: str) -> list[tuple[str, object]]:
    return [(text[q.start:q.end], q.attrs["value"]) for q in QUANTITIES.find(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("投资" + "1" + "0" * (MAX_DIGITS - 1) + "元", [("1" + "0" * (MAX_DIGITS - 1) + "元", 10 ** (MAX_DIGITS - 1))]),
        ("完成投资" + "1" + "0" * MAX_DIGITS + "元。", []),  # a longer run of digits is no number
        ("1" * 5000 + "元", []),
        ("１" * 300 + "％", []),  # full-width digits are read after normalisation only
        ("1" + ",000" * (MAX_GROUPS + 1) + "元", []),  # no tail of a long run of thousands groups either
        ("1" + ",000" * MAX_GROUPS + "元", [("1" + ",000" * MAX_GROUPS + "元", 10.0 ** (3 * MAX_GROUPS))]),
        ("2019,20%", [("20%", 20)]),  # a run of thousands groups with no number in front
        ("增长" + "一" * 3000 + "倍", []),
        ("确保粮食产量保持在31.1亿斤以上", [("31.1亿斤以上", 3110000000)]),  # unchanged by the bounds
        ("人口1,234,567人", [("1,234,567人", 1234567)]),
    ],
)
def test_numbers_are_read_within_bounds(text: str, expected: list[tuple[str, object]]) -> None:
    assert quantities(text) == expected


def test_a_cue_that_repeats_without_bound_is_refused() -> None:
    with pytest.raises(ConfigError, match="repeats without a bound"):
        CueRule("贯彻落实(?=[^，；。]*精神)", "stance")
    with pytest.raises(ConfigError, match="repeats without a bound"):
        CueRule("要.+", "modal")
    assert CueRule("贯彻落实(?=[^，；。]{0,60}精神)", "stance")
    assert len(default_cues()) > 50  # the shipped table keeps to the rule


SLOGAN = re.compile(rf"(?:[{NUMERAL}\d]+[{CJK}]{{1,4}})+|[{CJK}]{{1,3}}[{NUMERAL}][{CJK}]{{1,2}}")


@pytest.mark.parametrize(
    "phrase, numbered",
    [("三纵十横", True), ("一区两翼", True), ("六个一体化", True), ("两集中两到位", True), ("门前三包", True),
     ("百乡千村", True), ("放心午餐", False), ("一" * 23 + "a", False), ("一" * 24, True)],
)
def test_numbered_slogans(phrase: str, numbered: bool) -> None:
    assert _numbered_slogan(phrase) is numbered


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=list(NUMERAL + "12纵横区翼集中到位a，"), max_size=12))
def test_numbered_slogans_read_as_the_expression_reads_them(phrase: str) -> None:
    assert _numbered_slogan(phrase) == bool(SLOGAN.fullmatch(phrase))


def regions(draw_sizes: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-overlapping regions in order from (gap, length) pairs."""
    out, pos = [], 0
    for gap, length in draw_sizes:
        out.append((pos + gap, pos + gap + length))
        pos += gap + length
    return out


@given(st.lists(st.tuples(st.integers(0, 5), st.integers(1, 5)), max_size=12), st.integers(0, 80),
       st.integers(1, 6))
def test_quantity_regions_answer_as_a_scan(sizes: list[tuple[int, int]], offset: int, length: int) -> None:
    spans = regions(sizes)
    index = _Regions(spans)
    assert index.inside(offset) == any(s < offset < e for s, e in spans)
    assert index.overlaps(offset, offset + length) == any(s < offset + length and offset < e for s, e in spans)


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)), max_size=15), st.integers(0, 70),
       st.integers(1, 8))
def test_place_intervals_answer_as_a_scan(pairs: list[tuple[int, int]], start: int, length: int) -> None:
    intervals = [(s, s + n) for s, n in pairs]  # they may overlap one another
    assert _Intervals(intervals).overlaps(start, start + length) == any(
        s < start + length and start < e for s, e in intervals
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 6), st.sampled_from(["list", "principle", "modal", "rhetoric", "situation"]),
                       st.sampled_from(["sentence", "paragraph"])), max_size=10),
    st.lists(st.integers(1, 6), min_size=1, max_size=8),
)
def test_cue_scopes_answer_as_the_sweep_over_all_of_them(
    cues: list[tuple[int, str, str]], clause_gaps: list[int]
) -> None:
    """Scopes end in start order within a category and kind (as `_scope_end` makes them)."""
    scopes = []
    pos, last_end = 0, {}
    for gap, category, scope in cues:
        start = pos + gap
        cue = CueMatch(start, start + 2, CueRule(category + "词", category, scope=scope))
        end = max(start + 2 + gap * 3, last_end.get((category, scope), 0))
        last_end[(category, scope)] = end
        scopes.append((cue, end))
        pos = start + 2
    index = _ScopeIndex(scopes)
    cs = 0
    for gap in clause_gaps:
        cs += gap
        ce = cs + 3
        reach = [(c, e) for c, e in scopes if c.start < ce and e + 1 >= cs]
        assert index.any_open(cs, ce) == bool(reach)
        assert index.crosses(("rhetoric", "situation"), cs, ce) == any(
            c.rule.category in ("rhetoric", "situation") and c.start < ce and cs < e for c, e in reach
        )
        for category in ("list", "principle", "modal"):
            fitting = [c for c, e in reach if c.rule.category == category and c.end <= cs and ce <= e + 1]
            assert index.around(category, cs, ce) == (fitting[-1] if fitting else None)
        cs = ce


def adversarial_cases() -> list[tuple[str, str]]:
    spec = importlib.util.spec_from_file_location("adversarial", ROOT / "benchmarks" / "adversarial.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cases = [(name, module.build(prefix, unit, 3000)) for name, _, prefix, unit in module.CASES]
    return [*cases, ("mixed", module.mixed(3000))]


@pytest.mark.parametrize("name, text", adversarial_cases())
def test_adversarial_input_gives_valid_output(name: str, text: str, nlp_char) -> None:
    data = govreport_nlp.annotate(text, nlp=nlp_char)
    govreport_nlp.validate(data)
    assert data["text"] == text
