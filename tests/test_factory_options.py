"""The options a spaCy user expects of our factories: `spans_key` on every tagger (where it
writes, as SpanRuler's), and a user's own PLACE lexicon, PLACE gazetteer and PROGRAM lexicon
rows (the bundled tables' TSV format), merged with ours and kept by `nlp.to_disk`/`spacy.load`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import spacy

import govreport_nlp
from govreport_nlp.errors import ConfigError

#: Sentences of the reports (晋中 2024, national 2025) with what the bundled tables miss.
JINZHONG = "保护王家大院、乔家大院和绵山风景区，推进古陶镇、杜家庄乡美丽乡村建设。"
NATIONAL = "加快标志性项目落地，持续打造“投资中国”品牌。推动自贸试验区提质增效和扩大改革任务授权。"

#: One row each, in the format of data/place_lexicon.tsv, data/place_gazetteer.tsv and data/program_lexicon.tsv.
PLACE_ROWS = "# name\tkind\tparent_code\tnote\tsource\n乔家大院\tsite\t140727\tQiao family compound, 祁县\tuser\n"
GAZETTEER_ROWS = "140728100000\t古陶镇\t古陶\ttownship\t140728\t\t\t山西省晋中市平遥县古陶镇\n"
PROGRAM_ROWS = "投资中国\t投资中国\tinitiative\tinward investment brand\tnational_china_2025.txt\n"


@pytest.fixture
def tables(tmp_path: Path) -> dict[str, str]:
    files = {"places": PLACE_ROWS, "gazetteer": GAZETTEER_ROWS, "programs": PROGRAM_ROWS}
    for name, rows in files.items():
        (tmp_path / f"{name}.tsv").write_text(rows, encoding="utf-8")
    return {name: str(tmp_path / f"{name}.tsv") for name in files}


def _config(tables: dict[str, str]) -> dict[str, dict[str, str]]:
    return {
        "govreport_places": {"lexicon": tables["places"], "gazetteer": tables["gazetteer"]},
        "govreport_programs": {"lexicon": tables["programs"]},
    }


def _places(doc) -> dict[str, tuple[str | None, str | None]]:
    return {s.text: (s._.govreport_attrs["kind"], s._.govreport_code) for s in doc.spans["place"]}


def test_without_user_rows_the_bundled_tables_miss_these_names():
    nlp = govreport_nlp.load()
    places = _places(nlp(JINZHONG))
    assert "乔家大院" not in places and places["古陶镇"] == ("admin", None)
    doc = nlp(NATIONAL)
    assert not doc.spans["program"]


def test_user_rows_add_to_the_bundled_tables(tables):
    nlp = govreport_nlp.load(config=_config(tables))
    places = _places(nlp(JINZHONG))
    assert places["乔家大院"] == ("site", None)  # the lexicon row
    assert places["古陶镇"] == ("admin", "140728100000")  # the gazetteer row: linked, with its code
    assert places["杜家庄乡"] == ("admin", None) and "绵山风景区" in places  # the bundled rows still work
    doc = nlp(NATIONAL)
    assert [(s.text, s._.govreport_canonical) for s in doc.spans["program"]] == [("投资中国", "投资中国")]
    other = govreport_nlp.load()(NATIONAL)
    assert not other.spans["program"]  # nobody else's pipeline changed


def test_add_pipe_takes_the_same_options(tables):
    nlp = govreport_nlp.load()
    nlp.replace_pipe("govreport_programs", "govreport_programs", config={"lexicon": tables["programs"]})
    doc = nlp(NATIONAL)
    assert [s.text for s in doc.spans["program"]] == ["投资中国"]


def test_a_saved_pipeline_keeps_the_user_rows_without_the_files(tables, tmp_path):
    nlp = govreport_nlp.load(config=_config(tables))
    nlp.to_disk(tmp_path / "pipeline")
    for file in tables.values():
        Path(file).unlink()  # another machine: the files are not there, the saved tables are
    code = (
        "import spacy; nlp = spacy.load({!r}); doc = nlp({!r}); doc2 = nlp({!r});"
        "print(sorted((s.text, s.kb_id_) for s in doc.spans['place']), [s.text for s in doc2.spans['program']])"
    ).format(str(tmp_path / "pipeline"), JINZHONG, NATIONAL)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "('乔家大院', '')" in result.stdout and "('古陶镇', '140728100000')" in result.stdout
    assert result.stdout.rstrip().endswith("['投资中国']")


def test_spans_key_says_where_each_layer_is_written_and_the_rest_follows():
    keys = {"govreport_places": "地名", "govreport_programs": "programmes", "govreport_quantities": "数量",
            "govreport_commitments": "承诺"}
    nlp = govreport_nlp.load(config={name: {"spans_key": key} for name, key in keys.items()})
    text = "确保粮食产量保持在31.1亿斤以上，推进长治“百乡千村”治理行动。"
    doc = nlp(text)
    assert [s.text for s in doc.spans["数量"]] == ["31.1亿斤以上"]
    assert [s.text for s in doc.spans["地名"]] == ["长治"] and [s.text for s in doc.spans["programmes"]] == ["百乡千村"]
    assert not {"place", "program", "quantity", "commitment"} & set(doc.spans)
    (commitment,) = [s for s in doc.spans["承诺"] if s._.govreport_targets]  # it found the quantities
    assert doc.spans["数量"][0]._.govreport_commitment == commitment
    assert govreport_nlp.doc_to_json(doc)["spans"] == govreport_nlp.annotate(text)["spans"]  # same export
    assert {e.label_ for e in doc.ents} >= {"PLACE", "QUANTITY"}


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"govreport_places": {"lexicon": "no/such/places.tsv"}}, "no such file: PLACE lexicon"),
        ({"govreport_programs": {"lexicon": "no/such/programs.tsv"}}, "no such file: PROGRAM lexicon"),
    ],
)
def test_a_missing_file_is_a_clear_error_when_the_pipeline_runs(config, message):
    nlp = govreport_nlp.load(config=config)
    with pytest.raises(ConfigError, match=message):
        nlp("推进乡村振兴。")


def test_bad_rows_and_unknown_components_are_refused(tmp_path):
    (tmp_path / "bad.tsv").write_text("投资中国\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="govreport_programs"):
        govreport_nlp.load(config={"govreport_programs": {"lexicon": str(tmp_path / "bad.tsv")}})
    with pytest.raises(ConfigError, match="8 columns"):
        govreport_nlp.load(config={"govreport_places": {"gazetteer": str(tmp_path / "bad.tsv")}})
    with pytest.raises(ConfigError, match="unknown components"):
        govreport_nlp.load(config={"govreport_placez": {"lexicon": "x.tsv"}})
    with pytest.raises(ConfigError, match="saved"):
        govreport_nlp.load(shared=True, config={"govreport_places": {"spans_key": "x"}})


def test_spacy_config_validation_names_an_unknown_option():
    nlp = spacy.blank("zh")
    with pytest.raises(Exception, match="lexikon"):
        nlp.add_pipe("govreport_programs", config={"lexikon": "x.tsv"})
