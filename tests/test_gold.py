"""The gold set: valid, reproducible from the drafts, anchored in its sources, split by report.

Also the regression gate: the pipeline's F1 on each split (dev and test) may not fall more
than 0.02 below the figures recorded in corpus/gold/baseline.json.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import govreport_nlp
from govreport_nlp.evaluate import check_split_baselines, pair_documents, predict, read_jsonl, score_splits

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
            if "pieces" in doc["meta"]:  # a passage: its heading line (if any) and its body
                pieces = [text[p["offset"]:p["offset"] + p["length"]] for p in doc["meta"]["pieces"]]
                assert "\n".join(pieces) == doc["text"]
            else:
                offset = doc["meta"]["source_offset"]
                assert text[offset:offset + len(doc["text"])] == doc["text"]


def test_gold_is_rebuilt_exactly_from_the_drafts(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_gold.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    for name in ("seeds.jsonl", "samples.jsonl", "dev.jsonl", "test.jsonl"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (GOLD / name).read_text(encoding="utf-8"), name


def report_of(doc: dict) -> str:
    return doc["meta"]["source"].split("/")[-1]


def test_splits_are_by_report_and_test_spans_eight_provinces(gold):
    splits = {d["meta"]["split"] for d in gold}
    assert splits == {"dev", "test"}
    dev = {report_of(d) for d in gold if d["meta"]["split"] == "dev"}
    test = {report_of(d) for d in gold if d["meta"]["split"] == "test"}
    assert not dev & test, f"reports in both splits: {sorted(dev & test)}"
    assert len({r for r in test if r.startswith("provincial_")}) >= 8
    assert len({r for r in dev | test if r.startswith("provincial_")}) >= 18


def test_passages_mix_plan_review_and_targets_and_a_third_have_no_heading(gold):
    passages = [d for d in gold if "pieces" in d["meta"]]
    assert {d["meta"]["kind"] for d in passages} == {"plan", "review", "targets"}
    excerpts = [d for d in passages if not d["meta"]["headed"]]
    assert len(excerpts) >= len(passages) / 3


#: The least each split holds, per label: enough spans that one error moves F1 by < 0.1 point.
MINIMUM_SPANS = {"COMMITMENT": 1500, "QUANTITY": 1500, "PLACE": 400, "PROGRAM": 400}


@pytest.mark.parametrize("split", ["dev", "test"])
def test_each_split_holds_enough_spans_of_every_label(gold, split):
    counts = {label: 0 for label in MINIMUM_SPANS}
    for doc in gold:
        if doc["meta"]["split"] == split:
            for s in doc["spans"]:
                counts[s["label"]] += 1
    assert all(counts[label] >= n for label, n in MINIMUM_SPANS.items()), counts


def test_agreement_between_the_passes_is_reproducible(tmp_path):
    out = tmp_path / "agreement.json"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "gold_passes.py"), "agreement", "--out", str(out)],
                   check=True, capture_output=True)
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads((GOLD / "agreement.json").read_text("utf-8"))


@pytest.mark.pkuseg
def test_f1_has_not_regressed_below_the_baseline_on_either_split(gold, pkuseg_path):
    baseline = json.loads((GOLD / "baseline.json").read_text(encoding="utf-8"))
    assert set(baseline["splits"]) == {"dev", "test"}
    path = pkuseg_path if baseline["segmenter"] == "pkuseg" else None
    nlp = govreport_nlp.load(baseline["segmenter"], path, shared=True)
    reports = score_splits(pair_documents(gold, predict(gold, nlp)))
    assert check_split_baselines(reports, baseline) == []
