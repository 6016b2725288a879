"""Obtain pkuseg's default segmentation model from the Python package registry.

The model is not published on its own: it ships inside the source distribution of
`pkuseg==0.0.25` (`pkuseg/models/default/features.pkl` and `weights.npz`). We ask pip for
that sdist (so the user's index, mirror and proxy settings apply and no other host is
contacted), check its SHA-256, and extract only those two files. `convert_features` turns
the shipped `features.pkl` into `features.msgpack`, reading the pickle as plain data only
(it refuses any class or function a pickle names), and the assembled spaCy pipeline stores
that form: loading a pipeline never unpickles anything (`check_no_pickle`).
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

import srsly

from ..errors import ModelBuildError, ModelNotFoundError

logger = logging.getLogger(__name__)

PKUSEG_REQUIREMENT = "pkuseg==0.0.25"
PKUSEG_SDIST = "pkuseg-0.0.25.tar.gz"
PKUSEG_SDIST_SHA256 = "dd012bf93689721c9574bc2b2ba98fb4ac22790cec0af354a78e217828b81e91"
MODEL_MEMBERS = ("features.pkl", "weights.npz")
_MEMBER_PREFIX = "pkuseg-0.0.25/pkuseg/models/default/"
#: The pickle-free form of pkuseg's features, the only one a pipeline is ever loaded from.
FEATURES = "features.msgpack"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def download_sdist(dest: Path) -> Path:
    """Have pip fetch the pkuseg sdist into `dest`; return its path.

    `--no-build-isolation` keeps pip from installing build tools to read the sdist's
    metadata (its setup.py imports numpy and setuptools, which are already installed).
    """
    dest.mkdir(parents=True, exist_ok=True)
    target = dest / PKUSEG_SDIST
    if target.exists() and sha256_of(target) == PKUSEG_SDIST_SHA256:
        return target
    cmd = [
        sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
        "--no-build-isolation", "--disable-pip-version-check", "-d", str(dest), PKUSEG_REQUIREMENT,
    ]
    logger.info("fetching %s with pip", PKUSEG_REQUIREMENT)
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0 or not target.exists():
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-8:])
        raise ModelBuildError(
            f"pip could not fetch {PKUSEG_REQUIREMENT} (the sdist that carries pkuseg's default model).\n"
            f"{tail}\nOn a machine without access to a package index, copy {PKUSEG_SDIST} into "
            f"{dest} or pass --pkuseg-model with a folder holding {' and '.join(MODEL_MEMBERS)}."
        )
    return target


def extract_model(sdist: Path, dest: Path) -> Path:
    """Extract the default model's two files from the sdist into `dest`."""
    actual = sha256_of(sdist)
    if actual != PKUSEG_SDIST_SHA256:
        raise ModelBuildError(f"{sdist} has SHA-256 {actual}, expected {PKUSEG_SDIST_SHA256}: delete it and retry.")
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(sdist, "r:gz") as tar:
        for name in MODEL_MEMBERS:
            member = tar.getmember(_MEMBER_PREFIX + name)
            source = tar.extractfile(member)
            if source is None:
                raise ModelBuildError(f"{sdist} has no file {member.name}")
            with source, (dest / name).open("wb") as out:
                shutil.copyfileobj(source, out)
    return dest


def fetch_default_model(cache_dir: Path) -> Path:
    """Return a folder with pkuseg's default model, fetching it once into `cache_dir`.

    The sdist stays in `cache_dir` so that a rebuild needs no network; delete the folder
    to reclaim its 49 MB.
    """
    model_dir = cache_dir / "pkuseg-default"
    if all((model_dir / name).exists() for name in MODEL_MEMBERS):
        return model_dir
    return extract_model(download_sdist(cache_dir), model_dir)


class _PlainDataUnpickler(pickle.Unpickler):
    """Reads a pickle of plain data only (dicts, lists, strings, numbers): it refuses every
    class and function a pickle may name, so reading one can never run code."""

    def find_class(self, module: str, name: str) -> Any:
        raise ModelBuildError(
            f"features.pkl names the Python object {module}.{name}: refused. A pkuseg model's features are "
            "plain data (dicts, lists, strings, numbers); a pickle that names code could run it when read"
        )


def convert_features(model_dir: Path, dest: Path) -> Path:
    """A copy of a pkuseg model folder whose features are `features.msgpack`, the form that
    loading reads without unpickling. `features.pkl` (what pkuseg ships) is read as plain
    data only (`_PlainDataUnpickler`); this explicit step of `build-model` is the only place a
    pickle is ever opened."""
    dest.mkdir(parents=True, exist_ok=True)
    weights = model_dir / "weights.npz"
    if not weights.is_file():
        raise ModelBuildError(f"{model_dir} has no weights.npz: not a pkuseg model folder")
    shutil.copyfile(weights, dest / "weights.npz")
    if (model_dir / FEATURES).is_file():
        shutil.copyfile(model_dir / FEATURES, dest / FEATURES)
        return dest
    pickled = model_dir / "features.pkl"
    if not pickled.is_file():
        raise ModelBuildError(f"{model_dir} has neither {FEATURES} nor features.pkl: not a pkuseg model folder")
    with pickled.open("rb") as fh:
        data = _PlainDataUnpickler(fh).load()
    if not isinstance(data, dict) or not {"unigram", "bigram", "feature_to_idx", "tag_to_idx"} <= set(data):
        raise ModelBuildError(f"{pickled} does not hold pkuseg's features: unigram, bigram, feature_to_idx, tag_to_idx")
    features = {
        "unigram": sorted(data["unigram"]),
        "bigram": sorted(data["bigram"]),
        "feature_to_idx": data["feature_to_idx"],
        "tag_to_idx": data["tag_to_idx"],
    }
    srsly.write_msgpack(dest / FEATURES, features)
    return dest


def check_no_pickle(pipeline: Path) -> None:
    """Refuse a saved pipeline whose pkuseg model would be read from a pickle.

    spacy-pkuseg falls back to `pickle.load(features.pkl)` when `features.msgpack` is
    missing, and unpickling runs whatever code the file names. Pipelines we build store
    msgpack; a folder without it is refused before anything in it is read.
    """
    model = pipeline / "tokenizer" / "pkuseg_model"
    if model.is_dir() and not (model / FEATURES).is_file():
        found = ", ".join(sorted(p.name for p in model.iterdir())) or "nothing"
        raise ModelNotFoundError(
            f"{pipeline}: its pkuseg model ({model}) has no {FEATURES} (it holds {found}). govreport-nlp never "
            "reads a model from a pickle (features.pkl), which can run code; rebuild the pipeline with "
            "`govreport-nlp build-model` (or `--pkuseg-model DIR` for a pkuseg model you have)"
        )
