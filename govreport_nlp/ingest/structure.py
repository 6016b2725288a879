"""The document structure of a report: sentences, numbered sections, place and year.

Downstream layers need to know *where* a clause sits: a figure under 一、2023年工作回顾
is an achievement, the same figure under 二、2024年工作安排 is a commitment. Reports
number their parts in a fixed hierarchy (一、 > （一） > 1. > 一是 / —— leads), so the
structure is read off line-initial markers with regular expressions; no model is needed.

Everything here runs on the normalised text (see `normalize`) and returns character
offsets into the text it was given. It also tolerates raw text (full-width digits and
punctuation, ideographic spaces, Traditional variants of a few title characters), since
callers test it on the shared corpus directly.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

logger = logging.getLogger(__name__)

REVIEW = "review"
PLAN = "plan"
MIXED = "mixed"  # a heading that names both the past and the plan: it orients nothing

# ---------------------------------------------------------------------------------------
# Characters
# ---------------------------------------------------------------------------------------

#: White space for trimming: ASCII and ideographic spaces plus the zero-width marks that
#: scraped pages leave behind (they are invisible and never part of a sentence).
_WS = " \t\r\n\f\v\u3000\u00a0\u200b\u200c\u200d\u2060\ufeff"
_HWS = "[ \t\f\v\u3000\u00a0\u200b\u200c\u200d\u2060\ufeff]"  # horizontal only
_NUM = "[一二三四五六七八九十]"
_ENDS = "。！？!?；;"  # sentence ends
_CLOSERS = "”’」』）)】〕》\"'"  # closing marks that belong to the sentence before them

_FULLWIDTH_DIGITS = {0xFF10 + i: str(i) for i in range(10)}
_CN_DIGITS = {c: str(i) for i, c in enumerate("零一二三四五六七八九")} | {"〇": "0", "○": "0"}
_CN_YEAR = re.compile(r"[一二三四五六七八九][〇○零一二三四五六七八九]{3}(?=\s*年)")
_SPACED_DIGITS = re.compile(r"(?<=\d)[ \u3000]+(?=[\d年])")

# ---------------------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------------------

# A sentence: anything up to a sentence end (kept with any closing quotes) or a line end.
_SENTENCE = re.compile(f"[^{_ENDS}\n]*(?:[{_ENDS}]+[{_CLOSERS}]*)?")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence offsets: split after 。！？!?；; (closing quotes stay) and at line ends.

    Whitespace around each sentence is trimmed and empty sentences are dropped, so every
    span selects visible text. One regular expression pass: a million characters take
    a fraction of a second.
    """
    spans: list[tuple[int, int]] = []
    append = spans.append
    for m in _SENTENCE.finditer(text):
        start, end = m.span()
        if start == end:
            continue
        chunk = m.group()
        stripped = chunk.strip(_WS)
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip(_WS))
        append((start + lead, start + lead + len(stripped)))
    return spans


# ---------------------------------------------------------------------------------------
# Sections
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """One numbered part of a report, with its heading and where its content ends."""

    start: int  # start of the heading (its marker)
    end: int  # end of the content, trailing whitespace trimmed
    heading_end: int  # end of the heading text (without a run-in lead's following sentence)
    level: int  # 1 一、; 2 （一）; 3 1. 1、（1）; 4 一是 and —— leads
    marker: str  # the marker as written
    title: str  # heading text without its marker
    path: tuple[str, ...]  # headings from level 1 down to this one
    orientation: str | None  # "review", "plan" or None


# Markers at the start of a line (after leading whitespace).
_LINE_MARKER = re.compile(
    rf"^{_HWS}*(?:"
    rf"(?P<l1>{_NUM}+、)"
    rf"|(?P<l2>[（(]{_NUM}+[）)])"
    r"|(?P<l3>\d{1,2}(?:[.．](?!\d)|、(?!\d))|[（(]\d{1,2}[）)])"
    rf"|(?P<l4>{_NUM}+是|—{{2,}}(?!—)(?!{_HWS}*\d{{4}}\s*年))"  # not the "——2016年2月19日在…" subtitle
    r")",
    re.MULTILINE,
)
# 一是/二是… run in after a sentence end or a colon: "…民生实事：一是…；二是…".
_RUNIN_MARKER = re.compile(rf"(?<=[{_ENDS}：:]){_HWS}*(?P<l4>{_NUM}+是)")
_HEADING_STOP = re.compile(f"[{_ENDS}\n]")
_HEADING_TRAIL = _WS + "：:，,、"


