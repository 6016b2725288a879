"""The scorer on hand-made cases: exact, overlapping, missing, extra, wrong attributes."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from govreport_nlp.cli import app
from govreport_nlp.errors import InputError
from govreport_nlp.evaluate import PRF, check_baseline, pair_documents, read_jsonl, score

TEXT = "确保粮食产量保持在31.1亿斤以上,太原晋中一体化加快。"


def span(label, piece, nth=0, **attrs):
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(piece, start + 1)
    return {"label": label, "start": start, "end": start + len(piece), "text": piece, "attrs": attrs}


def doc(*spans, text=TEXT, doc_id="d"):
    return {"schema": "govreport-nlp/1", "text": text, "meta": {"id": doc_id}, "spans": sorted(
        spans, key=lambda s: (s["start"], s["end"]))}


QTY = dict(value=3110000000, unit="斤", comparator=">=", kind="measure", change="none")
G_QTY = span("QUANTITY", "31.1亿斤以上", **QTY)
G_TAIYUAN = span("PLACE", "太原", kind="admin", code="140100")
G_JINZHONG = span("PLACE", "晋中", kind="admin", code="140700")
G_PROMISE = span("COMMITMENT", "确保粮食产量保持在31.1亿斤以上", strength="binding")
GOLD = doc(G_QTY, G_TAIYUAN, G_JINZHONG, G_PROMISE)


def test_perfect_prediction_scores_one():
    report = score([(GOLD, GOLD)])
    for label in ("PLACE", "QUANTITY", "COMMITMENT"):
        assert report.exact[label].f1 == 1.0 and report.overlap[label].f1 == 1.0
    assert report.attributes["QUANTITY"] == {
        "value": (1, 1), "unit": (1, 1), "comparator": (1, 1), "kind": (1, 1), "change": (1, 1)
    }
    assert report.exact["PROGRAM"].f1 == 1.0  # nothing to find, nothing found


def test_boundary_error_counts_for_overlap_but_not_exact():
    pred = doc(span("QUANTITY", "31.1亿斤", **QTY), G_TAIYUAN, G_JINZHONG, G_PROMISE)
    report = score([(GOLD, pred)])
    assert (report.exact["QUANTITY"].precision, report.exact["QUANTITY"].recall) == (0.0, 0.0)
    assert report.overlap["QUANTITY"].f1 == 1.0
    (miss,) = report.misses["QUANTITY"]
    assert miss.kind == "boundary" and miss.text == "31.1亿斤以上" and "[31.1亿斤以上]" in miss.context


def test_missing_and_extra_spans():
    pred = doc(
        span("PLACE", "太原", kind="admin", code="140100"),
        span("PLACE", "粮食", kind="admin"),  # spurious
        span("QUANTITY", "31.1亿斤以上", **QTY),
        span("COMMITMENT", "确保粮食产量保持在31.1亿斤以上", strength="binding"),
    )
    report = score([(GOLD, pred)])
    place = report.exact["PLACE"]
    assert (place.matched_pred, place.pred, place.matched_gold, place.gold) == (1, 2, 1, 2)
    assert place.precision == 0.5 and place.recall == 0.5 and place.f1 == 0.5
    kinds = sorted(m.kind for m in report.misses["PLACE"])
    assert kinds == ["missed", "spurious"]
    assert report.confusion["PLACE"] == {"PLACE": 1, "—": 1}


def test_wrong_label_is_confused_not_just_missed():
    pred = doc(span("PROGRAM", "太原晋中一体化", canonical="太原晋中一体化"), G_QTY, G_PROMISE)
    report = score([(GOLD, pred)])
    assert report.confusion["PLACE"] == {"PROGRAM": 2}
    assert {m.kind for m in report.misses["PLACE"]} == {"wrong label"}
    assert report.exact["PROGRAM"].precision == 0.0


def test_attribute_mismatches_are_counted_on_exact_matches_only():
    pred = doc(
        span("QUANTITY", "31.1亿斤以上", **{**QTY, "value": 311000000.0, "comparator": "="}),
        span("PLACE", "太原", kind="admin", code="140100"),
        span("PLACE", "晋中", kind="region", code=None),
        span("COMMITMENT", "确保粮食产量保持在31.1亿斤以上", strength="plan"),
    )
    report = score([(GOLD, pred)])
    assert report.attributes["QUANTITY"] == {
        "value": (0, 1), "unit": (1, 1), "comparator": (0, 1), "kind": (1, 1), "change": (1, 1)
    }
    assert report.attributes["PLACE"] == {"kind": (1, 2), "code": (1, 2)}
    assert report.attributes["COMMITMENT"] == {"strength": (0, 1), "indicator": (0, 0)}
    assert report.exact["PLACE"].f1 == 1.0


def test_values_compare_with_a_relative_tolerance():
    pred = doc(span("QUANTITY", "31.1亿斤以上", **{**QTY, "value": 3110000000.0000005}))
    assert score([(GOLD, pred)]).attributes["QUANTITY"]["value"] == (1, 1)


def test_empty_prediction_on_empty_gold_is_perfect_and_on_gold_is_zero():
    assert PRF().f1 == 1.0
    report = score([(GOLD, doc())])
    assert report.exact["PLACE"].f1 == 0.0 and report.exact["PLACE"].precision == 0.0


def test_documents_pair_by_text_not_by_order():
    other = doc(text="各位代表:", doc_id="e")
    pairs = pair_documents([GOLD, other], [other, GOLD])
    assert [g["meta"]["id"] for g, _ in pairs] == [p["meta"]["id"] for _, p in pairs] == ["d", "e"]
    with pytest.raises(InputError, match="no prediction"):
        pair_documents([GOLD], [other])


def test_baseline_check_allows_a_small_drop_only():
    report = score([(GOLD, doc(G_TAIYUAN, G_QTY, G_PROMISE))])  # PLACE F1 = 2/3
    assert check_baseline(report, {"f1": {"PLACE": 0.68}}) == []
    (drop,) = check_baseline(report, {"f1": {"PLACE": 0.70, "QUANTITY": 1.0}})
    assert drop.startswith("PLACE")


def test_cli_scores_predictions_from_a_file_and_checks_a_baseline(tmp_path):
    (tmp_path / "gold.jsonl").write_text(json.dumps(GOLD, ensure_ascii=False) + "\n", encoding="utf-8")
    pred = doc(G_TAIYUAN, G_QTY)
    (tmp_path / "pred.jsonl").write_text(json.dumps(pred, ensure_ascii=False) + "\n", encoding="utf-8")
    runner = CliRunner()
    args = ["evaluate", str(tmp_path / "gold.jsonl"), "--pred", str(tmp_path / "pred.jsonl")]
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["labels"]["PLACE"]["exact"]["recall"] == 0.5
    assert data["labels"]["PLACE"]["worst"][0]["text"] == "晋中"
    text = runner.invoke(app, args).stdout
    assert "PLACE" in text and "worst PLACE errors" in text
    baseline = tmp_path / "baseline.json"
    assert runner.invoke(app, [*args, "--baseline", str(baseline), "--write-baseline"]).exit_code == 0
    assert runner.invoke(app, [*args, "--baseline", str(baseline)]).exit_code == 0
    baseline.write_text(json.dumps({"f1": {"PLACE": 0.9}}), encoding="utf-8")
    failed = runner.invoke(app, [*args, "--baseline", str(baseline)])
    assert failed.exit_code == 1 and "regression: PLACE" in failed.stderr


def test_read_jsonl_reports_the_bad_line(tmp_path):
    bad = dict(GOLD, spans=[dict(G_QTY, end=G_QTY["end"] - 1)])
    (tmp_path / "a.jsonl").write_text(json.dumps(GOLD) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"a.jsonl:2"):
        read_jsonl(tmp_path)
    with pytest.raises(InputError, match="no JSONL"):
        read_jsonl(tmp_path / "missing")


def split_doc(split, headed, *spans, text=TEXT, doc_id="d"):
    d = doc(*spans, text=text, doc_id=doc_id)
    d["meta"].update(split=split, headed=headed)
    return d


TEXT_2 = "太原加快发展。"
TAIYUAN_2 = {"label": "PLACE", "start": 0, "end": 2, "text": "太原", "attrs": {"kind": "admin"}}


def split_gold():
    return [
        split_doc("test", True, G_QTY, G_TAIYUAN, G_JINZHONG, G_PROMISE, doc_id="t"),
        split_doc("dev", False, TAIYUAN_2, text=TEXT_2, doc_id="e"),
    ]


def test_gold_with_splits_is_scored_per_split_and_per_heading_kind():
    from govreport_nlp.evaluate import score_splits

    gold = split_gold()
    pred = [doc(G_TAIYUAN, G_QTY, G_PROMISE, doc_id="t"), doc(text=TEXT_2, doc_id="e")]
    reports = score_splits(pair_documents(gold, pred))
    # test first; groups without documents (no test excerpt, no dev passage with a heading) are left out
    assert list(reports) == ["test", "test · with headings", "dev", "dev · excerpts"]
    assert reports["test"].exact["PLACE"].recall == 0.5 and reports["test"].documents == 1
    assert reports["dev"].exact["PLACE"].recall == 0.0 and reports["dev · excerpts"].documents == 1


def test_the_cli_prints_splits_side_by_side_and_never_lists_test_errors(tmp_path):
    gold = split_gold()
    pred = [doc(G_TAIYUAN, G_QTY, G_PROMISE, doc_id="t"), doc(text=TEXT_2, doc_id="e")]
    (tmp_path / "gold.jsonl").write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in gold), "utf-8")
    (tmp_path / "pred.jsonl").write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in pred), "utf-8")
    runner = CliRunner()
    args = ["evaluate", str(tmp_path / "gold.jsonl"), "--pred", str(tmp_path / "pred.jsonl")]
    text = runner.invoke(app, args).stdout
    assert "test" in text.splitlines()[0] and "dev" in text.splitlines()[0]
    assert "excerpts" in text and "with headings" in text
    assert "e@0: '太原'" in text  # a dev miss is listed …
    assert "晋中" not in text  # … the test split's miss is not
    data = json.loads(runner.invoke(app, [*args, "--json"]).stdout)
    assert data["splits"]["test"]["labels"]["PLACE"]["worst"] == []
    assert data["splits"]["dev"]["labels"]["PLACE"]["worst"][0]["text"] == "太原"
    only_test = runner.invoke(app, [*args, "--split", "test", "--json"])
    assert json.loads(only_test.stdout)["splits"]["test"]["documents"] == 1


def test_split_baselines_gate_each_split(tmp_path):
    gold = split_gold()
    pred = [doc(G_TAIYUAN, G_QTY, G_PROMISE, doc_id="t"), doc(TAIYUAN_2, text=TEXT_2, doc_id="e")]
    (tmp_path / "gold.jsonl").write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in gold), "utf-8")
    (tmp_path / "pred.jsonl").write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in pred), "utf-8")
    runner = CliRunner()
    args = ["evaluate", str(tmp_path / "gold.jsonl"), "--pred", str(tmp_path / "pred.jsonl")]
    baseline = tmp_path / "baseline.json"
    assert runner.invoke(app, [*args, "--baseline", str(baseline), "--write-baseline"]).exit_code == 0
    recorded = json.loads(baseline.read_text(encoding="utf-8"))
    assert set(recorded["splits"]) == {"dev", "test"} and recorded["splits"]["dev"]["f1"]["PLACE"] == 1.0
    assert runner.invoke(app, [*args, "--baseline", str(baseline)]).exit_code == 0
    recorded["splits"]["test"]["f1"]["PLACE"] = 0.9
    baseline.write_text(json.dumps(recorded), encoding="utf-8")
    failed = runner.invoke(app, [*args, "--baseline", str(baseline)])
    assert failed.exit_code == 1 and "regression: test PLACE" in failed.stderr
    baseline.write_text(json.dumps({"f1": {"PLACE": 0.5}}), encoding="utf-8")
    assert runner.invoke(app, [*args, "--baseline", str(baseline)]).exit_code == 2  # a baseline without splits
