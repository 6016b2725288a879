"""The shared text of a Doc that the components read (`layers.doc_text`)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from govreport_nlp.doc.layers import doc_text, release_text
from govreport_nlp.doc.tokens import split_tokens_at

# Report-like text: CJK, digits, Latin, full-width forms, ASCII and ideographic spaces, CRLF,
# and characters outside the Basic Multilingual Plane.
TEXT = st.text(alphabet=st.sampled_from(list("晋中市确保增长７%.5 　\r\nAb𠮷😀，。（）")), max_size=60)


@settings(max_examples=60, deadline=None)
@given(text=TEXT)
def test_doc_text_is_doc_text_for_every_segmenter(nlp_char, nlp_jieba, text):
    for nlp in (nlp_char, nlp_jieba):
        doc = nlp.tokenizer.segment(text)  # the words of the text as it is, not normalised
        assert doc_text(doc) == doc.text == text


def test_doc_text_survives_splits_and_release(nlp_jieba):
    doc = nlp_jieba.make_doc("确保粮食产量保持在31.1亿斤以上  晋中")
    first = doc_text(doc)
    split_tokens_at(doc, [2, 9, 13])
    assert doc_text(doc) is first  # the copy is still valid: splitting never changes the text
    release_text(doc)
    assert not any(isinstance(key, str) and key.startswith("govreport_nlp") for key in doc.user_data)
    assert doc_text(doc) == doc.text


def test_the_full_pipeline_leaves_no_text_copy_in_user_data(nlp_char):
    doc = nlp_char("到2025年，地区生产总值增长7%以上。")
    assert all(not isinstance(key, str) for key in doc.user_data)
