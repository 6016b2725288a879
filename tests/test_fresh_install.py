"""Works right after `pip install`: a new virtual environment, the checkout installed from
local wheels (`--no-index`, so pip cannot reach a registry), then `annotate()` with the
default pipeline — no `build-model`, no model files, no network at run time.

The wheels of the dependencies come from `scripts/wheelhouse.sh` (run by scripts/test.sh,
so CI always has them); without them this test skips, unless GOVREPORT_REQUIRE_WHEELHOUSE=1.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WHEELHOUSE = ROOT / ".venvs" / "wheelhouse"
SENTENCE = "确保粮食产量保持在31.1亿斤以上。"

#: Loaded at interpreter start (sitecustomize): any attempt to open a network connection fails loudly.
NO_NETWORK = '''
import socket

def _refuse(*args, **kwargs):
    raise OSError("network access attempted in an offline test")

socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
'''

#: Folders of a working copy that are not part of the checkout.
NOT_CHECKOUT = (".git", ".venv", ".venvs", "models", "build", "dist", ".cache", "__pycache__",
                "*.egg-info", ".pytest_cache", ".mypy_cache", ".ruff_cache")


def wheelhouse_ready() -> bool:
    return (WHEELHOUSE / ".pyproject.sha256").exists() and any(WHEELHOUSE.glob("spacy-*.whl"))


@pytest.fixture(scope="module")
def fresh_env(tmp_path_factory) -> dict[str, Path]:
    if not wheelhouse_ready():
        if os.environ.get("GOVREPORT_REQUIRE_WHEELHOUSE"):
            pytest.fail(f"no wheelhouse at {WHEELHOUSE}: scripts/wheelhouse.sh makes it")
        pytest.skip("no wheelhouse (bash scripts/wheelhouse.sh)")
    base = tmp_path_factory.mktemp("fresh")
    checkout = base / "checkout"
    shutil.copytree(ROOT, checkout, ignore=shutil.ignore_patterns(*NOT_CHECKOUT))
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    # --isolated: none of this machine's pip configuration (indexes, find-links) takes part.
    install = [str(python), "-m", "pip", "install", "--isolated", "--quiet", "--no-index",
               "--find-links", str(WHEELHOUSE), str(checkout)]
    subprocess.run(install, check=True, env={**os.environ, "PIP_NO_INPUT": "1"}, timeout=900)
    guard = base / "offline"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(NO_NETWORK, encoding="utf-8")
    home = base / "home"  # no ~/.local/share/govreport-nlp/models of the developer's
    home.mkdir()
    return {"python": python, "bin": venv / "bin", "guard": guard, "home": home, "cwd": base}


def offline_env(fresh: dict[str, Path]) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items()
            if k not in ("GOVREPORT_NLP_MODELS", "XDG_DATA_HOME", "PYTHONPATH", "VIRTUAL_ENV")}
    return {**keep, "HOME": str(fresh["home"]), "PYTHONPATH": str(fresh["guard"]), "PYTHONNOUSERSITE": "1"}


@pytest.mark.slow
def test_pip_install_then_annotate_works_offline_without_build_model(fresh_env):
    code = f"import govreport_nlp; print(govreport_nlp.annotate({SENTENCE!r}))"
    run = subprocess.run([str(fresh_env["python"]), "-c", code], capture_output=True, text=True,
                         cwd=fresh_env["cwd"], env=offline_env(fresh_env), timeout=300)
    assert run.returncode == 0, run.stderr
    printed = run.stdout
    assert "'label': 'QUANTITY'" in printed and "'text': '31.1亿斤以上'" in printed
    assert "'segmenter': 'char'" in printed


@pytest.mark.slow
def test_the_guard_really_refuses_the_network(fresh_env):
    code = "import urllib.request; urllib.request.urlopen('https://pypi.org/simple/', timeout=5)"
    run = subprocess.run([str(fresh_env["python"]), "-c", code], capture_output=True, text=True,
                         cwd=fresh_env["cwd"], env=offline_env(fresh_env), timeout=60)
    assert run.returncode != 0 and "network access attempted" in run.stderr


@pytest.mark.slow
def test_installed_command_annotates_stdin_offline(fresh_env):
    run = subprocess.run([str(fresh_env["bin"] / "govreport-nlp"), "annotate", "-"], input=SENTENCE,
                         capture_output=True, text=True, cwd=fresh_env["cwd"], env=offline_env(fresh_env),
                         timeout=300)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["meta"]["segmenter"] == "char"
    assert [s["text"] for s in data["spans"] if s["label"] == "QUANTITY"] == ["31.1亿斤以上"]
