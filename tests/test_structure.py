"""Report structure on real reports: headings and levels, orientation, place and year, sentences.

Cases come from the bundled seeds (corpus/reports) and, when it is present, the shared
corpus (52 national reports, 8 county reports in GBK). National texts only have CR
replaced (what the brief asks); county texts are decoded from GBK the same way.
"""

from __future__ import annotations

import re
from pathlib import Path

import opencc
import pytest

from govreport_nlp.ingest.structure import (
    PLAN,
    REVIEW,
    Section,
    find_sections,
    orientation_at,
    report_place_year,
    sentence_spans,
)

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "corpus" / "reports"
SHARED = Path(__file__).resolve().parents[2] / "shared"
NATIONAL = SHARED / "corpus" / "national"
COUNTY = SHARED / "corpus" / "county-gbk"
WS = " \t\r\n\u3000\u00a0\u200b\u200d\ufeff"

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="the shared corpus is not on this machine")


def seed(name: str) -> str:
    return (REPORTS / name).read_text(encoding="utf-8")


def national(year: int) -> str:
    return (NATIONAL / f"national_china_{year}.txt").read_text(encoding="utf-8").replace("\r", " ")


def county(year: int) -> str:
    return (COUNTY / f"county_hailar_{year}.gbk.txt").read_bytes().decode("gbk").replace("\r", " ")


def heading(text: str, section: Section) -> str:
    return text[section.start : section.heading_end]


def by_heading(sections: list[Section], text: str, wanted: str) -> Section:
    found = [s for s in sections if heading(text, s) == wanted]
    assert len(found) == 1, (wanted, [heading(text, s) for s in sections])
    return found[0]


def national_years() -> list[int]:
    if not NATIONAL.is_dir():
        return []
    return sorted(int(re.search(r"(\d{4})", p.name).group(1)) for p in NATIONAL.glob("national_china_*.txt"))


def county_years() -> list[int]:
    if not COUNTY.is_dir():
        return []
    return sorted(int(re.search(r"(\d{4})", p.name).group(1)) for p in COUNTY.glob("county_hailar_*.gbk.txt"))


# ---------------------------------------------------------------------------------------
# Headings and levels
# ---------------------------------------------------------------------------------------

CHANGZHI_HEADINGS = [
    (2, "(五)", "全面推进乡村振兴战略", ("(五)全面推进乡村振兴战略",)),
    (2, "(六)", "强力推进生态环境保护", ("(六)强力推进生态环境保护",)),
    (2, "(七)", "大力推进民生事业发展", ("(七)大力推进民生事业发展",)),
    (2, "(八)", "不断加强政府自身建设", ("(八)不断加强政府自身建设",)),
    (1, "二、", "2023年工作安排", ("二、2023年工作安排",)),
]


def test_changzhi_headings_exactly() -> None:
    """Every heading and nothing else: 2023年 at a line start, 4.3米, "2+26" are prose."""
    text = seed("changzhi-2023.txt")
    got = [(s.level, s.marker, s.title, s.path) for s in find_sections(text)]
    assert got == CHANGZHI_HEADINGS


def test_changzhi_section_extent() -> None:
    text = seed("changzhi-2023.txt")
    sections = find_sections(text)
    eighth = by_heading(sections, text, "(八)不断加强政府自身建设")
    # (八) runs over the closing review paragraphs up to the next level-1 heading
    assert text[eighth.end :].lstrip(WS).startswith("二、2023年工作安排")
    assert text[: eighth.end].endswith("以更大力度认真加以解决。")
    fifth = by_heading(sections, text, "(五)全面推进乡村振兴战略")
    assert text[fifth.end :].lstrip(WS).startswith("(六)")


