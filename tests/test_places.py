"""The PLACE tagger: real sentences with expected spans and codes, the hard cases, linking, tokens."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from govreport_nlp import annotate, load
from govreport_nlp.ingest.prepare import prepare
from govreport_nlp.taggers.places.rules import PlaceRules, PlaceTables
from govreport_nlp.taggers.places.table import mentions_per_place, place_rows

CASES = Path(__file__).parent / "data" / "place_cases.tsv"

#: The report each case's source file is: (place, year) as the report states them.
REPORTS = {
    "jinzhong-2024-review": ("晋中市", 2024),
    "jinzhong-2024-plan": ("晋中市", 2024),
    "jinzhong-2022-news": ("晋中市", 2022),
    "jinzhong-traditional": ("晋中市", 2013),
    "changzhi-2023": ("长治市", 2023),
}

#: Cases the rules do not get right yet, with the reason (docs/places.md, "Known misses").
KNOWN_MISSES = {
    "“祁太平”": "contracted one-character county lists (祁太平) are not split",
    "港深机场铁路": "an unknown four-character stem before 铁路 is not taken",
    "风情滨河路": "a generic street plural (两条风情滨河路) is taken as a name",
    "新北出口路": "出口 inside a road name looks like a facility",
}


def _report_of(source: str) -> tuple[str, int | None]:
    name = Path(source).name.split(".")[0]
    if name in REPORTS:
        return REPORTS[name]
    year = re.search(r"(\d{4})", name)
    return ("海拉尔区" if "hailar" in name else "中国", int(year.group(1)) if year else None)


def _cases() -> list[pytest.param]:
    rows = []
    with CASES.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            source, sentence, expected = (line.rstrip("\n").split("\t") + [""])[:3]
            marks = [pytest.mark.xfail(reason=why, strict=True) for key, why in KNOWN_MISSES.items() if key in sentence]
            case_id = f"{Path(source).stem}:{sentence[:12]}"
            rows.append(pytest.param(source, sentence, expected, marks=marks, id=case_id))
    return rows


@pytest.fixture(scope="module")
def rules() -> PlaceRules:
    return PlaceRules()


def tag(rules: PlaceRules, sentence: str, place: str | None = None, year: int | None = None) -> list[str]:
    """`surface@start:kind:code` for each PLACE in a user's sentence (offsets into it)."""
    prepared = prepare(sentence, clean=False)
    out = []
    for found in rules.find(prepared.text, place=place, year=year):
        start, end = prepared.offsets.to_source(found.start, found.end)
        out.append(f"{sentence[start:end]}@{start}:{found.attrs['kind']}:{found.attrs.get('code') or '-'}")
    return out


@pytest.mark.parametrize(("source", "sentence", "expected"), _cases())
def test_real_sentences(rules: PlaceRules, source: str, sentence: str, expected: str) -> None:
    place, year = _report_of(source)
    assert tag(rules, sentence, place, year) == [x for x in expected.split("|") if x]


def test_the_case_table_has_forty_real_sentences_at_least() -> None:
    assert len(_cases()) >= 40


@pytest.mark.parametrize(
    ("text", "place", "year", "expected"),
    [
        ("青海西宁曹家堡", None, 2020, ["青海西宁@0:admin:630100"]),  # no 海西 inside
        ("改造太原路和迎泽大街", "太原市", 2020, ["太原路@2:route:-", "迎泽大街@6:route:-"]),
        ("晋中市委市政府高度重视", "晋中市", 2024, []),
        ("“有机旱作·晋品”品牌", "晋中市", 2024, []),
        ("华北豹种群密度全省最高", "晋中市", 2024, []),
        ("太谷县农业", "晋中市", 2013, ["太谷县@0:admin:140726"]),
        ("太谷县农业", "晋中市", 2022, ["太谷县@0:admin:140703"]),  # renamed 太谷区 in 2019
        ("太谷区农业", "晋中市", 2022, ["太谷区@0:admin:140703"]),
        ("山西省晋中市平遥县", None, 2023, ["山西省晋中市平遥县@0:admin:140728"]),
        ("加强投资中心建设", None, 2023, []),  # 资中 crossed by 投资
        ("社会长治久安", None, 2023, []),  # 长治 covered by 长治久安
        ("发展互助合作", "中国", 1954, []),  # 互助, 合作: county names that are ordinary words
        ("大力实施黄河流域生态保护", None, 2024, ["黄河@4:natural:-"]),
    ],
)
def test_hard_cases(rules: PlaceRules, text: str, place: str | None, year: int, expected: list[str]) -> None:
    assert tag(rules, text, place, year) == expected


