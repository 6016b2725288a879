"""The `govreport-nlp` command on files, folders, stdin and bad input."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import govreport_nlp
from govreport_nlp import validate
from govreport_nlp.cli import app

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "corpus" / "reports"
runner = CliRunner()


def jsonl(text: str) -> list[dict]:
    docs = [json.loads(line) for line in text.splitlines() if line.strip()]
    for doc in docs:
        validate(doc)
    return docs


def test_help_explains_every_option():
    result = runner.invoke(app, ["annotate", "--help"])
    assert result.exit_code == 0
    for option in ("--out", "--segmenter", "--model", "--glob", "--progress", "--n-process"):
        assert option in result.output


def test_annotate_one_file_to_stdout():
    path = REPORTS / "changzhi-2023.txt"
    result = runner.invoke(app, ["annotate", str(path), "--segmenter", "char"])
    assert result.exit_code == 0, result.output
    (doc,) = jsonl(result.stdout)
    assert doc["text"] == path.read_text(encoding="utf-8")
    assert doc["meta"]["id"] == str(path) and doc["meta"]["segmenter"] == "char"


def test_annotate_a_folder_to_a_file(tmp_path):
    out = tmp_path / "out.jsonl"
    args = ["annotate", str(REPORTS), "--segmenter", "jieba", "--out", str(out), "--no-progress"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    docs = jsonl(out.read_text(encoding="utf-8"))
    assert sorted(Path(d["meta"]["id"]).name for d in docs) == sorted(p.name for p in REPORTS.glob("*.txt"))
    assert "wrote 5 document(s)" in result.stderr


def test_annotate_stdin():
    text = "确保粮食产量保持在31.1亿斤以上。"
    result = runner.invoke(app, ["annotate", "-", "--segmenter", "char"], input=text.encode())
    assert result.exit_code == 0, result.output
    (doc,) = jsonl(result.stdout)
    assert doc["text"] == "确保粮食产量保持在31.1亿斤以上。" and doc["meta"]["id"] == "-"


def test_unreadable_files_are_reported_and_skipped(tmp_path):
    good = tmp_path / "a.txt"
    shutil.copy(REPORTS / "changzhi-2023.txt", good)
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary\x00")
    (tmp_path / "c.txt").write_bytes("晋中市".encode("gbk"))
    (tmp_path / "d.txt").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["annotate", str(tmp_path), str(tmp_path / "missing.txt"), "--segmenter", "char"])
    assert result.exit_code == 1
    docs = jsonl(result.stdout)
    assert [Path(d["meta"]["id"]).name for d in docs] == ["a.txt", "d.txt"]
    assert docs[1]["text"] == "" and docs[1]["spans"] == []
    for name in ("b.txt", "c.txt", "missing.txt", "d.txt: empty input"):
        assert name in result.stderr
    assert "4 input(s) failed" in result.stderr


def test_missing_pkuseg_model_exits_with_the_build_command(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVREPORT_NLP_MODELS", str(tmp_path))
    from govreport_nlp import pipeline

    monkeypatch.setattr(pipeline, "_SHARED", {})
    result = runner.invoke(app, ["annotate", str(REPORTS / "changzhi-2023.txt"), "--segmenter", "pkuseg"])
    assert result.exit_code == 2
    assert "govreport-nlp build-model" in result.stderr


def test_the_default_segmenter_needs_no_built_model(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVREPORT_NLP_MODELS", str(tmp_path))
    result = runner.invoke(app, ["annotate", "-"], input="确保粮食产量保持在31.1亿斤以上。".encode())
    assert result.exit_code == 0, result.stderr
    (doc,) = jsonl(result.stdout)
    assert doc["meta"]["segmenter"] == "char" and {s["label"] for s in doc["spans"]} == {"QUANTITY", "COMMITMENT"}


@pytest.mark.slow
def test_installed_console_script_runs():
    exe = Path(sys.executable).with_name("govreport-nlp")
    if not exe.exists():
        pytest.skip("console script not installed next to this interpreter")
    out = subprocess.run([str(exe), "info"], capture_output=True, text=True, check=True).stdout
    assert out.startswith("govreport-nlp ") and "pkuseg" in out


def test_version_prints_the_package_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"govreport-nlp {govreport_nlp.__version__}"


@pytest.mark.parametrize("command", [["targets"], ["programs"], ["annotate"]])
def test_a_folder_without_reports_fails_with_a_message(tmp_path, command):
    (tmp_path / "notes.md").write_text("不是报告", encoding="utf-8")
    result = runner.invoke(app, [*command, str(tmp_path), "--segmenter", "char"])
    assert result.exit_code == 1
    assert f"{tmp_path}: no files matching '*.txt'" in result.stderr


def test_a_glob_matching_nothing_fails_with_a_message():
    result = runner.invoke(app, ["targets", str(REPORTS), "--glob", "*.docx", "--segmenter", "char"])
    assert result.exit_code == 1
    assert "no files matching '*.docx'" in result.stderr


def test_a_corpus_run_that_finds_no_report_fails(tmp_path):
    (tmp_path / "empty").mkdir()
    result = runner.invoke(app, ["corpus", "run", str(tmp_path / "empty"), "--out", str(tmp_path / "run"),
                                 "--segmenter", "char", "--no-progress"])
    assert result.exit_code == 1
    assert "no report found" in result.stderr


@pytest.mark.parametrize("command", [["annotate", "-"], ["targets", "-"]])
def test_empty_stdin_is_reported_and_fails(command):
    result = runner.invoke(app, [*command, "--segmenter", "char"], input=b"  \n")
    assert result.exit_code == 1
    assert "-: empty input (no text)" in result.stderr


def test_an_empty_file_is_still_written_by_annotate_but_fails(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["annotate", str(tmp_path / "empty.txt"), "--segmenter", "char"])
    assert result.exit_code == 1 and "empty input" in result.stderr
    (doc,) = jsonl(result.stdout)
    assert doc["text"] == "" and doc["spans"] == []


@pytest.mark.parametrize("command", [["evaluate"], ["export", "--format", "doccano", "--out", "OUT"]])
def test_an_empty_jsonl_file_is_refused(tmp_path, command):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    args = [str(tmp_path / "out.jsonl") if a == "OUT" else a for a in command]
    result = runner.invoke(app, [args[0], str(empty), *args[1:]])
    assert result.exit_code == 2
    assert f"{empty}: no document in it" in result.stderr


def test_help_texts_keep_their_brackets():
    result = runner.invoke(app, ["annotate", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "(extra [hanlp]; docs/hanlp.md)" in " ".join(result.stdout.split())


@pytest.mark.parametrize(("command", "name"), [
    (["targets"], "jinzhong-2024-plan.txt"),
    (["targets", "--outcomes"], "jinzhong-2024-review.txt"),
    (["programs"], "jinzhong-2024-plan.txt"),
])
def test_tables_read_annotated_jsonl_as_documents_not_as_report_text(tmp_path, command, name):
    report = REPORTS / name
    annotated = runner.invoke(app, ["annotate", str(report), "--segmenter", "char", "--out", str(tmp_path / "a.jsonl")])
    assert annotated.exit_code == 0, annotated.stderr
    from_report = runner.invoke(app, [*command, str(report), "--segmenter", "char"])
    from_jsonl = runner.invoke(app, [*command, str(tmp_path / "a.jsonl"), "--segmenter", "char"])
    assert from_jsonl.exit_code == 0, from_jsonl.stderr
    assert from_jsonl.stdout == from_report.stdout
    assert len(from_jsonl.stdout.splitlines()) > 1


def test_export_and_evaluate_read_documents_from_stdin(tmp_path):
    report = REPORTS / "changzhi-2023.txt"
    annotated = runner.invoke(app, ["annotate", str(report), "--segmenter", "char"])
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text(annotated.stdout, encoding="utf-8")
    from_file = runner.invoke(app, ["export", str(jsonl), "--format", "doccano", "--out", str(tmp_path / "f.jsonl")])
    from_stdin = runner.invoke(app, ["export", "-", "--format", "doccano", "--out", str(tmp_path / "s.jsonl")],
                               input=annotated.stdout)
    assert from_file.exit_code == from_stdin.exit_code == 0, from_stdin.stderr
    assert (tmp_path / "s.jsonl").read_text(encoding="utf-8") == (tmp_path / "f.jsonl").read_text(encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join((ROOT / "corpus" / "gold" / "seeds.jsonl").read_text("utf-8").splitlines(True)[:5]),
                    encoding="utf-8")
    by_file = runner.invoke(app, ["evaluate", str(gold), "--pred", str(gold)])
    by_stdin = runner.invoke(app, ["evaluate", str(gold), "--pred", "-"], input=gold.read_text(encoding="utf-8"))
    assert by_file.exit_code == by_stdin.exit_code == 0, by_stdin.stderr
    assert by_stdin.stdout == by_file.stdout and "1.000" in by_stdin.stdout


def test_imported_work_can_go_to_stdout_and_only_label_studio_reads_stdin(tmp_path):
    annotated = runner.invoke(app, ["annotate", "-", "--segmenter", "char"], input="确保粮食产量保持在31.1亿斤以上。")
    (tmp_path / "a.jsonl").write_text(annotated.stdout, encoding="utf-8")
    tasks = tmp_path / "tasks.json"
    assert runner.invoke(app, ["export", str(tmp_path / "a.jsonl"), "--format", "label-studio",
                               "--out", str(tasks)]).exit_code == 0
    back = runner.invoke(app, ["export", "-", "--from", "label-studio", "--use-predictions", "--out", "-"],
                         input=tasks.read_text(encoding="utf-8"))
    assert back.exit_code == 0, back.stderr
    (doc,) = jsonl(back.stdout)
    assert doc["text"] == "确保粮食产量保持在31.1亿斤以上。" and doc["spans"]
    refused = runner.invoke(app, ["export", "-", "--from", "doccano", "--out", "-"], input="")
    assert refused.exit_code == 2 and "reads files, not stdin" in refused.stderr