JINZHONG_ITEMS = [
    ("一是", "实现“一老一幼”普惠补贴全覆盖"),
    ("二是", "实施城乡养老和老年助餐幸福工程"),
    ("三是", "推动就业社保服务覆盖所有社区和行政村"),
    ("四是", "开展个体工商户保险保障工程"),
    ("五是", "免费送戏下乡进村1030场"),
    ("六是", "开展农村供水工程维修养护162处"),
    ("七是", "推进惠残扶助圆梦工程"),
    ("八是", "对2000名上消化道癌高风险人群开展内镜检查"),
    ("九是", "帮助既有住宅自愿加装电梯"),
    ("十是", "实施免费法律咨询和特殊群体法律援助惠民工程"),
    ("十一是", "保障多孩家庭子女同时段在同一所公办幼儿园就读"),
    ("十二是", "科学规划建设一批“家门口”“楼底下”的便民市场或便民经营点"),
    ("十三是", "加快市城区城市智慧路灯节能改造"),
    ("十四是", "实施市城区小街巷老旧排水管网及路面维修改造工程"),
    ("十五是", "新改造一批城镇老旧小区"),
]
JINZHONG_EIGHTH = "(八)坚定不移增进民生福祉,着力满足人民群众高品质生活新期待"


def test_jinzhong_plan_levels() -> None:
    text = seed("jinzhong-2024-plan.txt")
    sections = find_sections(text)
    assert [(s.level, s.marker) for s in sections] == [(2, "(七)"), (2, "(八)")] + [
        (4, marker) for marker, _ in JINZHONG_ITEMS
    ]
    seventh = sections[0]
    assert heading(text, seventh) == "(七)坚定不移改善生态环境,着力绘就美丽晋中新画卷"  # first sentence, no 。
    assert seventh.title == "坚定不移改善生态环境,着力绘就美丽晋中新画卷"
    assert text[seventh.end :].lstrip(WS).startswith(JINZHONG_EIGHTH)


@pytest.mark.parametrize(("marker", "title_start"), JINZHONG_ITEMS)
def test_jinzhong_plan_run_in_items(marker: str, title_start: str) -> None:
    """一是…十五是 in one paragraph: each item is its own level-4 section under (八)."""
    text = seed("jinzhong-2024-plan.txt")
    item = next(s for s in find_sections(text) if s.marker == marker)
    assert item.level == 4
    assert item.title.startswith(title_start)
    assert item.path == (JINZHONG_EIGHTH, marker + item.title)
    body = text[item.start : item.end]
    assert body.startswith(marker + title_start)
    assert body[-1] in ";。"  # an item ends with its clause, not with the next item or the paragraph


def test_jinzhong_last_item_stops_at_the_end_of_the_list() -> None:
    text = seed("jinzhong-2024-plan.txt")
    last = find_sections(text)[-1]
    assert text[last.start : last.end] == "十五是新改造一批城镇老旧小区。"


# Lines of real reports: (source, the line, expected (level, marker, title) or None).
LINES = [
    ("national 2024", "一、2023年工作回顾", (1, "一、", "2023年工作回顾")),
    ("national 2008", "一、 过去五年工作回顾", (1, "一、", "过去五年工作回顾")),
    ("national 1956", "一、１９５５年国家决算", (1, "一、", "１９５５年国家决算")),
    (
        "national 2024",
        "（一）大力推进现代化产业体系建设，加快发展新质生产力。",
        (2, "（一）", "大力推进现代化产业体系建设，加快发展新质生产力"),
    ),
    ("county 2016", "　　(四)政府自身建设取得新成效", (2, "(四)", "政府自身建设取得新成效")),
    (
        "national 1958",
        "（１）有步骤地实行半工半读的教育制度。中等学校",
        (3, "（１）", "有步骤地实行半工半读的教育制度"),
    ),
    ("national 2007", "——经济平稳快速增长。", (4, "——", "经济平稳快速增长")),
    ("national 2004", "———抗击非典取得重大胜利。", (4, "———", "抗击非典取得重大胜利")),
    (
        "national 2024",
        "一是加大宏观调控力度，推动经济运行持续好转。",
        (4, "一是", "加大宏观调控力度，推动经济运行持续好转"),
    ),
    ("national 1995", "一是", (4, "一是", "")),
    ("changzhi 2023", "  2023年是全面贯彻落实党的二十大精神的开局之年,是实施“十四五”规划承上启下的关键之年。", None),
    ("national 2014", "2.5", None),
    ("national 2014", "2", None),
    ("national 2017", "6700多公里、农村公路29.5万公里", None),
    ("county 2016", " ——2016年2月19日在海拉尔区第十四届人民代表大会第五次会议上", None),
    ("county 2017", "　—2017年2月11日在海拉尔区第十四届人民代表大会第六次会议上 ", None),
    ("jinzhong 2024 review", "坚持“六个一体化”,“三纵十横”交通路网中有9条道路实现或即将实现全线贯通。", None),
    ("jinzhong 2024 review", "市城区人口达到95.8万人,加速向百万人口城市迈进。", None),
    ("constructed: 1.01万人", "1.01万人次参加培训。", None),
    ("constructed: level 3", "1.加快发展现代农业", (3, "1.", "加快发展现代农业")),
    ("constructed: level 3", "2、深化改革", (3, "2、", "深化改革")),
]


