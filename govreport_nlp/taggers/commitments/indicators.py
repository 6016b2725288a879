"""Indicator normalisation: one key for the names a report gives the same statistic.

A 2023 target (地区生产总值增长7%以上) and the 2024 report's figure for it (全市地区生产总值
增长6.1%) can only be joined when both name the same thing; reports write 地区生产总值,
国内生产总值, GDP or 经济增长 for one indicator. `data/commitment_indicators.tsv` lists the names per
key; a name is matched by the longest alias it contains, so 单位国内生产总值能耗 is
energy intensity, not GDP, and 全社会固定资产投资 and 区本级固定资产投资 are both fixed-asset
investment.

Counting indicators (group `count`: number of projects, enterprises, households …) are
named by the head of what is counted: an alias of that group applies only when the name
ends with it (省重点项目, 专精特新中小企业) and the figure is a count (个, 家, 户 …), so
项目投资 (money) and 年产10万吨项目 (a capacity) take none of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

from ...errors import ConfigError

COLUMNS = ("key", "alias", "group")
#: The group of counting indicators: matched as the head of the name, for count figures only.
COUNT = "count"
_CLOSE = "”’」』\"'）)"
#: Units of a span of time: 利用三年左右时间对老旧小区进行改造 measures no indicator.
_TIME_UNITS = frozenset({"年", "个月", "月", "天", "日", "周"})
DURATION = "duration"
# A share of an indicator (研发经费支出占国内生产总值比重) is another indicator, not that one.
_SHARE = re.compile(r"占")
_NOT_LEVEL = ("贡献率", "比重", "比例", "比率")
_SHARE_ALIAS = re.compile(r"占|相当于|比重|比例|比率|强度")


@dataclass(frozen=True)
class Alias:
    key: str
    alias: str
    group: str


def parse_indicators(tsv: str) -> tuple[Alias, ...]:
    """Rows of the indicator table (`#` lines are comments; the first other line is the header)."""
    rows: list[Alias] = []
    header_seen = False
    for no, line in enumerate(tsv.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = tuple(line.split("\t"))
        if not header_seen:
            if cols != COLUMNS:
                raise ConfigError(f"indicator table line {no}: expected columns {COLUMNS}, got {cols}")
            header_seen = True
            continue
        if len(cols) != len(COLUMNS) or not all(cols):
            raise ConfigError(f"indicator table line {no}: expected {len(COLUMNS)} non-empty columns")
        rows.append(Alias(*cols))
    return tuple(rows)


class IndicatorIndex:
    """Alias → key by the longest alias inside a name (one compiled pattern)."""

    def __init__(self, aliases: tuple[Alias, ...]) -> None:
        self.aliases = aliases
        self._key = {a.alias.upper(): a.key for a in aliases if a.group != COUNT}
        self._heads = {a.alias.upper(): a.key for a in aliases if a.group == COUNT}
        ordered = sorted(self._key, key=len, reverse=True)
        self._pattern = re.compile("|".join(re.escape(a) for a in ordered)) if ordered else None
        self._head_order = sorted(self._heads, key=len, reverse=True)

    def key(self, name: str | None, kind: str | None = None) -> str | None:
        """The key of an indicator name, or None when no alias occurs in it.

        A share of an indicator (研发经费支出占国内生产总值比重, 对全球经济增长的贡献率) is
        another measure, not that indicator, unless the alias itself names the share
        (研发经费支出相当于…的比例, 研发投入强度). `kind` is the QUANTITY kind of the
        figure: a counting key needs a count.
        """
        alias = self.alias(name, kind) if kind != DURATION else None
        if alias is None:
            return None
        return self._heads[alias] if kind == "count" and alias in self._heads else self._key[alias]

    def alias(self, name: str | None, kind: str | None = None) -> str | None:
        """The alias (upper case) that gives `name` its key: for a count, the head of the
        counted thing; else the longest alias inside the name."""
        if not name:
            return None
        counted = None
        if kind == "count":
            head = name.upper().rstrip(_CLOSE)
            counted = next((a for a in self._head_order if head.endswith(a)), None)
        measured = self._measured(name)
        if kind == "count" and measured is not None and not name.upper().rstrip(_CLOSE).endswith(measured):
            measured = None  # 66个粮食产能提升重点县 counts counties, not grain capacity
        if counted is None:
            return measured
        # 城镇新增就业 is a statistic of its own, though it ends with the head 就业
        if measured is not None and len(measured) > len(counted):
            return measured
        return counted

    def _measured(self, name: str) -> str | None:
        if self._pattern is None:
            return None
        upper = name.upper()
        best: str | None = None
        for i in range(len(upper)):  # the longest alias starting anywhere (finditer would skip overlaps)
            m = self._pattern.match(upper, i)
            if m and (best is None or len(m.group()) > len(best)):
                best = m.group()
        if best is None:
            return None
        after = upper[upper.find(best) + len(best) :]  # 社会物流总费用与GDP比率降低至: a ratio to GDP
        if (_SHARE.search(name) or any(w in after for w in _NOT_LEVEL)) and not _SHARE_ALIAS.search(best):
            return None
        return best


def figure_kind(attrs: dict[str, Any]) -> str | None:
    """The kind of a QUANTITY for the key: `count`, `money` … or `duration` for a span of time."""
    return DURATION if attrs.get("unit") in _TIME_UNITS else attrs.get("kind")


@lru_cache(maxsize=1)
def default_index() -> IndicatorIndex:
    """The index over the table shipped with the package."""
    tsv = files("govreport_nlp.data").joinpath("commitment_indicators.tsv").read_text(encoding="utf-8")
    return IndicatorIndex(parse_indicators(tsv))


def indicator_key(
    name: str | list[str] | None,
    index: IndicatorIndex | None = None,
    kinds: list[str | None] | None = None,
) -> str | list[str | None] | None:
    """The key (or keys, for a list of indicators) of an indicator as written.

    `kinds`: the QUANTITY kinds of the commitment's figures in order (a list of indicators
    is paired with them one by one, the last figure's kind serving the rest).
    """
    index = index or default_index()
    kinds = kinds or []

    def kind(i: int) -> str | None:
        return kinds[min(i, len(kinds) - 1)] if kinds else None

    if isinstance(name, list):
        return [index.key(n, kind(i)) for i, n in enumerate(name)]
    return index.key(name, kind(0))
