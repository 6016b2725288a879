"""The gold development set: valid, reproducible from the drafts, anchored in its sources.

Also the regression gate: the pipeline's F1 on the gold set may not fall more than 0.02
below the figures recorded in corpus/gold/baseline.json.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import govreport_nlp
from govreport_nlp.evaluate import check_baseline, evaluate, read_jsonl

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "corpus" / "gold"
SHARED = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    return read_jsonl(GOLD)  # validates every record, offsets included


def test_gold_covers_all_labels_and_both_sets(gold):
    labels = {s["label"] for d in gold for s in d["spans"]}
    assert labels == set(govreport_nlp.LABELS)
    seeds = [d for d in gold if d["meta"]["source"].startswith("corpus/reports/")]
    samples = [d for d in gold if d["meta"]["source"].startswith("shared/corpus/")]
    assert len(seeds) == 5 and len(samples) >= 20


def test_gold_texts_match_their_sources(gold):
    for doc in gold:
        assert doc["meta"]["sha256"] == govreport_nlp.export.text_sha256(doc["text"])
        source = doc["meta"]["source"]
        if source.startswith("corpus/reports/"):
            assert (ROOT / source).read_text(encoding="utf-8") == doc["text"]
        elif SHARED.exists():
            raw = (ROOT.parent / source).read_bytes()
            text = raw.decode("gbk" if ".gbk." in source else "utf-8")
            offset = doc["meta"]["source_offset"]
            assert text[offset:offset + len(doc["text"])] == doc["text"]


def test_gold_is_rebuilt_exactly_from_the_drafts(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_gold.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    for name in ("seeds.jsonl", "samples.jsonl"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (GOLD / name).read_text(encoding="utf-8"), name


@pytest.mark.pkuseg
def test_f1_has_not_regressed_below_the_baseline(gold, pkuseg_path):
    baseline = json.loads((GOLD / "baseline.json").read_text(encoding="utf-8"))
    nlp = govreport_nlp.load(baseline["segmenter"], pkuseg_path if baseline["segmenter"] == "pkuseg" else None)
    report = evaluate(gold, nlp)
    assert check_baseline(report, baseline) == []
