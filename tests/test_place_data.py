"""Shape and consistency of the PLACE data: the lexicon, suffix rules, stop list and test cases.

The tagger trusts these tables; a wrong kind, a code the gazetteer does not know, an offset
that does not land on its surface or a "verbatim" sentence that is not in its source would
silently become a wrong span, so each is checked here.
"""

from __future__ import annotations

import csv
import re
from importlib import resources
from pathlib import Path

import pytest
from paths import REPORTS, ROOT, SHARED_CORPUS, needs_shared

from govreport_nlp.taggers.places.gazetteer import Gazetteer

LEXICON_KINDS = {"natural", "region", "site", "zone", "route", "township", "village"}
SPAN_KINDS = {"admin", "natural", "region", "site", "zone", "route"}
CASES = ROOT / "tests" / "data" / "place_cases.tsv"
# docs/annotation.md: the Traditional report writes its year as 20xx; its codes are those of 2013.
UNDATED_REPORT_YEAR = 2013


def _table(text: str, columns: list[str]) -> tuple[list[str], list[dict[str, str]]]:
    """Comment lines and rows of a TSV whose last comment line names its columns."""
    lines = text.splitlines()
    comments = [line for line in lines if line.startswith("#")]
    assert comments and comments[-1] == "# " + "\t".join(columns), comments[-1:]
    rows = []
    for line in lines:
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        assert len(cells) == len(columns), line
        rows.append(dict(zip(columns, cells, strict=True)))
    return comments, rows


def _data(name: str, columns: list[str]) -> tuple[list[str], list[dict[str, str]]]:
    return _table(resources.files("govreport_nlp.data").joinpath(name).read_text(encoding="utf-8"), columns)


LEX_COMMENTS, LEXICON = _data("place_lexicon.tsv", ["name", "kind", "parent_code", "note", "source"])
_, SUFFIXES = _data("place_suffixes.tsv", ["suffix", "kind", "min_stem", "max_stem", "note"])
_, STOPWORDS = _data("place_stopwords.tsv", ["word", "reason", "match"])
CASE_COMMENTS, CASE_ROWS = _table(CASES.read_text(encoding="utf-8"), ["source", "sentence", "expected"])


def test_lexicon_rows_are_valid_unique_and_sorted() -> None:
    assert len(LEXICON) >= 300
    names = [row["name"] for row in LEXICON]
    assert len(names) == len(set(names)), "duplicate names"
    order = ["natural", "region", "site", "zone", "route", "township", "village"]
    keys = [(order.index(row["kind"]), row["name"]) for row in LEXICON]
    assert keys == sorted(keys), "rows are sorted by kind, then name"
    for row in LEXICON:
        assert row["kind"] in LEXICON_KINDS, row
        assert row["name"] == row["name"].strip() and row["name"], row
        assert row["source"] and row["note"], row


def test_lexicon_parent_codes_exist_in_the_gazetteer() -> None:
    gazetteer = Gazetteer.default()
    for row in LEXICON:
        if row["parent_code"]:
            assert re.fullmatch(r"\d{6}", row["parent_code"]), row
            assert gazetteer.get(row["parent_code"]) is not None, row


def test_lexicon_has_the_cases_the_issue_names() -> None:
    kinds = {row["name"]: row["kind"] for row in LEXICON}
    for name, kind in [
        ("汾河", "natural"),
        ("海河", "natural"),
        ("太行山", "natural"),
        ("京津冀", "region"),
        ("山西中部城市群", "region"),
        ("平遥古城", "site"),
        ("绵山", "site"),
        ("晋中国家农高区", "zone"),
        ("郑太高铁", "route"),
        ("横坡", "village"),
    ]:
        assert kinds.get(name) == kind, name


def _source_text(source: str) -> str:
    """The decoded text of a case's source file, with CRLF folded to LF."""
    path = ROOT / source if source.startswith("corpus/") else SHARED_CORPUS / source
    data = path.read_bytes()
    return (data.decode("gbk") if source.startswith("county-gbk/") else data.decode("utf-8")).replace("\r\n", "\n")


@needs_shared
def test_lexicon_sources_name_files_that_contain_the_name() -> None:
    from govreport_nlp.ingest.normalize import normalize

    texts: dict[str, str] = {}
    for row in LEXICON:
        source = row["source"].split(" (")[0]
        if source.startswith("general knowledge:") or not source.endswith(".txt"):
            continue
        if source not in texts:
            texts[source] = normalize(_source_text(source)).text
        assert row["name"] in texts[source], row


