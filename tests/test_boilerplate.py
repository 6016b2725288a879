"""Finding the report body in scraped pages: the bundled seeds, the clean corpus, Traditional chrome.

The seeds are real scraped pages (corpus/reports); the tables below list, line by line, the chrome
each must lose. The national and county reports are clean: nothing of them may be excluded.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from paths import COUNTY, NATIONAL, REPORTS, needs_shared

from govreport_nlp.ingest.boilerplate import Body, Region, find_body, fold

# Invisible characters: white space (str.isspace) and the zero-width marks scraped pages carry.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
CHANGZHI_PARAGRAPH = (REPORTS / "changzhi-2023.txt").read_text(encoding="utf-8").split("\n")[4].strip()


def visible(c: str) -> bool:
    return not c.isspace() and c not in ZERO_WIDTH


def lines_with_offsets(text: str) -> list[tuple[int, int]]:
    """Content offsets of every line (line breaks excluded), CRLF, LF or CR."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\r\n]*", text) if m.end() > m.start()]


def region_texts(text: str, body: Body) -> list[str]:
    return [text[r.start : r.end] for r in body.excluded]


def assert_well_formed(text: str, body: Body) -> None:
    """Regions sorted, non-overlapping, whole lines without their breaks; body trimmed."""
    line_bounds = set(lines_with_offsets(text))
    previous_end = -1
    for region in body.excluded:
        assert isinstance(region, Region) and region.reason
        assert region.start >= previous_end and region.start < region.end
        assert (region.start, region.end) in line_bounds, (region, text[region.start : region.end])
        previous_end = region.end
    assert 0 <= body.start <= body.end <= len(text)
    if body.start < body.end:
        assert visible(text[body.start]) and visible(text[body.end - 1])


# seed, excluded lines in order (prefixes of the line text, each matching exactly one region),
# first body line, last body paragraph (prefix)
SEEDS = [
    (
        "changzhi-2023.txt",
        [
            "导航菜单",
            "本文仅代表作者观点,不代表本站立场。 凡注明为博县网原创作品的",
            "本文地址:/baogao/hb/5955.html",
            "留言与评论(共有 条评论)",
            "验证码:",
        ],
        "(山西省)长治市人民政府工作报告(2023年3月29日)",
        "综合考虑各方面因素,今年经济社会发展的主要预期目标是",
    ),
    (
        "jinzhong-2024-review.txt",
        [
            "本文仅代表作者观点,不代表本站立场。 凡注明为博县网原创作品的",
            "本文地址:/baogao/hb/10546.html",
            "留言与评论(共有 条评论)",
            "验证码:",
            "网站地图",
        ],
        "(四)持续推动贯通融合,城乡发展更加协调。",
        "各位代表,过去的一年,我们面对大事要事难事叠加的复杂局面",
    ),
    (
        "jinzhong-2024-plan.txt",
        [
            "导航菜单",
            "本文仅代表作者观点,不代表本站立场。 凡注明为博县网原创作品的",
            "本文地址:/baogao/hb/10546.html",
            "留言与评论(共有 条评论)",
            "验证码:",
        ],
        "(山西省)晋中市人民政府工作报告(2024年)",
        "各位代表,民之所盼、政之所向,老百姓的事情是最重要的事情。",
    ),
    (
        "jinzhong-traditional.txt",
        [
            "晉中是山西省下轄的一個地級市,位於山西省中部,下面小編給大家分享幾篇晉中市政府工作報告,一起看一下吧!",
            "晉中市政府工作報告篇1",
        ],
        "晉中市政府工作報告",
        "各位代表,民之所望、施政所向,政之所為、行之貴力。",
    ),
    (
        "jinzhong-2022-news.txt",
        [
            "山西大院资讯网",
            "0",
            "网络编辑 晋中 2022-02-23 10:43:56 0 晋中\xa0高质量\xa0我市",
            "0",
            "版权声明",
            "本文仅代表作者观点,不代表本站立场。",
            "本文系作者授权发表,未经许可,不得转载。",
            "本文地址:http://www.shanxidayuan.com/gsyl/jinzhong/1453.html",
            "留言与评论(共有 条评论)",
            "验证码:",
            "关于山西大院新闻网",
            "山西大院是公共的资讯平台,公开,绿色,守法,",
            "山西大院新闻网",
            "Copyright ©山西大院新闻网",
            "copyright protection: All articles, text, video,",
            "that the network agrees with its views",
            "版权声明: 本站所有文章,文字,视频,图片,音乐来源与网络转载非原创作品",
            "E-mail: [email\xa0protected]",
        ],
        "我市经济社会各项事业成绩突出亮点纷呈",
        "征程万里风正劲,踔厉奋发谱新篇。",
    ),
]
SEED_IDS = [row[0] for row in SEEDS]


