"""Looking places up in the gazetteer: aliases, years, ambiguity, chains."""

from __future__ import annotations

import pytest

from govreport_nlp.taggers.places.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


@pytest.mark.parametrize(
    ("alias", "year", "near", "code"),
    [
        ("平遥", 2024, "140700", "140728"),
        ("平遥县", None, None, "140728"),
        ("晋中", 2024, None, "140700"),
        ("晋中市", 2023, None, "140700"),
        ("山西", None, None, "140000"),
        ("长治", 2023, None, "140400"),
        ("榆次", 2024, "140700", "140702"),
        ("太谷", 2015, "140700", "140726"),   # 太谷县 until 2019
        ("太谷", 2022, "140700", "140703"),   # 太谷区 since 2019
        ("太谷县", 2022, "140700", "140703"),  # an old name after the change: the current division
        ("海拉尔区", 2016, "150700", "150702"),
        ("内蒙古", None, None, "150000"),
        ("广西", None, None, "450000"),
        ("吉林", None, None, "220000"),        # the province before the city of the same name
        ("吉林", None, "220200", "220200"),    # ... unless the report is the city's
    ],
)
def test_first_candidate(gaz, alias, year, near, code):
    assert gaz.candidates(alias, year=year, near=near)[0].code == code


def test_same_name_in_several_cities_gives_ranked_candidates(gaz):
    found = gaz.candidates("鼓楼区")
    assert len(found) >= 4 and len({d.parent for d in found}) == len(found)
    assert gaz.candidates("鼓楼区", near="320100")[0].code.startswith("3201")  # 南京市鼓楼区


def test_chain_and_full_names(gaz):
    pingyao = gaz.get("140728")
    assert pingyao is not None and pingyao.full_name == "山西省晋中市平遥县"
    assert [d.name for d in gaz.chain(pingyao)] == ["山西省", "晋中市", "平遥县"]
    hailar = gaz.get("150702", year=2016)
    assert [d.code for d in gaz.chain(hailar)] == ["150000", "150700", "150702"]


def test_unknown_alias_and_code(gaz):
    assert gaz.candidates("华北豹") == []
    assert gaz.get("999999") is None
    assert "平遥" in gaz.aliases() and "晋品" not in gaz.aliases()
