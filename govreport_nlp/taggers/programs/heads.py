"""Unquoted programme names that end in a head noun: …战略, …工程, …行动, …改革, …试点.

The name runs back from the head to the nearest trigger verb (实施, 推进, 深化 …), 的, a
count (16个), an earlier head of a list (薄弱学校改造计划和|学校标准化提档升级工程) or
punctuation, drops context words (首批, 省级, 新时代), and is rejected when generic
(重点工程, 各项改革), a construction work (…水库工程) or a run of clause text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence

from .lexicon import trie_regex
from .patterns import CJK, NUMERAL, VerbEnd, list_before

# Characters a programme name may contain (500米健身圈, 互联网+, 有机旱作·晋品).
NAME_CHARS = rf"{CJK}0-9A-Za-z+·"

# Head nouns that end an unquoted programme name. Longer alternatives first.
HEADS = (
    "行动计划|改革试点|改革试验|攻坚行动|专项行动|攻坚战|保卫战|阻击战|责任制|负责制|问责制|追究制|许可制|登记制|"
    "否决制|工作制|党政同责|专项整治|综合试验区|试验区|先行区|战略|工程|行动|改革|试点|运动|计划|政策|制度|"
    "年活动"  # a campaign year (产业项目建设年活动), as the quoted “项目推进年”活动 and the unquoted …突破年行动
)
# A head noun followed by one of these is part of another word (战略性, 工程师, 改革开放).
HEAD_NOT_BEFORE = {
    "责任制": "度", "负责制": "度", "问责制": "度", "追究制": "度", "许可制": "度", "登记制": "度", "否决制": "度",
    "战略": "性目举布合伙任部机意重高思定储支地眼全要方", "工程": "师机技项质建领学院款",
    "改革": "开发创成红任举措试委示", "行动": "起者力", "试点": "工示县区", "运动": "员会场空管学训", "建设": "用者",
    "计划": "生经单内外中投性入管供", "改革试验": "区", "制度": "性化创体建", "机制": "性体",
    "政策": "性体措工效组协落举", "示范区": "建",
    "活动": "中场室", "年活动": "中场室", "斗争": "精", "普查": "数", "试验区": "建联布海", "先行区": "建",
}
# Verbs (and verb-like adverbs) before a name: its left edge. 实施乡村振兴战略 → 乡村振兴战略.
TRIGGERS = (
    "实施好|实施|打造|扩大|加大|瞄准|提高|适应|围绕|促进|支持|鼓励|出台|谋划|研究制定|推开|参与|推进|深化|开展|"
    "推行|试行|实行|落实|启动|建立|推广|引深|抓好|打好|打赢|践行|运用|执行|经过|大搞|提倡|认识|"
    "完善|申报|入选|获批|通过|融入|对接|加快|加强|强化|做好|统筹|组织|参加|探索|健全|深入|全面|继续|大力|"
    "扎实|着力|持续|积极|有序|稳妥|坚持|贯彻|巩固|做优|创建|争创|实现|推动|用好|抓住|抢抓|搞好|办好|完成|获建|编制|"
    "迭代升级|迭代|进行|发挥|做实|推深做实|纳入|优化|提升|制定|升级|巩固提升|优化提升|优化升级|改造提升|提档升级|提质升级|聚焦|"
    "增设|落实好|适时|进一步|包括|保证|部署|赋予|明确|突出|拓展|调整优化"
)
# Adverbs among the triggers: inside a name after a verb they belong to the name (实施空气质量持续改善行动).
# 统筹 and 推广 too (开展统筹协调耕林空间试点, 实施农机研发制造推广应用一体化试点), and 适时.
ADVERBS = frozenset(
    {"深入", "全面", "继续", "大力", "扎实", "着力", "持续", "积极", "有序", "稳妥", "统筹", "推广", "适时", "进一步"}
)
# Verbs that open a name only at the start of its clause, before any other verb (。提升爱国卫生运动,
# 优化以旧换新政策); elsewhere they are part of it (依法行政能力提升行动, 实施优化营商环境…行动,
# 推进新一轮服务业扩大开放综合试点).
LEADING = frozenset({"优化", "提升", "升级", "做实", "拓展"})
# Verbs that open a name wherever they follow the previous bound (巩固扩大|蓝天保卫战, 推进扩大|职业伤害保障试点)
# but stay in it in the middle of a run (服务业扩大开放综合试点, 学校标准化提档升级工程).
AT_BOUND = frozenset({"扩大", "巩固提升", "优化提升", "优化升级", "改造提升", "提档升级", "提质升级"})
# Words that, at the start of a name, belong to the context (首批省级青年发展型城市试点).
LEFT_MODIFIERS = re.compile(
    rf"(?:(?:政府系统|国有企业|国企|新一轮|第[{NUMERAL}]+轮|首批|一批|全国|全省|全市|全区|全县|我市|我省|省级|市级|"
    rf"各级|进一步|全面|深入|继续|持续|大力|积极|扎实|新时代|主要|更加|建设|获评|累计|验收)+)"
)
# Names that are generic whatever their head (重点工程, 民生工程, 各项改革).
GENERIC = re.compile(
    rf"^(?:[{NUMERAL}\d]+[项个大件条批类年]|批准|获批|各项|各类|这些|这项|一系列|系列|若干|有关|相关|配套|综合|民生|"
    r"专项|标志性|全面|深层次|体制|制度|结构性|试点|改革|工作|任务|并|的|了|在|是|将|要(?!素)|和|与|及|等|为|"
    r"对|把|从|向|已|这|那|整个|目前|今年|明年|随着|同|就|能|不仅|做到|保证|拟定|引导|消除|以|再以|我们|我国|各方面|"
    r"差异化|首创性|几个|一些|"
    r"地[发推开实])"
)
GENERIC_WHOLE = frozenset(
    {"国家", "重点", "重大", "民生", "惠民", "德政", "专项", "综合", "各项", "三年", "五年", "十大", "百日", "攻坚",
     "政府", "基础", "我市", "我省", "我区", "全市", "全省", "群众", "革命", "体育", "伟大", "全球", "内地",
     "民族独立", "一切民族独立", "建设", "基本建设"}
)
# 工程 as engineering works (not programmes, docs/annotation.md): 中部引黄, 东山供水.
WORKS = re.compile(
    r"水库|水源|供水|引黄|引水|引江|调水|南水北调|三峡|水利|铁路|公路|高速|电站|电厂|管网|管道|热电|污水|大桥|隧道|机场|枢纽|"
    r"输变电|线路|排水|防涝|防洪|排涝|市政设施|加固"
)
NAME_CHAR = re.compile(f"[{NAME_CHARS}]")
NAME_RUN_END = re.compile(f"[{NAME_CHARS}]*\\Z")
# A count inside the text before a head noun ends the context: 累计建成16个城镇社区养老幸福工程.
COUNT = re.compile(rf"(?:\d+|[{NUMERAL}]+)[个项所座条家批类大]")
# Left context that ends a name (为重点的完善提质工程).
DE = "的"
# A joiner of two names, each with its own head (巩固“双减”和高考综合改革成果 → 高考综合改革).
JOINER = re.compile(r"[和与及]")
# Characters and words that never stand inside a programme name: the name ran into its clause.
NOT_IN_NAME = re.compile(
    r"\d|[的了是在将等于把被对同这那此该也或拿据]|使(?!用)|要(?!素)|(?<![兼合])并|每当|各[项种]|其[它他]|有关|相关|一[种次切]|必须|逐步|决不|力图|"
    r"超过|应当|应该"
)
# Names that end in a generic word are descriptions (区域重大战略, 国家战略), and plans that are
# quotas or budgets (普通高中招生计划, 政府投资计划, 新增建设用地计划).
GENERIC_END = re.compile(r"(?:国家|重大|重点|开放|总体|这次|目前|长期|领域|环节|区域发展|体制机制)$")
QUOTA_PLAN = re.compile(r"(?:招生|投资|用地|生产|发展|工作|建设|财政|信贷|采购|储备|培训|国民经济|年度)$")
# A plan of so many years (城市更新三年行动计划) is the plan document, like a 规划 or a 行动方案;
# the campaign it sets out is named without 计划 (安全生产治本攻坚三年行动, docs/programs.md).
MULTIYEAR_PLAN = re.compile(rf"[{NUMERAL}\d]年行动计划$")
# A policy or system named by the benefit or instrument it grants: 研发费用加计扣除政策, 育儿补贴制度,
# 学前教育免费政策, 延迟退休政策, 带薪休假制度 (not 产业政策, 管理制度).
INSTRUMENT = re.compile(r"(?:补贴|贴息|加计扣除|加计抵减|免费|减免|退税|补偿|休假|退休|以旧换新)$")
FISCAL = re.compile(r"(?:财政|税收|税费|政府|价格|综合)")  # 财政补贴政策: the kind of instrument, no name
SPORT = re.compile(r"(?:冰雪|足球|篮球|排球|体育|多功能)$")
# Campaigns named by a short list of their targets (蓝天、碧水、净土提升攻坚战).
BATTLES = frozenset({"攻坚战", "保卫战", "阻击战"})
# Pilots and designated zones are named without 国家 and the place (harmonised decision H6).
PILOT_HEADS = frozenset({"试点", "改革试点", "综合试验区", "试验区", "先行区"})
NATIONAL = re.compile(r"国家级|国家|全国")
# 工程 names whose generic tail says they are construction, not programmes.
GENERIC_TAIL = re.compile(
    r"(?:重点|重大|主体|土建|配套|[一二三四]期|贯通|改线|扩建|提标改造|改造|景观|治理|安装|系统|标志性|示范)$"
)


class HeadNames:
    """The compiled head-noun rules; `find` yields (start, end) of each plausible name."""

    def __init__(self) -> None:
        # trie-factored alternations: `re` tries a plain alternation branch by branch at every position
        self.head_rx = re.compile(trie_regex(HEADS.split("|")))
        self.trigger_rx = re.compile(f"(?:{trie_regex(TRIGGERS.split('|'))})[了过]?")
        # a head inside the look-back window ends an earlier name; after a list joiner too
        self.inner_head_rx = re.compile(f"(?:{HEADS}|制)[和与及、]")

    def find(
        self, text: str, sentence_starts: Sequence[int] = (), places: Mapping[int, int] | None = None
    ) -> Iterator[tuple[int, int]]:
        """(start, end) of the names ending in a head noun; a name never crosses a sentence start.

        `places` maps the start of each PLACE span to its end: a pilot's name begins after the
        place it was granted to (大连国家碳达峰试点 → 碳达峰试点).
        """
        for m in self.head_rx.finditer(text):
            head_start, end = m.span()
            head = m.group(0)
            following = text[end:end + 1]
            if following and following in HEAD_NOT_BEFORE.get(head, "") and not text.startswith("工作", end):
                continue  # but …试点工作 is the pilot and its work
            floor = max(0, head_start - 24)
            if sentence_starts:
                i = bisect_right(sentence_starts, head_start) - 1
                if i >= 0:
                    floor = max(floor, sentence_starts[i])
            edge = self.left_edge(text, floor, head_start, joiner_ends=head == "改革")
            if edge is None:
                continue
            start, bound = edge
            if head in PILOT_HEADS or head in ("政策", "制度"):
                start = self.pilot_start(text, start, head_start, places or {})  # 国家育儿补贴制度 → 育儿补贴制度
            if not plausible(text[start:end], head, bound):
                continue
            short = short_list_start(text, start, floor, self.verb_end) if text[start - 1:start] == "、" else None
            if short is not None and (head_start - start <= 2 or (head in BATTLES and head_start - start <= 4)):
                yield short, end  # 蓝天、碧水、净土保卫战, 蓝天、碧水、净土提升攻坚战: one programme
                continue
            members = list_before(text, start, floor, self.verb_end) if text[start - 1:start] == "、" else None
            if members and all(e - s >= 4 for s, e in members):
                # 实施饲草料供给提升、肉牛肉羊增产增效、奶业振兴行动: three; not a generic one (区域重大战略)
                yield from (m for m in members if not generic_member(text[m[0]:m[1]], head))
            yield start, end

    def verb_end(self, text: str, start: int, end: int) -> int:
        """Where the last trigger verb in text[start:end] ends (`start` when there is none)."""
        cut = start
        for m in self.trigger_rx.finditer(text, start, end):
            word = m.group(0).rstrip("了过")
            if (word in LEADING and (cut > start or m.start() != start)) or (word in AT_BOUND and m.start() != cut):
                continue  # 实施饲草料供给提升、…: inside the name
            cut = m.end()
        return cut

    def pilot_start(self, text: str, start: int, head_start: int, places: Mapping[int, int]) -> int:
        """A pilot is named without the place and 国家 before it (harmonised decision H6)."""
        while start < head_start:
            if start in places and places[start] < head_start:
                start = places[start]
            elif m := NATIONAL.match(text, start, head_start):
                start = m.end()
            elif m := LEFT_MODIFIERS.match(text, start, head_start):
                start = m.end()
            else:
                break
        return start

    def left_edge(self, text: str, floor: int, head_start: int, joiner_ends: bool = False) -> tuple[int, str] | None:
        """Where the name before a head noun starts, and what bounds it on the left.

        The bound is the last of: a non-name character ("punct"), 的 ("de"), a trigger verb
        ("verb"), a count such as 16个 ("count"), or an earlier head noun of a list
        (薄弱学校改造计划和|学校标准化提档升级工程, "list") in the look-back window; with
        `joiner_ends`, also 和/与/及 (two reforms: 巩固“双减”和|高考综合改革).
        """
        window = text[floor:head_start]
        cut, bound = NAME_RUN_END.search(window).start(), "punct"  # type: ignore[union-attr]  # always matches
        if cut == 0 and floor > 0 and NAME_CHAR.match(text, floor - 1):
            return None  # the name runs further back than we look: not a programme name
        if text[floor + cut - 1:floor + cut] == "”":
            return None  # “菜篮子”市长负责制: the head belongs to the quoted name (its title)
        de = window.rfind(DE, cut)
        if de >= 0:  # 为重点的完善提质工程: a name starts after 的, even before a verb-like word
            cut, bound = de + 1, "de"
        verb_seen = False
        bounds = ((self.trigger_rx, "verb"), (COUNT, "count"), (self.inner_head_rx, "list"))
        for rx, kind in (*bounds, (JOINER, "list")) if joiner_ends else bounds:
            for t in rx.finditer(window, cut):
                if t.end() <= cut or (kind == "verb" and bound == "de" and t.start() == cut):
                    continue
                if kind == "verb" and verb_seen and t.group(0).rstrip("了过") in ADVERBS:
                    continue  # 实施空气质量持续改善行动: the adverb is part of the name
                if kind == "verb" and t.group(0).rstrip("了过") in LEADING and (verb_seen or t.start() != cut):
                    continue  # 依法行政能力提升行动: inside the name
                if kind == "verb" and t.group(0).rstrip("了过") in AT_BOUND and t.start() != cut:
                    continue  # 服务业扩大开放综合试点: inside the name
                if kind == "count" and t.end() == len(window) and t.start() - cut >= 2:
                    continue  # 扩消费六大工程: a count right before the head is part of the name
                if kind == "list" and rx is JOINER and len(window) - t.end() < 3:
                    continue  # 和 inside a short name (城乡和…) is not a list joiner
                cut, bound = t.end(), kind
                verb_seen = verb_seen or (kind == "verb" and t.group(0).rstrip("了过") not in ADVERBS)
        start = floor + cut
        modifier = LEFT_MODIFIERS.match(text, start, head_start)
        if modifier and head_start - modifier.end() >= 2:
            start = modifier.end()  # but 国有企业改革 keeps 国有企业
        return (start, bound) if start < head_start else None


def short_list_start(text: str, start: int, floor: int, verb_end: VerbEnd) -> int | None:
    """Where a list of two-character members before `start` begins (蓝天、碧水、|净土保卫战), or None.

    Two or more members, each of two name characters and followed by 、; the first stands after
    a non-name character, the sentence start or a trigger verb (统筹推进蓝天、…).
    """
    members = 0
    i = start
    while i - 3 >= floor and text[i - 1] == "、" and NAME_CHAR.match(text, i - 3) and NAME_CHAR.match(text, i - 2):
        i -= 3
        members += 1
        if text[i - 1:i] == "、":
            continue
        opened = i == floor or not NAME_CHAR.match(text, i - 1) or verb_end(text, max(floor, i - 6), i) == i
        return i if opened and members >= 2 else None
    return None


def generic_member(member: str, head: str) -> bool:
    """A generic member of a list before one head (区域重大|战略、…; a member may keep its own head)."""
    bare = member[: -len(head)] if member.endswith(head) else member
    return bare in GENERIC_WHOLE or bool(GENERIC.match(bare) or GENERIC_END.search(bare))


def plausible(name: str, head: str, bound: str) -> bool:
    """Drop generic names (重点工程, 各项改革, 国家重大战略), construction works and run-on context."""
    bare = name[: -len(head)]
    if head in ("政策", "制度") and not (INSTRUMENT.search(bare) and len(bare) >= 4 and not FISCAL.match(bare)):
        return False  # only a policy named by its instrument (研发费用加计扣除政策, 育儿补贴制度)
    if len(bare) < 2 or bare in GENERIC_WHOLE or GENERIC.match(bare) or GENERIC_END.search(bare):
        return False
    if bare.startswith("美丽"):
        return False  # a vision described with 美丽X (rulings v1.1): 美丽中国先行区
    if NOT_IN_NAME.search(bare):
        return False
    if bound == "punct" and len(bare) > 12:
        return False  # a run of text without a verb before it: a clause, not a name
    if head == "工程" and (WORKS.search(bare) or GENERIC_TAIL.search(bare) or bound == "punct"):
        return False
    if head in ("战略", "试点", "试验区", "先行区") and len(bare) < 3:
        return False
    if head == "运动" and SPORT.search(bare):
        return False  # 冰雪运动, 足球运动: a sport, not a campaign
    if head == "计划" and (QUOTA_PLAN.search(bare) or len(bare) < 4):
        return False
    if MULTIYEAR_PLAN.search(name):
        return False
    if head in ("改革", "行动", "专项整治", "试点", "运动", "计划") and "和" in bare:
        return False  # two domains joined (财政体制和国有企业改革), not one programme
    if head == "改革" and len(bare) > 2 and bare.endswith("价格"):
        return False  # 公用事业价格改革, 资源性产品价格改革: prices of a field, generic (harmonised decisions)
    if head == "改革":
        return len(bare) >= 3 and not bare.endswith("机构")
    if head == "年活动":
        # 产业项目建设年活动; not 青少年活动, 老年活动, nor an anniversary or a year (…100周年活动)
        return len(bare) >= 4 and not re.search(r"[周\d]$", bare)
    return not (head in ("行动", "专项整治") and (len(bare) < 4 or bare.endswith("机构")))
