"""`canonical`: one name per programme across reports and years, so tables can count it.

In order: the lexicon's canonical for the title or the name; a quoted name's title when
its head says what it is (“三长”联动 → 三长联动); else the name with a generic head
dropped, as the rulings in docs/annotation.md ask (碳达峰长治行动 → 碳达峰长治).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .lexicon import ProgramEntry

# Heads after quotes that are part of the programme's identity, kept in `canonical`.
DEFINING_HEADS = frozenset({"联动", "普惠补贴", "普法", "集成", "联合体", "战略举措", "市长负责制"})
# Canonical: generic heads dropped (docs/annotation.md, PROGRAM).
CANON_DROP = re.compile(r"(?:专项行动|行动|政策|新政)$")
CANON_DROP_LONG = re.compile(r"工程$")


def drop_generic_head(name: str) -> str:
    """碳达峰长治行动 → 碳达峰长治; 城镇社区养老幸福工程 → 城镇社区养老幸福; 强医工程 stays."""
    bare = CANON_DROP.sub("", name)
    if bare != name and len(bare) >= 4 and not bare.endswith(("三年", "攻坚")):
        return bare
    bare = CANON_DROP_LONG.sub("", name)
    if bare != name and len(bare) >= 6:
        return bare
    return name


def canonical_name(by_name: Mapping[str, ProgramEntry], name: str, title: str | None = None) -> str:
    """One name per programme: the lexicon's, else `name` with generic heads dropped.

    A quoted name whose head says what it is (“三长”联动, “1+4”集成) keeps the head.
    """
    for candidate in (title, name):
        if candidate and candidate in by_name:
            return by_name[candidate].canonical
    if title and title[len(name):] in DEFINING_HEADS:
        return title
    for suffix in ("制度", "试点"):
        if name.endswith(suffix) and name[: -len(suffix)] in by_name:
            return by_name[name[: -len(suffix)]].canonical
    stripped = re.sub(r"^国家级?", "", name)
    if stripped != name and stripped in by_name:
        return by_name[stripped].canonical
    return drop_generic_head(stripped if len(stripped) >= 4 else name)
