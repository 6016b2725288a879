"""Fetching pkuseg's model: checksum, extraction and a clear error when pip fails."""

from __future__ import annotations

import io
import subprocess
import tarfile

import pytest

from govreport_nlp.doc import pkuseg_model
from govreport_nlp.errors import ModelBuildError


def fake_sdist(path):
    with tarfile.open(path, "w:gz") as tar:
        for name, payload in (("features.pkl", b"features"), ("weights.npz", b"weights"), ("setup.py", b"")):
            inside = "pkuseg-0.0.25/" if name == "setup.py" else pkuseg_model._MEMBER_PREFIX
            info = tarfile.TarInfo(inside + name)
            info.size = len(payload)
            tar.addfile(info, io.BytesIO(payload))
    return path


def test_extract_takes_only_the_model_files(tmp_path, monkeypatch):
    sdist = fake_sdist(tmp_path / pkuseg_model.PKUSEG_SDIST)
    monkeypatch.setattr(pkuseg_model, "PKUSEG_SDIST_SHA256", pkuseg_model.sha256_of(sdist))
    out = pkuseg_model.extract_model(sdist, tmp_path / "model")
    assert sorted(p.name for p in out.iterdir()) == ["features.pkl", "weights.npz"]
    assert (out / "weights.npz").read_bytes() == b"weights"


def test_extract_refuses_a_file_with_the_wrong_checksum(tmp_path):
    sdist = fake_sdist(tmp_path / pkuseg_model.PKUSEG_SDIST)
    with pytest.raises(ModelBuildError, match="SHA-256"):
        pkuseg_model.extract_model(sdist, tmp_path / "model")


def test_pip_failure_is_reported_with_what_to_do(tmp_path, monkeypatch):
    def failing_run(cmd, **kwargs):
        assert cmd[1:4] == ["-m", "pip", "download"] and pkuseg_model.PKUSEG_REQUIREMENT in cmd
        return subprocess.CompletedProcess(cmd, 1, stdout="", stderr="ERROR: No matching distribution found")

    monkeypatch.setattr(pkuseg_model.subprocess, "run", failing_run)
    with pytest.raises(ModelBuildError, match="(?s)No matching distribution.*--pkuseg-model"):
        pkuseg_model.fetch_default_model(tmp_path / "cache")


def test_cached_model_is_reused_without_pip(tmp_path, monkeypatch):
    model = tmp_path / "cache" / "pkuseg-default"
    model.mkdir(parents=True)
    for name in pkuseg_model.MODEL_MEMBERS:
        (model / name).write_bytes(b"x")
    monkeypatch.setattr(pkuseg_model.subprocess, "run", lambda *a, **k: pytest.fail("pip was called"))
    assert pkuseg_model.fetch_default_model(tmp_path / "cache") == model
