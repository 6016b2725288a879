"""One-character abbreviations: contracted lists, the report's own province, and regions.

Reports contract lists of places to one character each (沪苏浙 = 上海, 江苏, 浙江; 呼包鄂乌 =
呼和浩特, 包头, 鄂尔多斯, 乌兰察布; 济青烟), name their own province by its abbreviation
after a verb of place (留鄂来鄂, 驻陕部队, 在京高校), and name parts of a province by its
abbreviation and a direction (皖北, 陕南, 渝东北). The rulings: a contracted list gives one
PLACE per member; established region names (京津冀, 长三角, 粤港澳) stay whole — they are in
the lexicon and, longer, win.

A member is read the same way for the whole run: as prefecture-level cities of the report's
own province when every character names one (北钦防 in Guangxi: 北海, 钦州, 防城港), else as
provinces when every character is a province abbreviation (鄂湘赣), else character by
character: a province abbreviation, a municipality (北上广: 北京, 上海), a city of the report's
province, a county of it, a provincial capital, any other city. The abbreviations come from
`data/place_abbreviations.tsv` (built by `scripts/build_place_regions.py` from jionlp).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .gazetteer import Division, Gazetteer

DIRECTIONS = ("东北", "东南", "西北", "西南", "东", "西", "南", "北", "中")
#: Abbreviations too common as ordinary characters to start a region (新中国, 台北 is no part of 台湾
#: we can code, 港北/澳门 are names of their own).
NO_REGION = set("新台港澳云")
#: Words after a contracted list that show it is one: cooperation between the members, their
#: count, a distance between them.
LIST_CUES = re.compile(
    r"(?:一体化|协同|联动|合作|对口|毗邻|交界|同城|结对|通勤|研发|要素|创新|城市|地区|两地|三地|三省|四省|\d|[一二三四五六七八九两][个市地省])"
)
#: A count of townships or villages after names (东坝、尕羊、吉曲3乡): the names are theirs, not a list's.
_COUNTED_TOWNSHIPS = re.compile(r"\d+个?[乡镇村]")
#: Verbs of place before a one-character abbreviation of the report's own province (来陕, 驻陕, 在鄂).
ARRIVAL = set("在来回留驻涉赴到")
#: Numerals start names (六盘水, 九江) but never stand for one in a list (六百九十四).
NUMERALS = set("一二三四五六七八九十百千万亿两零〇")
#: Function words never begin or join a list of places (和田 begins with 和: “一带一路”和中蒙俄经济走廊).
FUNCTION_CHARS = set("和与及的在对把将为是了等从向到至于或并其这该各每所由被以让使给之即又也都")
_CJK = re.compile(r"[\u3400-\u9fff]")
MUNICIPALITIES = ("110000", "120000", "310000", "500000")


def _capital_first(d: Division) -> tuple[bool, str]:
    """Provincial capitals (code xx01xx) before other cities, then by code."""
    return (d.code[2:4] != "01", d.code)


def parse_abbreviations(text: str) -> dict[str, str]:
    """abbreviation -> province code, from the lines of `data/place_abbreviations.tsv`."""
    out = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            cols = line.split("\t")
            out[cols[0]] = cols[1]
    return out


@dataclass(frozen=True)
class Member:
    """One character of a contracted list and the division it stands for."""

    start: int
    division: Division


class Abbreviations:
    """Readings of single characters as divisions, for one gazetteer and one year."""

    def __init__(self, table: dict[str, str], gazetteer: Gazetteer) -> None:
        self.table = table
        self.gazetteer = gazetteer
        self._cities: dict[str, list[Division]] = {}
        self._counties: dict[str, list[Division]] = {}
        self._inside: dict[str, list[Division]] = {}
        for d in gazetteer.divisions:
            if not d.current or not d.short or len(d.short) < 2:
                continue
            if d.level == "prefecture":
                self._cities.setdefault(d.short[0], []).append(d)
                for ch in d.short[1:]:
                    self._inside.setdefault(ch, []).append(d)
            elif d.level == "county":
                self._counties.setdefault(d.short[0], []).append(d)

    def province(self, ch: str) -> Division | None:
        code = self.table.get(ch)
        return self.gazetteer.get(code) if code else None

    def _local_city(self, ch: str, near: str | None) -> Division | None:
        if not near:
            return None
        local = sorted((d for d in self._cities.get(ch, []) if d.code[:2] == near[:2]), key=_capital_first)
        if local:
            return local[0]  # 济 in Shandong: 济南 (the capital) before 济宁
        inside = [d for d in self._inside.get(ch, []) if d.code[:2] == near[:2]]
        return inside[0] if len(inside) == 1 else None  # 汉 in Hubei: 武汉

    def _reading(self, ch: str, near: str | None) -> tuple[Division, bool] | None:
        """A character read on its own (the mixed case of the module docstring), and whether
        the reading is a sure one (a province, a municipality, a city or county of the report's
        province) rather than some city elsewhere."""
        if (p := self.province(ch)) is not None:
            return p, True
        for code in MUNICIPALITIES:
            d = self.gazetteer.get(code)
            if d is not None and d.short.startswith(ch):
                return d, True
        if (d := self._local_city(ch, near)) is not None:
            return d, True
        if near:
            counties = [d for d in self._counties.get(ch, []) if d.code[:2] == near[:2]]
            if len(counties) == 1:
                return counties[0], True
        cities = sorted(self._cities.get(ch, []), key=_capital_first)
        return (cities[0], False) if cities else None

    def members(self, text: str, start: int, end: int, near: str | None) -> list[Member] | None:
        """The divisions of the contracted list text[start:end], or None when a character has none."""
        chars = text[start:end]
        local = [self._local_city(ch, near) for ch in chars]
        if all(local):
            return [Member(start + i, d) for i, d in enumerate(local) if d is not None]
        provinces = [self.province(ch) for ch in chars]
        if all(provinces):
            return [Member(start + i, d) for i, d in enumerate(provinces) if d is not None]
        mixed = [self._reading(ch, near) for ch in chars]
        readings = [r for r in mixed if r is not None]
        sure = sum(s for _, s in readings)
        if len(readings) < len(chars) or sure < (len(chars) if len(chars) == 2 else 1):
            return None  # 江海联动, 吉曲3乡: too few sure readings to be a list of places
        return [Member(start + i, d) for i, (d, _) in enumerate(readings)]

    def is_member_char(self, ch: str) -> bool:
        if ch in NUMERALS or ch in FUNCTION_CHARS:
            return False
        return ch in self.table or ch in self._cities or ch in self._inside or ch in self._counties


def runs(
    text: str, taken: bytearray, abbreviations: Abbreviations, boundary: Callable[[str, int], bool], longest: int = 4
) -> Iterable[tuple[int, int]]:
    """Contracted lists: 2..`longest` free characters that each may stand for a division,
    after a boundary (punctuation, a function word, a verb) and before a cue (一体化, 协同,
    对口合作, 3个 …), longest first."""
    for m in LIST_CUES.finditer(text):
        end = m.start()
        if end < 2 or not all(_CJK.match(ch) and abbreviations.is_member_char(ch) for ch in text[end - 2 : end]):
            continue  # every run holds the two characters before the cue (most cues are digits of figures)
        if _COUNTED_TOWNSHIPS.match(text, end):
            continue  # 尕羊、吉曲3乡: townships counted, no contracted list
        for length in range(longest, 1, -1):
            start = end - length
            if start < 0 or any(taken[start:end]) or not boundary(text, start):
                continue
            if all(_CJK.match(ch) and abbreviations.is_member_char(ch) for ch in text[start:end]):
                yield start, end
                break


def province_runs(
    text: str, taken: bytearray, abbreviations: Abbreviations, boundary: Callable[[str, int], bool]
) -> Iterable[tuple[int, int]]:
    """Contracted lists of three or four province abbreviations with no cue after them (川渝黔鄂电力
    互济, 渝黔桂“氢走廊”): free characters after a boundary, the whole run of abbreviations."""
    chars = "".join(c for c in abbreviations.table if c not in NUMERALS)
    for m in re.finditer("[" + chars + "]{3,4}", text):
        start, end = m.span()
        if end < len(text) and text[end] in abbreviations.table:
            continue  # a longer run: no list of three or four
        if not any(taken[start:end]) and boundary(text, start):
            yield start, end


def regions(text: str, abbreviations: Abbreviations) -> Iterable[tuple[int, int, str]]:
    """(start, end, province code) of abbreviation + direction regions: 皖北, 陕南, 渝东北, 赣西."""
    for m in re.finditer("[" + "".join(c for c in abbreviations.table if c not in NO_REGION) + "]", text):
        for direction in DIRECTIONS:
            if text.startswith(direction, m.end()):
                end = m.end() + len(direction)
                if abbreviations.gazetteer.named(text[m.start() : end]):
                    break  # 陕西, 湘西, 晋中, 辽中: a division's own name
                yield m.start(), end, abbreviations.table[m.group()]
                break
