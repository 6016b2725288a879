"""Find the report body in a scraped web page and mark the page chrome around it.

Our users scrape reports from portals that wrap them in navigation, bylines, site blurbs,
copyright notices, comment boxes and share buttons. Taggers must not read that chrome (a
site's 版权声明 is no commitment, a byline's date is no report year), but the user's text
must stay exactly as given so that every exported offset points into it. So nothing is
deleted here: `find_body` returns the body's range and the chrome as `Region`s that the
caller blanks for analysis.

The rules are line-based and conservative, because losing a line of a report is worse than
keeping a line of chrome:

- **Leading zone** (lines before the first line of report prose, 各位代表 or a numbered
  heading): each line is judged alone; chrome patterns are excluded, anything else (the
  title, a news headline, a speaker's name) stays body.
- **Middle**: a line is excluded only when it matches an unmistakable chrome pattern (a
  byline with date and time, 本文地址, a …篇2 list header, 【字号】 controls).
- **Trailing zone**: from the first strong end-of-article marker (本文仅代表作者观点,
  版权声明, 本文地址, 留言与评论, 验证码, 相关报道, 扫一扫在手机打开当前页 …) after the body
  has begun, every line to the end, plus lone counters just before the marker.

Patterns are written once, in Simplified script with half-width punctuation; each line is
matched in a same-length folded form (Traditional → Simplified by OpenCC's character table,
full-width → ASCII, every kind of space → " "), so 導航菜單, 留言與評論（共有 條評論） and
本文地址：… are recognised too. The pattern tables below are plain data: extend them there.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources import files

logger = logging.getLogger(__name__)

# Reasons: short, human-readable names of the rules, shown to users (meta.excluded, `clean --show`).
NAVIGATION = "navigation"
SITE_NAME = "site name"
BYLINE = "byline"
COUNTER = "counter"
SITE_BLURB = "site blurb"
LIST_HEADER = "list header"
COPYRIGHT = "copyright notice"
PAGE_ADDRESS = "page address"
COMMENT_BOX = "comment box"
SHARE_PROMPT = "share prompt"
RELATED_LINKS = "related links"
SITE_ABOUT = "site about"
CONTACT = "contact line"
TRAILING = "trailing page chrome"


@dataclass(frozen=True)
class Region:
    """A run of page chrome: whole lines, without their line breaks."""

    start: int  # character offsets into the text given
    end: int
    reason: str  # which rule marked it, e.g. "navigation", "byline", "copyright notice"


@dataclass(frozen=True)
class Body:
    """Where the report body is, and the chrome to blank for analysis."""

    start: int  # first character of the report body
    end: int  # end of the body (exclusive)
    excluded: tuple[Region, ...]  # sorted, non-overlapping; before, after or (a byline under the title) inside


# ---------------------------------------------------------------------------------------
# Folding: one same-length form to match Simplified and Traditional, half- and full-width
# ---------------------------------------------------------------------------------------

# Every character Python counts as white space, plus the zero-width marks scraped pages leave behind
# (invisible, never part of a sentence): all fold to " " and are trimmed from lines and from the body.
_SPACES = "\t\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
_SPACES += "\u200a\u200b\u200c\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff"
WHITESPACE = " \r\n" + _SPACES


@functools.lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """str.translate table: Traditional → Simplified, full-width → ASCII, spaces → " ", CR → LF.

    Every entry maps one code point to one code point, so folded text has the same offsets as
    the original. The Traditional characters come from OpenCC's character table (already a
    dependency), first reading only: chrome words have no ambiguous characters.
    """
    table: dict[int, str] = {}
    try:
        rows = (files("opencc") / "dictionary" / "TSCharacters.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, OSError) as exc:
        logger.warning(
            "OpenCC's character table is missing (%s): Traditional-script chrome will not be recognised; "
            "reinstall opencc-python-reimplemented",
            exc,
        )
        rows = ""
    for row in rows.splitlines():
        parts = row.split("\t")
        if len(parts) == 2 and len(parts[0]) == 1:
            simplified = parts[1].split(" ")[0]
            if len(simplified) == 1:
                table[ord(parts[0])] = simplified
    table.update({cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)})  # ＡＢ１２：（） → AB12:()
    table.update({ord(c): " " for c in _SPACES})
    table[ord("\r")] = "\n"  # CRLF becomes two breaks, a lone CR one: line contents keep their offsets
    return table


def fold(text: str) -> str:
    """The same-length form the patterns are matched against (see the module docstring)."""
    return text.translate(_fold_table())


# ---------------------------------------------------------------------------------------
# The rules: plain data, matched against one folded, trimmed line
# ---------------------------------------------------------------------------------------

# Zones a rule applies in. TOP is the start of the leading zone, before any body line (the title).
TOP, LEAD, MIDDLE, TAIL = "top", "lead", "middle", "tail"
_EVERYWHERE = frozenset({TOP, LEAD, MIDDLE, TAIL})
_OUTSIDE = frozenset({TOP, LEAD, TAIL})  # where the body has not begun or has ended
_EDGES = frozenset({TOP, TAIL})
_FOOTER = frozenset({TAIL})


# Taiwan wording of chrome words, folded (s2twp writes 链接 as 連結, 打印 as 列印): folding maps
# characters only, so every word below is also tried with these phrases replaced.
# tests/test_boilerplate.py checks that this covers OpenCC's s2twp form of every word.
TAIWAN_WORDING = {
    "菜单": "选单", "链接": "连结", "发布": "释出", "点击": "点选", "声明": "宣告", "联系": "联络",
    "打印": "列印", "查看": "检视", "打开": "开启", "信息": "资讯", "网络": "网路", "审核": "稽核",
    "字体": "字型", "默认": "预设", "窗口": "视窗", "保存": "储存", "微信号": "微讯号",
}


def _taiwan(word: str) -> str:
    for mainland, taiwan in TAIWAN_WORDING.items():
        word = word.replace(mainland, taiwan)
    return word


def _any(*words: str) -> str:
    """A regex alternation of literal words (they may hold regex syntax where noted), each
    also in its Taiwan wording."""
    return "(?:" + "|".join(dict.fromkeys(w for word in words for w in (word, _taiwan(word)))) + ")"


_DATE = r"\d{4} ?[-/.年] ?\d{1,2} ?[-/.月] ?\d{1,2}"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
_NO_PERIOD = r"(?!.*。)"  # chrome lines are no sentences ending in 。
_CN_NUMBER = "[一二三四五六七八九十]"

# Word lists, in Simplified script: Traditional and full-width forms are matched through folding.
# Lines that begin a copyright notice or disclaimer; they also end the article.
COPYRIGHT_STARTS = (
    "本文仅代表作者", "本文系作者", "版权声明", "版权所有", "免责声明", r"copyright\b", "©", r"\(c\) ?\d{4}",
)
# Phrases of copyright notices anywhere in a short line.
COPYRIGHT_PHRASES = (
    "不代表本(?:站|网)(?:立场|观点)",
    "未经.{0,4}(?:许可|授权|允许|同意).{0,3}(?:不得|禁止|严禁|请勿).{0,4}转载",
    "转载请注明",
    "凡注明.{0,30}(?:原创|来源|稿件)",
    "all rights reserved",
    "©",
)
# 本文地址: and its kin.
ADDRESS_STARTS = ("本文", "原文", "文章", "本页", "网页")
ADDRESS_WORDS = ("地址", "链接", "网址")
# Comment boxes.
COMMENT_STARTS = (
    "留言与评论", "发表评论", "网友评论", "我要评论", "最新评论", "热门评论", "评论列表", "查看评论", "全部评论",
    "我来说两句", "网友留言", "验证码",
)
COMMENT_PHRASES = (r"共有 ?\d* ?条(?:评论|留言)", r"^(?:已有|共有?) ?\d+ ?(?:人|条)(?:评论|参与|留言)")
# Related links and neighbouring articles (a line beginning with one, alone or before ":").
RELATED_STARTS = (
    "相关报道", "相关阅读", "相关文章", "相关新闻", "相关链接", "相关推荐", "相关内容", "延伸阅读", "推荐阅读",
    "热门推荐", "热点推荐", "精彩推荐", "猜你喜欢", "热门文章", "最新文章", "热门阅读",
    "上一篇", "下一篇", "上一条", "下一条", "上一页", "下一页", "返回列表",
)
# Navigation: whole-line menu labels, "where you are" breadcrumbs, home links.
NAVIGATION_LINES = ("导航菜单", "网站导航", "主导航", "栏目导航", "导航", "菜单", "主菜单")
NAVIGATION_HERE = ("当前", "您的", "你的", "您现在的", "你现在的", "您当前的?", "您所在的?", "所在")  # + 位置
NAVIGATION_HOME = ("网站首页", "首页", "返回首页")
# Control bars: a line made only of these words (with brackets and separators) and holding at least
# one strong word is a share, print or font-size bar (【字号】 大 中 小 | 打印 | 关闭窗口). Taiwan: 列印, 视窗.
CONTROL_WORDS = (
    "字号", "字体", "大", "中", "小", "默认", "打印本页", "打印此页", "打印", "列印本页", "列印", "下载",
    "关闭窗口", "关闭视窗", "关闭本页", "关闭", "加入收藏", "收藏本页", "收藏", "分享到", "分享",
    "返回顶部", "顶部", "我要纠错", "纠错", "保存", "复制链接", "放大", "缩小", r"A\+", "A-", "视力保护色",
    "微信", "微博", "QQ空间",
)
CONTROL_STRONG = ("字号", "字体", "打印", "列印", "下载", "关闭", "收藏", "分享", "返回顶部", "纠错", "复制链接")
_CONTROL_SEPARATORS = r"[\s【】\[\]()<>|/:·.、-]*"
# Share prompts.
SHARE_PHRASES = (r"扫一?扫.{0,6}(?:手机|微信).{0,8}(?:打开|查看|阅读|分享)",)
SHARE_STARTS = ("分享到", "分享至", "分享给")
# Bylines: words of editor, source, time and counters. With a date they make a byline; leading a short
# line and followed by ":" they make one alone.
BYLINE_WORDS = (
    "来源", "作者", "编辑", "发布时间", "发布日期", "发稿时间", "发表时间", "更新时间", "浏览", "阅读次数", "阅读量",
    "点击", "访问量", "供稿",
)
BYLINE_STARTS = (
    "来源", "作者", "编辑", "责任编辑", "网络编辑", "本文编辑", "发布时间", "发布日期", "信息来源", "文章来源",
    "稿件来源", "发布机构", "发布者", "浏览次数", "点击数", "审核", "校对",
)
# Site blurbs: the site speaking to the reader (下面小编给大家分享几篇…,一起看一下吧!).
BLURB_PHRASES = (r"小编.{0,30}(?:分享|整理|带来|收集|推荐|准备)", r"(?:分享|整理|带来|收集|推荐).{0,6}小编")
BLURB_EDGE_PHRASES = (  # only outside the body: these could be quoted in a news article
    r"(?:给大家|为大家|为您|给您)(?:分享|整理|带来|收集|推荐|准备)",
    r"一起(?:来)?看(?:一下|一看|看)吧",
    r"欢迎(?:阅读|参考|借鉴)",
    "仅供参考",
    r"希望(?:能)?对(?:你|您|大家).{0,4}帮助",
)
# Footer blocks: about the site, registration numbers, contact lines.
ABOUT_LINES = (
    "关于我们", "联系我们", "网站地图", "网站简介", "关于本站", "广告服务", "广告合作", "投稿须知", "意见反馈",
    "网站声明", "隐私政策", "使用帮助", "帮助中心", "加入我们",
)
ABOUT_PHRASES = (r"^关于.{1,12}(?:网|网站)$", r"ICP ?(?:备|证)", "公网安备")
CONTACT_STARTS = (
    "电子邮箱", "电子邮件", "邮箱", "联系邮箱", "投稿邮箱", "联系电话", "电话", "传真", "地址", "qq", "微信号?",
)
# Site names: a short name ending in one of these (山西大院资讯网), or a domain name.
SITE_NAME_ENDS = ("网", "网站", "门户", "频道")


@dataclass(frozen=True)
class _Rule:
    reason: str
    pattern: re.Pattern[str]  # searched in the folded, trimmed line
    zones: frozenset[str] = _EVERYWHERE
    max_chars: int = 120  # a longer line is report prose, never this kind of chrome
    also: re.Pattern[str] | None = None  # must be found too


def _rule(
    reason: str,
    pattern: str,
    *,
    zones: frozenset[str] = _EVERYWHERE,
    max_chars: int = 120,
    also: str | None = None,
) -> _Rule:
    return _Rule(
        reason,
        re.compile(pattern, re.IGNORECASE),
        zones,
        max_chars,
        re.compile(also, re.IGNORECASE) if also else None,
    )


# Order matters: the first rule that matches names the reason.
RULES: tuple[_Rule, ...] = (
    _rule(COPYRIGHT, "^" + _any(*COPYRIGHT_STARTS), max_chars=1000),
    _rule(COPYRIGHT, _any(*COPYRIGHT_PHRASES), max_chars=400),
    _rule(PAGE_ADDRESS, f"^{_any(*ADDRESS_STARTS)}{_any(*ADDRESS_WORDS)} ?:|^永久链接 ?:", max_chars=400),
    _rule(PAGE_ADDRESS, r"^(?:https?://|www\.)\S+$", max_chars=400),
    _rule(COMMENT_BOX, "^" + _any(*COMMENT_STARTS)),
    _rule(COMMENT_BOX, _any(*COMMENT_PHRASES)),
    _rule(SHARE_PROMPT, _any(*SHARE_PHRASES), max_chars=60),
    _rule(SHARE_PROMPT, "^" + _any(*SHARE_STARTS), max_chars=80),
    _rule(
        SHARE_PROMPT,
        f"^(?:{_CONTROL_SEPARATORS}{_any(*CONTROL_WORDS)})+{_CONTROL_SEPARATORS}$",
        max_chars=60,
        also=_any(*CONTROL_STRONG),
    ),
    _rule(RELATED_LINKS, "^" + _any(*RELATED_STARTS) + "(?: ?:| |$)", max_chars=200),
    _rule(NAVIGATION, f"^{_any(*NAVIGATION_LINES)}$"),
    _rule(NAVIGATION, f"^{_any(*NAVIGATION_HERE)}位置 ?(?:[:>»›]|$)"),
    _rule(NAVIGATION, f"^{_any(*NAVIGATION_HOME)}(?:$| ?[>»›/|-]| \\S{{1,8}}(?: \\S{{1,8}}){{2,}}$)"),
    # A menu of three or more short items separated by | > » › (outside the body only).
    _rule(NAVIGATION, r"^[^\s|>»›。,;!?]{1,12}(?: ?[|>»›] ?[^\s|>»›。,;!?]{1,12}){2,}$", zones=_OUTSIDE),
    # Bylines: a date with a time, a date with a byline word, or a byline word leading a short line.
    _rule(BYLINE, f"^{_NO_PERIOD}.*{_DATE}.{{0,4}}{_TIME}"),
    _rule(BYLINE, f"^{_NO_PERIOD}.*{_any(*BYLINE_WORDS)}", also=_DATE),
    _rule(BYLINE, f"^{_NO_PERIOD}[(\\[【]?{_any(*BYLINE_STARTS)} ?:", max_chars=80),
    _rule(SITE_BLURB, _any(*BLURB_PHRASES), max_chars=400),
    _rule(SITE_BLURB, _any(*BLURB_EDGE_PHRASES), zones=_OUTSIDE, max_chars=150),
    # List headers of pages that collect several reports (…工作报告篇1, …报告范文篇二).
    _rule(LIST_HEADER, r"^[^,。;!?:]{2,40}篇 ?\d{1,3}$", max_chars=60),
    _rule(LIST_HEADER, f"^[^,。;!?:]{{0,36}}(?:报告|范文)[^,。;!?:]{{0,4}}篇{_CN_NUMBER}{{1,3}}$", max_chars=60),
    # Counters: a lone number (views, comments) outside the body.
    _rule(COUNTER, r"^\d{1,7}$", zones=_OUTSIDE),
    _rule(SITE_ABOUT, f"^{_any(*ABOUT_LINES)}$"),
    _rule(SITE_ABOUT, f"^{_any(*ABOUT_LINES)}|{_any(*ABOUT_PHRASES)}", zones=_FOOTER, max_chars=400),
    _rule(SITE_NAME, f"^[\\w·]{{2,16}}{_any(*SITE_NAME_ENDS)}$", zones=_EDGES, max_chars=30),
    _rule(SITE_NAME, r"^(?=.*[a-z])(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+$", zones=_EDGES, max_chars=30),
    _rule(CONTACT, r"^e-?mail ?:"),
    _rule(CONTACT, f"^{_any(*CONTACT_STARTS)} ?:", zones=_FOOTER),
)

# Strong end-of-article markers: the first line beginning with one, after the body has begun, starts the
# trailing zone. Each is also matched by a rule above, which names the reason.
END_MARKER_STARTS = (
    *COPYRIGHT_STARTS,
    "本文地址", "本文链接", "原文地址", "原文链接",
    "留言与评论", "发表评论", "网友评论", "我要评论", "验证码",
    "相关报道", "相关阅读", "相关文章", "相关新闻", "相关推荐", "延伸阅读", "推荐阅读", "猜你喜欢", "上一篇", "下一篇",
    "网站地图",
)
END_MARKERS = re.compile(
    "^" + _any(*END_MARKER_STARTS) + r"|扫一?扫在手机(?:上)?(?:打开|查看|开启|检视)(?:当前|本)页", re.IGNORECASE
)

# Where the report itself begins: the address to the congress, a numbered heading, or prose.
_OPENING = re.compile(f"^(?:各位代表|{_CN_NUMBER}+、|\\({_CN_NUMBER}+\\)|第{_CN_NUMBER}+部分)")
_PROSE_MIN_CHARS = 16  # a line of prose: this long, with sentence punctuation and Han characters
_PROSE_MIN_HAN = 8
_SENTENCE_MARKS = re.compile(r"[。,;!?、]")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# A short line with no letter, digit-word or Han character ("0", "|", "…"): a counter or a separator.
_NON_PROSE = re.compile(r"^[\d\W_]{1,10}$")

_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class _Line:
    start: int  # offsets of the line's content (no line break) in the text
    end: int
    key: str  # folded and trimmed content; never empty


def _lines(folded: str) -> Iterator[_Line]:
    """The non-blank lines of the folded text, with their content's offsets."""
    for m in _LINE.finditer(folded):
        key = m.group().strip(" ")
        if key:
            yield _Line(m.start(), m.end(), key)