@dataclass
class _Open:
    """A section being built: its end is known once a later heading closes it."""

    start: int
    heading_end: int
    level: int
    marker: str
    title: str
    heading: str
    path: tuple[str, ...]
    bound: int  # the latest end this section may have (paragraph bound of level 4)
    parent: _Open | None = None
    end: int = -1
    orientation: str | None = None


def _markers(text: str) -> list[tuple[int, int, int]]:
    """(marker start, marker end, level) of every heading marker, in text order."""
    found: dict[int, tuple[int, int]] = {}
    for m in _LINE_MARKER.finditer(text):
        for level, group in ((1, "l1"), (2, "l2"), (3, "l3"), (4, "l4")):
            if m.group(group) is not None:
                found[m.start(group)] = (m.end(group), level)
                break
    for m in _RUNIN_MARKER.finditer(text):
        found.setdefault(m.start("l4"), (m.end("l4"), 4))
    return [(start, end, level) for start, (end, level) in sorted(found.items())]


# An unnumbered heading: a line of its own, after a finished sentence, naming a part of
# the report (过去五年的回顾, “十五五”时期主要目标和2026年重点工作, 首先报告2001年的工作,
# 今年重点抓好以下工作, 主要预期目标). It is a level-1 part when it states an orientation.
_HEADING_LINE = re.compile(
    rf"^{_HWS}*(?P<title>[^\n。；！？!?;，,：:《》]{{4,40}}?"
    r"(?:回顾|总结|任务|工作|安排|目标|要求|部署|情况|成就|问题|建议|措施|要点|方针|取向|重点)(?:[（(]草案[）)])?)"
    rf"{_HWS}*$",
    re.MULTILINE,
)
_AFTER_SENTENCE = re.compile(rf"(?:^|[{_ENDS}：:][{_CLOSERS}]*)[{_WS}]*$")


def _heading_lines(text: str, year: int | None, numbered: set[int]) -> list[tuple[int, int, int]]:
    """(start, start, 1) of every unnumbered heading line that states an orientation."""
    out = []
    for m in _HEADING_LINE.finditer(text):
        start = m.start("title")
        title = m.group("title")
        if start in numbered or "工作报告" in title or _LINE_MARKER.match(text, m.start()):
            continue
        if not _AFTER_SENTENCE.search(text, max(0, m.start() - 200), m.start()):
            continue  # a line broken off a sentence (a link in a scraped page)
        if _cue(title, year, heading=True) in (REVIEW, PLAN):
            out.append((start, start, 1))
    return out


def _rstrip_to(text: str, start: int, end: int, chars: str = _WS) -> int:
    """Move `end` back over trailing `chars`, not before `start`."""
    while end > start and text[end - 1] in chars:
        end -= 1
    return end


def _line_end(text: str, pos: int) -> int:
    """Offset of the next line break at or after `pos` (or the end of text)."""
    nl = text.find("\n", pos)
    return len(text) if nl < 0 else nl


def _paragraph_bound(text: str, heading_end: int, limit: int) -> int:
    """Where a level-4 item's content ends: its own line, or the next line when the
    item's heading stands alone (——经济平稳快速增长。 followed by its paragraph).

    A run-in list (…：一是…；二是…。) is one paragraph; the prose after it is not part
    of the last item.
    """
    line_end = _line_end(text, heading_end)
    if text[heading_end:line_end].strip(_WS + _ENDS + _CLOSERS):
        return line_end
    pos = line_end
    while pos < limit:
        nxt = _line_end(text, pos + 1)
        if text[pos + 1 : nxt].strip(_WS):
            return nxt
        pos = nxt
    return limit