@pytest.mark.parametrize(("source", "line", "expected"), LINES, ids=[f"{s}: {line[:12]}" for s, line, _ in LINES])
def test_heading_lines(source: str, line: str, expected: tuple[int, str, str] | None) -> None:
    sections = find_sections(line + "\n正文。\n")
    if expected is None:
        assert sections == []
    else:
        assert [(s.level, s.marker, s.title) for s in sections] == [expected]


def test_run_in_items_need_a_sentence_end_before_them() -> None:
    """jinzhong-traditional: 统一 / 一是 inside a clause is prose; after ：/。 it is an item."""
    text = "坚持统一是原则，我们坚持做好：一是稳增长；二是惠民生。"
    assert [s.marker for s in find_sections(text)] == ["一是", "二是"]


@needs_shared
def test_national_2024_headings() -> None:
    text = national(2024)
    level1 = [heading(text, s) for s in find_sections(text) if s.level == 1]
    assert level1 == ["一、2023年工作回顾", "二、2024年经济社会发展总体要求和政策取向", "三、2024年政府工作任务"]


# ---------------------------------------------------------------------------------------
# Invariants on every text we have
# ---------------------------------------------------------------------------------------


def all_texts() -> list[tuple[str, str]]:
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(REPORTS.glob("*.txt"))]
    texts += [(f"national {y}", national(y)) for y in national_years()]
    texts += [(f"county {y}", county(y)) for y in county_years()]
    return texts


@pytest.mark.parametrize(("name", "text"), all_texts(), ids=[n for n, _ in all_texts()])
def test_section_invariants(name: str, text: str) -> None:
    sections = find_sections(text)
    assert [s.start for s in sections] == sorted(s.start for s in sections)
    for s in sections:
        assert s.start < s.heading_end <= s.end <= len(text)
        assert text[s.start : s.start + len(s.marker)] == s.marker
        assert text[s.start : s.heading_end].strip(WS) == s.path[-1]
        assert s.path[-1].startswith(s.marker) and s.path[-1].endswith(s.title)
        assert text[s.end - 1] not in WS
        assert s.orientation in (REVIEW, PLAN, None)
        assert s.level in (1, 2, 3, 4)
    # sections nest: each one lies inside the sections on its path
    open_: list[Section] = []
    for s in sections:
        while open_ and open_[-1].level >= s.level:
            open_.pop()
        for outer in open_:
            assert outer.start < s.start and s.end <= outer.end, (name, outer.path, s.path)
        assert tuple(o.path[-1] for o in open_) == s.path[:-1]
        open_.append(s)


# ---------------------------------------------------------------------------------------
# Orientation
# ---------------------------------------------------------------------------------------


def test_changzhi_orientation() -> None:
    text = seed("changzhi-2023.txt")
    sections = find_sections(text)
    for *_, path in CHANGZHI_HEADINGS[:4]:  # (五)…(八): the review paragraphs
        assert by_heading(sections, text, path[-1]).orientation == REVIEW
    assert by_heading(sections, text, "二、2023年工作安排").orientation == PLAN
    assert orientation_at(sections, text.index("主要预期目标")) == PLAN
    assert orientation_at(sections, text.index("淘汰4座4.3米焦炉")) == REVIEW
    assert orientation_at(sections, text.index("过去一年,最令人难忘")) == REVIEW
    assert orientation_at(sections, 0, default="?") == "?"  # the title is in no section


def test_jinzhong_plan_orientation() -> None:
    text = seed("jinzhong-2024-plan.txt")
    sections = find_sections(text)
    assert {s.orientation for s in sections} == {PLAN}
    assert orientation_at(sections, text.index("十五是")) == PLAN


def test_jinzhong_review_orientation() -> None:
    text = seed("jinzhong-2024-review.txt")
    sections = find_sections(text)
    assert [s.marker for s in sections] == ["(四)", "(五)", "(六)"]
    assert {s.orientation for s in sections} == {REVIEW}


