"""COMMITMENT `indicator`: the measured noun phrase of a target, as the user wrote it.

Sentences are taken from the reports of the shared corpus and the bundled Shanxi reports.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from govreport_nlp.annotate import annotate
from govreport_nlp.pipeline import blank

ROOT = Path(__file__).resolve().parents[1]
PLAN = "二、2026年工作安排\n{}\n"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return blank("char")


def indicators(nlp: Language, text: str) -> dict[str, object]:
    """Clause text → indicator of every COMMITMENT span of the exported document."""
    data = annotate(text, nlp=nlp)
    return {s["text"]: s["attrs"].get("indicator") for s in data["spans"] if s["label"] == "COMMITMENT"}


def test_indicators_are_written_as_in_the_users_text(nlp: Language) -> None:
    """A Traditional-script report is read in Simplified script; its indicators are
    exported as written (the gold compares them as written), and keep their key."""
    line = next(
        x for x in (ROOT / "corpus/reports/jinzhong-traditional.txt").read_text(encoding="utf-8").splitlines()
        if x.startswith("主要預期指標是")
    )
    data = annotate(PLAN.format(line), nlp=nlp)
    found = {s["text"]: s["attrs"] for s in data["spans"] if s["label"] == "COMMITMENT"}
    assert found["規模以上工業增加值增長13%"]["indicator"] == "規模以上工業增加值"
    assert found["城鎮登記失業率控制在4.2%以內"]["indicator"] == "城鎮登記失業率"
    assert found["地區生產總值增長9%"]["indicator"] == "地區生產總值"
    assert found["地區生產總值增長9%"]["indicator_key"] == "gdp"
