"""The optional HanLP backend: finding the model offline, the merge policy, and a real model.

The first part runs in the default environment (no HanLP, no torch): error paths and the
pure merge logic. Tests marked `hanlp` train a tiny HanLP NER model with HanLP's own
trainer on sentences of the bundled reports, save it to a temporary folder and load it
through the same path users use; they are skipped where HanLP is not installed, unless
GOVREPORT_REQUIRE_HANLP=1 (the HanLP CI environment), where that is a failure.
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import govreport_nlp
from govreport_nlp.doc.attrs import canonical_attrs
from govreport_nlp.errors import ConfigError, ModelNotFoundError
from govreport_nlp.evaluate import read_jsonl
from govreport_nlp.taggers.places import hanlp as hb

ROOT = Path(__file__).resolve().parents[1]
HAVE_HANLP = importlib.util.find_spec("hanlp") is not None
REQUIRE_HANLP = os.environ.get("GOVREPORT_REQUIRE_HANLP") == "1"



# -- finding the model: runs without HanLP ----------------------------------------------------


def test_empty_model_names_how_to_obtain_one() -> None:
    with pytest.raises(ModelNotFoundError, match="no HanLP model given.*connected|internet"):
        hb.resolve_model_path("")


@pytest.mark.parametrize("name", ["MSRA_NER_ELECTRA_SMALL_ZH", "https://file.example/ner/model.zip"])
def test_identifier_or_url_is_refused(name: str) -> None:
    with pytest.raises(ModelNotFoundError, match="identifier or URL.*only a model folder") as info:
        hb.resolve_model_path(name)
    assert "HANLP_HOME" in str(info.value)


def test_missing_folder_names_every_place_looked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANLP_HOME", str(tmp_path / "home"))
    with pytest.raises(ModelNotFoundError) as info:
        hb.resolve_model_path("ner/msra_model")
    message = str(info.value)
    assert str(Path("ner/msra_model").resolve()) in message
    assert str(tmp_path / "home" / "ner" / "msra_model") in message


def test_folder_without_config_is_not_a_model(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match="not a saved HanLP model"):
        hb.resolve_model_path(tmp_path)


def test_folder_found_as_given_or_under_hanlp_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = tmp_path / "ner" / "tiny"
    model.mkdir(parents=True)
    (model / "config.json").write_text("{}", encoding="utf-8")
    assert hb.resolve_model_path(model) == model
    monkeypatch.setenv("HANLP_HOME", str(tmp_path))
    assert hb.resolve_model_path("ner/tiny") == model


def test_factory_reports_the_missing_model_when_the_pipeline_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GOVREPORT_HANLP_MODEL", raising=False)
    nlp = govreport_nlp.load("char")
    with pytest.raises(ModelNotFoundError, match="identifier"):
        nlp.add_pipe("govreport_hanlp_ner", config={"model": "MSRA_NER_ELECTRA_SMALL_ZH"})
    with pytest.raises(ModelNotFoundError, match="no HanLP model given"):
        nlp.add_pipe("govreport_hanlp_ner")


def test_cli_names_a_missing_model_folder(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from govreport_nlp.cli import app

    gold = ROOT / "corpus" / "gold" / "seeds.jsonl"
    missing = tmp_path / "no-model"
    result = CliRunner().invoke(app, ["evaluate", str(gold), "--segmenter", "char", "--hanlp-model", str(missing)])
    assert result.exit_code == 2
    assert "G001" in result.output and str(missing) in result.output


def test_unknown_policy_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="org_policy"):
        hb.MergePolicy(org_policy="drop")


# -- the merge policy on hand-made entities: runs without HanLP ---------------------------------

TEXT = "提高晋中职业技术学院办学水平，建设潇河新城。晋中市人民政府工作报告"
#        0 2   6       10      14   18  22  24 26     32    36


def _at(text: str, word: str, label: str, nth: int = 0) -> hb.Entity:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return hb.Entity(start, start + len(word), label)


def _rule(text: str, word: str, nth: int = 0) -> hb.RuleSpan:
    ent = _at(text, word, "", nth)
    return (ent.start, ent.end, {"kind": "admin", "code": "140700"})


@pytest.mark.parametrize(
    ("policy", "expected"),
    [("veto", []), ("keep", [{"kind": "admin", "code": "140700"}]),
     ("mark", [{"kind": "admin", "code": "140700", "hanlp_organization": "晋中职业技术学院"}])],
)
def test_organisation_policies(policy: str, expected: list[dict[str, Any]]) -> None:
    rules = [_rule(TEXT, "晋中")]
    kept, added = hb.merge(TEXT, rules, [_at(TEXT, "晋中职业技术学院", "NT")], hb.MergePolicy(org_policy=policy))
    assert [attrs for _, _, attrs in kept] == expected
    assert added == []


def test_report_title_keeps_its_place() -> None:
    rules = [_rule(TEXT, "晋中市")]
    kept, _ = hb.merge(TEXT, rules, [_at(TEXT, "晋中市人民政府", "ORG")], hb.MergePolicy())
    assert kept == rules


def test_hanlp_places_fill_only_the_gaps() -> None:
    ents = [_at(TEXT, "潇河新城", "NS"), _at(TEXT, "晋中", "ns"), _at(TEXT, "城", "NS"),
            _at(TEXT, "晋中职业技术学院", "NT"), _at(TEXT, "职业", "GPE"), _at(TEXT, "办学", "PERSON")]
    rules = [_rule(TEXT, "晋中市")]
    kept, added = hb.merge(TEXT, rules, ents, hb.MergePolicy(org_policy="keep"))
    assert kept == rules
    # 晋中 inside the organisation, 城 too short, 职业 inside the organisation, PERSON not a place
    assert [TEXT[e.start : e.end] for e in added] == ["潇河新城"]
    _, none_added = hb.merge(TEXT, rules, ents, hb.MergePolicy(add_places=False))
    assert none_added == []


def test_overlapping_rule_span_wins_over_hanlp() -> None:
    rules = [_rule(TEXT, "潇河")]
    _, added = hb.merge(TEXT, rules, [_at(TEXT, "潇河新城", "LOC")], hb.MergePolicy())
    assert added == []


def test_chunks_cut_after_commas_and_keep_every_unit() -> None:
    text = "甲乙丙，丁戊己庚，辛壬癸子丑寅卯"
    units = [(ch, i, i + 1) for i, ch in enumerate(text)]
    pieces = hb.chunk(units, 6)
    assert [u for p in pieces for u in p] == units
    assert all(len(p) <= 6 for p in pieces)
    assert "".join(u[0] for u in pieces[0]) == "甲乙丙，"


def test_parse_output_of_ner_and_multi_task_models() -> None:
    ner = [[("太原", "NS", 0, 2)], []]
    assert hb.parse_output(ner, 2) == [[("NS", 0, 2)], []]
    document = {"tok/fine": [["太原"]], "ner/msra": [[("太原", "NS", 0, 1)]]}
    assert hb.parse_output(document, 1) == [[("NS", 0, 1)]]
    with pytest.raises(ConfigError, match="no NER output"):
        hb.parse_output({"pos/ctb": [[]]}, 1)
    with pytest.raises(ConfigError, match="for 2 sentences"):
        hb.parse_output([[]], 2)


def test_linker_uses_the_gazetteer_then_our_tables() -> None:
    linker = hb.PlaceLinker()
    taiyuan = linker.attrs("太原", year=2024, near=None)
    assert taiyuan == {"kind": "admin", "level": "prefecture", "full_name": "山西省太原市", "code": "140100"}
    gulou = linker.attrs("鼓楼区", year=2020, near=None)
    assert gulou["code"] == "320106" and len(gulou["candidates"]) > 1
    assert linker.attrs("某某湿地公园", year=None, near=None) == {"kind": "site"}
    assert linker.attrs("某某某", year=None, near=None) == {}


def test_training_sentences_carry_gold_places_and_named_organisations() -> None:
    docs = read_jsonl(ROOT / "corpus" / "gold" / "seeds.jsonl")
    sentences = hb.training_sentences(docs, organisations=["晋中职业技术学院"])
    assert sentences and all(len(s) <= 80 for s, _ in sentences)
    labels = {(s[a:b], label) for s, ents in sentences for a, b, label in ents}
    assert ("晋中职业技术学院", "NT") in labels and ("太原", "NS") in labels
    sentence, ents = sentences[0]
    lines = hb.bio_lines(sentence, ents)
    a, b, label = ents[0]
    assert lines[a] == f"{sentence[a]}\tB-{label}" and all(line.endswith(f"I-{label}") for line in lines[a + 1 : b])


# -- a real HanLP model, trained here ----------------------------------------------------------

#: Organisations the annotation guidelines list as not places, as written in the bundled reports.
ORGANISATIONS = ["晋中职业技术学院", "山西警官职业学院", "正阳污水厂", "市第一人民医院"]


@pytest.fixture(scope="module")
def training() -> list[tuple[str, list[tuple[int, int, str]]]]:
    return hb.training_sentences(read_jsonl(ROOT / "corpus" / "gold" / "seeds.jsonl"), organisations=ORGANISATIONS)


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory, training: list[Any]) -> Path:
    if not HAVE_HANLP:
        pytest.fail("GOVREPORT_REQUIRE_HANLP=1 but HanLP is not importable: run scripts/hanlp_env.sh")
    folder = tmp_path_factory.mktemp("hanlp")
    tsv = hb.write_tsv(training, folder / "train.tsv")
    return hb.train_rnn_ner(tsv, tsv, folder / "model", epochs=15)


@Language.component("test_rule_places")
def _rule_places(doc: Doc) -> Doc:
    """Stand-in for the rule PLACE tagger: 晋中 and 太原 wherever written, as admin places."""
    spans = []
    for word, code in (("晋中", "140700"), ("太原", "140100")):
        start = doc.text.find(word)
        while start >= 0:
            span = doc.char_span(start, start + 2, label="PLACE", alignment_mode="strict")
            if span is not None:
                span._.govreport_attrs = {"kind": "admin", "code": code}
                spans.append(span)
            start = doc.text.find(word, start + 2)
    doc.spans["place"] = sorted(spans, key=lambda s: s.start)
    return doc


def _pipeline(model: Path, segmenter: str = "char", **config: Any) -> Language:
    nlp = govreport_nlp.load(segmenter)
    if "govreport_places" in nlp.pipe_names:
        nlp.remove_pipe("govreport_places")
    nlp.add_pipe("test_rule_places", after="govreport_structure")
    nlp.add_pipe("govreport_hanlp_ner", after="test_rule_places", config={"model": str(model), **config})
    return nlp


def _sentence_with(training: list[Any], word: str) -> str:
    return next(s for s, _ in training if word in s)


@pytest.mark.hanlp
@pytest.mark.skipif(not HAVE_HANLP and not REQUIRE_HANLP, reason="HanLP not installed (scripts/hanlp_env.sh)")
class TestTinyModel:
    def test_model_is_loaded_from_its_folder_and_from_hanlp_home(
        self, tiny_model: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        assert (tiny_model / "config.json").is_file()
        monkeypatch.setenv("HANLP_HOME", str(tiny_model.parent))
        model = hb.load_model(tiny_model.name)
        assert type(model).__name__ == "RNNNamedEntityRecognizer"

    def test_inference_recovers_what_it_was_trained_on(self, tiny_model: Path, training: list[Any]) -> None:
        tagger = hb.HanLPTagger(hb.load_model(tiny_model))
        nlp = spacy.blank("zh")
        gold, found = set(), set()
        for i, (sentence, ents) in enumerate(training):
            doc = nlp.make_doc(sentence)
            pieces = [p for units in hb._units(doc, "char") for p in hb.chunk(units, 250)]
            found |= {(i, e.start, e.end, e.label) for e in tagger.entities(pieces)}
            gold |= {(i, a, b, label) for a, b, label in ents}
        assert len(gold & found) / len(gold) >= 0.9

    @pytest.mark.parametrize("policy", ["veto", "keep", "mark"])
    def test_organisation_policy_in_a_pipeline(self, tiny_model: Path, training: list[Any], policy: str) -> None:
        text = _sentence_with(training, "晋中职业技术学院")
        nlp = _pipeline(tiny_model, org_policy=policy)
        doc = nlp(text)
        org_start = text.index("晋中职业技术学院")
        inside = [s for s in doc.spans["place"] if s.start_char == org_start]
        if policy == "veto":
            assert inside == []
        else:
            assert [s.text for s in inside] == ["晋中"]
            marked = inside[0]._.govreport_attrs.get("hanlp_organization")
            assert marked == ("晋中职业技术学院" if policy == "mark" else None)

    @pytest.mark.parametrize("segmenter", ["char", "jieba"])
    def test_new_places_are_linked_marked_and_whole_tokens(
        self, tiny_model: Path, training: list[Any], segmenter: str
    ) -> None:
        text = _sentence_with(training, "百草坡植物园") + _sentence_with(training, "太原榆次太谷城市核")
        doc = _pipeline(tiny_model, segmenter)(text)
        by_text = {s.text: s._.govreport_attrs for s in doc.spans["place"]}
        # every PLACE attribute is present (schema govreport-nlp/2), the backend's own marks beside them
        marks = {"kind": "site", "source": "hanlp", "hanlp_label": "NS"}
        assert by_text["潇河湿地公园"] == canonical_attrs("PLACE", marks)
        assert by_text["榆次"]["code"] == "140702" and by_text["榆次"]["source"] == "hanlp"
        assert by_text["太原"] == canonical_attrs("PLACE", {"kind": "admin", "code": "140100"})  # the rule span stays
        for group, spans in doc.spans.items():
            for span in spans:
                assert span.text == doc.text[span.start_char : span.end_char], group
        data = govreport_nlp.doc_to_json(doc, schema=True)
        assert all(data["text"][s["start"] : s["end"]] == s["text"] for s in data["spans"])

    def test_saved_pipeline_keeps_the_model_path(self, tiny_model: Path, training: list[Any], tmp_path: Path) -> None:
        nlp = _pipeline(tiny_model)
        nlp.remove_pipe("test_rule_places")
        nlp.to_disk(tmp_path / "pipeline")
        text = _sentence_with(training, "太原榆次太谷城市核")
        again = spacy.load(tmp_path / "pipeline")
        assert again.get_pipe_config("govreport_hanlp_ner")["model"] == str(tiny_model)
        doc, doc_again = nlp(text), again(text)
        assert any(s._.govreport_attrs.get("source") == "hanlp" for s in doc.spans["place"])
        assert [(s.text, s._.govreport_attrs) for s in doc_again.spans["place"]] == [
            (s.text, s._.govreport_attrs) for s in doc.spans["place"]
        ]

    def test_evaluate_command_scores_the_pipeline_with_the_model(self, tiny_model: Path, tmp_path: Path) -> None:
        """`govreport-nlp evaluate --hanlp-model` gives the before/after figures of docs/hanlp.md."""
        from typer.testing import CliRunner

        from govreport_nlp.cli import app

        gold = ROOT / "corpus" / "gold" / "seeds.jsonl"
        args = ["evaluate", str(gold), "--segmenter", "char", "--json"]
        before = CliRunner().invoke(app, args)
        after = CliRunner().invoke(app, [*args, "--hanlp-model", str(tiny_model)])
        assert before.exit_code == 0 and after.exit_code == 0, after.output
        place_before = json.loads(before.stdout)["splits"]["dev"]["labels"]["PLACE"]["exact"]
        place_after = json.loads(after.stdout)["splits"]["dev"]["labels"]["PLACE"]["exact"]
        assert place_after["pred"] > place_before["pred"]  # the model adds places the rules did not find

        out = tmp_path / "out.jsonl"
        report = ROOT / "corpus" / "reports" / "changzhi-2023.txt"
        result = CliRunner().invoke(app, ["annotate", str(report), "--segmenter", "char", "--out", str(out),
                                          "--hanlp-model", str(tiny_model), "--hanlp-org-policy", "mark"])
        assert result.exit_code == 0, result.output
        (data,) = read_jsonl(out)
        assert any(s["attrs"].get("source") == "hanlp" for s in data["spans"] if s["label"] == "PLACE")

    def test_nothing_is_downloaded_while_loading(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from hanlp.utils import io_util

        monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
        with hb._offline(), pytest.raises(ModelNotFoundError, match="never downloads"):
            io_util.get_resource("https://file.example/hanlp/ner/model.zip", save_dir="/nonexistent")
        assert os.environ["HF_HUB_OFFLINE"] == "1"
        assert io_util.download.__name__ == "download"  # restored afterwards