def test_traditional_seed_orientation() -> None:
    text = opencc.OpenCC("t2s").convert(seed("jinzhong-traditional.txt"))
    sections = find_sections(text)
    assert by_heading(sections, text, "一、20xx年工作回顾").orientation == REVIEW
    assert by_heading(sections, text, "二、20xx年工作安排").orientation == PLAN
    assert by_heading(sections, text, "三是城乡面貌发生新变化").orientation == REVIEW


ORIENTATION = [
    (2024, "一、2023年工作回顾", REVIEW),
    (2024, "二、2024年经济社会发展总体要求和政策取向", PLAN),
    (2024, "三、2024年政府工作任务", PLAN),
    (2024, "——经济总体回升向好", REVIEW),
    (2024, "（一）大力推进现代化产业体系建设，加快发展新质生产力", PLAN),
    (2006, "一、去年工作回顾", REVIEW),
    (2006, "二、今年主要任务", PLAN),
    # the year alone decides: 1955 < 1956 looks back, 1956 is the year planned
    (1956, "一、１９５５年国家决算", REVIEW),
    (1956, "二、１９５６年的国家预算", PLAN),
    (1956, "三、为实现１９５６年的国家预算而努力", PLAN),
    (1959, "一、第一个五年计划时期内和第二个五年计划的第一年——一九五八年的伟大成就", REVIEW),
    (1959, "二、我们在第二个五年计划的第二年——一九五九年经济战线上的任务", PLAN),
    # a heading naming both the past year and this year's work decides nothing: its
    # paragraphs are oriented one by one (the commitment tagger reads their language)
    (1994, "一、１９９３年国内工作的回顾和１９９４年工作的基本方针", None),
    (2013, "二、今年经济社会发展的总体要求、主要预期目标和宏观经济政策", PLAN),
    # results that mention targets are still results
    (2021, "三是坚决打好三大攻坚战，主要目标任务如期完成", REVIEW),
    (2004, "———就业超过预期目标", REVIEW),
    # a review item whose first sentence mentions 今年 keeps its part's orientation
    (2022, "一是保持宏观政策连续性针对性，推动经济运行保持在合理区间", REVIEW),
    # a plan part whose first sentence looks back is still a plan part
    (2009, "（七）推进政府自身建设，提高驾驭经济社会发展全局的能力", PLAN),
    # a dated reference is not a year cue: 1989年以后的债务 in a 1997 plan part
    (1997, "二是１９８９年以后的基本建设经营性基金形成的债务，逐步转为国家资本金", PLAN),
]


@needs_shared
@pytest.mark.parametrize(
    ("year", "wanted", "orientation"), ORIENTATION, ids=[f"{y} {h[:14]}" for y, h, _ in ORIENTATION]
)
def test_national_orientation(year: int, wanted: str, orientation: str) -> None:
    text = national(year)
    section = by_heading(find_sections(text), text, wanted)
    assert section.orientation == orientation


PROVINCIAL = SHARED / "corpus" / "provincial-2026"

# Heading styles of the provincial reports of 2026 and of older national reports: the five-
# year plan a heading names (against the report's year), headings naming both the past and
# the plan, and unnumbered heading lines.
PROVINCIAL_ORIENTATION = [
    ("henan", "二、“十五五”时期主要目标任务", PLAN),
    ("hubei", "二、“十五五”时期工作的主要考虑", PLAN),
    ("shanghai", "二、关于《上海市国民经济和社会发展第十五个五年规划纲要（草案）》的说明", PLAN),
    ("heilongjiang", "一、2025年工作回顾和“十四五”时期发展成就", REVIEW),
    ("guangxi", "二、“十四五”时期发展成就和“十五五”时期主要目标任务", None),
    ("beijing", "二、“十四五”时期发展成就和“十五五”时期主要目标任务", None),
    # unnumbered heading lines; the numbered parts after a plan line look forward too
    ("neimenggu", "“十四五”时期发展成就和2025年工作回顾", REVIEW),
    ("neimenggu", "“十五五”时期主要目标和2026年重点工作", PLAN),
    ("neimenggu", "一、把铸牢中华民族共同体意识作为民族地区各项工作的主线", PLAN),
    ("neimenggu", "（二）更好统筹发展和安全，筑牢祖国北疆安全稳定屏障", PLAN),
]