def test_suffix_rules_are_valid() -> None:
    suffixes = [row["suffix"] for row in SUFFIXES]
    assert len(suffixes) == len(set(suffixes))
    for row in SUFFIXES:
        assert row["kind"] in LEXICON_KINDS, row
        assert 0 <= int(row["min_stem"]) <= int(row["max_stem"]), row
    for suffix in [
        "河",
        "湖",
        "山",
        "高铁",
        "高速",
        "路",
        "开发区",
        "新区",
        "工业园区",
        "古城",
        "湿地公园",
        "植物园",
        "风景区",
        "镇",
        "乡",
        "村",
    ]:
        assert suffix in suffixes, suffix


def test_stop_list_is_valid_and_covers_the_guidelines() -> None:
    words = {row["word"]: row["match"] for row in STOPWORDS}
    assert len(words) == len(STOPWORDS)
    assert all(row["match"] in {"exact", "suffix"} and row["reason"] for row in STOPWORDS)
    for word, match in [
        ("晋品", "exact"),
        ("华北豹", "exact"),
        ("中国式", "exact"),
        ("全省", "exact"),
        ("市城区", "exact"),
        ("县城", "exact"),
        ("人民政府", "suffix"),
        ("市委", "suffix"),
        ("大学", "suffix"),
        ("医院", "suffix"),
        ("污水厂", "suffix"),
    ]:
        assert words.get(word) == match, word


def _spans(expected: str) -> list[tuple[str, int, str, str]]:
    out = []
    for item in expected.split("|") if expected else []:
        match = re.fullmatch(r"(.+)@(\d+):(\w+):(\d{6}|-)", item)
        assert match, item
        out.append((match[1], int(match[2]), match[3], match[4]))
    return out


def _year(source: str) -> int:
    found = re.search(r"(\d{4})", Path(source).name)
    if found:
        return int(found[1])
    with (REPORTS / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        years = {row["file"]: row["year"] for row in csv.DictReader(fh, delimiter="\t")}
    return int(years[Path(source).name] or UNDATED_REPORT_YEAR)


def test_cases_are_many_enough_and_well_formed() -> None:
    assert len(CASE_ROWS) >= 60
    assert sum(1 for row in CASE_ROWS if not row["expected"]) >= 10, "hard negatives"
    assert len({(row["source"], row["sentence"]) for row in CASE_ROWS}) == len(CASE_ROWS)
    assert any(line.startswith("# ruling:") for line in CASE_COMMENTS)


@pytest.mark.parametrize("row", CASE_ROWS, ids=lambda row: row["sentence"][:12])
def test_case_spans_land_on_their_surface_and_do_not_overlap(row: dict[str, str]) -> None:
    end = 0
    for surface, start, kind, code in _spans(row["expected"]):
        assert row["sentence"][start : start + len(surface)] == surface
        assert start >= end, "spans overlap or are out of order"
        end = start + len(surface)
        assert kind in SPAN_KINDS
        assert code == "-" or kind == "admin", "only admin spans carry codes"


@pytest.mark.parametrize("row", [r for r in CASE_ROWS if ":admin:" in r["expected"]], ids=lambda r: r["sentence"][:12])
def test_case_codes_exist_in_the_report_year(row: dict[str, str]) -> None:
    gazetteer = Gazetteer.default()
    year = _year(row["source"])
    for surface, _, kind, code in _spans(row["expected"]):
        if kind == "admin" and code != "-":
            assert gazetteer.get(code, year=year) is not None, (surface, code, year)


def test_hard_cases_are_pinned() -> None:
    expected = {row["sentence"]: row["expected"] for row in CASE_ROWS}

    def case(fragment: str) -> str:
        found = [exp for sentence, exp in expected.items() if fragment in sentence]
        assert len(found) == 1, fragment
        return found[0]

    assert "平遥横坡@0:admin:-" in case("平遥横坡、昔阳大寨")
    assert case("华北豹种群") == "" and case("有机旱作·晋品") == ""
    assert case("海河流域60年") == "海河@7:natural:-"
    assert "太谷縣@2:admin:140726" in case("推進太谷縣")
    assert "太谷@106:admin:140703" in case("平遥、太谷PM2.5")
    assert case("太原晋中一体化发展按下") == "太原@0:admin:140100|晋中@2:admin:140700"
    assert _spans(case("青海西宁曹家堡"))[0] == ("青海西宁", 0, "admin", "630100")  # one chain, no 海西


def _case_sources() -> list[str]:
    return sorted({row["source"] for row in CASE_ROWS})


@pytest.mark.parametrize("source", _case_sources())
def test_case_sentences_occur_verbatim_in_their_source(source: str) -> None:
    if not source.startswith("corpus/") and not SHARED_CORPUS.exists():
        pytest.skip("shared/ corpus not on this machine")
    text = _source_text(source)
    for row in CASE_ROWS:
        if row["source"] == source:
            assert row["sentence"] in text, row["sentence"][:30]