def classify(key: str, zone: str) -> str | None:
    """The reason a folded, trimmed line is chrome in `zone`, or None when it may be report text."""
    for rule in RULES:
        if zone not in rule.zones or len(key) > rule.max_chars:
            continue
        if rule.pattern.search(key) and (rule.also is None or rule.also.search(key)):
            return rule.reason
    return None


def _begins_report(key: str) -> bool:
    """True for 各位代表, a numbered heading or a line of prose: the leading zone ends there."""
    if _OPENING.match(key):
        return True
    return (
        len(key) >= _PROSE_MIN_CHARS
        and _SENTENCE_MARKS.search(key) is not None
        and len(_HAN.findall(key[:200])) >= _PROSE_MIN_HAN
    )


def _reasons(lines: list[_Line]) -> dict[int, str]:
    """Which lines are chrome and why, zone by zone (see the module docstring)."""
    reasons: dict[int, str] = {}
    anchor = len(lines)
    seen_body = False
    for i, line in enumerate(lines):
        reason = classify(line.key, LEAD if seen_body else TOP)
        if reason:
            reasons[i] = reason
            continue
        seen_body = True
        if _begins_report(line.key):
            anchor = i
            break
    tail = next((i for i in range(anchor + 1, len(lines)) if END_MARKERS.search(lines[i].key)), len(lines))
    for i in range(anchor + 1, tail):
        reason = classify(lines[i].key, MIDDLE)
        if reason:
            reasons[i] = reason
    reasons.update({i: classify(lines[i].key, TAIL) or TRAILING for i in range(tail, len(lines))})
    # Counters and separators just before the marker belong to the footer (never the line that began the report).
    i = tail - 1
    while tail < len(lines) and i > anchor and (i in reasons or _NON_PROSE.match(lines[i].key)):
        reasons.setdefault(i, COUNTER if lines[i].key.isdigit() else TRAILING)
        i -= 1
    return reasons


def find_body(text: str) -> Body:
    """The report body of a (possibly scraped) text and the page chrome around or inside it.

    Regions are whole lines without their line breaks, one region per line, sorted. The body
    runs from the first to the last non-blank character outside the regions; an empty or
    all-chrome text gives an empty body (start == end == 0). Clean reports give no regions
    and a body that covers all their visible text. Linear in the text's length.
    """
    lines = list(_lines(fold(text)))
    reasons = _reasons(lines)
    excluded = tuple(Region(lines[i].start, lines[i].end, reason) for i, reason in sorted(reasons.items()))
    kept = [line for i, line in enumerate(lines) if i not in reasons]
    if not kept:
        return Body(0, 0, excluded)
    first, last = kept[0], kept[-1]
    start = first.start + len(text[first.start : first.end]) - len(text[first.start : first.end].lstrip(WHITESPACE))
    end = last.start + len(text[last.start : last.end].rstrip(WHITESPACE))
    if excluded:
        logger.debug("page chrome: %d lines excluded; body %d..%d", len(excluded), start, end)
    return Body(start, end, excluded)