def _same_line(text: str, a: int, b: int) -> bool:
    """True when no line break lies between offsets a and b."""
    return text.find("\n", a, b) < 0


def _sentence_end(text: str, pos: int) -> int:
    """`pos` moved past closing quotes that belong to the sentence just ended."""
    while pos < len(text) and text[pos] in _CLOSERS:
        pos += 1
    return pos


def find_sections(text: str, *, place_year: tuple[str | None, int | None] | None = None) -> list[Section]:
    """Every numbered section in document order, nested ones included.

    A section runs from its marker to the next heading of the same or a higher level
    (or the end of text); level-4 items (一是…, —— leads) also stop at the end of their
    paragraph, so the prose after a list is not counted as the list's last item.
    `place_year`: `report_place_year(text)`, when the caller has it already.
    """
    if not text:
        return []
    marks = _markers(text)
    _place, year = place_year if place_year is not None else report_place_year(text)
    marks = sorted(marks + _heading_lines(text, year, {start for start, _, _ in marks}))
    if not marks:
        return []
    starts = [s for s, _, _ in marks]
    built: list[_Open] = []
    stack: list[_Open] = []
    prev_stop = ""  # the character that ended the previous heading
    for i, (start, mend, level) in enumerate(marks):
        next_start = starts[i + 1] if i + 1 < len(marks) else len(text)
        stop = _HEADING_STOP.search(text, mend, next_start)
        stop_char = stop.group() if stop else ""
        hend = max(_rstrip_to(text, mend, stop.start() if stop else next_start, _HEADING_TRAIL), mend)
        while stack and stack[-1].level >= level:
            stack.pop().end = start
        heading = text[start:hend].strip(_WS)
        bound = len(text)
        if level == 4:
            last_clause = stop_char in ("。", "！", "？", "!", "?") and prev_stop in ("；", ";")
            if stop is not None and last_clause and _same_line(text, starts[i - 1], start):
                bound = _sentence_end(text, stop.end())  # last clause of a "一是…；二是…。" list
            else:
                bound = _paragraph_bound(text, hend, len(text))
        sec = _Open(
            start=start,
            heading_end=hend,
            level=level,
            marker=text[start:mend],
            title=text[mend:hend].strip(_WS),
            heading=heading,
            path=tuple(s.heading for s in stack) + (heading,),
            bound=bound,
            parent=stack[-1] if stack else None,
        )
        stack.append(sec)
        built.append(sec)
        prev_stop = stop_char if level == 4 else ""
    for sec in stack:
        sec.end = len(text)
    for sec in built:
        end = min(sec.end, sec.bound)
        sec.end = max(_rstrip_to(text, sec.start, end), sec.heading_end)
    _orient(text, built, year)
    return [Section(s.start, s.end, s.heading_end, s.level, s.marker, s.title, s.path, s.orientation) for s in built]


# ---------------------------------------------------------------------------------------
# Orientation
# ---------------------------------------------------------------------------------------

_REVIEW_WORDS = re.compile(
    r"工作回顾|回顾|过去一年|过去的一年|过去五年|过去的五年|[一二三四五六七八九十两几]+年来|主要工作"
    r"|取得的成绩|取得的成就|伟大成就|发展成就|基本总结|工作总结|执行情况|决算"
)
# Plan words; a target that was "exceeded" or "completed" is a result, not a plan.
_PLAN_WORDS = re.compile(
    r"工作安排|工作任务|总体要求|(?<!超过)(?<!完成)(?<!实现)(?<!达到)预期目标|主要任务|重点工作|今年|明年|下一步"
    r"|政策取向|总体部署|工作的?建议|今后|基本任务|主要目标(?![^，。；]{0,6}(?:完成|实现))|基本方针"
)
# A five-year plan named in a heading (“十五五”时期, 第六个五年计划, 六五计划): review when it
# ended before the report's year, plan when it starts in it or later.
_FYP = re.compile(
    r"“(?P<quoted>十[一二三四五六七八九]?|[一二三四五六七八九])五”"
    r"|第(?P<ordinal>[一二三四五六七八九十]+)个五年(?:计划|规划)"
    r"|(?<![一二三四五六七八九十\d])(?P<bare>十[一二三四五六七八九]?|[一二三四五六七八九])五(?=计划|规划|时期|期间)"
)
# Cues counted over the prose before the first level-1 heading (excerpts that start mid-report).
_REGION_REVIEW = re.compile(r"过去一年|过去的一年|一年来|五年来|过去五年|回顾")
_REGION_PLAN = re.compile(r"今年|明年|下一步|预期目标|工作安排|总体要求")
# A year counts when it names the work of a year ("2023年工作回顾", "1956年的国家预算"),
# not when it dates something in passing ("1989年以后的债务", "到2020年").
_YEAR_CUE = re.compile(
    r"(?<![到至])(\d{4})\s*年[^，。；：\d]{0,12}?(?:工作|任务|计划|预算|决算|部署|成就|要求|安排|建议)"
    r"|^(\d{4})\s*年[，,是]"
)


