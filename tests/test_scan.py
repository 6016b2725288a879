"""`taggers.scan.PatternSet`: the matches of many expressions, exactly as `finditer` gives them."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import NATIONAL, needs_shared

from govreport_nlp.taggers.commitments.rules import default_cues
from govreport_nlp.taggers.scan import PatternSet, first_chars, scanned_by_re

CUES = [rule.pattern for rule in default_cues()]


def one_by_one(patterns: list[str], text: str) -> list[tuple[int, int, int]]:
    return sorted((m.start(), i, m.end()) for i, p in enumerate(patterns) for m in re.finditer(p, text))


@pytest.mark.parametrize(
    ("pattern", "starts"),
    [
        (r"(?:^|(?<=[，；。：！？\n,;]))(?:也|这|它|那)(?!样做)", set("也这它那")),  # a lookbehind first
        (r"(?:深入|认真|学习|弘扬和|培育和|树立和)?践行", set("深认学弘培树践")),  # an optional group first
        (r"(?<![一二三四五六七八九十于但就还凡要或别])是(?![否：:])", {"是"}),
        (r"(?:^|(?<=[。！？\n]))[一二三四五六七八九十]{1,2}要(?=[^，；。：\n]{1,60}。)", set("一二三四五六七八九十")),
        (r"\d{1,2}月(?:底|末)?(?:以?前)", None),  # \d: any digit of any script, not a set we list
        (r"(?:上述)?", None),  # may match nothing
        (r"(?i)ab", None),  # inline flags
    ],
)
def test_first_chars_of_cues(pattern, starts):
    assert first_chars(pattern) == (frozenset(starts) if starts is not None else None)


def test_re_scans_literal_starts_itself():
    assert scanned_by_re("建设|建成|打造") and scanned_by_re("将(?=[要会在])") and scanned_by_re("[上下]半年(?:内)?")
    assert not scanned_by_re("(?:牢固)?树立") and not scanned_by_re("(?<=[，,])更好")


def test_the_pseudo_cues_are_scanned_by_re():
    """The pseudo cues (主要, 工作计划 …) start with the commonest characters of a report: written
    as words, one per branch, `re` finds them itself rather than being tried at each of them."""
    (pseudo,) = [rule.pattern for rule in default_cues() if rule.pattern.startswith("主要|")]
    assert scanned_by_re(pseudo)
    assert not scanned_by_re("主要|(?:行动|工作)计划")  # a group first: tried at every start character


@pytest.mark.parametrize(
    "text",
    [
        "今年，也要坚持稳中求进。这是我们的任务，它关系全局；那样做不行。",
        "一要加快发展。二要深化改革，也就是说要深入践行新发展理念。",
        "是否可行，就是要看到成效：认真践行、学习践行。",
        "",
    ],
)
def test_real_sentences_give_the_matches_of_finditer(text):
    assert sorted(PatternSet(CUES).matches(text)) == one_by_one(CUES, text)


@needs_shared
def test_every_national_report_gives_the_matches_of_finditer():
    patterns = PatternSet(CUES)
    for path in NATIONAL:
        text = path.read_text(encoding="utf-8-sig")
        assert sorted(patterns.matches(text)) == one_by_one(CUES, text), path.name


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("也这是要将了践行深入认真，。；\n一二主计划以为让领导下同时更好")), max_size=60))
def test_random_text_gives_the_matches_of_finditer(text):
    assert sorted(PatternSet(CUES).matches(text)) == one_by_one(CUES, text)
