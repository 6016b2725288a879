"""The corpus runner: sharded JSONL, a manifest, resuming after a kill, per-file isolation."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

import govreport_nlp
from govreport_nlp.corpus.runner import (
    SHARDS,
    CorpusError,
    Input,
    annotate_inputs,
    collect_inputs,
    locked,
    manifest_parts,
    read_manifest,
    run_corpus,
)

ROOT = Path(__file__).resolve().parents[1]
REPORTS = sorted((ROOT / "corpus" / "reports").glob("*.txt"))
BAD = {
    "empty.txt": b"",
    "blank.txt": b" \n\n  \n",
    "binary.txt": bytes(range(256)) * 8,
    "undecodable.txt": b"abc" + b"\x81\x20" * 100,
    "damaged.txt": "政府工作报告".encode() * 50 + b"\xff\xfe\xfa" * 3,
}


def make_corpus(folder: Path, copies: int) -> dict[str, str]:
    """Good files (UTF-8 copies of the bundled reports, each made unique, and one GBK file) plus BAD.

    Returns the decoded text of every good file by name.
    """
    folder.mkdir(parents=True, exist_ok=True)
    good: dict[str, str] = {}
    for n in range(copies):
        for report in REPORTS:
            text = f"第{n}份\n" + report.read_text(encoding="utf-8")
            path = folder / f"{n:03d}-{report.name}"
            path.write_text(text, encoding="utf-8")
            good[str(path)] = text
    gbk = "2023年长治市政府工作报告\n" + (ROOT / "corpus" / "reports" / "changzhi-2023.txt").read_text(encoding="utf-8")
    (folder / "county.gbk.txt").write_bytes(gbk.encode("gbk"))
    good[str(folder / "county.gbk.txt")] = gbk
    for name, data in BAD.items():
        (folder / name).write_bytes(data)
    return good


def shard_documents(out: Path) -> list[dict]:
    return [json.loads(line) for shard in sorted((out / SHARDS).glob("*.jsonl"))
            for line in shard.read_text(encoding="utf-8").splitlines()]


def assert_complete(out: Path, good: dict[str, str], bad: list[str]) -> None:
    """Every good file exactly once, with its text and exact offsets; every bad one failed with a reason."""
    docs = shard_documents(out)
    assert Counter(d["meta"]["id"] for d in docs) == Counter(list(good))
    for doc in docs:
        assert doc["text"] == good[doc["meta"]["id"]]
        govreport_nlp.validate(doc, schema=False)  # offsets; the schema of each layer is tested with its tagger
    manifest = read_manifest(out)
    assert {k for k, r in manifest.items() if r["status"] == "done"} == set(good)
    assert {k for k, r in manifest.items() if r["status"] == "failed"} == set(bad)
    assert all(r["error"].startswith("[G005]") for r in manifest.values() if r["status"] == "failed")
    for name, record in manifest.items():
        if record["status"] == "done":  # the manifest points at the document's line
            line = (out / SHARDS / record["shard"]).read_text(encoding="utf-8").splitlines()[record["line"]]
            assert json.loads(line)["meta"]["id"] == name
    assert [json.loads(x) for x in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()] == list(
        manifest.values()
    )


def test_killed_run_resumes_and_annotates_every_good_file_exactly_once(tmp_path):
    good = make_corpus(tmp_path / "in", copies=12)
    bad = [str(tmp_path / "in" / name) for name in BAD]
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "govreport_nlp.cli", "corpus", "run", str(tmp_path / "in"), "--out", str(out),
           "--segmenter", "char", "--shard-size", "2", "--no-progress"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not list((out / "manifest").glob("part-*.jsonl")):
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else "runner exited"
            assert time.monotonic() < deadline, "the runner committed no shard in time"
            time.sleep(0.005)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
        if proc.stderr:
            proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    committed = read_manifest(out)
    total = len(good) + len(bad)
    assert 0 < len(committed) < total, "the run was not stopped half-way"
    assert not (out / "manifest.jsonl").exists()  # written only at the end of a run

    summary = run_corpus([tmp_path / "in"], out, segmenter="char", shard_size=2, progress=False)
    done_before = sum(r["status"] == "done" for r in committed.values())
    assert summary.skipped == done_before
    assert summary.done == len(good) - done_before
    assert set(summary.errors) == set(bad)
    assert_complete(out, good, bad)
    assert not [p for p in out.rglob("*.tmp")]

    # Another run skips every good file and retries the bad ones; a repaired file is then annotated.
    again = run_corpus([tmp_path / "in"], out, segmenter="char", shard_size=2, progress=False)
    assert (again.skipped, again.done, again.failed) == (len(good), 0, len(bad))
    repaired = tmp_path / "in" / "empty.txt"
    repaired.write_text("确保粮食产量保持在31.1亿斤以上。", encoding="utf-8")
    fixed = run_corpus([tmp_path / "in"], out, segmenter="char", shard_size=2, progress=False)
    assert (fixed.done, fixed.failed) == (1, len(bad) - 1)
    assert_complete(out, {**good, str(repaired): repaired.read_text(encoding="utf-8")}, bad[1:])


def test_changed_file_is_annotated_again_and_the_manifest_points_to_the_new_line(tmp_path, nlp_char):
    good = make_corpus(tmp_path / "in", copies=1)
    out = tmp_path / "out"
    run_corpus([tmp_path / "in"], out, nlp=nlp_char, shard_size=3, progress=False)
    changed = next(iter(good))
    Path(changed).write_text("今年新增就业1.2万人。", encoding="utf-8")
    summary = run_corpus([tmp_path / "in"], out, nlp=nlp_char, shard_size=3, progress=False)
    assert summary.done == 1 and summary.skipped == len(good) - 1
    record = read_manifest(out)[changed]
    line = (out / SHARDS / record["shard"]).read_text(encoding="utf-8").splitlines()[record["line"]]
    assert json.loads(line)["text"] == "今年新增就业1.2万人。"


def test_output_is_identical_whatever_the_batch_size_or_process_count(tmp_path, nlp_char):
    make_corpus(tmp_path / "in", copies=2)
    runs = {
        "one": dict(n_process=1, batch_size=1),
        "two": dict(n_process=2, batch_size=3),
    }
    for name, options in runs.items():
        run_corpus([tmp_path / "in"], tmp_path / name, nlp=nlp_char, shard_size=4, progress=False, **options)
    one, two = tmp_path / "one", tmp_path / "two"
    files = sorted(p.relative_to(one) for p in one.rglob("*.jsonl"))
    assert files == sorted(p.relative_to(two) for p in two.rglob("*.jsonl"))
    assert len(files) > 3
    for rel in files:
        assert (one / rel).read_bytes() == (two / rel).read_bytes(), rel


@Language.component("corpus_test_explodes")
def explodes(doc: Doc) -> Doc:
    if "爆炸" in doc.text:
        raise ValueError("this document breaks a component")
    return doc


@pytest.mark.parametrize("n_process", [1, 2])
def test_a_document_that_breaks_the_pipeline_fails_alone(tmp_path, n_process):
    nlp = govreport_nlp.load("char")
    nlp.add_pipe("corpus_test_explodes", after="govreport_structure")
    texts = ["今年新增就业1.2万人。", "粮食产量31.1亿斤。", "这一份会爆炸。", "完成投资500亿元。", "新建道路20公里。"]
    inputs = []
    for n, text in enumerate(texts):
        path = tmp_path / f"{n}.txt"
        path.write_text(text, encoding="utf-8")
        inputs.append(Input(str(path), path))
    outcomes = list(annotate_inputs(inputs, nlp, batch_size=2, n_process=n_process))
    assert [o.name for o in outcomes] == [i.name for i in inputs]
    assert [o.status for o in outcomes] == ["done", "done", "failed", "done", "done"]
    assert "this document breaks a component" in (outcomes[2].error or "")
    assert [json.loads(o.line)["text"] for o in outcomes if o.line] == [t for t in texts if "爆炸" not in t]
    with pytest.raises(ValueError):  # the pipeline's own error handling is restored afterwards
        nlp("爆炸")


def test_a_second_run_on_the_same_folder_is_refused(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with locked(out), pytest.raises(CorpusError, match="another run"):
        run_corpus([ROOT / "corpus" / "reports"], out, segmenter="char", progress=False)


def test_inputs_from_folders_files_and_lists(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a" / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a" / "notes.md").write_text("x", encoding="utf-8")
    (tmp_path / "b.txt").write_text("b", encoding="utf-8")
    (tmp_path / "files.list").write_text("# reports\nb.txt\n\na/x.txt\nmissing.txt\n", encoding="utf-8")
    found = collect_inputs([tmp_path / "a", tmp_path / "files.list", str(tmp_path / "b.txt")])
    assert [i.name for i in found] == [str(tmp_path / p) for p in ("a/x.txt", "b.txt", "missing.txt")]


def test_missing_input_is_reported_and_the_rest_written(tmp_path, nlp_char):
    (tmp_path / "ok.txt").write_text("新建道路20公里。", encoding="utf-8")
    summary = run_corpus([tmp_path / "ok.txt", tmp_path / "gone.txt"], tmp_path / "out", nlp=nlp_char,
                         progress=False)
    assert (summary.done, summary.failed) == (1, 1)
    assert "cannot read" in summary.errors[str(tmp_path / "gone.txt")]
    assert len(manifest_parts(tmp_path / "out")) == 1


def test_cli_reports_failures_and_exits_1(tmp_path):
    from typer.testing import CliRunner

    from govreport_nlp.cli import app

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ok.txt").write_text("新建道路20公里。", encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(app, ["corpus", "run", str(tmp_path / "in"), "--out", str(tmp_path / "out"),
                                      "--segmenter", "char", "--no-progress"])
    assert result.exit_code == 1, result.output
    assert "empty file" in result.output and "1 annotated, 1 failed, 0 already done" in result.output
    os.remove(tmp_path / "in" / "empty.txt")
    result = CliRunner().invoke(app, ["corpus", "run", str(tmp_path / "in"), "--out", str(tmp_path / "out"),
                                      "--segmenter", "char", "--no-progress"])
    assert result.exit_code == 0 and "0 annotated, 0 failed, 1 already done" in result.output


@Language.component("corpus_test_stalls")
def stalls(doc: Doc) -> Doc:
    """Spins (in Python) for up to 30 s on a document that says 停滞: a document no rule foresaw."""
    give_up = time.monotonic() + 30
    while "停滞" in doc.text and time.monotonic() < give_up:
        pass
    return doc


@pytest.mark.parametrize("n_process", [1, 2])
def test_a_document_over_the_time_limit_fails_alone_with_the_reason(tmp_path, n_process):
    """In this process, and in each worker process (which does all of a document's work)."""
    nlp = govreport_nlp.load("char")
    nlp.add_pipe("corpus_test_stalls", after="govreport_structure")
    texts = ["今年新增就业1.2万人。", "这一份会停滞。", "完成投资500亿元。"]
    for n, text in enumerate(texts):
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / f"{n}.txt").write_text(text, encoding="utf-8")
    started = time.monotonic()
    summary = run_corpus([tmp_path / "in"], tmp_path / "out", nlp=nlp, time_limit=1.0, progress=False,
                         n_process=n_process)
    assert time.monotonic() - started < 25, "the stalled document was not stopped"
    assert (summary.done, summary.failed) == (2, 1)
    stalled = str(tmp_path / "in" / "1.txt")
    assert summary.errors[stalled].startswith(f"[G008] {stalled}: took longer than the time limit of 1 s")
    assert [d["text"] for d in shard_documents(tmp_path / "out")] == [texts[0], texts[2]]
    assert nlp("新建道路20公里。").spans["quantity"]  # the pipeline works on afterwards