def _normalise_years(s: str) -> str:
    """Full-width, spaced and Chinese-numeral years as ASCII digits (same meaning, not offsets)."""
    s = s.translate(_FULLWIDTH_DIGITS)
    s = _SPACED_DIGITS.sub("", s)
    return _CN_YEAR.sub(lambda m: "".join(_CN_DIGITS[c] for c in m.group()), s)


def _fyp_start(n: int) -> int:
    """First year of the n-th five-year plan (1953, 1958, then 1966 + 5 per plan)."""
    return {1: 1953, 2: 1958}.get(n, 1966 + 5 * (n - 3))


def _fyp_cues(s: str, year: int | None) -> list[tuple[int, str]]:
    """(offset, orientation) of the five-year plans a text names, against the report's year."""
    if year is None:
        return []
    out = []
    for m in _FYP.finditer(s):
        name = m.group("quoted") or m.group("bare")
        n = _cn_number(name) if name else _cn_number(m.group("ordinal"))
        start = _fyp_start(n)
        if start + 4 < year:
            out.append((m.start(), REVIEW))
        elif start >= year:
            out.append((m.start(), PLAN))
    return out


def _cue(s: str, year: int | None, *, heading: bool = False) -> str | None:
    """Orientation stated by a heading or sentence.

    Cue words count, and in a heading the five-year plans it names. Of a sentence's cues
    the earliest wins, while a heading that names both the past and the plan (“十四五”
    时期发展成就和“十五五”时期主要目标任务) is `MIXED`: it decides nothing, its paragraphs
    are oriented one by one. Without a cue, a year compared with the report's year
    decides (2023年 in a 2024 report looks back).
    """
    found = [(m.start(), o) for o, m in ((REVIEW, _REVIEW_WORDS.search(s)), (PLAN, _PLAN_WORDS.search(s))) if m]
    if heading:
        found += _fyp_cues(s, year)
    if found:
        kinds = {o for _, o in found}
        if len(kinds) == 1:
            return kinds.pop()
        return MIXED if heading else min(found)[1]
    if year is not None:
        m = _YEAR_CUE.search(_normalise_years(s).strip(_WS))
        if m:
            return REVIEW if int(m.group(1) or m.group(2)) < year else PLAN
    return None


def _first_sentence(text: str, sec: _Open) -> str:
    """The sentence right after a heading, within the section."""
    pos = sec.heading_end
    while pos < sec.end and (text[pos] in _WS or text[pos] in _ENDS or text[pos] in _CLOSERS):
        pos += 1
    stop = _HEADING_STOP.search(text, pos, sec.end)
    return text[pos : stop.start() if stop else sec.end]


def _region_orientation(text: str) -> str | None:
    """Majority of review/plan cues in a stretch of prose; None on a tie."""
    review = len(_REGION_REVIEW.findall(text))
    plan = len(_REGION_PLAN.findall(text))
    if review > plan:
        return REVIEW
    if plan > review:
        return PLAN
    return None


