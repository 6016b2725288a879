"""Assemble, save and load the Chinese spaCy pipeline.

Three word segmenters: `char` (one token per character, the default), `jieba`
(dictionary-based, ships its dictionary) and `pkuseg` (spaCy's statistical segmenter,
needs the model built once by `govreport-nlp build-model`). Every tagger reads
characters, so the four labels score the same under all three on the gold set; `char`
is the default because it needs no files and loads fastest in the least memory
(docs/pipeline.md "Segmenters"). `char` and `jieba` pipelines are assembled in memory
on demand; the `pkuseg` pipeline is loaded from disk because its model takes seconds to read.

Where built pipelines live, first match wins: the `path` argument, the environment
variable `GOVREPORT_NLP_MODELS`, the `models/` folder of a source checkout, and else
`$XDG_DATA_HOME/govreport-nlp/models` (`~/.local/share/...`).
"""

from __future__ import annotations

import functools
import gc
import hashlib
import importlib.util
import json
import logging
import os
import tempfile
import warnings
from collections.abc import Mapping
from importlib.metadata import PackageNotFoundError, version
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

import spacy
from spacy.lang.zh import Chinese
from spacy.language import Language

from . import taggers  # noqa: F401  (registers the factories)
from .doc.layers import register_extensions
from .doc.tokenizer import TOKENIZER_NAME, ReportTokenizer
from .errors import ConfigError, ModelNotFoundError

logger = logging.getLogger(__name__)

Segmenter = Literal["pkuseg", "jieba", "char"]
SEGMENTERS: tuple[str, ...] = ("pkuseg", "jieba", "char")
DEFAULT_SEGMENTER: Segmenter = "char"
#: The segmenter whose pipeline must be built (`govreport-nlp build-model`) before use.
BUILT_SEGMENTER: Segmenter = "pkuseg"
BUILD_COMMAND = "govreport-nlp build-model"

#: Components added after the tokenizer, in order. Taggers go between
#: `govreport_structure` (sentences, sections) and `govreport_ents`, which derives
#: `doc.ents` from what they wrote.
COMPONENTS: tuple[str, ...] = (
    "govreport_structure",
    "govreport_quantities",
    "govreport_places",
    "govreport_programs",
    "govreport_commitments",
    "govreport_ents",
)


def fingerprint() -> str:
    """What a built pipeline must match: our tokenizer, components and the package data they read."""
    digest = hashlib.sha256("|".join((TOKENIZER_NAME, *COMPONENTS)).encode())
    for entry in sorted(files("govreport_nlp.data").iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".tsv", ".jsonl")):
            digest.update(entry.name.encode() + entry.read_bytes())
    return digest.hexdigest()[:16]


@functools.lru_cache(maxsize=1)
def package_version() -> str:
    """The installed version; read once (it parses the package's metadata file, which
    would otherwise cost more than annotating a paragraph)."""
    try:
        return version("govreport-nlp")
    except PackageNotFoundError:  # running from a checkout that was not installed
        return "0+unknown"


def pipeline_name(segmenter: str) -> str:
    return f"govreport_zh_{segmenter}"


def models_dir() -> Path:
    """The folder that holds built pipelines (see the module docstring for the order)."""
    env = os.environ.get("GOVREPORT_NLP_MODELS")
    if env:
        return Path(env)
    checkout = Path(__file__).resolve().parents[1]
    if (checkout / "pyproject.toml").exists() and (checkout / "models").is_dir():
        return checkout / "models"
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return data_home / "govreport-nlp" / "models"


def default_model_path(segmenter: str = BUILT_SEGMENTER) -> Path:
    return models_dir() / pipeline_name(segmenter)


def check_segmenter(segmenter: str) -> None:
    if segmenter not in SEGMENTERS:
        raise ConfigError(f"unknown segmenter {segmenter!r}; choose one of {', '.join(SEGMENTERS)}")


#: The longest text our pipelines take as one Doc (spaCy's default is 1,000,000). spaCy's
#: limit guards its parser and NER, which need about 1 GB per 100,000 characters; ours has
#: neither, and its components run in time and memory linear in the text (a char-segmented
#: Doc holds about 250 MB per million characters, benchmarks/long_documents.py). One Doc
#: gives the exact one-Doc result at that cost; beyond the limit `annotate` cuts pieces.
MAX_LENGTH = 10_000_000


