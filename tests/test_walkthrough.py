"""docs/walkthrough.py runs from a folder of reports to a targets table, a plot and a page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from paths import REPORTS

import govreport_nlp
from govreport_nlp.tables import columns

ROOT = Path(__file__).resolve().parents[1]
pd = pytest.importorskip("pandas")
pytest.importorskip("matplotlib")


@pytest.mark.slow
def test_the_walkthrough_runs_on_the_bundled_reports(tmp_path):
    run = subprocess.run([sys.executable, str(ROOT / "docs" / "walkthrough.py"), str(REPORTS), "--out", str(tmp_path)],
                         capture_output=True, text=True, cwd=tmp_path, timeout=600)
    assert run.returncode == 0, run.stderr
    reports = sorted(REPORTS.glob("*.txt"))
    assert f"{len(reports)} reports" in run.stdout
    targets = pd.read_csv(tmp_path / "targets.csv")
    assert list(targets.columns) == list(columns("targets"))
    assert len(targets) == len(govreport_nlp.to_dataframe(tmp_path / "reports.jsonl", "targets")) > 0
    assert (tmp_path / "targets_by_indicator_and_year.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and reports[0].name in page
