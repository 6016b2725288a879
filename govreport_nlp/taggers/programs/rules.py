"""Find PROGRAM mentions (named policy initiatives) in normalised report text.

Pure functions on text (no spaCy), like `quantity_rules`. Four sources of candidates,
resolved so that spans never overlap (quoted > lexicon > head noun, then longer first):

1. quoted names “…”, kept only when `classify_quoted` says *initiative*: cues in and
   around the phrase (head noun after the quotes, verb before them, honour and document
   words, the lexicon's known non-programmes, numbered-slogan shape);
2. the curated lexicon (`data/program_lexicon.tsv`): national and provincial programmes with
   their aliases, matched by one compiled trie regex;
3. unquoted initiatives ending in a head noun (…战略, …工程, …行动, …改革, …试点,
   …攻坚战, …责任制): the name runs back to the nearest trigger verb (实施, 推进, 深化,
   开展 …) or punctuation, then generic names (重点工程, 十项重大工程) are dropped;
4. `canonical` for every span (lexicon, else the name with generic heads dropped) and
   `title` for a quoted name followed by its head noun (“百乡千村”治理行动).

Why rules rather than a trained scorer: the gold set has 252 PROGRAM spans, too few to
train a classifier that generalises, while the cues annotators use (实施/开展 vs
荣获/入选, a head noun after the quotes) are few and explicit; see docs/programs.md.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Any

CLASSES = ("initiative", "slogan", "honour", "event", "organisation", "document")

CJK = "\u4e00-\u9fff"
# Characters a programme name may contain (500米健身圈, 互联网+, 有机旱作·晋品).
NAME_CHARS = rf"{CJK}0-9A-Za-z+·"
NUMERAL = "一二三四五六七八九十两百千万"

# Head nouns that end an unquoted programme name. Longer alternatives first.
HEADS = (
    "行动计划|改革试点|改革试验|攻坚行动|专项行动|攻坚战|保卫战|阻击战|责任制|负责制|问责制|追究制|许可制|登记制|"
    "否决制|工作制|党政同责|专项整治|综合试验区|战略|工程|行动|改革|试点|运动|建设"
)
# A head noun followed by one of these is part of another word (战略性, 工程师, 改革开放).
HEAD_NOT_BEFORE = {
    "责任制": "度", "负责制": "度", "问责制": "度", "追究制": "度", "许可制": "度", "登记制": "度", "否决制": "度",
    "战略": "性目举布合伙任部机意重高思定储支地眼全", "工程": "师机技项质建领学院款", "改革": "开发创成红任举措试",
    "行动": "起者力", "试点": "工示县区", "运动": "员会场", "建设": "用者",
}
# Verbs (and verb-like adverbs) before a name: its left edge. 实施乡村振兴战略 → 乡村振兴战略.
TRIGGERS = (
    "实施好|实施|打造|扩大|加大|瞄准|提高|适应|围绕|促进|支持|鼓励|出台|谋划|研究制定|推开|参与|推进|深化|开展|"
    "推行|试行|实行|落实|启动|建立|推广|引深|抓好|打好|打赢|践行|运用|执行|经过|大搞|提倡|认识|"
    "完善|申报|入选|获批|通过|融入|对接|加快|加强|强化|做好|统筹|组织|参加|探索|健全|深入|全面|继续|大力|"
    "扎实|着力|持续|积极|有序|稳妥|坚持|贯彻|巩固|做优|创建|争创|实现|推动|用好|抓住|抢抓|搞好|办好"
)
# Words that, at the start of a name, belong to the context (首批省级青年发展型城市试点).
LEFT_MODIFIERS = re.compile(
    rf"(?:(?:政府系统|国有企业|国企|新一轮|第[{NUMERAL}]+轮|首批|一批|全国|全省|全市|全区|全县|我市|我省|省级|市级|"
    rf"各级|进一步|全面|深入|继续|持续|大力|积极|扎实|重点)+)"
)
# Names that are generic whatever their head (重点工程, 民生工程, 各项改革).
GENERIC = re.compile(
    rf"^(?:[{NUMERAL}\d]+[项个大件条批类年]|批准|获批|各项|各类|这些|这项|一系列|系列|若干|有关|相关|配套|综合|民生|"
    r"基础|专项|标志性|政府|全面|深层次|体制|制度|结构性|试点|改革|工作|任务|并|的|了|在|是|将|要|和|与|及|等|为|"
    r"对|把|从|向|已|这|那|整个|目前|今年|明年|随着|同|就|能|不仅|做到|保证|拟定|引导|消除|以|再以|我们|我国|"
    r"地[发推开实])"
)
GENERIC_WHOLE = frozenset(
    {"国家", "重点", "重大", "民生", "惠民", "德政", "专项", "综合", "各项", "三年", "五年", "十大", "百日", "攻坚",
     "群众", "革命", "体育", "伟大", "全球", "内地", "民族独立", "一切民族独立"}
)
# 工程 as engineering works (not programmes, docs/annotation.md): 中部引黄, 东山供水.
WORKS = re.compile(
    r"水库|水源|供水|引黄|引水|调水|南水北调|三峡|水利|铁路|公路|高速|电站|电厂|管网|管道|热电|污水|大桥|隧道|机场|枢纽|输变电|线路"
)

# Quoted phrases: what the words around them say.
HONOUR_BEFORE = re.compile(r"(?:荣获|获评|荣膺|被评为|评为|入选|上榜|获得|创成|创建成|成为|授予|命名为|首批|第\d+批)$")
HONOUR_INSIDE = re.compile(
    r"示范城市|示范县|示范区|示范市|示范村|百强|十佳|百佳|范例|称号|品牌|先进|模范|名单|基地|精品|冠|国字号"
)
EVENT_INSIDE = re.compile(r"大赛|大会|博览会|论坛|节$|运动会|年会|展$|大展|赛事|峰会")
DOC_AFTER = re.compile(r"^(?:规划|纲要|条例|办法|意见|方案|实施方案|决定|通知|报告|文件|时期|期间|末|初|以来|计划)")
DOC_INSIDE = re.compile(rf"^(?:[{NUMERAL}]+五|\d+条|[{NUMERAL}\d]+条)$")
# A quoted slogan followed by one of these is a principle or a goal, not a programme.
NOT_PROGRAM_AFTER = re.compile(
    r"^(?:[^，。；“”]{0,6}示范[区县市村]|[^，。；“”]{0,4}模范|(?:发展)?理念|精神|要求|目标|战略目标|愿景|格局|态势|"
    r"品牌|荣誉|称号|金字招牌|排头兵|项目盲目)"
)
RESULT_INSIDE = re.compile(r"(?:下降|增长|连增|连冠|零增长|牌|版|乱|旗帜)$|^(?:零|双增长|双下降)")
# A result reached (县县全覆盖), unless the phrase is a numbered programme (“五个全覆盖”).
COVERAGE_INSIDE = re.compile(r"全覆盖$")
# Verbs before quotes that name a problem to fight, not a programme (严控“两高一低”).
PROBLEM_BEFORE = re.compile(r"(?:严控|遏制|聚焦|防止|杜绝|反对|克服|破除|纠正|解决|治理|打击|揭批|粉碎|过|不再|上线)$")
# A quoted clause or list of maxims, not a name (“决不放松粮食生产，积极开展多种经营”, “公平、合理”).
CLAUSE_INSIDE = re.compile(r"[，、；]|不(?!动产)|只能|没有|决")
# A quoted name that ends in a head noun is an initiative by itself (“全民文化行动”, “一票否决制”).
HEAD_INSIDE = re.compile(r"(?:工程|行动|战略|计划|改革|试点|制|运动|活动|攻坚|年)$")
# Verbs before quotes that act on an initiative.
ACT_BEFORE = re.compile(
    r"(?:实施|开展|推进|推行|践行|运用|落实|履行|执行|贯彻|坚持|构建|融入|对接|打造|推出|首创|创建|统筹|按照|新建|新改建|"
    r"建设|做优|加快|深化|启动|试行|实行|打好|打赢|抓好|完善|健全|发展|实现|推广|深入|积极|扎实|大力|持续|全面|"
    r"开展了|实施了|搞好|参与|巩固完善两轮|巩固|引深|部署|学习)$"
)
# Head nouns right after the closing quote; together they make the `title`.
TITLE_HEADS = (
    "市长负责制|交通路网|工作体系|总体布局|发展路径|战略举措|普惠补贴|攻坚行动|治理行动|年度工程|城建工程|"
    "工程|行动|改革|制度|政策|活动|建设|试点|联动|创建|普法|服务|集成|联合体|工作|项目|制"
)
TITLE_AFTER = re.compile(rf"[{CJK}]{{0,6}}?(?:{TITLE_HEADS})")
# An initiative head right after the quotes is strong evidence (“百乡千村”治理行动).
STRONG_AFTER = re.compile(
    r"^(?:[^，。；：、“”\n]{0,6}?(?:工程|行动|改革|制度|政策|活动|试点|普法|联动|创建|建立|负责制|责任制|交通路网|工作体系|"
    r"发展路径|战略举措|普惠补贴|集成|联合体|建设))"
)
# Numbered slogans: 三纵十横, 一区两翼, 六个一体化, 五件实事, 门前三包, 两集中两到位.
NUMBERED = re.compile(rf"[{NUMERAL}\d]")
QUOTED = re.compile(r"“([^“”\n]{1,24})”")
NAME_CHAR = re.compile(f"[{NAME_CHARS}]")
NAME_RUN_END = re.compile(f"[{NAME_CHARS}]*\\Z")
# After a lexicon name: an organisation, facility or honour named after the programme.
ORGANISATION_AFTER = re.compile(r"委员会|委|局|办公室|领导小组|中心|协会|基金|馆|服务站|示范区|示范县|示范市|模范")
# Heads after quotes that are part of the programme's identity, kept in `canonical`.
DEFINING_HEADS = frozenset({"联动", "普惠补贴", "普法", "集成", "联合体", "战略举措", "市长负责制"})
# Canonical: generic heads dropped (docs/annotation.md, PROGRAM).
CANON_DROP = re.compile(r"(?:专项行动|行动|政策|新政)$")
CANON_DROP_LONG = re.compile(r"工程$")
# A count inside the text before a head noun ends the context: 累计建成16个城镇社区养老幸福工程.
COUNT = re.compile(rf"(?:\d+|[{NUMERAL}]+)[个项所座条家批类大]")
# Left context that ends a name (为重点的完善提质工程).
DE = "的"
# Characters and words that never stand inside a programme name: the name ran into its clause.
NOT_IN_NAME = re.compile(
    r"\d|[的了是在将要等于使把被对同这那此该也或拿据]|每当|各[项种]|其[它他]|有关|相关|一[种次切]|必须|逐步|决不|力图|超过"
)
# Names that end in a generic word are descriptions (区域重大战略, 国家战略).
GENERIC_END = re.compile(r"(?:国家|重大|重点|开放|总体|这次|目前|长期)$")
# 工程 names whose generic tail says they are construction, not programmes.
GENERIC_TAIL = re.compile(r"(?:重点|重大|主体|土建|配套|[一二三四]期|贯通|改线|扩建|提标改造|改造|景观|治理|安装)$")


@dataclass(frozen=True)
class ProgramEntry:
    """One row of the lexicon: a programme (or a known non-programme) and its names."""

    canonical: str
    aliases: tuple[str, ...] = ()
    cls: str = "initiative"
    description: str = ""
    source: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.canonical, *self.aliases)


@dataclass(frozen=True)
class FoundProgram:
    """A PROGRAM span in the analysed text: `text[start:end]` and its attributes."""

    start: int
    end: int
    attrs: dict[str, Any] = field(default_factory=dict)
    source: str = "head"  # quoted, lexicon or head: which rule found it (ranks overlapping candidates)


def parse_lexicon(tsv: str) -> tuple[ProgramEntry, ...]:
    """Rows of `programs.tsv`: canonical, |-separated aliases, class, description, source."""
    entries = []
    for no, line in enumerate(tsv.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 3:
            raise ValueError(f"programs.tsv line {no}: expected canonical, aliases, class[, description, source]")
        cells += [""] * (5 - len(cells))
        cls = cells[2].strip() or "initiative"
        if cls not in CLASSES:
            raise ValueError(f"programs.tsv line {no}: class {cls!r} is not one of {', '.join(CLASSES)}")
        aliases = tuple(a.strip() for a in cells[1].split("|") if a.strip())
        entries.append(ProgramEntry(cells[0].strip(), aliases, cls, cells[3].strip(), cells[4].strip()))
    return tuple(entries)


@lru_cache(maxsize=1)
def default_lexicon() -> tuple[ProgramEntry, ...]:
    return parse_lexicon(files("govreport_nlp.data").joinpath("program_lexicon.tsv").read_text(encoding="utf-8"))


def lexicon_tsv(entries: Iterable[ProgramEntry]) -> str:
    """The lexicon as `programs.tsv` text (what `parse_lexicon` reads)."""
    lines = ["# canonical\taliases\tclass\tdescription\tsource"]
    lines += [f"{e.canonical}\t{'|'.join(e.aliases)}\t{e.cls}\t{e.description}\t{e.source}" for e in entries]
    return "\n".join(lines) + "\n"


def trie_regex(words: Iterable[str]) -> str:
    """One regex alternation for many literal words, factored as a trie (fast in `re`).

    Longer words win at a position because every branch tries continuing before ending.
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


