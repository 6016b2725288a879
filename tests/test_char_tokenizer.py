"""The fast char tokenizer gives exactly spaCy's char tokens."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from paths import SHARED_CORPUS
from spacy.util import get_words_and_spaces

import govreport_nlp
from govreport_nlp.doc.char_tokenizer import char_words_and_spaces

ROOT = Path(__file__).resolve().parents[1]
SHARED = SHARED_CORPUS


def spacy_char(text: str) -> tuple[list[str], list[bool]]:
    return get_words_and_spaces(list(text), text)


def test_same_tokens_as_spacy_on_the_corpus(reports):
    texts = [text for _, text in reports]
    for path in sorted(SHARED.rglob("*.txt"))[:12]:
        texts.append(path.read_bytes().decode("gbk" if ".gbk." in path.name else "utf-8"))
    for text in texts:
        assert char_words_and_spaces(text) == spacy_char(text)


@settings(max_examples=400, deadline=None)
@given(st.text(st.sampled_from(list("晋中 A1，\n\r\t\u3000\xa0\u200b\x1c\u2028 𠮷")), max_size=40))
def test_same_tokens_as_spacy_on_random_text(text):
    assert char_words_and_spaces(text) == spacy_char(text)


def test_char_pipeline_uses_it_and_saves_our_tokenizer(tmp_path):
    nlp = govreport_nlp.load("char")
    doc = nlp("确保 粮食  产量\n")
    assert [t.text for t in doc] == ["确", "保", "粮", "食", " ", "产", "量", "\n"]
    path = govreport_nlp.build("char", tmp_path / "char")
    config = (path / "config.cfg").read_text(encoding="utf-8")
    assert '@tokenizers = "govreport_nlp.zh_tokenizer.v1"' in config and 'segmenter = "char"' in config


@settings(max_examples=400, deadline=None)
@given(st.text(st.sampled_from(list("晋中A1，\n\r\t\u3000\xa0\u200b\x1c\u2028𠮷")), max_size=40))
def test_same_tokens_as_spacy_on_text_without_a_plain_space(text):
    """The common case of a Chinese report, which takes a shorter path."""
    assert char_words_and_spaces(text) == spacy_char(text)