@needs_shared
@pytest.mark.parametrize(
    ("name", "wanted", "orientation"),
    PROVINCIAL_ORIENTATION,
    ids=[f"{n} {h[:12]}" for n, h, _ in PROVINCIAL_ORIENTATION],
)
def test_provincial_orientation(name: str, wanted: str, orientation: str | None) -> None:
    text = (PROVINCIAL / f"provincial_{name}_2026.txt").read_text(encoding="utf-8")
    section = by_heading(find_sections(text), text, wanted)
    assert section.orientation == orientation


@needs_shared
@pytest.mark.parametrize(
    ("year", "wanted", "orientation"),
    [
        (2002, "首先报告２００１年的工作", REVIEW),
        (1983, "过去五年的回顾", REVIEW),
        (1983, "今后五年的主要任务", PLAN),
        (1988, "今后五年建设和改革的目标、方针和任务", PLAN),
        (1982, "第六个五年计划的基本任务", PLAN),
        (2006, "（二）“十五”期间国民经济和社会发展主要情况", REVIEW),
        (2016, "二、“十三五”时期主要目标任务和重大举措", PLAN),
    ],
)
def test_national_heading_styles(year: int, wanted: str, orientation: str) -> None:
    text = national(year)
    section = by_heading(find_sections(text), text, wanted)
    assert section.orientation == orientation


def test_heading_line_needs_a_finished_sentence_before_it() -> None:
    """A line broken off a sentence (a link in a scraped page) is not a heading."""
    text = "一、2025年工作回顾\n去年我们完成了各项任务。下面的\n今年重点工作\n是提请审议的。\n"
    assert [s.title for s in find_sections(text)] == ["2025年工作回顾"]
    text = "一、2025年工作回顾\n去年我们完成了各项任务。\n今年重点抓好以下工作\n抓好就业。\n"
    assert [(s.title, s.orientation) for s in find_sections(text)] == [
        ("2025年工作回顾", REVIEW), ("今年重点抓好以下工作", PLAN)
    ]


@needs_shared
@pytest.mark.parametrize(
    ("year", "review", "plan"),
    [
        (2012, "一、过去一年工作回顾", "二、2012年政府工作总体要求和目标任务"),
        (2014, "一、2013年工作回顾", "二、2014年工作安排"),
        (2016, "一、“十二五”时期和2015年工作回顾", "三、2016年工作安排"),
    ],
)
def test_county_orientation(year: int, review: str, plan: str) -> None:
    text = county(year)
    sections = find_sections(text)
    assert by_heading(sections, text, review).orientation == REVIEW
    assert by_heading(sections, text, plan).orientation == PLAN


def test_orientation_at_prefers_the_innermost_section() -> None:
    sections = [
        Section(0, 100, 5, 1, "一、", "x", ("一、x",), REVIEW),
        Section(10, 50, 15, 2, "（一）", "y", ("一、x", "（一）y"), PLAN),
        Section(20, 30, 25, 4, "一是", "z", ("一、x", "（一）y", "一是z"), None),
    ]
    assert orientation_at(sections, 25) == PLAN  # 一是 has none: (一) is the innermost that has one
    assert orientation_at(sections, 60) == REVIEW
    assert orientation_at(sections, 100) is None  # end is exclusive
    assert orientation_at(sections, 100, default=PLAN) == PLAN


# ---------------------------------------------------------------------------------------
# Place and year
# ---------------------------------------------------------------------------------------

SEEDS = [
    ("changzhi-2023.txt", ("长治市", 2023)),  # (山西省)长治市人民政府工作报告(2023年3月29日)
    ("jinzhong-2024-plan.txt", ("晋中市", 2024)),  # (山西省)晋中市人民政府工作报告(2024年)
    ("jinzhong-traditional.txt", ("晋中市", None)),  # 晉中市政府工作報告; the year is written 20xx
    ("jinzhong-2024-review.txt", (None, None)),  # starts inside the report: no title
    ("jinzhong-2022-news.txt", (None, None)),  # a news article, not a report
]


@pytest.mark.parametrize(("name", "expected"), SEEDS)
def test_seed_place_year(name: str, expected: tuple[str | None, int | None]) -> None:
    text = seed(name)
    if "traditional" in name:
        text = opencc.OpenCC("t2s").convert(text)
    assert report_place_year(text) == expected


