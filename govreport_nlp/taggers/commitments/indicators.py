"""Indicator normalisation: one key for the names a report gives the same statistic.

A 2023 target (地区生产总值增长7%以上) and the 2024 report's figure for it (全市地区生产总值
增长6.1%) can only be joined when both name the same thing; reports write 地区生产总值,
国内生产总值, GDP or 经济增长 for one indicator. `data/commitment_indicators.tsv` lists the names per
key; a name is matched by the longest alias it contains, so 单位国内生产总值能耗 is
energy intensity, not GDP, and 全社会固定资产投资 and 区本级固定资产投资 are both fixed-asset
investment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from ...errors import ConfigError

COLUMNS = ("key", "alias", "group")
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
        self._key = {a.alias.upper(): a.key for a in aliases}
        ordered = sorted(self._key, key=len, reverse=True)
        self._pattern = re.compile("|".join(re.escape(a) for a in ordered)) if ordered else None

    def key(self, name: str | None) -> str | None:
        """The key of an indicator name, or None when no alias occurs in it.

        A share of an indicator (研发经费支出占国内生产总值比重, 对全球经济增长的贡献率) is
        another measure, not that indicator, unless the alias itself names the share
        (研发经费支出相当于…的比例, 研发投入强度).
        """
        if not name or self._pattern is None:
            return None
        upper = name.upper()
        best: str | None = None
        for i in range(len(upper)):  # the longest alias starting anywhere (finditer would skip overlaps)
            m = self._pattern.match(upper, i)
            if m and (best is None or len(m.group()) > len(best)):
                best = m.group()
        if best is None:
            return None
        if (_SHARE.search(name) or name.endswith(_NOT_LEVEL)) and not _SHARE_ALIAS.search(best):
            return None
        return self._key[best]


@lru_cache(maxsize=1)
def default_index() -> IndicatorIndex:
    """The index over the table shipped with the package."""
    tsv = files("govreport_nlp.data").joinpath("commitment_indicators.tsv").read_text(encoding="utf-8")
    return IndicatorIndex(parse_indicators(tsv))


def indicator_key(name: str | list[str] | None, index: IndicatorIndex | None = None) -> str | list[str | None] | None:
    """The key (or keys, for a list of indicators) of an indicator as written."""
    index = index or default_index()
    if isinstance(name, list):
        return [index.key(n) for n in name]
    return index.key(name)