def _orient(text: str, sections: list[_Open], year: int | None) -> None:
    """Set each section's orientation: its own cue, else its parent's.

    Sections before the first level-1 heading (an excerpt that starts inside a part)
    have no parent; they take the majority cue of that leading stretch. A level-1 part
    without a cue that follows a part looking forward looks forward too: reports review
    first and plan after, never the other way round.
    """
    first_l1 = next((s.start for s in sections if s.level == 1), len(text))
    lead: str | None = None
    lead_done = False
    last_l1: str | None = None
    for sec in sections:
        parent = sec.parent
        own = _cue(sec.title, year, heading=True)
        if own == MIXED:
            sec.orientation = None
            if sec.level == 1:
                last_l1 = None
            continue
        if own is None and (parent is None or parent.orientation is None):
            own = _cue(_first_sentence(text, sec), year)
        if own is not None:
            sec.orientation = own
        elif parent is not None:
            sec.orientation = parent.orientation
        elif sec.level == 1:
            sec.orientation = PLAN if last_l1 == PLAN else None
        elif sec.start < first_l1:
            if not lead_done:
                lead, lead_done = _region_orientation(text[:first_l1]), True
            sec.orientation = lead
        if sec.level == 1:
            last_l1 = sec.orientation


def orientation_at(sections: list[Section], offset: int, default: str | None = None) -> str | None:
    """Orientation of the innermost section around `offset` that has one, else `default`."""
    best: Section | None = None
    for sec in sections:
        if sec.start > offset:
            break
        if sec.start <= offset < sec.end and sec.orientation is not None:
            if best is None or sec.start >= best.start:
                best = sec
    return best.orientation if best is not None else default


# ---------------------------------------------------------------------------------------
# Place and year
# ---------------------------------------------------------------------------------------

_OPENING = 400  # characters of the title block we read (the brief's "about 300", plus page chrome slack)
_ADMIN_UNIT = re.compile(r".+?(?:特别行政区|自治区|自治州|自治县|自治旗|地区|省|市|州|盟|县|区|旗)")
_TITLE = re.compile(r"^(?:[（(][^）)]{1,12}[）)])?(?:\d{4}年度?)?([\u4e00-\u9fff]{2,20}?)(?:人民)?政府工作报告")
_SESSION_PLACE = re.compile(r"在([\u4e00-\u9fff]{2,20}?)第[一二三四五六七八九十]+[届屆]人民代表大[会會]")
_SIGNATURE_PLACE = re.compile(r"([\u4e00-\u9fff]{2,20}?)人民政府(?:代|副)?(?:区长|市长|县长|旗长|州长|省长|主席|盟长)")
_NATIONAL = re.compile(
    r"代表国务院|国务院总理|国务院的?委托|国务院向|[全][国國]人民代表大[会會]|我[国國]各族人民|国务院政府工作报告"
)
_DATE = re.compile(r"(\d{4})年\d{1,2}月\d{1,2}日(?:在|[）)])")
_TITLE_YEAR = re.compile(r"政府工作报告[（(](\d{4})年|(\d{4})年(?:度)?[\u4e00-\u9fff]{0,12}?政府工作报告")
_NPC_SESSION = re.compile(
    r"第([一二三四五六七八九十]+)[届屆][全][国國]人民代表大[会會](?:第([一二三四五六七八九十]+)次[会會][议議])?"
)
_CLAUSE = re.compile(f"[^{_ENDS}\n]*")
# Heading lines that name the reviewed year (→ year + 1) or the planned year (→ year).
_HEAD = rf"^{_HWS}*(?:{_NUM}+、|[（(]{_NUM}+[）)])?{_HWS}*"
_HEADING_YEAR = re.compile(
    rf"{_HEAD}[^\n。\d]{{0,12}}?(?P<review>\d{{4}})\s*年(?:的)?(?:国内)?(?:政府)?(?:工作)?(?:的)?(?:回顾|国家决算|决算)"
    rf"|{_HEAD}首先报告(?P<review_report>\d{{4}})\s*年的工作"
    rf"|{_HEAD}[^\n。\d]{{0,12}}?(?P<plan>\d{{4}})\s*年(?:的)?(?:国内)?"
    r"(?:政府工作|工作|经济社会发展|国民经济计划|国家预算|经济体制改革)?(?:的)?"
    r"(?:总体要求|总体部署|主要任务|工作任务|任务|安排|建议|基本方针|政策取向)"
    rf"|{_HEAD}(?:去年|过去一年|过去的一年|一年来)工作回顾[{_WS}]*(?P<review_next>\d{{4}})\s*年"
    rf"|{_HEAD}今年(?:的)?(?:主要任务|工作)[^\n]*[{_WS}]*(?P<plan_next>\d{{4}})\s*年",
    re.MULTILINE,
)
_FYP_REVIEW = re.compile(r"“(十[一二三四五六七八九]?|[一二三四五六七八九])五”(?:时期|期间|计划)[^。\n]{0,30}回顾")
_JUST_PAST = re.compile(r"刚刚过去的(\d{4})\s*年")
# "1979年农业总产值比1978年…": results of a year against the year before. A report tells
# them for the year just ended, or for the current one as an estimate (预计).
_VERSUS_PREVIOUS = re.compile(r"(?P<year>\d{4})\s*年(?P<between>[^。\n]{0,40}?)比(?P<base>\d{4}\s*年|上年|去年)")
_YEAR_WILL = re.compile(r"(\d{4})\s*年[，,]?(?:我们)?要(?!求)")
_YEAR_RESULT = re.compile(
    r"(?<![到至在于])(\d{4})\s*年(?!前|以前)(?:全年|底|年底)?[^。\n，；]{0,20}?(?:达到|增长|增加|产量|产值|收入)"
)
_TERM_PAST = re.compile(r"第([一二三四五六七八九十]+)[届屆][全][国國]人民代表大[会會]期间")