def read_seed(name: str) -> str:
    return (REPORTS / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "chrome", "first", "last"), SEEDS, ids=SEED_IDS)
def test_seed_chrome_lines_are_excluded_and_nothing_else(name: str, chrome: list[str], first: str, last: str) -> None:
    text = read_seed(name)
    body = find_body(text)
    assert_well_formed(text, body)
    texts = region_texts(text, body)
    assert len(texts) == len(chrome), texts
    for got, expected in zip(texts, chrome, strict=True):
        assert got.startswith(expected), (got, expected)


@pytest.mark.parametrize(("name", "chrome", "first", "last"), SEEDS, ids=SEED_IDS)
def test_seed_body_runs_from_title_to_last_paragraph(name: str, chrome: list[str], first: str, last: str) -> None:
    text = read_seed(name)
    body = find_body(text)
    assert text[body.start :].startswith(first)
    last_line = next(line for line in text.splitlines() if line.strip().startswith(last)).strip()
    assert text[: body.end].endswith(last_line)
    for start, end in lines_with_offsets(text):
        if text[start:end].strip() in (first, last_line):
            assert not any(r.start < end and start < r.end for r in body.excluded)


@pytest.mark.parametrize(("name", "chrome", "first", "last"), SEEDS, ids=SEED_IDS)
def test_seed_report_prose_is_never_excluded(name: str, chrome: list[str], first: str, last: str) -> None:
    text = read_seed(name)
    body = find_body(text)
    prose = 0
    for start, end in lines_with_offsets(text):
        line = text[start:end].strip()
        inside = body.start <= start and end <= body.end
        if inside and len(line) >= 20 and line.endswith(("。", "!", "!")) and not line.startswith(tuple(chrome)):
            prose += 1
            assert not any(r.start < end and start < r.end for r in body.excluded), line
    assert prose >= 5


def test_a_byline_under_the_headline_lies_inside_the_body() -> None:
    text = read_seed("jinzhong-2022-news.txt")
    body = find_body(text)
    inside = [r for r in body.excluded if body.start < r.start < body.end]
    assert [(text[r.start : r.end][:4], r.reason) for r in inside] == [("网络编辑", "byline")]


@needs_shared
@pytest.mark.parametrize("path", NATIONAL + COUNTY, ids=lambda p: p.name)
def test_clean_reports_lose_nothing(path: Path) -> None:
    text = path.read_bytes().decode("gbk" if path.parent.name == "county-gbk" else "utf-8")
    body = find_body(text)
    assert body.excluded == ()
    shown = [i for i, c in enumerate(text) if visible(c)]
    assert (body.start, body.end) == (shown[0], shown[-1] + 1)


@needs_shared
def test_clean_corpus_is_all_there() -> None:
    assert (len(NATIONAL), len(COUNTY)) == (52, 8)


