"""spaCy-native attributes: a linked PLACE carries its division code as `span.kb_id_`, so
`doc.to_json()`, DocBin, displaCy's `kb_url_template` and `doc.ents` keep it without
knowing our `span._.govreport_attrs`."""

from __future__ import annotations

import pytest
from paths import REPORTS
from spacy import displacy
from spacy.tokens import DocBin

import govreport_nlp
from govreport_nlp.annotate import process
from govreport_nlp.doc.layers import span_attrs
from govreport_nlp.ingest import read_text

# From the bundled reports: a prefecture, a county, the province; the code is the 2024 division's.
SENTENCE = "晋中市和平遥县实施乡村振兴战略，山西省确保粮食产量保持在31.1亿斤以上。"
CODES = [("晋中市", "140700"), ("平遥县", "140728"), ("山西省", "140000")]


@pytest.fixture(scope="module")
def nlp():
    return govreport_nlp.load("char", shared=True)


def test_linked_places_carry_their_code_as_kb_id(nlp):
    doc = nlp(SENTENCE)
    assert [(s.text, s.kb_id_) for s in doc.spans["place"]] == CODES
    assert all(s.kb_id_ == "" for key in ("program", "quantity", "commitment") for s in doc.spans[key])


@pytest.mark.parametrize("path", sorted(REPORTS.glob("*.txt")), ids=lambda p: p.stem)
def test_kb_id_is_the_code_attribute_on_every_place_of_a_report(nlp, path):
    doc = nlp(read_text(path))
    places = list(doc.spans["place"])
    assert any(s.kb_id_ for s in places)
    assert all(s.kb_id_ == (span_attrs(s).get("code") or "") for s in places)
    ents = {(e.start_char, e.end_char): e.kb_id_ for e in doc.ents if e.label_ == "PLACE"}
    assert ents and all(ents[(s.start_char, s.end_char)] == s.kb_id_ for s in places
                        if (s.start_char, s.end_char) in ents)


def test_doc_ents_and_to_json_keep_the_code(nlp):
    doc = nlp(SENTENCE)
    assert [(e.text, e.kb_id_) for e in doc.ents if e.label_ == "PLACE"] == CODES
    place_json = doc.to_json()["spans"]["place"]
    assert [(doc.text[p["start"]:p["end"]], p["kb_id"]) for p in place_json] == CODES


def test_displacy_links_each_place_to_its_code(nlp):
    html = displacy.render(nlp(SENTENCE), style="ent",
                           options={"kb_url_template": "https://codes.example/{}"}, jupyter=False)
    for _, code in CODES:
        assert f'href="https://codes.example/{code}"' in html


def test_the_code_survives_json_docbin_and_pieces(nlp):
    data = govreport_nlp.annotate(SENTENCE, nlp=nlp)
    back = govreport_nlp.json_to_doc(data, nlp)
    assert [(s.text, s.kb_id_) for s in back.spans["place"]] == CODES
    stored = DocBin(store_user_data=True, docs=[nlp(SENTENCE)]).to_bytes()
    (reloaded,) = DocBin().from_bytes(stored).get_docs(nlp.vocab)
    assert [(s.text, s.kb_id_) for s in reloaded.spans["place"]] == CODES
    small = govreport_nlp.load("char")
    small.max_length = 20  # the sentence comes in pieces, joined back
    joined = process(small, SENTENCE * 2)
    assert [(s.text, s.kb_id_) for s in joined.spans["place"]] == CODES * 2