def blank(segmenter: str = "char", config: Mapping[str, Mapping[str, Any]] | None = None) -> Language:
    """A pipeline with our components and an uninitialised tokenizer for `segmenter`;
    `config` gives a component's options by its name (`{"govreport_places": {"lexicon": "places.tsv"}}`)."""
    check_segmenter(segmenter)
    config = dict(config or {})
    unknown = sorted(set(config) - set(COMPONENTS))
    if unknown:
        raise ConfigError(f"config for unknown components {unknown}; the components are {', '.join(COMPONENTS)}")
    register_extensions()
    if segmenter == "jieba":
        import jieba

        jieba.setLogLevel(logging.WARNING)  # it logs its dictionary loading to stderr
    # Our tokenizer normalises the text before segmenting it, so that nlp(text), nlp.pipe,
    # spacy.load(saved)(text) and annotate(text) all read the same text (doc/tokenizer.py).
    nlp = Chinese.from_config({"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME, "segmenter": segmenter}}})
    for name in COMPONENTS:
        nlp.add_pipe(name, config=dict(config.get(name) or {}))
    nlp.max_length = MAX_LENGTH
    nlp.meta.update(
        {
            "name": pipeline_name(segmenter),
            "version": package_version(),
            "description": "govreport_nlp: places, programs, quantities and commitments in "
            "Chinese government work reports",
            "license": "MIT",
            "govreport_fingerprint": fingerprint(),
        }
    )
    return nlp


def build(
    segmenter: str = BUILT_SEGMENTER,
    output: Path | None = None,
    *,
    pkuseg_model: Path | None = None,
) -> Path:
    """Assemble the pipeline for `segmenter` and save it with `nlp.to_disk`.

    For `pkuseg` the default model is fetched from the package registry (see
    `pkuseg_model.fetch_default_model`) unless `pkuseg_model` names a folder with it.
    """
    output = Path(output) if output else default_model_path(segmenter)
    nlp = blank(segmenter)
    if segmenter == "pkuseg":
        from .doc.pkuseg_model import PKUSEG_REQUIREMENT, PKUSEG_SDIST_SHA256, convert_features, fetch_default_model

        model_dir = Path(pkuseg_model) if pkuseg_model else fetch_default_model(models_dir() / "_downloads")
        tokenizer: ReportTokenizer = nlp.tokenizer  # type: ignore[assignment]
        with tempfile.TemporaryDirectory(prefix="govreport-pkuseg-") as converted:
            # spacy-pkuseg would unpickle features.pkl; it is given the plain-data conversion instead
            tokenizer.initialize(pkuseg_model=str(convert_features(model_dir, Path(converted))))
        nlp.meta["sources"] = [
            {
                "name": "pkuseg default model",
                "url": f"PyPI sdist {PKUSEG_REQUIREMENT} (pkuseg/models/default), sha256 {PKUSEG_SDIST_SHA256}",
                "license": "MIT",
            }
        ]
    output.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output)
    logger.info("saved %s to %s", nlp.meta["name"], output)
    return output


def built_components(path: Path) -> list[str] | None:
    """Component names of the pipeline saved at `path` (None when there is none)."""
    meta = path / "meta.json"
    if not meta.exists():
        return None
    names: list[str] = json.loads(meta.read_text(encoding="utf-8")).get("pipeline", [])
    return names


def is_current(path: Path) -> bool:
    """Whether the pipeline at `path` was built from these components and this package data."""
    meta = path / "meta.json"
    if not meta.exists():
        return False
    return bool(json.loads(meta.read_text(encoding="utf-8")).get("govreport_fingerprint") == fingerprint())


_SHARED: dict[tuple[str, str], Language] = {}


def load(
    segmenter: str = DEFAULT_SEGMENTER,
    path: str | Path | None = None,
    *,
    shared: bool = False,
    cache: bool | None = None,
    config: Mapping[str, Mapping[str, Any]] | None = None,
) -> Language:
    """Return a pipeline for `segmenter`, or the pipeline saved at `path`.

    Each call returns a pipeline of the caller's own: `remove_pipe`, `add_pipe` or a
    changed tokenizer setting on it changes nobody else's. A new `char` pipeline costs
    about 0.3 s once the first is made (the package's tables are read once per process);
    a pipeline read from disk (`pkuseg`, `path`) is read again, seconds and, for pkuseg,
    about half a gigabyte each (docs/pipeline.md "Segmenters").

    `path` is a folder saved by `nlp.to_disk` / `build`, or the name of a pipeline installed
    as a Python package (`python -m spacy package`); `load("pkuseg")` also finds the
    installed package `zh_govreport_zh_pkuseg` when no pipeline is built in the models folder.

    `shared=True` returns the process-wide pipeline instead, made once and kept (what
    `annotate()` uses when given no `nlp`): fastest for repeated use, but it must not be
    changed. `cache` is the former name of `shared`.

    `config` sets components' options by name, as `nlp.add_pipe(name, config=...)` would:
    `load(config={"govreport_programs": {"lexicon": "programs.tsv"}, "govreport_places":
    {"spans_key": "places"}})`. It applies to the pipelines assembled in memory (char,
    jieba); a saved pipeline keeps the options and tables it was saved with.
    """
    if cache is not None:
        warnings.warn("load(cache=...) is now load(shared=...)", DeprecationWarning, stacklevel=2)
        shared = cache
    check_segmenter(segmenter)
    if config and (shared or path is not None or segmenter == BUILT_SEGMENTER):
        raise ConfigError("load(config=...) makes a pipeline of your own in memory (char or jieba); a saved "
                          "pipeline (pkuseg, path=...) keeps the options it was saved with, and shared=True "
                          "hands out the one pipeline annotate() uses, which takes no options")
    if path is not None and not Path(path).exists():
        path = installed_pipeline(str(path)) or path  # the name of a pipeline installed as a Python package
    if path is None and segmenter == BUILT_SEGMENTER:
        path = default_model_path(segmenter)
        if not (path / "config.cfg").exists():
            path = installed_pipeline(package_name(segmenter)) or path
        if not (path / "config.cfg").exists():
            raise ModelNotFoundError(
                f"the pkuseg pipeline is not built: {path} is missing. Build it once with "
                f"`{BUILD_COMMAND}` (fetches pkuseg's model from the package registry), or use "
                "segmenter='char' (the default) or 'jieba', which need no model files."
            )
        if not is_current(path):
            raise ModelNotFoundError(
                f"the pipeline at {path} was built by another version (components "
                f"{built_components(path)}, or other rule data); rebuild it with `{BUILD_COMMAND}`"
            )
    key = (segmenter, str(path) if path else "")
    if shared and key in _SHARED:
        return _SHARED[key]
    nlp = _read(Path(path)) if path is not None else blank(segmenter, config)
    if shared:
        _SHARED[key] = nlp
        _keep_out_of_collections()
    return nlp


def package_name(segmenter: str) -> str:
    """The Python package `python -m spacy package` makes of our built pipeline (zh_ + its name)."""
    return f"zh_{pipeline_name(segmenter)}"


def installed_pipeline(name: str) -> Path | None:
    """The data folder of a spaCy pipeline installed as the Python package `name` (made with
    `python -m spacy package`), or None when no such package is installed.

    The folder is read like any saved pipeline (no pickles, a clear error when damaged),
    without running the package's own code."""
    if not name.isidentifier():
        return None
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    package = Path(next(iter(spec.submodule_search_locations)))
    meta = package / "meta.json"
    if not meta.is_file():
        return None
    info = json.loads(meta.read_text(encoding="utf-8"))
    data = package / f"{info.get('lang')}_{info.get('name')}-{info.get('version')}"
    return data if (data / "config.cfg").exists() else None


def _read(path: Path) -> Language:
    """The pipeline saved at `path`, checked (no pickles) and with a clear error when it is damaged."""
    if not (path / "config.cfg").exists():
        raise ModelNotFoundError(f"no spaCy pipeline at {path} (no config.cfg); build one with `{BUILD_COMMAND}`")
    from .doc.pkuseg_model import check_no_pickle

    check_no_pickle(path)
    try:
        nlp = spacy.load(path)
    except Exception as exc:  # a damaged folder: say which and why, never a traceback deep in spaCy
        raise ModelNotFoundError(
            f"the pipeline at {path} cannot be loaded ({type(exc).__name__}: {exc}); rebuild it with "
            f"`{BUILD_COMMAND}` or give the folder of a pipeline saved by govreport-nlp"
        ) from exc
    nlp.max_length = max(nlp.max_length, MAX_LENGTH)  # not saved with a pipeline
    return nlp


def _keep_out_of_collections() -> None:
    """Move everything alive now — the shared pipeline's tables, lexicons and automata,
    hundreds of thousands of objects that live as long as the process — out of the cyclic
    garbage collector's way (`gc.freeze`). Every collection during an annotation would
    otherwise walk them again; on text dense with spans that was a third of the time.
    Frozen objects are still freed by reference counting; only cycles among them stay."""
    gc.collect()
    gc.freeze()
