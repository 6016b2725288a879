"""Shared fixtures: small pipelines, the bundled corpus, and a test-only tagger.

The real taggers arrive in their own modules; until then `toy_tagger` writes spans with
attributes into every layer so that export, multiprocessing and round trips are tested
on documents that actually carry annotations.
"""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

import govreport_nlp
from govreport_nlp.pipeline import default_model_path

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "corpus" / "reports"


def bundled_reports() -> list[tuple[str, str]]:
    with (REPORTS / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return [(row["id"], (REPORTS / row["file"]).read_text(encoding="utf-8")) for row in rows]


TOY_PATTERNS = {
    "PLACE": re.compile(r"晋中|长治|太原|榆次|汾河|海拉尔"),
    "PROGRAM": re.compile(r"(?<=“)[^”\s]{2,12}(?=”)"),
    "QUANTITY": re.compile(r"\d+(?:\.\d+)?(?:万|亿)?(?:公里|万人|人|亿元|元|%|亩|个)"),
    "COMMITMENT": re.compile(r"确保[^，。；,;]+"),
}


@Language.component("toy_tagger")
def toy_tagger(doc: Doc) -> Doc:
    """Regex spans in every layer, with attributes, widened to token boundaries."""
    for label, rx in TOY_PATTERNS.items():
        spans = [doc.char_span(m.start(), m.end(), label=label, alignment_mode="expand") for m in rx.finditer(doc.text)]
        spans = filter_spans([s for s in spans if s is not None])
        for i, span in enumerate(spans):
            span._.govreport_attrs = {"n": i, "kind": "admin"} if label == "PLACE" else {"n": i}
        doc.spans[govreport_nlp.SPAN_GROUPS[label]] = spans
    return doc


@pytest.fixture(scope="session")
def nlp_char() -> Language:
    return govreport_nlp.load("char")


@pytest.fixture(scope="session")
def nlp_jieba() -> Language:
    return govreport_nlp.load("jieba")


@pytest.fixture(scope="session")
def nlp_toy() -> Language:
    nlp = govreport_nlp.load("jieba")
    nlp.add_pipe("toy_tagger", after="govreport_structure")
    return nlp


@pytest.fixture(scope="session")
def nlp_toy_char() -> Language:
    nlp = govreport_nlp.load("char")
    nlp.add_pipe("toy_tagger", after="govreport_structure")
    return nlp


@pytest.fixture(scope="session")
def pkuseg_path() -> Path:
    """The built pkuseg pipeline; CI builds it first, so there a missing one is a failure."""
    path = default_model_path("pkuseg")
    if not (path / "config.cfg").exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is not built: run `govreport-nlp build-model` before the tests")
        pytest.skip("pkuseg pipeline not built (govreport-nlp build-model)")
    return path


@pytest.fixture(scope="session")
def reports() -> list[tuple[str, str]]:
    return bundled_reports()
