"""`canonical`: one name per programme across reports and years, so tables can count it.

In order: the lexicon's canonical for the title or the name; a quoted name's title when
its head says what it is (“三长”联动 → 三长联动); else the name with a generic head
dropped, as the rulings in docs/annotation.md ask (碳达峰长治行动 → 碳达峰长治).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .lexicon import ProgramEntry
from .patterns import NUMERAL

# Heads after quotes that are part of the programme's identity, kept in `canonical`.
DEFINING_HEADS = frozenset({"联动", "普惠补贴", "普法", "集成", "联合体", "战略举措", "市长负责制"})
# After a short quoted name (“三公里”, “141”), what follows the quotes completes the name when it
# ends in one of these (三公里就业圈, 两化融合, 141基层智治体系), once generic heads are dropped.
DEFINING_TAIL = re.compile(
    r"(?:联动|融合发展|融合|帮扶|就业圈|绿化|统筹管理|促进|落户|集成|联合体|战略举措|普法|普惠补贴|市长负责制|"
    r"体系|格局|构架|攻坚战|全链条整治)$"
)
# “一件事”全链条专项整治, …全链条治理: one campaign, 一件事全链条整治 (harmonised decision H18).
CHAIN_TAIL = re.compile(r"全链条(?:专项)?(?:整治|治理)$")
TAIL_GENERIC = re.compile(
    r"(?:行动计划|专项行动|攻坚行动|行动|活动|工作|政策|建设|项目|创建|试点|改革|工程|服务|模式)$"
)
# Canonical: generic heads dropped (docs/annotation.md, PROGRAM; harmonised decision H4: only
# 行动 goes, 专项 and 三年 stay: 提振消费专项行动 → 提振消费专项).
CANON_DROP = re.compile(r"(?:系列行动|行动计划|行动|政策|新政|工程|(?<=年)活动)$")
# A counted head whose bare name says nothing keeps its head (五大行动, 十大工程, 山东交旅1号工程).
PILOT = re.compile(r"(?:试点|试验区|示范区|先行区)$")
# A pilot whose scope is a whole province, city or county (…整省试点, …整省区试点, …整县试点).
SCOPED_PILOT = re.compile(r"整(?:省区?|市|县|区)试点$")
# Lexicon programmes whose pilots group under them: social insurance schemes and pilots named
# as such (城镇居民基本医疗保险试点 → 城镇居民基本医疗保险; harmonised decision H18).
SCHEME_OR_PILOT = re.compile(r"(?:保险|合作医疗|试点)$")
COUNTED = re.compile(rf"[{NUMERAL}\d]+[大项号]$")
# After a quoted name: a plan named by it, 计划 with at most two words before it (“两基”攻坚计划);
# not an action plan (“五健”促进行动计划 → 五健促进) nor a longer description (“徽动全球”合作伙伴计划).
PLAN_TAIL = re.compile(r"[\u4e00-\u9fff]{0,2}(?<!行动)计划")
# An edition or branch written in brackets after a name: “购在中国（广西站）” → 购在中国.
EDITION = re.compile(r"（[^（）]{1,8}）$")


def drop_generic_head(name: str) -> str:
    """碳达峰长治行动 → 碳达峰长治; 提振消费专项行动 → 提振消费专项; 强医工程 stays (bare too short)."""
    m = CANON_DROP.search(name)
    if m is None:
        return name
    bare = name[: m.start()]
    if len(bare) < (5 if m.group(0) == "工程" else 4) or COUNTED.search(bare):
        return name  # 强医工程, 文化惠民工程, 五大行动: the bare name is too generic to group
    if m.group(0) == "行动计划" and bare.endswith("年"):
        return name  # 学前教育三年行动计划: a plan of a period
    return bare


def canonical_name(
    by_name: Mapping[str, ProgramEntry], name: str, title: str | None = None, topic: str | None = None
) -> str:
    """One name per programme: the lexicon's, else `name` with generic heads dropped.

    A quoted name whose head says what it is (“三长”联动, “1+4”集成) keeps the head; an
    ambiguous quoted name takes the `topic` written before the quotes (docs/annotation.md:
    金融“五篇大文章” → 金融五篇大文章, 大气污染防治“百日攻坚” → 大气污染防治百日攻坚).
    """
    name = EDITION.sub("", name) or name
    if "、" in name and all(len(part) <= 2 for part in name.split("、")[:-1]):
        name = name.replace("、", "")  # 蓝天、碧水、净土保卫战 → 蓝天碧水净土保卫战; not 抓招商、推项目、促落地
    for candidate in (title, name):
        if candidate and candidate in by_name:
            return by_name[candidate].canonical
    name = SCOPED_PILOT.sub("试点", name)  # 整省试点, 整市试点: the scope of one province's pilot (H18)
    scheme = by_name.get(name[:-2]) if name.endswith("试点") else None
    if scheme is not None and SCHEME_OR_PILOT.search(scheme.canonical):
        return scheme.canonical  # 城镇居民基本医疗保险试点: the pilot of a scheme; 二轮土地延包试点
    if PILOT.search(name) and not title and topic is None:
        # a pilot is a programme of its own (碳达峰试点, 新型城镇化试点), named without 国家/全国 (H6)
        return re.sub(r"^(?:国家级?|全国)|(?:国家级?|全国)(?=试点$)", "", name)
    if title and title[len(name):] in DEFINING_HEADS:
        return title
    if topic is not None or title is not None:
        return quoted_canonical(name, title, topic)
    for suffix in ("制度", "整省区试点", "整省试点", "试点", "政策", "专项斗争", "斗争", "工程", "战略"):
        entry = by_name.get(name[: -len(suffix)]) if name.endswith(suffix) else None
        if entry is not None and not (suffix == "试点" and entry.canonical.endswith("战略")):
            return entry.canonical  # 城镇职工基本养老保险制度; but 新型城镇化试点 is a pilot of its own
    # a national pilot is named without 国家 (harmonised decision H6: 国家碳达峰试点 → 碳达峰试点)
    stripped = re.sub(r"^国家级?", "", name) if PILOT.search(name) else name
    if stripped != name and stripped in by_name:
        return by_name[stripped].canonical
    stripped = re.sub(r"(?<=一体化|同城化)发展$", "", stripped)  # 北钦防一体化发展 → 北钦防一体化
    stripped = re.sub(r"(?<=补贴|贴息|补偿)制度$", "", stripped)  # 育儿补贴制度 → 育儿补贴 (H18)
    bare = drop_generic_head(stripped if len(stripped) >= 4 else name)
    for known in (bare, bare + "计划", bare + "战略"):  # 县域普通高中振兴行动 → 县域普通高中振兴计划
        if known in by_name:
            return by_name[known].canonical  # 城市生命线安全工程 → 城市基础设施生命线安全
    return bare


def quoted_canonical(name: str, title: str | None, topic: str | None) -> str:
    """A quoted name not in the lexicon: [topic] + name (+ the defining part of its head).

    “三公里”就业圈 → 三公里就业圈, 实施科技“尖锋”行动 → 科技尖锋, “五健”促进行动计划 with the
    topic 儿童青少年 → 儿童青少年五健促进; a long name stands alone (“全民文化行动”). A reform keeps
    its head, as the rulings keep 改革 (国有“三资”管理改革 → 国有三资管理改革).
    """
    if topic and title and title.endswith("改革"):
        return topic + title
    base = drop_generic_head(name)
    plan = PLAN_TAIL.fullmatch(title[len(name):]) if title and not name.endswith("行动") else None
    if plan:  # “学生饮用奶”计划 → 学生饮用奶计划: 计划 is no generic head (rulings); not an action's plan
        return (topic or "") + name + plan.group(0)
    tail = CHAIN_TAIL.sub("全链条整治", title[len(name):]) if title else ""
    while tail and TAIL_GENERIC.search(tail):
        tail = TAIL_GENERIC.sub("", tail)
    if tail and short_name(name) and DEFINING_TAIL.search(tail) and not tail.startswith("工作"):
        base = name + tail
    elif topic and base == name and len(name) <= 4 and not COUNTED.search(CANON_DROP.sub("", name)):
        # “清零行动” under a topic: 房屋产权登记确权颁证清零; a count keeps its head (碳达峰“十大行动”, H4)
        base = CANON_DROP.sub("", name) or name
    return (topic or "") + base


def short_name(name: str) -> bool:
    """Three characters or fewer, or only digits and +: a name that needs what follows it."""
    return len(name) <= 3 or bool(re.fullmatch(r"[\d+A-Za-z]+", name))