def test_the_time_limit_stops_work_in_any_thread():
    import threading

    from govreport_nlp.corpus.limits import DocumentTimeout, deadline

    stopped: list[bool] = []

    def work() -> None:  # a Dask worker runs its tasks in threads like this one
        give_up = time.monotonic() + 30
        try:
            with deadline(0.2):
                while time.monotonic() < give_up:
                    pass
        except DocumentTimeout:
            stopped.append(True)
        with deadline(5):  # a block that ends in time is left alone
            pass

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(35)
    assert stopped == [True]


def damage_last_line(path: Path, keep: int) -> None:
    """Cut the file inside its last line: `keep` bytes of that line stay (a disk that filled up)."""
    data = path.read_bytes()
    last = data.rstrip(b"\n").rfind(b"\n") + 1
    path.write_bytes(data[:last + keep])


@pytest.mark.parametrize("what", ["shard cut", "manifest cut", "shard edited"])
def test_a_damaged_part_is_quarantined_and_its_inputs_annotated_again(tmp_path, nlp_char, what):
    good = make_corpus(tmp_path / "in", copies=1)
    bad = [str(tmp_path / "in" / name) for name in BAD]
    out = tmp_path / "out"
    run_corpus([tmp_path / "in"], out, nlp=nlp_char, shard_size=2, progress=False)
    parts = manifest_parts(out)
    victim = next(p for p in reversed(parts) if '"done"' in p.read_text(encoding="utf-8"))
    shard = out / SHARDS / victim.name
    if what == "shard cut":
        damage_last_line(shard, keep=40)
    elif what == "manifest cut":
        damage_last_line(victim, keep=10)
    else:
        shard.write_text(shard.read_text(encoding="utf-8").replace("确保", "保证", 1), encoding="utf-8")
    inputs = [json.loads(line)["input"] for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
              if json.loads(line).get("shard") == victim.name]
    assert inputs
    if what == "manifest cut":  # a reader of the folder is told what is wrong, not a raw JSON error
        with pytest.raises(CorpusError, match=f"{victim.name}:.*damaged record"):
            read_manifest(out)
    summary = run_corpus([tmp_path / "in"], out, nlp=nlp_char, shard_size=2, progress=False)
    assert summary.quarantined  # (a record cut in half names no input: its input is simply new again)
    assert summary.done >= len(inputs)
    assert_complete(out, good, bad)
    quarantined = sorted(p.name for p in (out / "quarantine").iterdir())
    assert any(name.endswith(f"manifest-{victim.name}") for name in quarantined)
    again = run_corpus([tmp_path / "in"], out, nlp=nlp_char, shard_size=2, progress=False)
    assert (again.done, again.skipped, again.quarantined) == (0, len(good), {})