def drop_generic_head(name: str) -> str:
    """碳达峰长治行动 → 碳达峰长治; 城镇社区养老幸福工程 → 城镇社区养老幸福; 强医工程 stays."""
    bare = CANON_DROP.sub("", name)
    if bare != name and len(bare) >= 4 and not bare.endswith(("三年", "攻坚")):
        return bare
    bare = CANON_DROP_LONG.sub("", name)
    if bare != name and len(bare) >= 6:
        return bare
    return name


class ProgramRules:
    """The compiled rules over one lexicon; `find` is the entry point."""

    def __init__(self, lexicon: Sequence[ProgramEntry] | None = None) -> None:
        self.lexicon: tuple[ProgramEntry, ...] = tuple(lexicon) if lexicon is not None else default_lexicon()
        self.by_name: dict[str, ProgramEntry] = {}
        for entry in self.lexicon:
            for name in entry.names:
                self.by_name.setdefault(name, entry)
        initiative_names = [n for n, e in self.by_name.items() if e.cls == "initiative"]
        # A lexicon name may carry 制度 or 试点 after it (城镇居民基本医疗保险试点); a name that
        # is part of an organisation (计划生育委员会) is dropped after matching.
        self.lexicon_rx = re.compile(f"(?:{trie_regex(initiative_names)})(?:制度|试点)?") if initiative_names else None
        # trie-factored alternations: `re` tries a plain alternation branch by branch at every position
        self.head_rx = re.compile(trie_regex(HEADS.split("|")))
        self.trigger_rx = re.compile(f"(?:{trie_regex(TRIGGERS.split('|'))})了?")
        # a head inside the look-back window ends an earlier name; after a list joiner too
        self.inner_head_rx = re.compile(f"(?:{HEADS})(?![试示])[和与及、]?|(?:计划|制)[和与及、]")

    # -- public ---------------------------------------------------------------------------

    def find(self, text: str, sentences: Sequence[tuple[int, int]] | None = None) -> list[FoundProgram]:
        """PROGRAM spans in `text`, in order, never overlapping.

        Args:
            text: the normalised report text.
            sentences: optional (start, end) sentence bounds; a name never runs back past
                the start of its sentence (without them, punctuation bounds it anyway).
        """
        starts = [s for s, _ in sentences] if sentences else []
        found = [*self._quoted(text), *self._lexicon(text), *self._heads(text, starts)]
        quoted = [m.span() for m in QUOTED.finditer(text)]
        return _resolve(found, quoted)

    def classify_quoted(self, text: str, start: int, end: int, *, chained: str | None = None) -> str:
        """Class of the quoted phrase `text[start:end]` (inside the quotes) from its cues.

        `chained` is the class of the quoted phrase just before, when the two stand side by
        side (“智慧晋中”和“宽带晋中”建设): the second shares the first's verb.
        """
        phrase = text[start:end]
        before = text[max(0, start - 9):start - 1]
        after = text[end + 1:end + 13]
        known = self.by_name.get(phrase)
        if known is not None:
            return known.cls
        if phrase.startswith("《") or DOC_AFTER.match(after):
            return "document"
        if DOC_INSIDE.match(phrase) and not after.startswith("普法"):
            return "document"
        if HONOUR_BEFORE.search(before) or HONOUR_INSIDE.search(phrase) or after.startswith(("荣获", "称号")):
            return "honour"
        if EVENT_INSIDE.search(phrase):
            return "event"
        if NOT_PROGRAM_AFTER.match(after) or RESULT_INSIDE.search(phrase):
            return "slogan"
        if PROBLEM_BEFORE.search(before):
            return "slogan"
        if STRONG_AFTER.match(after) or HEAD_INSIDE.search(phrase) or chained == "initiative":
            return "initiative"
        if CLAUSE_INSIDE.search(phrase):
            return "slogan"
        if _numbered_slogan(phrase):
            return "initiative"
        if ACT_BEFORE.search(before) and len(phrase) >= 3 and not COVERAGE_INSIDE.search(phrase):
            return "initiative"
        return "slogan"

    def canonical(self, name: str, title: str | None = None) -> str:
        """One name per programme: the lexicon's, else `name` with generic heads dropped.

        A quoted name whose head says what it is (“三长”联动, “1+4”集成) keeps the head.
        """
        for candidate in (title, name):
            if candidate and candidate in self.by_name:
                return self.by_name[candidate].canonical
        if title and title[len(name):] in DEFINING_HEADS:
            return title
        for suffix in ("制度", "试点"):
            if name.endswith(suffix) and name[: -len(suffix)] in self.by_name:
                return self.by_name[name[: -len(suffix)]].canonical
        stripped = re.sub(r"^国家级?", "", name)
        if stripped != name and stripped in self.by_name:
            return self.by_name[stripped].canonical
        return drop_generic_head(stripped if len(stripped) >= 4 else name)

    # -- candidates -----------------------------------------------------------------------

    def _quoted(self, text: str) -> Iterable[FoundProgram]:
        previous_end, previous_class = -10, None
        for m in QUOTED.finditer(text):
            start, end = m.span(1)
            phrase = m.group(1)
            chained = previous_class if 0 <= m.start() - previous_end <= 1 else None
            previous_end, previous_class = m.end(), None
            if len(phrase) < 2 or not re.search(f"[{CJK}]", phrase) and not NUMBERED.search(phrase):
                continue
            previous_class = self.classify_quoted(text, start, end, chained=chained)
            if previous_class != "initiative":
                continue
            attrs: dict[str, Any] = {}
            head = TITLE_AFTER.match(text, end + 1)
            title = phrase + head.group(0) if head else None
            if title:
                attrs["title"] = title
            attrs["canonical"] = self.canonical(phrase, title)
            yield FoundProgram(start, end, attrs, "quoted")

    def _lexicon(self, text: str) -> Iterable[FoundProgram]:
        if self.lexicon_rx is None:
            return
        for m in self.lexicon_rx.finditer(text):
            start, end = m.span()
            if text[start - 1:start] == "《" or _organisation_after(text, end):
                continue
            yield FoundProgram(start, end, {"canonical": self.canonical(m.group(0))}, "lexicon")

    def _heads(self, text: str, sentence_starts: Sequence[int]) -> Iterable[FoundProgram]:
        for m in self.head_rx.finditer(text):
            head_start, end = m.span()
            head = m.group(0)
            following = text[end:end + 1]
            if following and following in HEAD_NOT_BEFORE.get(head, ""):
                continue
            floor = max(0, head_start - 24)
            if sentence_starts:
                i = bisect_right(sentence_starts, head_start) - 1
                if i >= 0:
                    floor = max(floor, sentence_starts[i])
            edge = self._left_edge(text, floor, head_start)
            if edge is None:
                continue
            start, bound = edge
            name = text[start:end]
            if not _plausible(name, head, bound):
                continue
            yield FoundProgram(start, end, {"canonical": self.canonical(name)}, "head")

    def _left_edge(self, text: str, floor: int, head_start: int) -> tuple[int, str] | None:
        """Where the name before a head noun starts, and what bounds it on the left.

        The bound is the last of: a non-name character ("punct"), 的 ("de"), a trigger verb
        ("verb"), a count such as 16个 ("count"), or an earlier head noun of a list
        (薄弱学校改造计划和|学校标准化提档升级工程, "list") in the look-back window.
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
        for rx, kind in ((self.trigger_rx, "verb"), (COUNT, "count"), (self.inner_head_rx, "list")):
            for t in rx.finditer(window, cut):
                if t.end() > cut and not (kind == "verb" and bound == "de" and t.start() == cut):
                    cut, bound = t.end(), kind
        start = floor + cut
        modifier = LEFT_MODIFIERS.match(text, start, head_start)
        if modifier:
            start = modifier.end()
        return (start, bound) if start < head_start else None


def _resolve(found: list[FoundProgram], quoted: list[tuple[int, int]]) -> list[FoundProgram]:
    """Keep non-overlapping spans: quoted names first, then lexicon and head-noun names by length.

    Length decides between the last two so that 县级公立医院改革 beats the lexicon's 公立医院改革;
    at equal length the lexicon wins (its canonical is curated).
    """
    rank = {"quoted": 0, "lexicon": 1, "head": 2}
    order = sorted(found, key=lambda p: (p.source != "quoted", p.start - p.end, rank[p.source], p.start))
    size = max((p.end for p in found), default=0) + 1
    taken = bytearray(size)  # 1 where a kept span covers the character
    inside_quotes = bytearray(size)  # 1 strictly inside “…” (the quote marks included)
    for s, e in quoted:
        if s + 1 < size:
            inside_quotes[s + 1:min(e, size)] = b"\x01" * (min(e, size) - s - 1)
    kept: list[FoundProgram] = []
    for program in order:
        if any(taken[program.start:program.end]):
            continue
        if program.source != "quoted" and (inside_quotes[program.start] or inside_quotes[program.end]):
            continue  # an unquoted candidate must not cut through a quoted phrase
        taken[program.start:program.end] = b"\x01" * (program.end - program.start)
        kept.append(program)
    kept.sort(key=lambda p: p.start)
    return kept


def _plausible(name: str, head: str, bound: str) -> bool:
    """Drop generic names (重点工程, 各项改革, 国家重大战略), construction works and run-on context."""
    bare = name[: -len(head)]
    if len(bare) < 2 or bare in GENERIC_WHOLE or GENERIC.match(bare) or GENERIC_END.search(bare):
        return False
    if NOT_IN_NAME.search(bare):
        return False
    if bound == "punct" and len(bare) > 12:
        return False  # a run of text without a verb before it: a clause, not a name
    if head == "建设":
        return bare.startswith(("平安", "法治")) and len(bare) >= 4  # 平安晋中建设; other 建设 are work
    if head == "工程" and (WORKS.search(bare) or GENERIC_TAIL.search(bare) or bound == "punct"):
        return False
    if head in ("战略", "试点") and len(bare) < 3:
        return False
    if head in ("改革", "行动", "专项整治", "试点", "运动") and "和" in bare:
        return False  # two domains joined (财政体制和国有企业改革), not one programme
    return not (head in ("改革", "行动", "专项整治") and (len(bare) < 4 or bare.endswith("机构")))


_SHORT_NUMBERED = re.compile(rf"[{CJK}]{{1,3}}[{NUMERAL}][{CJK}]{{1,2}}")
_CJK_CHAR = re.compile(f"[{CJK}]")


def _numbered_slogan(phrase: str) -> bool:
    """三纵十横, 一区两翼, 六个一体化, 两集中两到位: numerals that count parts of a programme.

    The phrase is parts of one or more numerals and then one to four characters
    (`(?:[numerals]+[CJK]{1,4})+`), read by dynamic programming: numerals are CJK characters
    too, so the regular expression would try exponentially many splits of a run of them.
    """
    if _SHORT_NUMBERED.fullmatch(phrase):
        return True
    n = len(phrase)
    numeral = [ch in NUMERAL or ch.isdecimal() for ch in phrase]
    cjk = [_CJK_CHAR.match(ch) is not None for ch in phrase]
    parsed = [False] * (n + 1)  # parsed[i]: phrase[:i] is a sequence of whole parts
    parsed[0] = True
    for i in range(n):
        if not parsed[i]:
            continue
        e = i
        while e < n and numeral[e]:
            e += 1
            for k in range(1, 5):  # the numerals phrase[i:e], then k characters
                if e + k > n or not cjk[e + k - 1]:
                    break
                parsed[e + k] = True
    return n > 0 and parsed[n]


def _organisation_after(text: str, end: int) -> bool:
    """计划生育委员会, 全民健身中心: the name is part of an organisation or a facility."""
    return bool(ORGANISATION_AFTER.match(text, end))
