"""Splitting tokens at span boundaries keeps the text and its spaces exactly."""

from __future__ import annotations

import pytest

from govreport_nlp.tokens import split_at


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
    doc = split_at(nlp_jieba.make_doc(text), cuts)
    assert doc.text == text
    starts = {t.idx for t in doc} | {t.idx + len(t.text) for t in doc}
    for cut in cuts:
        if 0 < cut < len(text) and not text[cut - 1:cut].isspace():
            assert cut in starts, cut


def test_split_at_without_cuts_returns_the_same_doc(nlp_jieba):
    doc = nlp_jieba.make_doc("太原晋中一体化")
    assert split_at(doc, []) is doc