# The same chrome in Simplified and Traditional script (and full-width punctuation), with its reason.
# "lead": between the title and the first paragraph; "tail": after the last paragraph.
CHROME_LINES = [
    ("导航菜单", "導航菜單", "navigation", "lead"),
    ("当前位置:首页 > 新闻中心 > 政府工作报告", "當前位置：首頁 > 新聞中心 > 政府工作報告", "navigation", "lead"),
    ("首页 | 政务公开 | 新闻中心 | 互动交流", "首頁 | 政務公開 | 新聞中心 | 互動交流", "navigation", "lead"),
    ("网络编辑 晋中 2022-02-23 10:43:56 0 晋中", "網絡編輯 晉中 2022-02-23 10:43:56 0 晉中", "byline", "lead"),
    (
        "来源:晋中日报 作者:张三 发布时间:2022-02-23",
        "來源：晉中日報　作者：張三　發佈時間：2022-02-23",
        "byline",
        "lead",
    ),
    ("【字号】 大 中 小 【打印】 【关闭】", "【字號】　大　中　小　【列印】　【關閉】", "share prompt", "lead"),
    (
        "下面小编给大家分享几篇晋中市政府工作报告,一起看一下吧!",
        "下面小編給大家分享幾篇晉中市政府工作報告，一起看一下吧！",
        "site blurb",
        "lead",
    ),
    ("晋中市政府工作报告篇2", "晉中市政府工作報告篇２", "list header", "lead"),
    ("本文仅代表作者观点,不代表本站立场。", "本文僅代表作者觀點，不代表本站立場。", "copyright notice", "tail"),
    ("版权声明", "版權聲明", "copyright notice", "tail"),
    ("本文地址:/baogao/hb/5955.html", "本文地址：/baogao/hb/5955.html", "page address", "tail"),
    ("留言与评论(共有 条评论)", "留言與評論（共有 條評論）", "comment box", "tail"),
    ("验证码:", "驗證碼：", "comment box", "tail"),
    ("扫一扫在手机打开当前页", "掃一掃在手機打開當前頁", "share prompt", "tail"),
    ("相关报道", "相關報道", "related links", "tail"),
    ("上一篇:晋中市政府工作报告(2023年)", "上一篇：晉中市政府工作報告（2023年）", "related links", "tail"),
    ("打印本页 关闭窗口", "列印本頁　關閉視窗", "share prompt", "tail"),
    ("(责任编辑:李四)", "（責任編輯：李四）", "byline", "tail"),
]
TITLE = "晋中市人民政府工作报告"


def _s2twp(text: str) -> str:
    from opencc import OpenCC

    return str(OpenCC("s2twp").convert(text))
CLOSING = "各位代表,让我们紧密团结在以习近平同志为核心的党中央周围,为全面建设社会主义现代化国家努力奋斗!"


def page(chrome: str, where: str, *, newline: str = "\n") -> str:
    lines = [TITLE, chrome, CHANGZHI_PARAGRAPH, CLOSING] if where == "lead" else [
        TITLE, CHANGZHI_PARAGRAPH, CLOSING, chrome]
    return newline.join(lines) + newline


@pytest.mark.parametrize(("simplified", "traditional", "reason", "where"), CHROME_LINES,
                         ids=[row[0][:12] for row in CHROME_LINES])
@pytest.mark.parametrize("script", ["simplified", "traditional", "taiwan"])
def test_chrome_is_recognised_in_both_scripts(simplified: str, traditional: str, reason: str, where: str,
                                              script: str) -> None:
    """Simplified, Traditional, and Traditional with Taiwan wording (OpenCC s2twp: 導航選單, 列印)."""
    chrome = {"simplified": simplified, "traditional": traditional, "taiwan": _s2twp(simplified)}[script]
    text = page(chrome, where)
    body = find_body(text)
    assert [(text[r.start : r.end], r.reason) for r in body.excluded] == [(chrome, reason)]
    assert text[body.start :].startswith(TITLE)
    assert text[: body.end].endswith(CLOSING)


# Lines of real reports that resemble chrome and must stay body wherever they stand.
LOOKALIKES = [
    "政府工作报告",
    "政 府 工 作 报 告",
    "——2022年3月5日在第十三届全国人民代表大会第五次会议上",
    "1957年6月26日在第一届全国人民代表大会第四次会議上",
    "国务院总理\u3000李克强",
    "海拉尔区人民政府区长\u3000\u3000杜联合",
    "周恩来",
    "Public domain",
    "各位代表:",
    "我市经济社会各项事业成绩突出亮点纷呈",
    "二、2023年工作安排",
    "资金来源于2023年3月下达的中央预算内投资,全部用于首页所列项目。",
]