def _cn_number(s: str) -> int:
    """Value of a small Chinese numeral (一 … 九十九)."""
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (digits.get(tens, 1) if tens else 1) * 10 + (digits.get(ones, 0) if ones else 0)
    return digits.get(s, 0)


# Year of each session of the early National People's Congresses; from the 6th congress
# on, five sessions a year apart starting in 1983.
_EARLY_NPC = {
    (1, 1): 1954, (1, 2): 1955, (1, 3): 1956, (1, 4): 1957, (1, 5): 1958,
    (2, 1): 1959, (2, 2): 1960, (2, 3): 1962, (2, 4): 1963,
    (3, 1): 1964, (4, 1): 1975,
    (5, 1): 1978, (5, 2): 1979, (5, 3): 1980, (5, 4): 1981, (5, 5): 1982,
}  # fmt: skip


def _npc_year(term: int, session: int) -> int | None:
    """Calendar year of a session of the National People's Congress."""
    if term >= 6 and 1 <= session <= 5:
        return 1983 + 5 * (term - 6) + session - 1
    return _EARLY_NPC.get((term, session))


def _last_unit(name: str) -> str | None:
    """The most specific administrative unit in a name: 呼伦贝尔市海拉尔区 → 海拉尔区."""
    units = _ADMIN_UNIT.findall(name)
    if not units:
        return None
    if len(units) > 1 and len(units[-1]) == 1:  # 新市区 split as 新市 + 区
        units[-2:] = [units[-2] + units[-1]]
    return units[-1]


def _compact(s: str) -> str:
    """Remove every kind of white space: 政 府 工 作 报 告 → 政府工作报告."""
    return re.sub(f"[{_WS}]+", "", s)


def _opening_place(opening: str) -> str | None:
    """Place named by the title line, the session line or the signature of the opening."""
    for line in opening.split("\n"):
        m = _TITLE.search(_compact(line))
        if m:
            name = m.group(1)
            if "国务院" in name or "中华人民共和国" in name:
                return "中国"
            unit = _last_unit(name)
            if unit:
                return unit
    flat = _compact(opening)
    for pattern in (_SESSION_PLACE, _SIGNATURE_PLACE):
        m = pattern.search(flat)
        if m:
            unit = _last_unit(m.group(1))
            if unit and "全国" not in unit:
                return unit
    return None