def test_same_name_in_several_cities_is_linked_near_the_report_and_keeps_candidates(rules: PlaceRules) -> None:
    (nanjing,) = rules.find("鼓楼区", place="南京市", year=2023)
    assert nanjing.attrs["code"] == "320106" and "candidates" not in nanjing.attrs
    (fuzhou,) = rules.find("鼓楼区", place="福州市", year=2023)
    assert fuzhou.attrs["code"] == "350102"
    (unsure,) = rules.find("鼓楼区", place="中国", year=2023)
    assert {c["code"] for c in unsure.attrs["candidates"]} >= {"320106", "350102", "410204"}


def test_chain_below_county_takes_the_village_level_and_the_known_full_name(rules: PlaceRules) -> None:
    (found,) = rules.find("平遥横坡入选", place="晋中市", year=2024)
    assert found.attrs == {"kind": "admin", "level": "village", "full_name": "山西省晋中市平遥县横坡村", "code": None}


def test_a_bare_common_word_name_needs_the_reports_province(rules: PlaceRules) -> None:
    assert [f.attrs["code"] for f in rules.find("和顺、昔阳", place="晋中市", year=2024)] == ["140723", "140724"]
    assert rules.find("平安和顺", place="中国", year=2024) == []


def test_tables_travel_with_a_saved_pipeline(tmp_path: Path) -> None:
    nlp = load("char")
    nlp.to_disk(tmp_path / "p")
    lexicon = tmp_path / "p" / "govreport_places" / "place_lexicon.tsv"
    assert "绵山" in lexicon.read_text(encoding="utf-8")
    lexicon.write_text("# name\tkind\tparent_code\tnote\tsource\n测试河\tnatural\t\t\ttest\n", encoding="utf-8")
    reloaded = load(path=tmp_path / "p")
    spans = annotate("整治测试河和绵山", nlp=reloaded, clean=False)["spans"]
    assert [s["text"] for s in spans if s["label"] == "PLACE"] == ["测试河"]  # 绵山 was only in the old lexicon


def test_default_tables_are_package_data() -> None:
    tables = PlaceTables.default()
    assert tables.lexicon and tables.suffixes and tables.stopwords and tables.words


@pytest.mark.parametrize("segmenter", ["char", "jieba"])
def test_spans_do_not_depend_on_the_segmenter(segmenter: str, reports: list[tuple[str, str]]) -> None:
    nlp = load(segmenter, shared=True)
    from govreport_nlp.annotate import process

    texts = dict(reports)
    doc = process(nlp, texts["jinzhong-2024-review"])
    spans = list(doc.spans["place"])
    assert spans and all(s.text == doc.text[s.start_char : s.end_char] for s in spans)
    reference = process(load("char", shared=True), texts["jinzhong-2024-review"])
    assert [(s.start_char, s.end_char) for s in spans] == [(s.start_char, s.end_char) for s in reference.spans["place"]]
    assert {"平遥横坡", "昔阳大寨", "祁县修善"} <= {s.text for s in spans}


def test_exported_place_spans_point_into_the_users_text(reports: list[tuple[str, str]]) -> None:
    text = dict(reports)["jinzhong-traditional"]
    data = annotate(text, nlp=load("char", shared=True))
    places = [s for s in data["spans"] if s["label"] == "PLACE"]
    assert places and all(text[s["start"] : s["end"]] == s["text"] for s in places)
    assert any(s["text"] == "太谷縣" for s in places)  # Traditional stays as written


def test_rows_and_counts_per_place(reports: list[tuple[str, str]]) -> None:
    nlp = load("char", shared=True)
    texts = dict(reports)
    docs = [annotate(texts[name], nlp=nlp, doc_id=name) for name in ("jinzhong-2024-review", "changzhi-2023")]
    rows = place_rows(docs)
    assert {r["doc_id"] for r in rows} == {"jinzhong-2024-review", "changzhi-2023"}
    counts = mentions_per_place(rows)
    top = counts[0]
    assert top["doc_id"] == "changzhi-2023" and top["code"] == "140400" and top["mentions"] >= 2
    jinzhong = {r["code"]: r["mentions"] for r in counts if r["doc_id"] == "jinzhong-2024-review"}
    assert jinzhong["140700"] == sum(1 for r in rows if r["code"] == "140700" and r["doc_id"] == "jinzhong-2024-review")


def test_rows_refuse_what_is_not_a_document() -> None:
    from govreport_nlp.errors import InputError

    with pytest.raises(InputError):
        place_rows([{"text": "x"}])


def test_case_file_is_well_formed() -> None:
    with CASES.open(encoding="utf-8") as handle:
        rows = [r for r in csv.reader(handle, delimiter="\t") if r and not r[0].startswith("#")]
    assert all(len(r) in (2, 3) for r in rows)