@needs_shared
@pytest.mark.parametrize("year", national_years())
def test_national_place_year(year: int) -> None:
    """The year delivered, whether the text has a dated title, a session, or neither."""
    assert report_place_year(national(year)) == ("中国", year)


def test_all_national_reports_are_tested() -> None:
    if SHARED.is_dir():
        assert len(national_years()) == 52 and len(county_years()) == 8


@needs_shared
@pytest.mark.parametrize("year", county_years())
def test_county_place_year(year: int) -> None:
    """Spaced-out 政 府 工 作 报 告, a ——date 在海拉尔区… subtitle, or (2017) no title at all."""
    assert report_place_year(county(year)) == ("海拉尔区", year)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("晋中市政府工作报告\n\n各位代表：", ("晋中市", None)),
        ("政 府 工 作 报 告\n\n——2019年3月4日在呼伦贝尔市海拉尔区第十五届人民代表大会第三次会议上", ("海拉尔区", 2019)),
        ("政府工作报\n告\n——2017年3月5日在第十二届全国人民代表大会第五次会议上\n国务院总理\n李克强", ("中国", 2017)),
    ],
)
def test_place_year_from_title_lines(title: str, expected: tuple[str | None, int | None]) -> None:
    """Title blocks as they occur in the seeds and the shared corpus."""
    assert report_place_year(title) == expected


# ---------------------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------------------


def test_sentences_of_changzhi() -> None:
    text = seed("changzhi-2023.txt")
    sentences = [text[a:b] for a, b in sentence_spans(text)]
    assert sentences[:4] == [
        "导航菜单",
        "(山西省)长治市人民政府工作报告(2023年3月29日)",
        "(五)全面推进乡村振兴战略。",
        "坚决扛牢稳粮保供责任,全市粮食作物播种面积383.7万亩,粮食产量24.8亿斤,"
        "大豆玉米带状复合种植实现一季双收,粮食生产受到全省通报表扬,“菜篮子”市长负责制全省考核优秀。",
    ]
    # a half-width ! ends a sentence: the next one starts right after it
    thanks = next(i for i, s in enumerate(sentences) if s.endswith("表示崇高的敬意和衷心的感谢!"))
    assert sentences[thanks].startswith("在此,我代表市人民政府")
    assert sentences[thanks + 1].startswith("在肯定成绩的同时")


def test_sentences_split_after_semicolons() -> None:
    text = seed("jinzhong-2024-plan.txt")
    sentences = [text[a:b] for a, b in sentence_spans(text)]
    assert "三是推动就业社保服务覆盖所有社区和行政村;" in sentences
    assert "十五是新改造一批城镇老旧小区。" in sentences


@needs_shared
def test_closing_quote_stays_with_its_sentence() -> None:
    text = national(1964)
    spans = sentence_spans(text)
    cut = text.index("一切魔鬼通通都会被消灭。”") + len("一切魔鬼通通都会被消灭。”")
    assert any(end == cut for _, end in spans)
    assert any(start == cut for start, _ in spans)


@pytest.mark.parametrize(("name", "text"), all_texts(), ids=[n for n, _ in all_texts()])
def test_sentence_invariants(name: str, text: str) -> None:
    spans = sentence_spans(text)
    previous_end = 0
    covered = 0
    for start, end in spans:
        assert previous_end <= start < end
        piece = text[start:end]
        assert piece == piece.strip(WS)
        assert "\n" not in piece
        previous_end = end
        covered += len(piece) - sum(piece.count(c) for c in WS)
    # every visible character is in a sentence
    assert covered == len(text) - sum(text.count(c) for c in WS)


def test_sentence_spans_of_a_million_characters() -> None:
    # how fast (CPU time against a yardstick, growth with size): benchmarks/ingest.py
    text = (seed("changzhi-2023.txt") + seed("jinzhong-2024-plan.txt")) * 80
    text = text[:1_000_000]
    spans = sentence_spans(text)
    assert len(spans) > 10_000
    assert all(text[start:end].strip() for start, end in spans[:: len(spans) // 100])


def test_empty_text() -> None:
    assert find_sections("") == []
    assert sentence_spans("") == []
    assert sentence_spans(" \n\u3000\n") == []
    assert report_place_year("") == (None, None)
