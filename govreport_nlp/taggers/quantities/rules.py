"""Find QUANTITY mentions in normalised report text and read their value.

Pure functions on text (no spaCy), so the rules can be tested on tables of real
expressions. The text is the normalised form (`ingest.normalize`): ASCII digits, `%`,
`:` between digits, full-width Chinese punctuation. What counts as a quantity, and each
attribute, follow the annotation guidelines (QUANTITY) and `docs/annotation.md`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Any

import cn2an

# Every scan is bounded, so that the rules take linear time on any input: a page of digits
# or numerals must not make the expressions backtrack over the whole run from each of its
# positions. A number never starts inside a run of digits or numerals, nor on a thousands
# group (a match there was always rejected, see `_read`, or could only follow a failed
# reading of the whole run), and has at most MAX_DIGITS digits before its point and
# MAX_GROUPS thousands groups, or MAX_NUMERAL Chinese numerals (二十二万零四百六十六 has
# ten): a longer run is no quantity.
MAX_DIGITS = 20
MAX_GROUPS = 8
MAX_NUMERAL = 16
ARABIC = rf"(?<!\d)(?!(?<=\d,)\d{{3}}(?!\d))\d{{1,{MAX_DIGITS}}}(?!\d)(?:,\d{{3}}){{0,{MAX_GROUPS}}}(?:\.\d+)?"
# A Chinese numeral starts with a digit or 十/百/千 (so 万元GDP is not a number) and may
# contain 万 and 亿 (二十二万零四百六十六).
CHINESE = (
    r"(?<![零〇一二两三四五六七八九十百千])"
    rf"[零〇一二两三四五六七八九十百千][零〇一二两三四五六七八九十百千万亿]{{0,{MAX_NUMERAL - 1}}}"
    r"(?:点[零〇一二三四五六七八九]+)?"
)
NUMBER = rf"(?:{ARABIC}|{CHINESE})"
MULTIPLIER = r"万亿|亿|万|千"
MULTIPLIERS = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3, "": 1.0}
RANGE_DASH = r"[-—－~～至到]"

# Qualifiers inside the span, and the comparator each gives.
PREFIXES = {"接近": "<", "近": "<", "大约": "≈", "约": "≈", "超过": ">", "超": ">", "逾": ">",
            "至少": ">=", "不低于": ">=", "不少于": ">=", "不到": "<", "不足": "<"}
SUFFIXES = {"及以上": ">=", "以上": ">=", "以下": "<=", "左右": "≈", "上下": "≈", "以内": "<=",
            "之内": "<=", "内": "<=", "多": ">", "余": ">"}
APPROX = {"多": ">", "余": ">", "几": ">"}

# change: the verb right before the number (after any qualifier).
INCREASE = re.compile(r"(?:增长|提高|增加|上涨|上升|增收|净增|新增|扩大|提升|多增|增幅为?|涨幅为?)了?$")
DECREASE = re.compile(r"(?:下降|减少|降低|压缩|下调|缩减|回落|减排|降幅为?)了?$")
LIST_JOINERS = {"、", "和", "与", "及"}

# Count classifiers after a bare 一 are articles, not counts: 一场斗争, 一批项目.
ARTICLE_UNITS = {"个", "场", "批", "项", "件", "次", "条", "处", "家", "名", "所", "座", "套", "台", "部",
                 "张", "类", "块", "轮", "层", "辆", "户", "人"}
# 年 is a duration only in these contexts; elsewhere N年 situates the text (五年来, 前九年).
YEAR_BEFORE = re.compile(r"(?:连续|为期|经过|历时|用|近)$")
YEAR_AFTER = re.compile(r"(?:不遇|内|之内|以内|左右|多)")
# 6.7万师生, 339万晋中人民: a number of people written without a measure word. Only with a
# multiplier (万, 亿), where the noun cannot be a count of something else.
PEOPLE_NOUNS = "人口|人民|群众|师生|农民|职工|居民|学生|人员"
PEOPLE = re.compile(rf"(?P<n>{ARABIC}) ?(?P<m>万|亿)(?=[\u4e00-\u9fff]{{0,2}}(?:{PEOPLE_NOUNS}))")
# 第3位, 第1名; 全省第一 (but not 第一方阵, 第7批, 第一人民医院, 第一时间, 第二个百年).
RANK = re.compile(
    r"第(?P<n>\d+|[一二三四五六七八九十]+)(?P<unit>位|名)"
    r"|(?<=[国省市区县])第(?P<m>[一二三四五六七八九十]+)(?![方批届次期轮个人时])"
)


@dataclass(frozen=True)
class Unit:
    written: str
    unit: str
    kind: str
    factor: float


@dataclass
class Quantity:
    """One quantity mention: character offsets into the text and its attributes."""

    start: int
    end: int
    attrs: dict[str, Any] = field(default_factory=dict)


@lru_cache(maxsize=1)
def default_units() -> tuple[Unit, ...]:
    rows = files("govreport_nlp.data").joinpath("quantity_units.tsv").read_text(encoding="utf-8")
    return parse_units(rows)


def parse_units(rows: str) -> tuple[Unit, ...]:
    """Units from the TSV format of `data/quantity_units.tsv` (comment lines start with #)."""
    units = []
    for line in rows.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        written, unit, kind, factor = line.split("\t")
        units.append(Unit(written, unit, kind, float(factor)))
    return tuple(units)


def number_value(text: str) -> float:
    """The value of an Arabic or Chinese numeral (1,000 / 4.3 / 三十 / 两 / 百 / 七点九)."""
    if text[0].isdigit():
        return float(text.replace(",", ""))
    if text[0] in "百千":  # 百亿元, 千亩: a size class, one hundred / one thousand
        text = "一" + text
    return _chinese_value(text)


@lru_cache(maxsize=4096)
def _chinese_value(text: str) -> float:
    """cn2an's value of a Chinese numeral, remembered: reports repeat the same few (两, 三, 十),
    and cn2an checks each with several expressions (a quarter of the QUANTITY tagger's time)."""
    try:
        value = cn2an.cn2an(text.replace("〇", "零"), "smart")
    except (ValueError, KeyError) as exc:  # not a well-formed numeral: 十四五, 零四百…
        raise ValueError(f"not a number: {text!r}") from exc
    return float(value)


def _clean(value: float) -> float | int:
    """Integers stay integers in JSON (43000, not 43000.0); others are rounded sensibly."""
    rounded = round(value, 6)
    return int(rounded) if rounded == int(rounded) else rounded


class QuantityRules:
    """The compiled rules for one unit table."""

    def __init__(self, units: Iterable[Unit] | None = None) -> None:
        self.units = {u.written: u for u in (units if units is not None else default_units())}
        unit_re = "|".join(re.escape(u) for u in sorted(self.units, key=len, reverse=True))
        prefix_re = "|".join(sorted(PREFIXES, key=len, reverse=True))
        suffix_re = "|".join(sorted(SUFFIXES, key=len, reverse=True))
        starts = "".join(sorted({p[0] for p in PREFIXES})) + "百零〇一二两三四五六七八九十千0-9"
        self.pattern = re.compile(
            rf"(?=[{starts}])"  # most positions cannot start a quantity: reject them at once
            rf"(?P<pre>{prefix_re})?"
            rf"(?:百分之(?P<pw>{NUMBER})"
            rf"|(?P<den>{CHINESE})分之(?P<num>{CHINESE})"
            rf"|(?P<r1>{ARABIC}):(?P<r2>{ARABIC})"
            rf"|(?P<n1>{NUMBER}) ?(?P<a1>[多余几])?(?P<m1>{MULTIPLIER})?(?P<a2>[多余])?"
            rf"(?:(?P<u1>{unit_re})?(?P<dash>{RANGE_DASH})(?P<n2>{NUMBER})(?P<m2>{MULTIPLIER})?)? ?(?P<unit>{unit_re}))"
            rf"(?P<post>{suffix_re})?"
        )

    def find(self, text: str) -> list[Quantity]:
        """All quantities in `text`, left to right, non-overlapping."""
        quotes = _Regions(_quoted_regions(text))
        found: list[Quantity] = []
        for match in self.pattern.finditer(text):
            try:
                quantity = self._read(text, match)
            except ValueError:
                continue
            if quantity is not None and not quotes.inside(quantity.start):
                self._set_change(text, quantity, found)
                found.append(quantity)
        found.extend(self._ranks(text, _Regions([(q.start, q.end) for q in found]), quotes))
        found.sort(key=lambda q: q.start)
        found.extend(self._people(text, _Regions([(q.start, q.end) for q in found]), quotes))
        found.sort(key=lambda q: q.start)
        return found

    def _read(self, text: str, m: re.Match[str]) -> Quantity | None:
        g: dict[str, Any] = m.groupdict()
        start, end = m.start(), m.end()
        if start > 0 and (text[start - 1] == "第" or text[start - 1].isascii() and text[start - 1].isalnum()):
            return None  # ordinals (第六届, 第7批) and numbers inside names (PM2.5, G20)
        attrs: dict[str, Any]
        if g["pw"] is not None:
            attrs = {"value": number_value(g["pw"]), "unit": "%", "kind": "percent"}
        elif g["den"] is not None:
            attrs = {"value": 100 * number_value(g["num"]) / number_value(g["den"]), "unit": "%", "kind": "percent"}
        elif g["r1"] is not None:
            left, right = number_value(g["r1"]), number_value(g["r2"])
            if right == 0:
                return None
            attrs = {"value": left / right, "unit": "ratio", "kind": "ratio", "terms": [_clean(left), _clean(right)]}
        else:
            read = self._read_number(text, m)
            if read is None:
                return None
            attrs = read
        approx: str = g.get("a1") or g.get("a2") or ""
        comparator = PREFIXES.get(g["pre"] or "") or SUFFIXES.get(g["post"] or "") or APPROX.get(approx)
        attrs["comparator"] = comparator or "="
        attrs["value"] = _clean(attrs["value"])
        return Quantity(start, end, attrs)

    def _read_number(self, text: str, m: re.Match[str]) -> dict[str, Any] | None:
        g = m.groupdict()
        unit = self.units[g["unit"]]
        n1 = g["n1"]
        if n1 == "一" and unit.written in ARTICLE_UNITS and not (g["m1"] or g["dash"]):
            return None
        if unit.unit == "年" and not self._duration(text, m):
            return None
        if unit.written == "次" and text[max(0, m.start() - 1):m.start()] == "届":
            return None  # 三届五次全会: a session, not a count
        if g["u1"] is not None and g["u1"] != g["unit"]:
            return None  # a range repeats its unit (4.5%—5%) or gives it once (120-140亿元)
        m1 = MULTIPLIERS[g["m1"] or ""]
        m2 = MULTIPLIERS[g["m2"] or ""]
        low = number_value(n1) * (m1 if g["m1"] else m2) * unit.factor
        attrs: dict[str, Any] = {"value": low, "unit": unit.unit, "kind": unit.kind}
        if g["dash"]:
            high = number_value(g["n2"]) * m2 * unit.factor
            if high <= low:
                return None  # not a range: 2020至2025, 12-3
            attrs.update(min=_clean(low), max=_clean(high))
        return attrs

    @staticmethod
    def _duration(text: str, m: re.Match[str]) -> bool:
        n1 = m.group("n1")
        if re.fullmatch(r"\d{4}|[〇零一二三四五六七八九]{4}", n1):
            return False  # a calendar year
        return bool(YEAR_BEFORE.search(text[max(0, m.start() - 3):m.start()]) or YEAR_AFTER.match(text, m.end()))

    @staticmethod
    def _set_change(text: str, quantity: Quantity, previous: list[Quantity]) -> None:
        before = text[max(0, quantity.start - 6):quantity.start].rstrip()
        change = "increase" if INCREASE.search(before) else "decrease" if DECREASE.search(before) else "none"
        if change == "none" and previous:
            last = previous[-1]
            between = text[last.end:quantity.start].strip()
            if between in LIST_JOINERS and last.attrs.get("change") != "none":
                change = last.attrs["change"]
        if before.endswith(("城镇新增就业", "新增就业")):
            change = "none"
        quantity.attrs["change"] = change

    @staticmethod
    def _ranks(text: str, found: _Regions, quotes: _Regions) -> list[Quantity]:
        ranks = []
        for m in RANK.finditer(text):
            if _taken(m, found, quotes):
                continue
            try:
                value = number_value(m.group("n") or m.group("m"))
            except ValueError:
                continue
            attrs = {"value": _clean(value), "unit": "位", "kind": "rank", "comparator": "=", "change": "none"}
            ranks.append(Quantity(m.start(), m.end(), attrs))
        return ranks


    @staticmethod
    def _people(text: str, found: _Regions, quotes: _Regions) -> list[Quantity]:
        people = []
        for m in PEOPLE.finditer(text):
            if _taken(m, found, quotes):
                continue
            if m.start() > 0 and (text[m.start() - 1].isdigit() or text[m.start() - 1] == "."):
                continue
            value = number_value(m.group("n")) * MULTIPLIERS[m.group("m")]
            attrs = {"value": _clean(value), "unit": "人", "kind": "count", "comparator": "=", "change": "none"}
            people.append(Quantity(m.start(), m.end(), attrs))
        return people


def _quoted_regions(text: str) -> list[tuple[int, int]]:
    """Spans inside “…” and 《…》: names and slogans, whose numbers are not quantities."""
    return [(m.start(), m.end()) for m in re.finditer(r"“[^“”\n]{0,40}”|《[^《》\n]{0,60}》", text)]


def _taken(m: re.Match[str], found: _Regions, quotes: _Regions) -> bool:
    """A match inside quotes, or overlapping a quantity already found."""
    return quotes.inside(m.start()) or found.overlaps(m.start(), m.end())


class _Regions:
    """Non-overlapping (start, end) regions in text order, asked about by binary search
    (a text dense with quantities or quotes must not cost a scan of all of them per match)."""

    def __init__(self, regions: Sequence[tuple[int, int]]) -> None:
        self.starts = [start for start, _ in regions]
        self.ends = [end for _, end in regions]

    def inside(self, offset: int) -> bool:
        """Whether `offset` lies strictly inside a region."""
        i = bisect_right(self.starts, offset - 1) - 1  # the last region starting before offset
        return i >= 0 and offset < self.ends[i]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a character with a region."""
        i = bisect_right(self.ends, start)  # the first region ending after start
        return i < len(self.starts) and self.starts[i] < end
