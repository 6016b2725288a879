"""Productive patterns that name programmes without a lexicon entry.

- Lists that share one head noun: 实施饲草料供给提升、肉牛肉羊增产增效、奶业振兴行动 names three
  programmes (the head goes with the last); 千企技改、制造业数字化转型、工业绿色化发展等专项行动 and
  研发费用加计扣除、增值税加计抵减等激励政策 name their members; a list of two-character members
  is one name (蓝天、碧水、净土保卫战).
- A province's campaign named 平安/法治/健康/数字/信用/清廉 + the place (平安山东, 健康湖北).
- Formula brands whose tail is the province's one-character name: 人才兴皖, 万企兴渝, 职教兴滇.
- Regional integration named by its places: 西咸一体化, 北钦防一体化发展, 西安都市圈同城化.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping

CJK = "\u4e00-\u9fff"
#: Chinese numerals as they count parts of names (三纵十横, 五大行动, 两集中两到位).
NUMERAL = "一二三四五六七八九十两百千万"
# A list member: a run of name characters (no clause words), 2 to 14 long.
MEMBER_CHAR = re.compile(rf"[{CJK}A-Za-z0-9+]")
NOT_IN_MEMBER = re.compile(r"[的了是在将要等于使把被对这那此该也或和与及]|各[项种]|有关|相关|[一二三四五六七八九十]")
# Heads after 等 that make the listed members programmes (…等专项行动, …等激励政策).
LISTED_HEAD = re.compile(rf"等[{CJK}]{{0,4}}?(?:专项行动|行动|试点|激励政策|支持政策|计划)")
# Members that are construction works or places, not programmes (机场路护坡改造, 海宝公路).
WORKS_MEMBER = re.compile(r"[路桥道河渠]|改造$|治理$|工程$|建设$")
# Brands of a province named by a quality and the place (平安山东, 健康湖北, 数字重庆).
PLACE_BRAND = re.compile(r"平安|法治|健康|数字|信用|清廉")
# The one-character names of the provincial-level divisions (general knowledge).
PROVINCE_CHARS = "京津沪渝冀豫滇辽黑湘皖鲁苏浙赣鄂桂陇晋蒙陕吉闽黔粤藏川蜀琼"  # 新 云 青 宁 甘 贵: too often words
# Formula brands: two characters, 兴, the province (人才兴皖, 万企兴渝, 职教兴滇, 科技兴赣).
FORMULA = re.compile(rf"[{CJK}]{{2}}兴[{PROVINCE_CHARS}](?![{CJK}]{{0,1}}[省市区县])")

# Integration of the places just before: 西咸一体化, 北钦防一体化发展, 西安都市圈同城化.
INTEGRATION = re.compile(r"(?:一体化|同城化)(?:发展)?")

VerbEnd = Callable[[str, int, int], int]


def member_before(text: str, end: int, floor: int) -> tuple[int, int] | None:
    """The list member ending right before `end` (a joiner or 等), or None."""
    i = end
    while i > floor and MEMBER_CHAR.match(text, i - 1):
        i -= 1
    if end - i < 2 or end - i > 14 or NOT_IN_MEMBER.search(text, i, end):
        return None
    return i, end


def list_before(
    text: str, start: int, floor: int, verb_end: VerbEnd, *, after_punct: bool = False
) -> list[tuple[int, int]] | None:
    """The 、-separated members before the name that begins at `start`, when the list opens
    right after a verb (实施饲草料供给提升、…), or with `after_punct` also after punctuation
    (，千企技改、…); None otherwise.

    `verb_end(text, s, e)` is where the last trigger verb in text[s:e] ends (s when none).
    """
    members: list[tuple[int, int]] = []
    joiner = start - 1
    while joiner > floor and text[joiner] == "、":
        member = member_before(text, joiner, floor)
        if member is None:
            return None
        members.insert(0, member)
        joiner = member[0] - 1
    if not members:
        return None
    s, e = members[0]
    cut = verb_end(text, max(floor, s - 6), e)
    if cut <= s and after_punct and s > floor and not MEMBER_CHAR.match(text, s - 1):
        cut = s  # the list opens the clause
    elif cut <= s:
        return None  # no verb opens the list
    if e - cut < 2:
        return None
    members[0] = (cut, e)
    if any(WORKS_MEMBER.search(text, a, b) for a, b in members):
        return None
    return members


def listed_members(text: str, verb_end: VerbEnd) -> Iterator[tuple[int, int]]:
    """Members of lists closed by 等 + a programme head (千企技改、制造业数字化转型等专项行动)."""
    for m in LISTED_HEAD.finditer(text):
        last = member_before(text, m.start(), max(0, m.start() - 16))
        if last is None or WORKS_MEMBER.search(text, *last):
            continue
        members = list_before(text, last[0], max(0, last[0] - 80), verb_end, after_punct=True)
        if members and all(e - s >= 4 for s, e in [*members, last]):
            yield from [*members, last]


def place_brands(text: str, places: Mapping[int, int]) -> Iterator[tuple[int, int]]:
    """平安/法治/健康/数字/信用/清廉 + a PLACE span: 健康湖北, 法治山东.

    建设 after it stays outside (推进健康北京建设 → 健康北京: the work done for a strategy named
    健康X), except after 平安: the national campaign is named 平安建设 (平安重庆建设).
    """
    for start, end in places.items():
        if start >= 2 and PLACE_BRAND.fullmatch(text, start - 2, start) and not text.startswith("示范", end):
            campaign = text.startswith("平安", start - 2) and text.startswith("建设", end)
            yield start - 2, end + 2 if campaign else end


def integrations(text: str, places: Mapping[int, int]) -> Iterator[tuple[int, int]]:
    """Adjacent PLACE spans followed by 一体化/同城化 (+发展): 西咸一体化, 北钦防一体化发展.

    A regional integration strategy is named by its places alone (the 长三角一体化 of the
    lexicon, and in every province its own: 西安都市圈同城化).
    """
    ends = set(places.values())
    for start in sorted(places):
        if start in ends:
            continue  # not the first place of a run
        end = places[start]
        while end in places and places[end] > end:
            end = places[end]
        if end - start >= 2 and (m := INTEGRATION.match(text, end)):
            yield start, m.end()


def formula_brands(text: str) -> Iterator[tuple[int, int]]:
    """人才兴皖, 万企兴渝, 职教兴滇: a formula brand of a province."""
    for m in FORMULA.finditer(text):
        yield m.span()
