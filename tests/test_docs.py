"""The examples in README and docs run and are valid, so they cannot drift from the code."""

from __future__ import annotations

import json
import re
from pathlib import Path

import govreport_nlp

ROOT = Path(__file__).resolve().parents[1]


def code_blocks(path: Path, lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.S)


def test_json_example_in_pipeline_doc_is_valid():
    (example,) = code_blocks(ROOT / "docs" / "pipeline.md", "json")
    data = json.loads(example)
    govreport_nlp.validate(data)
    assert data["meta"]["sha256"] == govreport_nlp.export.text_sha256(data["text"])


def test_readme_python_example_runs_without_a_built_model(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVREPORT_NLP_MODELS", str(tmp_path))  # nothing built: the default needs nothing
    (example,) = code_blocks(ROOT / "README.md", "python")
    exec(compile(example, "README.md", "exec"), {})


def test_readme_starts_with_the_two_commands_ci_runs():
    first = code_blocks(ROOT / "README.md", "bash")[0].strip().splitlines()
    assert first[0].startswith("bash scripts/setup.sh && ") and "annotate corpus/reports/" in first[0]
    assert first[1] == "bash scripts/test.sh"
    assert "bash scripts/test.sh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_places_kb_id_example_runs():
    (example,) = [b for b in code_blocks(ROOT / "docs" / "places.md", "python") if "kb_id_" in b]
    scope: dict = {}
    exec(compile(example, "places.md", "exec"), scope)
    assert 'href="https://example.org/division/140700"' in scope["html"]
