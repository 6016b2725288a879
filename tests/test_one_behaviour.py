"""One behaviour: `nlp(text)`, `nlp.pipe(texts)`, `spacy.load(saved)(text)` and `annotate(text)`
give the same spans, because normalisation happens in the pipeline's own tokenizer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from paths import REPORTS, SHARED_CORPUS, needs_shared

import govreport_nlp
from govreport_nlp.doc.layers import doc_source
from govreport_nlp.ingest import read_text

CHAR = "char"  # every tagger reads characters; the char segmenter keeps this test fast


def corpus_texts(folder: Path) -> list[tuple[str, str]]:
    return [(path.name, read_text(path)) for path in sorted(folder.rglob("*.txt"))]


@pytest.fixture(scope="module")
def nlp():
    return govreport_nlp.load(CHAR)


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    path = govreport_nlp.build(CHAR, tmp_path_factory.mktemp("pipeline") / "char")
    return path


def layers(data: dict) -> tuple[list, list]:
    return data["spans"], data.get("sections", [])


def assert_one_behaviour(nlp, saved, named_texts):
    texts = [text for _, text in named_texts]
    loaded = spacy.load(saved)
    piped = list(nlp.pipe(texts, batch_size=4))
    for (name, text), doc in zip(named_texts, piped, strict=True):
        expected = layers(govreport_nlp.annotate(text, nlp=nlp))
        assert layers(govreport_nlp.doc_to_json(nlp(text))) == expected, f"nlp(text) differs on {name}"
        assert layers(govreport_nlp.doc_to_json(doc)) == expected, f"nlp.pipe differs on {name}"
        assert layers(govreport_nlp.doc_to_json(loaded(text))) == expected, f"spacy.load(saved) differs on {name}"


@pytest.mark.slow
def test_bundled_reports_get_the_same_spans_on_every_path(nlp, saved):
    named = corpus_texts(REPORTS)
    assert len(named) >= 5
    assert_one_behaviour(nlp, saved, named)


@pytest.mark.slow
@needs_shared
@pytest.mark.parametrize("folder", ["national", "county-gbk", "provincial-2026"])
def test_shared_corpus_gets_the_same_spans_on_every_path(nlp, saved, folder):
    named = corpus_texts(SHARED_CORPUS / folder)
    assert named, f"no reports in {SHARED_CORPUS / folder}"
    assert_one_behaviour(nlp, saved, named)


# The three cases that used to differ between nlp(text) and annotate(text).
CASES = [
    ("Traditional script", "確保糧食產量保持在31.1億斤以上。", "31.1億斤以上", 3_110_000_000),
    ("full-width digits", "确保粮食产量保持在３１．１亿斤以上。", "３１．１亿斤以上", 3_110_000_000),
    ("spaced-out digits", "确保粮食产量保持在3 1 . 1 亿斤以上。", "3 1 . 1 亿斤以上", 3_110_000_000),
]


@pytest.mark.parametrize(("case", "text", "quantity", "value"), CASES, ids=[c[0] for c in CASES])
def test_nlp_reads_the_normalised_text_and_remembers_the_users(nlp, case, text, quantity, value):
    doc = nlp(text)
    assert doc_source(doc) is not None and doc_source(doc)["text"] == text
    data = govreport_nlp.doc_to_json(doc)
    assert data["text"] == text
    (q,) = [s for s in data["spans"] if s["label"] == "QUANTITY"]
    assert (q["text"], q["attrs"]["value"]) == (quantity, value)
    assert [s["label"] for s in data["spans"]] == ["COMMITMENT", "QUANTITY"]
    assert layers(data) == layers(govreport_nlp.annotate(text, nlp=nlp))


def test_clean_text_is_left_as_it_is(nlp):
    text = "确保粮食产量保持在31.1亿斤以上。"
    doc = nlp(text)
    assert doc.text == text and doc_source(doc) is None


def test_the_tokenizer_can_be_told_not_to_normalise(nlp):
    raw = govreport_nlp.load(CHAR)
    raw.tokenizer.normalize = False
    doc = raw("確保糧食產量")
    assert doc.text == "確保糧食產量" and doc_source(doc) is None


def test_a_saved_pipeline_normalises_in_a_fresh_process_without_our_import(saved):
    text = "確保糧食產量保持在３１．１億斤以上。"
    code = (
        "import json, spacy, sys; nlp = spacy.load(sys.argv[1]); doc = nlp(sys.argv[2]);"
        "print(json.dumps([doc.text, [(s.start_char, s.end_char, s.label_) for s in doc.spans['quantity']]]))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(saved), text], capture_output=True, text=True, check=True)
    doc_text, quantities = json.loads(out.stdout.strip().splitlines()[-1])
    assert doc_text == "确保粮食产量保持在31.1亿斤以上。"
    assert quantities == [[9, 17, "QUANTITY"]]
    config = (saved / "config.cfg").read_text(encoding="utf-8")
    assert '@tokenizers = "govreport_nlp.zh_tokenizer.v1"' in config
