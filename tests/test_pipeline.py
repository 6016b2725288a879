"""Assembling, saving and loading pipelines; multiprocessing; the ents merge policy."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from spacy.tokens import Span

import govreport_nlp
from govreport_nlp.errors import ConfigError, ModelNotFoundError
from govreport_nlp.pipeline import COMPONENTS
from govreport_nlp.taggers.ents import EntsMerger


@pytest.mark.parametrize("segmenter", ["char", "jieba"])
def test_in_memory_pipelines_need_no_files(segmenter):
    nlp = govreport_nlp.load(segmenter)
    assert nlp.lang == "zh"
    assert nlp.tokenizer.segmenter == segmenter
    assert nlp.pipe_names == list(COMPONENTS)


def test_unknown_segmenter_is_refused():
    with pytest.raises(ConfigError, match="choose one of pkuseg, jieba, char"):
        govreport_nlp.load("hanzi")


def test_missing_pkuseg_model_says_how_to_build_it(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVREPORT_NLP_MODELS", str(tmp_path))
    with pytest.raises(ModelNotFoundError, match="govreport-nlp build-model"):
        govreport_nlp.load("pkuseg")
    with pytest.raises(ModelNotFoundError, match="no spaCy pipeline"):
        govreport_nlp.load("char", tmp_path / "nothing")


def test_saved_pipeline_loads_in_a_fresh_process_without_our_import(tmp_path):
    path = govreport_nlp.build("jieba", tmp_path / "p")
    code = f"import spacy; nlp = spacy.load({str(path)!r}); print(nlp.pipe_names, nlp.tokenizer.segmenter)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == f"{list(COMPONENTS)} jieba"


@pytest.mark.pkuseg
def test_built_pkuseg_pipeline_loads_in_a_fresh_process(pkuseg_path):
    code = (
        f"import spacy, json; nlp = spacy.load({str(pkuseg_path)!r}); doc = nlp('平遥横坡入选全国和美乡村百佳范例');"
        "print(json.dumps([nlp.pipe_names, nlp.tokenizer.segmenter, len(doc)]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    names, segmenter, n_tokens = json.loads(out.strip().splitlines()[-1])
    assert names == list(COMPONENTS) and segmenter == "pkuseg"
    assert 3 <= n_tokens < 16  # words, not characters


@pytest.mark.pkuseg
def test_pkuseg_annotates_every_bundled_report_alike_in_one_or_two_processes(pkuseg_path, reports):
    nlp = govreport_nlp.load("pkuseg", pkuseg_path, shared=True)
    items = [(text, {"id": doc_id}) for doc_id, text in reports]
    single = list(govreport_nlp.annotate_many(items, nlp))
    assert [d["text"] for d in single] == [text for _, text in reports]
    assert all(d["meta"]["segmenter"] == "pkuseg" for d in single)
    assert list(govreport_nlp.annotate_many(items, nlp, n_process=2, batch_size=1)) == single


def test_two_processes_give_the_same_json_as_one(nlp_toy, reports):
    items = [(text, {"id": doc_id}) for doc_id, text in reports] * 2
    single = list(govreport_nlp.annotate_many(items, nlp_toy, n_process=1))
    multi = list(govreport_nlp.annotate_many(items, nlp_toy, n_process=2, batch_size=2))
    assert multi == single
    assert all(any(s["attrs"] for s in d["spans"]) for d in single)


def test_annotate_refuses_what_is_not_text(nlp_char):
    with pytest.raises(govreport_nlp.InputError, match="expected str, bytes or pathlib.Path"):
        govreport_nlp.annotate(12345, nlp=nlp_char)  # type: ignore[arg-type]


def test_ents_prefer_the_longest_span_then_the_first_layer(nlp_char):
    doc = nlp_char.make_doc("推进碳达峰长治行动和太原晋中一体化")
    doc.spans["program"] = [Span(doc, 2, 9, label="PROGRAM")]
    doc.spans["place"] = [Span(doc, s, s + 2, label="PLACE") for s in (5, 10, 12)]
    doc.spans["quantity"] = [Span(doc, 10, 12, label="QUANTITY")]
    doc.spans["commitment"] = [Span(doc, 0, 17, label="COMMITMENT")]
    EntsMerger()(doc)
    expected = [("碳达峰长治行动", "PROGRAM"), ("太原", "PLACE"), ("晋中", "PLACE")]
    assert [(e.text, e.label_) for e in doc.ents] == expected


def test_ents_labels_are_checked():
    with pytest.raises(ConfigError):
        EntsMerger(labels=["PLACE", "ORG"])


def test_a_stale_built_pipeline_is_refused_with_the_rebuild_command(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVREPORT_NLP_MODELS", str(tmp_path))
    path = tmp_path / "govreport_zh_pkuseg"
    nlp = govreport_nlp.load("char")
    nlp.meta["govreport_fingerprint"] = "built-from-older-rules"
    nlp.to_disk(path)
    with pytest.raises(ModelNotFoundError, match="built by another version.*build-model"):
        govreport_nlp.load("pkuseg")


def test_the_default_pipeline_needs_no_built_model(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVREPORT_NLP_MODELS", str(tmp_path))  # nothing built here
    nlp = govreport_nlp.load()
    assert nlp.tokenizer.segmenter == "char"
    data = govreport_nlp.annotate("确保粮食产量保持在31.1亿斤以上。", nlp=nlp)
    assert data["meta"]["segmenter"] == "char"
    assert [s["text"] for s in data["spans"] if s["label"] == "QUANTITY"] == ["31.1亿斤以上"]


SENTENCE = "2024年，晋中市实施乡村振兴战略，确保粮食产量保持在31.1亿斤以上。"


def labels_of(data: dict) -> set[str]:
    return {s["label"] for s in data["spans"]}


def test_a_loaded_pipeline_is_the_callers_own():
    """The case of docs/hanlp.md: one caller removes a component, nobody else loses it."""
    mine = govreport_nlp.load("char")
    mine.remove_pipe("govreport_places")
    mine.tokenizer.normalize = False
    other = govreport_nlp.load("char")
    assert other is not mine
    assert "govreport_places" in other.pipe_names and other.tokenizer.normalize
    assert "PLACE" not in labels_of(govreport_nlp.annotate(SENTENCE, nlp=mine))
    assert "PLACE" in labels_of(govreport_nlp.annotate(SENTENCE, nlp=other))
    assert "PLACE" in labels_of(govreport_nlp.annotate(SENTENCE))  # the shared pipeline annotate() uses


def test_the_shared_pipeline_is_one_per_process_and_cache_is_its_former_name():
    assert govreport_nlp.load("char", shared=True) is govreport_nlp.load("char", shared=True)
    assert govreport_nlp.load("char", shared=True) is not govreport_nlp.load("char")
    with pytest.warns(DeprecationWarning, match="shared"):
        assert govreport_nlp.load("char", cache=True) is govreport_nlp.load("char", shared=True)


def install_as_package(saved, base, name: str):
    """`python -m spacy package` of a saved pipeline, installed with pip into `base/site`."""
    (base / "packages").mkdir()
    subprocess.run([sys.executable, "-m", "spacy", "package", str(saved), str(base / "packages"), "--build", "none",
                    "--name", name], check=True, capture_output=True)
    (project,) = (base / "packages").iterdir()
    subprocess.run([sys.executable, "-m", "pip", "install", "--isolated", "--quiet", "--no-deps", "--no-index",
                    "--no-build-isolation", "--target", str(base / "site"), str(project)], check=True)
    return base / "site"


@pytest.fixture
def on_path(monkeypatch):
    import importlib

    def add(folder):
        monkeypatch.syspath_prepend(str(folder))
        importlib.invalidate_caches()

    return add


@pytest.mark.slow
def test_a_pipeline_installed_as_a_python_package_loads_by_its_name(tmp_path, on_path):
    saved = govreport_nlp.build("jieba", tmp_path / "saved")
    on_path(install_as_package(saved, tmp_path, "govreport_zh_jieba"))
    nlp = govreport_nlp.load(path="zh_govreport_zh_jieba")
    assert nlp.pipe_names == list(COMPONENTS) and nlp.tokenizer.segmenter == "jieba"
    data = govreport_nlp.annotate("确保粮食产量保持在31.1亿斤以上。", nlp=nlp)
    assert data["meta"]["pipeline"] == "govreport_zh_jieba" and data["spans"]
    with pytest.raises(ModelNotFoundError, match="no spaCy pipeline"):
        govreport_nlp.load(path="zh_no_such_pipeline")
    from typer.testing import CliRunner

    from govreport_nlp.cli import app

    result = CliRunner().invoke(app, ["annotate", "-", "--model", "zh_govreport_zh_jieba"], input="晋中市")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["meta"]["pipeline"] == "govreport_zh_jieba"


@pytest.mark.slow
def test_pkuseg_is_also_found_as_an_installed_package(tmp_path, monkeypatch, on_path):
    """Where no pkuseg pipeline is built, load("pkuseg") takes the package `zh_govreport_zh_pkuseg`
    (here a packaged char pipeline under that name: what is checked is where it is found)."""
    monkeypatch.setenv("GOVREPORT_NLP_MODELS", str(tmp_path / "nothing built"))
    with pytest.raises(ModelNotFoundError):
        govreport_nlp.load("pkuseg")
    saved = govreport_nlp.build("char", tmp_path / "saved")
    on_path(install_as_package(saved, tmp_path, "govreport_zh_pkuseg"))
    nlp = govreport_nlp.load("pkuseg")
    assert nlp.meta["name"] == "govreport_zh_pkuseg" and nlp.pipe_names == list(COMPONENTS)