@pytest.mark.parametrize("line", LOOKALIKES)
@pytest.mark.parametrize("where", ["lead", "tail"])
def test_report_lines_that_look_like_chrome_stay(line: str, where: str) -> None:
    text = page(line, where)
    assert find_body(text).excluded == ()


def test_a_marker_before_the_report_does_not_swallow_it() -> None:
    text = "\n".join(["上一篇:晋中市2023年政府工作报告", TITLE, CHANGZHI_PARAGRAPH, CLOSING])
    body = find_body(text)
    assert region_texts(text, body) == ["上一篇:晋中市2023年政府工作报告"]
    assert text[body.start : body.end] == "\n".join([TITLE, CHANGZHI_PARAGRAPH, CLOSING])


def test_everything_after_the_end_marker_is_chrome() -> None:
    footer = ["相关报道", "晋中:加快建设先行区", "太原晋中一体化发展提速"]
    text = "\n".join([TITLE, CHANGZHI_PARAGRAPH, "", "12", "分享到:", "0", "", *footer])
    body = find_body(text)
    assert [(text[r.start : r.end], r.reason) for r in body.excluded] == [
        ("12", "counter"),
        ("分享到:", "share prompt"),
        ("0", "counter"),
        ("相关报道", "related links"),
        ("晋中:加快建设先行区", "trailing page chrome"),
        ("太原晋中一体化发展提速", "trailing page chrome"),
    ]
    assert text[: body.end].endswith(CHANGZHI_PARAGRAPH)


@pytest.mark.parametrize("text", ["", " ", "\n\n", "\r\n\u3000\r\n", "\u200b\n\xa0\t"])
def test_empty_and_blank_text_give_an_empty_body(text: str) -> None:
    body = find_body(text)
    assert body.start == body.end
    assert body.excluded == ()


def test_crlf_page_regions_are_exactly_the_chrome_lines() -> None:
    before = ["导航菜单", "当前位置：首页 > 政府工作报告", "\u3000网络编辑 晋中 2022-02-23 10:43:56 0"]
    after = ["本文地址：/baogao/hb/5955.html", "留言与评论（共有 条评论）", "验证码：", "网站地图"]
    text = "\r\n".join([*before, "", "\u3000\u3000" + CHANGZHI_PARAGRAPH, "", *after]) + "\r\n"
    body = find_body(text)
    assert_well_formed(text, body)
    assert region_texts(text, body) == [*before, *after]
    assert text[body.start : body.end] == CHANGZHI_PARAGRAPH
    assert all("\r" not in t and "\n" not in t for t in region_texts(text, body))


def test_folding_keeps_every_offset() -> None:
    text = read_seed("jinzhong-traditional.txt") + "".join(row[1] for row in CHROME_LINES) + "\r\n\u3000ＡＢ１２"
    folded = fold(text)
    assert len(folded) == len(text)
    assert fold("導航菜單\r\n留言與評論（共有 條評論）\u3000") == "导航菜单\n\n留言与评论(共有 条评论) "


def test_a_million_characters_of_pages_still_lose_their_chrome() -> None:
    # how fast (CPU time against a yardstick, growth with size): benchmarks/ingest.py
    page_text = read_seed("jinzhong-2022-news.txt") + read_seed("jinzhong-traditional.txt")
    text = (page_text * (1_000_000 // len(page_text) + 1))[:1_000_000]
    body = find_body(text)
    assert body.excluded


def test_taiwan_wording_covers_every_chrome_word() -> None:
    """Every word of the chrome tables, written the Taiwan way by OpenCC, is still matched."""
    from opencc import OpenCC

    from govreport_nlp.ingest import boilerplate

    s2twp = OpenCC("s2twp")
    missed = []
    for name in dir(boilerplate):
        words = getattr(boilerplate, name)
        if not (name.isupper() and isinstance(words, tuple) and all(isinstance(w, str) for w in words)):
            continue
        alternation = boilerplate._any(*words)
        for word in words:
            taiwan = fold(s2twp.convert(word))
            if taiwan != word and "|" + taiwan + "|" not in "|" + alternation[3:-1] + "|":
                missed.append((name, word, taiwan))
    assert not missed
