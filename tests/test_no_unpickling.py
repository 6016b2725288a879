"""No model folder can run code: pickles are never loaded, only converted as plain data in build-model.

spacy-pkuseg falls back to `pickle.load(features.pkl)` when `features.msgpack` is missing,
and a pickle can name any function to call while it is read. The payload below creates a
marker file when unpickled; no test may ever see the marker.
"""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest
import srsly
from typer.testing import CliRunner

import govreport_nlp
from govreport_nlp.cli import app
from govreport_nlp.doc.pkuseg_model import FEATURES, convert_features
from govreport_nlp.errors import ModelBuildError, ModelNotFoundError


class Payload:
    """Unpickling this calls open(marker, "w"): code run by reading a file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return open, (str(self.marker), "w")


def malicious_pickle(path: Path, marker: Path) -> None:
    path.write_bytes(pickle.dumps({"unigram": [], "bigram": [], "feature_to_idx": Payload(marker), "tag_to_idx": {}}))


def pipeline_with_pickled_features(source: Path, dest: Path, marker: Path) -> Path:
    """A copy of a built pkuseg pipeline whose model has features.pkl (the payload) and no msgpack."""
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns("pkuseg_model"))
    model = dest / "tokenizer" / "pkuseg_model"
    model.mkdir()
    (model / "weights.npz").symlink_to(source / "tokenizer" / "pkuseg_model" / "weights.npz")
    malicious_pickle(model / "features.pkl", marker)
    return dest


def test_a_pipeline_whose_model_is_a_pickle_is_refused_unread(tmp_path, pkuseg_path):
    marker = tmp_path / "payload-ran"
    folder = pipeline_with_pickled_features(pkuseg_path, tmp_path / "model", marker)
    with pytest.raises(ModelNotFoundError, match="never reads a model from a pickle"):
        govreport_nlp.load("pkuseg", folder)
    assert not marker.exists()


def test_the_cli_refuses_it_with_exit_2(tmp_path, pkuseg_path):
    marker = tmp_path / "payload-ran"
    folder = pipeline_with_pickled_features(pkuseg_path, tmp_path / "model", marker)
    (tmp_path / "r.txt").write_text("新建道路20公里。", encoding="utf-8")
    result = CliRunner().invoke(app, ["annotate", str(tmp_path / "r.txt"), "--model", str(folder)])
    assert result.exit_code == 2, result.output
    assert "features.pkl" in result.output and "never reads a model from a pickle" in result.output
    assert not marker.exists()


def test_a_broken_model_folder_gives_exit_2_and_the_reason(tmp_path):
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "config.cfg").write_text("[nlp\nthis is not a config", encoding="utf-8")
    (tmp_path / "r.txt").write_text("新建道路20公里。", encoding="utf-8")
    result = CliRunner().invoke(app, ["annotate", str(tmp_path / "r.txt"), "--model", str(folder)])
    assert result.exit_code == 2, result.output
    assert f"the pipeline at {folder} cannot be loaded" in " ".join(result.output.split())
    assert "Traceback" not in result.output


def test_build_model_converts_plain_features_and_refuses_code(tmp_path):
    plain = tmp_path / "plain"
    plain.mkdir()
    features = {"unigram": {"a", "b"}, "bigram": {"ab"}, "feature_to_idx": {"a": 0}, "tag_to_idx": {"B": 0}}
    (plain / "features.pkl").write_bytes(pickle.dumps(features))
    (plain / "weights.npz").write_bytes(b"weights")
    out = convert_features(plain, tmp_path / "converted")
    assert srsly.read_msgpack(out / FEATURES) == {
        "unigram": ["a", "b"], "bigram": ["ab"], "feature_to_idx": {"a": 0}, "tag_to_idx": {"B": 0}
    }
    assert (out / "weights.npz").read_bytes() == b"weights" and not (out / "features.pkl").exists()

    marker = tmp_path / "payload-ran"
    bad = tmp_path / "bad"
    bad.mkdir()
    malicious_pickle(bad / "features.pkl", marker)
    (bad / "weights.npz").write_bytes(b"weights")
    with pytest.raises(ModelBuildError, match=r"names the Python object (builtins|io)\.open: refused"):
        convert_features(bad, tmp_path / "converted-bad")
    assert not marker.exists()
