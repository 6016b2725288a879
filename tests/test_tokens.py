"""Splitting tokens at span boundaries keeps the text and its spaces exactly."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport_nlp.doc.tokens import one_character_tokens, split_at, split_tokens_at, token_bounds, token_offsets


@pytest.mark.parametrize(
    ("text", "cuts"),
    [
        ("平遥横坡入选", [2]),
        ("确保粮食产量保持在31.1亿斤以上", [9, 16]),
        ("5 1 6 0 元  增长\n\n８．６％", [1, 4, 13, 15]),
        ("　　（一）晋中", [2, 5]),
        ("", [0, 3]),
    ],
)
def test_split_at_keeps_text_and_adds_boundaries(nlp_jieba, text, cuts):
    doc = split_at(nlp_jieba.tokenizer.segment(text), cuts)
    assert doc.text == text
    starts = {t.idx for t in doc} | {t.idx + len(t.text) for t in doc}
    for cut in cuts:
        if 0 < cut < len(text) and not text[cut - 1:cut].isspace():
            assert cut in starts, cut


def test_split_at_without_cuts_returns_the_same_doc(nlp_jieba):
    doc = nlp_jieba.make_doc("太原晋中一体化")
    assert split_at(doc, []) is doc


def test_splitting_keeps_existing_span_groups_on_their_characters() -> None:
    from govreport_nlp.pipeline import blank

    nlp = blank("jieba")
    doc = nlp.make_doc("平遥横坡村入选全国和美乡村")
    doc.spans["test"] = [doc.char_span(5, 7, label="X", alignment_mode="expand")]
    before = [(s.start_char, s.end_char, s.text) for s in doc.spans["test"]]
    split_tokens_at(doc, [1, 3])
    assert [(s.start_char, s.end_char, s.text) for s in doc.spans["test"]] == before
    assert all(s.text == doc.text[s.start_char : s.end_char] for s in doc.spans["test"])


def test_pipeline_spans_match_their_characters_under_jieba(reports: list[tuple[str, str]]) -> None:
    from govreport_nlp import load
    from govreport_nlp.annotate import process

    nlp = load("jieba", shared=True)
    for _name, text in reports:
        doc = process(nlp, text)
        for group in doc.spans.values():
            assert all(s.text == doc.text[s.start_char : s.end_char] for s in group)


@settings(max_examples=80, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("晋中确保增长７%.5 　\nAb𠮷，")), min_size=1, max_size=40),
    pairs=st.lists(st.tuples(st.integers(0, 45), st.integers(0, 45)), max_size=12),
)
def test_token_bounds_agree_with_strict_char_span(nlp_jieba, text, pairs):
    doc = nlp_jieba.tokenizer.segment(text)
    pairs = [(min(pair), max(pair)) for pair in pairs]
    expected = []
    for start, end in pairs:
        span = doc.char_span(start, end, alignment_mode="strict")
        expected.append(None if span is None or not len(span) else (span.start, span.end))
    assert token_bounds(doc, pairs) == expected


@settings(max_examples=80, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("晋中确保增长７%.5　\nAb𠮷，")), min_size=1, max_size=40),
    space=st.booleans(),
    pairs=st.lists(st.tuples(st.integers(-2, 45), st.integers(-2, 45)), max_size=12),
)
def test_char_docs_give_the_same_bounds_and_offsets_without_a_search(nlp_char, text, space, pairs):
    """A char Doc of a text without a plain space or a run of white space has one token per
    character (token i is character i); otherwise a token carries the space or the run, and
    the general path answers."""
    text = text + " 晋" if space else text
    doc = nlp_char.tokenizer.segment(text)
    single = one_character_tokens(doc)
    assert single == (not space and not re.search(r"\s\s", text))
    assert token_offsets(doc) == ([t.idx for t in doc], [t.idx + len(t.text) for t in doc])
    pairs = [(min(pair), max(pair)) for pair in pairs]
    expected = []
    for start, end in pairs:
        span = doc.char_span(start, end, alignment_mode="strict") if start >= 0 else None
        expected.append(None if span is None or not len(span) else (span.start, span.end))
    assert token_bounds(doc, pairs) == expected
    before = [t.text for t in doc]
    split_tokens_at(doc, [b for pair in pairs for b in pair if 0 <= b <= len(text)])
    if single:
        assert [t.text for t in doc] == before  # nothing to split: every token is one character
