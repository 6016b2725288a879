"""The `govreport-nlp` command on files, folders, stdin and bad input."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

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
    for name in ("b.txt", "c.txt", "missing.txt"):
        assert name in result.stderr
    assert "3 input(s) could not be read" in result.stderr


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
