"""Compass regions: 东部, 西部, 中部, 中西部, 东中部, 北方 as parts of the country.

Reports name the country's great regions by a compass word (西部大开发, 中部地区崛起, 居西部第一,
链接东中部的枢纽功能), and use the same words as ordinary modifiers of what follows them
(东部盟市, 西部矿业, 东部清洁能源基地, 北方跨境电商集散中心, 城市西部退水改造). The gold of the
dev split marks the region only where the word stands for the region itself: before 地区,
大开发, 的 or a list joiner, in a ranking (居中部首位, 排西部第二, 进至中部非省会城市前列),
never as a modifier of a noun and never as the part of a named place (山西省中部, 太行山东北部).
北方 and 南方 name the region only before 地区 (北方地区经济重要增长极; 北方第一个 … is a
comparison, not a place).

Each check reads a few characters on either side of the word: linear in the text.
"""

from __future__ import annotations

import re

#: The compass words: one or two directions and 部, or 北方/南方.
COMPASS = re.compile(r"(?:东中|中西|东|西|南|北|中)部|[南北]方")
#: What may follow a compass word that names a region (中部地区, 西部大开发, 西部第一, 中部首位,
#: 中部非省会城市前列, 东中部的, 西部和边境省区).
_REGION_AFTER = re.compile(r"地区|大开发|发展|崛起|振兴|第|首位|前列|非省会|的|[、和及与，。；：）”]|$")
#: Only 地区 makes 北方/南方 a region.
_QUARTER_AFTER = re.compile(r"地区")
#: Characters before a compass word that make it a ranking (居中部, 排西部, 进至中部).
_RANK_BEFORE = set("居排至")
#: Characters before a compass word that make it the part of a place (山西省中部, 城市西部).
_PART_OF = set("省市县区州盟旗城山河湖")
#: Compass words written inside a list of directions name no region (东中西部协调发展, 东西部协作).
_DIRECTIONS = set("东西南北中")


def is_compass(name: str) -> bool:
    """Whether `name` is a compass word (东部, 中西部, 北方)."""
    return COMPASS.fullmatch(name) is not None


def names_region(text: str, start: int, end: int) -> bool:
    """Whether the compass word text[start:end] names a region of the country here."""
    before = text[start - 1] if start else ""
    if before in _DIRECTIONS or before in _PART_OF:
        return False
    if text[end - 1] == "方":
        return _QUARTER_AFTER.match(text, end) is not None
    return before in _RANK_BEFORE or _REGION_AFTER.match(text, end) is not None