def _session_year(flat: str) -> int | None:
    """Year from a National People's Congress session named in the opening.

    "向第十届全国人民代表大会第一次会议报告" is this session; "从去年９月第五届…第三次会议
    到现在" and "第十一届…第一次会议以来的五年" count from an earlier one; a session named
    in passing ("根据一九八三年六月第六届…的决议") says nothing about this one.
    """
    for clause in _CLAUSE.finditer(flat):
        sentence = clause.group()
        for m in _NPC_SESSION.finditer(sentence):
            base = _npc_year(_cn_number(m.group(1)), _cn_number(m.group(2)) if m.group(2) else 1)
            if base is None:
                continue
            before, after = sentence[: m.start()], sentence[m.end() :]
            if re.search(r"以来|闭幕|到现在|到这次|^[，,]?到", after) or re.search(r"[从自]", before[-12:]):
                if "五年" in after:
                    return base + 5
                if "去年" in before or "一年" in after:
                    return base + 1
            elif re.search(r"(?:向|在|我们|我們|这次|本次)$", before):
                return base
    return None


def _heading_year(text: str) -> int | None:
    """The first heading that names the reviewed year (+1) or the planned year."""
    m = _HEADING_YEAR.search(text)
    if m is None:
        return None
    shifts = {"review": 1, "review_report": 1, "review_next": 1, "plan": 0, "plan_next": 0}
    for group, shift in shifts.items():
        if m.group(group):
            return int(m.group(group)) + shift
    return None


def _national_body_year(text: str) -> int | None:
    """Year of a national report whose opening does not state it, from how the body
    speaks of years (oldest reports, excerpts): the congress term just ended, the plan
    period reviewed, "刚刚过去的1984年", a year's results against the year before
    (estimated: this year; reported: last year), "1987年要…", the latest year with results.
    """
    m = _TERM_PAST.search(text[:3000])
    if m:
        start = _npc_year(_cn_number(m.group(1)), 1)
        if start is not None and start >= 1983:
            return start + 5
    m = _FYP_REVIEW.search(text[:5000])
    if m:
        plan = _cn_number(m.group(1))
        if plan >= 3:
            return 1966 + 5 * (plan - 3) + 5
    m = _JUST_PAST.search(text)
    if m:
        return int(m.group(1)) + 1
    for m in _VERSUS_PREVIOUS.finditer(text):
        year, base = int(m.group("year")), m.group("base")
        if base[0].isdigit() and int(base[:4]) != year - 1:
            continue
        estimated = "预计" in m.group("between") or "预计" in text[max(0, m.start() - 6) : m.start()]
        return year if estimated else year + 1
    m = _YEAR_WILL.search(text)
    if m:
        return int(m.group(1))
    results = [int(m.group(1)) for m in _YEAR_RESULT.finditer(text)]
    return max(results) + 1 if results else None


def report_place_year(text: str) -> tuple[str | None, int | None]:
    """The report's place and year where its title or opening states them.

    The year is the year the report was delivered (a 2024 report reviews 2023). It comes
    from the session date or title of the opening; for national reports, from the
    congress session named there; failing both, from a heading such as 一、2023年工作回顾
    (→ 2024). Returns None for what the text does not say.
    """
    if not text:
        return None, None
    opening = _normalise_years(text[:_OPENING])
    flat = _compact(opening)
    place = _opening_place(opening)
    national = place == "中国" or (place is None and _NATIONAL.search(flat) is not None)
    if national:
        place = "中国"
    year: int | None = None
    m = _DATE.search(flat)
    if m:
        year = int(m.group(1))
    if year is None:
        m = _TITLE_YEAR.search(flat)
        if m:
            year = int(m.group(1) or m.group(2))
    if year is None and national:
        year = _session_year(_compact(_normalise_years(text[:1500])))
    if year is None and (place is not None or national):
        body = _normalise_years(text)
        year = _heading_year(body)
        if year is None and national:
            year = _national_body_year(body)
    logger.debug("report place %s, year %s", place, year)
    return place, year


__all__ = [
    "PLAN",
    "REVIEW",
    "Section",
    "find_sections",
    "orientation_at",
    "report_place_year",
    "sentence_spans",
]
