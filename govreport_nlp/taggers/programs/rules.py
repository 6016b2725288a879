"""Find PROGRAM mentions (named policy initiatives) in normalised report text.

Pure functions on text (no spaCy). Candidates come from several sources and are resolved
so that spans never overlap (quoted > lexicon > head noun, then longer first):

1. quoted names “…”, kept only when `quoted.classify_quoted` says *initiative*;
2. the lexicon (`lexicon`: curated rows and rows mined from the corpus), one trie regex;
3. unquoted names ending in a head noun (`heads`: …战略, …工程, …行动, …改革, …试点);

then `canonical` (`canonical`) and, for a quoted name followed by its head noun, `title`
(“百乡千村”治理行动). Why rules rather than a trained scorer: see docs/programs.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .canonical import DEFINING_HEADS, drop_generic_head
from .canonical import canonical_name as _canonical_name
from .heads import HEAD_NOT_BEFORE, HEADS, TRIGGERS, HeadNames
from .lexicon import CLASSES, ProgramEntry, default_lexicon, lexicon_tsv, parse_lexicon, split_context, trie_regex
from .patterns import CJK, NUMERAL, VerbEnd, formula_brands, integrations, listed_members, place_brands
from .quoted import ACT_BEFORE, NUMBERED, QUOTED, STRONG_AFTER, classify_quoted

__all__ = [
    "ACT_BEFORE", "CLASSES", "DEFINING_HEADS", "HEADS", "QUOTED", "STRONG_AFTER", "TRIGGERS", "FoundProgram",
    "ProgramEntry", "ProgramRules", "default_lexicon", "drop_generic_head", "lexicon_tsv", "parse_lexicon",
    "trie_regex",
]

# Head nouns right after the closing quote; together they make the `title`.
TITLE_HEADS = (
    "市长负责制|交通路网|工作体系|总体布局|发展路径|战略举措|普惠补贴|攻坚行动|治理行动|年度工程|城建工程|"
    "工程|行动|改革|制度|政策|活动|建设|试点|联动|创建|普法|服务|集成|联合体|工作|项目|计划|制"
)
TITLE_AFTER = re.compile(rf"[{CJK}]{{0,6}}?(?:{TITLE_HEADS})")
# What may complete a short quoted name in its canonical (三公里就业圈, 141基层智治体系).
TAIL_AFTER = re.compile(
    rf"[{CJK}]{{0,8}}?(?:融合发展|融合|帮扶|就业圈|绿化|统筹管理|促进|落户|体系|格局|构架|攻坚战|全链条(?:专项)?(?:整治|治理))"
)
# The topic written before quotes: a run of name characters after a verb, 的 or punctuation.
TOPIC_RUN = re.compile(rf"[{CJK}A-Za-z0-9]{{2,12}}\Z")
TOPIC_VERBS = (
    f"{TRIGGERS}|建成|建设|构建|培育|拓展|深化拓展|迭代|提升|保持|发挥|增强|统领|入学|创新|纳入|举办|打响|开展了|实施了|"
    "完成|新增|发放|发展|通过|首创|推出|优化|划定|保障|宣扬|鼓吹|规范|指导|赋能|协同|改造|形成|谱写|以|按|将|在|为|是|和|与|及|或|的|等|"
    # verbs of aims, care and results: 严格农村集体“三资”管理, 紧扣“两中心两地” (not 化解: 积案化解“百日攻坚”)
    "严格|把握|紧扣|弘扬|擦亮|保护好|壮大|提速|实化|塑造|面临|面对|降低|做到|装满|充实|拼凑|严防|经受|抗御|做大做强|"
    "做强|做优|狠抓|秉持|迎接|迎来|扎根|承办|上线|开行|确保|铺开|关于"
)
# Counts and question words are no topic (两轮“五个全覆盖”, 5条“幸福河湖”).
TOPIC_NOT = re.compile(r"[\d一二三四五六七八九十两][轮条项个批次家]|什么|问题上")
# Between two quoted names of one list that share the head after the second: at most one
# character, or a joiner and the place of the second (济南“强省会”、青岛“强龙头”战略).
LIST_GAP = re.compile(rf"(?s:.)?|[、和与及][{CJK}]{{2,3}}")
# Scope words before quotes are not a topic (省市县“府院”“府检”联动机制).
SCOPE = re.compile(
    r"^(?:省市县|市县|全省|全市|全区|全县|全国|各地|我省|我市|我区|自治区|基层|新时代|国家级|省级|市级)$"
)
# What a lexicon name may carry after it, inside the span (长期护理保险制度, 消费品以旧换新政策, 扫黑除恶斗争),
# and the generic heads 工程/战略 (城市生命线安全工程, 东北振兴战略): one programme, the lexicon's canonical.
LEXICON_HEADS = (
    "制度|(?:整(?:省区?|市|县))?试点|政策|专项斗争|斗争|"
    + "|".join(f"{head}(?![{HEAD_NOT_BEFORE[head]}])" for head in ("工程", "战略"))
)
# After a lexicon name: an organisation, facility or honour named after the programme.
ORGANISATION_AFTER = re.compile(
    r"委员会|委|局|办公室|领导小组|中心|协会|基金|馆|服务站|示范区|示范县|示范市|模范|国际合作论坛|论坛|（[^）]{1,6}）集结中心|"
    r"休闲场所|场所|设施|公共服务体系|场地"
)
# After a lexicon name: a document named after the programme (乡村全面振兴规划, 双减实施意见).
DOCUMENT_AFTER = re.compile(
    r"(?:总体|专项)?(?:规划|纲要|条例|实施方案|方案|实施意见|意见|办法|法(?![治人规])|实施细则)|定位"
)


# After an insurance scheme: its coverage or pooling measured (扩大工伤保险、失业保险覆盖面, 失业、
# 工伤保险省级统筹): the insurance as a field of work, not the programme.
INSURANCE = re.compile(r"保险$")
BENEFIT_BEFORE = re.compile(r"(?:有了|得到|享受|享有)$")
MEASURE_AFTER = re.compile(r"(?:、[^，。；]{2,8}?保险)*(?:覆盖面|覆盖范围|省级统筹|参保面|参保率)")


@dataclass(frozen=True)
class FoundProgram:
    """A PROGRAM span in the analysed text: `text[start:end]` and its attributes."""

    start: int
    end: int
    attrs: dict[str, Any] = field(default_factory=dict)
    source: str = "head"  # quoted, lexicon or head: which rule found it (ranks overlapping candidates)


class ProgramRules:
    """The compiled rules over one lexicon; `find` is the entry point."""

    def __init__(self, lexicon: Sequence[ProgramEntry] | None = None) -> None:
        self.lexicon: tuple[ProgramEntry, ...] = tuple(lexicon) if lexicon is not None else default_lexicon()
        self.by_name: dict[str, ProgramEntry] = {}
        framed: dict[str, list[str]] = {}  # 扩大内需[的方针]: names tagged only before their frame
        for entry in self.lexicon:
            plain = replace(entry, canonical=split_context(entry.canonical)[0])
            for name in entry.names:
                base, context = split_context(name)
                if context is not None:
                    framed.setdefault(context, []).append(base)
                self.by_name.setdefault(base, plain)
        self.known_class = {name: entry.cls for name, entry in self.by_name.items()}
        initiative_names = [n for n, e in self.by_name.items() if e.cls == "initiative" and not _framed(n, framed)]
        # A lexicon name may carry 制度 or 试点 after it (城镇居民基本医疗保险试点); a name that
        # is part of an organisation (计划生育委员会) is dropped after matching.
        names_rx = trie_regex(initiative_names)
        self.lexicon_rx = re.compile(f"(?:{names_rx})(?:{LEXICON_HEADS})?") if initiative_names else None
        self.framed_rx = [re.compile(f"(?:{trie_regex(bases)})(?={context})") for context, bases in framed.items()]
        self.heads = HeadNames()
        self.topic_verb_rx = re.compile(f"(?:{trie_regex(TOPIC_VERBS.split('|'))})[了好住]?")  # 完成了, 发挥好, 经受住

    # -- public ---------------------------------------------------------------------------

    def find(
        self,
        text: str,
        sentences: Sequence[tuple[int, int]] | None = None,
        places: Sequence[tuple[int, int]] | None = None,
    ) -> list[FoundProgram]:
        """PROGRAM spans in `text`, in order, never overlapping.

        Args:
            text: the normalised report text.
            sentences: optional (start, end) sentence bounds; a name never runs back past
                the start of its sentence (without them, punctuation bounds it anyway).
            places: optional (start, end) of PLACE spans: a pilot's name leaves out the place
                it was granted to.
        """
        starts = [s for s, _ in sentences] if sentences else []
        place_ends = {s: e for s, e in places} if places else {}
        found = [*self._quoted(text), *self._lexicon(text), *self._heads(text, starts, place_ends),
                 *self._patterns(text, place_ends)]
        quoted = [m.span() for m in QUOTED.finditer(text)]
        return _resolve(found, quoted)

    def classify_quoted(self, text: str, start: int, end: int, *, chained: str | None = None) -> str:
        """Class of the quoted phrase `text[start:end]` (inside the quotes); see `quoted`."""
        return classify_quoted(text, start, end, self.known_class, chained=chained)

    def canonical(self, name: str, title: str | None = None) -> str:
        """One name per programme; see `canonical.canonical_name`."""
        return _canonical_name(self.by_name, name, title)

    # -- candidates -----------------------------------------------------------------------

    def _quoted(self, text: str) -> Iterable[FoundProgram]:
        phrases = [m for m in QUOTED.finditer(text)
                   if len(m.group(1)) >= 2 and (re.search(f"[{CJK}]", m.group(1)) or NUMBERED.search(m.group(1)))]
        classes: list[str] = []
        for i, m in enumerate(phrases):  # a phrase right after an initiative shares its verb
            chained = classes[-1] if i and 0 <= m.start() - phrases[i - 1].end() <= 1 else None
            classes.append(self.classify_quoted(text, *m.span(1), chained=chained))
        for i in range(len(phrases) - 2, -1, -1):  # “保交楼”“保交房”任务: a head after the second names both
            adjacent = LIST_GAP.fullmatch(text, phrases[i].end(), phrases[i + 1].start()) is not None
            if adjacent and classes[i] == "slogan" and classes[i + 1] == "initiative":
                classes[i] = self.classify_quoted(text, *phrases[i].span(1), chained="initiative")
        tails = shared_tails(text, phrases)
        for m, cls, tail in zip(phrases, classes, tails, strict=True):
            if cls != "initiative":
                continue
            start, end = m.span(1)
            phrase = m.group(1).strip()  # “八七扶贫攻坚计划 ”: white space inside the quotes is no part of the name
            start += m.group(1).index(phrase)
            end = start + len(phrase)
            attrs: dict[str, Any] = {}
            head = TITLE_AFTER.match(text, m.end())
            title = phrase + head.group(0) if head else None
            if title:
                attrs["title"] = title
            named = phrase + tail if tail else title
            topic = self.topic(text, m.start()) if needs_topic(phrase) else None
            attrs["canonical"] = _canonical_name(self.by_name, phrase, named, topic)
            yield FoundProgram(start, end, attrs, "quoted")

    def topic(self, text: str, quote: int) -> str | None:
        """The topic written right before an opening quote (做好金融“五篇大文章” → 金融), if any.

        The run of name characters before the quotes, after its last verb; none when a list
        joiner, a count or 等 stands before it, or when it is a scope word (全省, 省市县).
        """
        run = TOPIC_RUN.search(text, max(0, quote - 12), quote)
        if run is None:
            return None
        last = None
        for verb in self.topic_verb_rx.finditer(run.group(0)):
            last = verb
        topic = run.group(0)[last.end():] if last else run.group(0)
        topic = re.sub(r"^国家级?|国家$", "", topic)
        if not 2 <= len(topic) <= 10 or SCOPE.match(topic) or TOPIC_NOT.search(topic):
            return None
        if last is None and run.start() > 0 and text[run.start() - 1] == "等":
            return None
        return topic

    def _lexicon(self, text: str) -> Iterable[FoundProgram]:
        matches = [m for rx in self.framed_rx for m in rx.finditer(text)]
        if self.lexicon_rx is not None:
            matches += list(self.lexicon_rx.finditer(text))
        for m in matches:
            start, end = m.span()
            organisation = ORGANISATION_AFTER.match(text, end)
            if organisation and organisation.group(0).startswith("示范") and self.is_strategy(m.group(0)):
                organisation = None  # 乡村振兴示范县: the strategy is named where it is shown (H19)
            if text[start - 1:start] == "《" or organisation or DOCUMENT_AFTER.match(text, end):
                continue
            if INSURANCE.search(m.group(0)) and MEASURE_AFTER.match(text, end):
                continue
            if BENEFIT_BEFORE.search(text, max(0, start - 2), start):
                continue  # 得到最低生活保障, 有了职业伤害保障: people receiving a benefit (H1)
            yield FoundProgram(start, end, {"canonical": self.canonical(m.group(0))}, "lexicon")

    def is_strategy(self, name: str) -> bool:
        """A lexicon name of a national strategy (乡村振兴 → 乡村振兴战略)."""
        entry = self.by_name.get(name)
        return entry is not None and entry.canonical.endswith("战略")

    def _patterns(self, text: str, places: Mapping[int, int]) -> Iterable[FoundProgram]:
        for start, end in _pattern_spans(text, places, self.heads.verb_end):
            yield FoundProgram(start, end, {"canonical": self.canonical(text[start:end])}, "head")

    def _heads(self, text: str, sentence_starts: Sequence[int], places: Mapping[int, int]) -> Iterable[FoundProgram]:
        for start, end in self.heads.find(text, sentence_starts, places):
            if DOCUMENT_AFTER.match(text, end):
                continue  # 投资体制改革实施意见: the subject of a document, as for lexicon names
            yield FoundProgram(start, end, {"canonical": self.canonical(text[start:end])}, "head")


def _framed(name: str, framed: Mapping[str, list[str]]) -> bool:
    return any(name in bases for bases in framed.values())


def _pattern_spans(text: str, places: Mapping[int, int], verb_end: VerbEnd) -> Iterable[tuple[int, int]]:
    yield from listed_members(text, verb_end)
    yield from place_brands(text, places)
    yield from integrations(text, places)
    yield from formula_brands(text)


def shared_tails(text: str, phrases: Sequence[re.Match[str]]) -> list[str | None]:
    """What completes each quoted name after its quotes (“三公里”就业圈 → 就业圈), if anything.

    Quoted names written one after the other share the tail after the last of them:
    省市县“府院”“府检”联动机制 names 府院联动 and 府检联动.
    """
    tails: list[str | None] = [None] * len(phrases)
    for i in range(len(phrases) - 1, -1, -1):
        after = TAIL_AFTER.match(text, phrases[i].end())
        head = TITLE_AFTER.match(text, phrases[i].end())
        if after:
            tails[i] = after.group(0)
        elif head and head.group(0) in DEFINING_HEADS:
            tails[i] = head.group(0)  # “三长”联动: a head that says what the name is
        elif i + 1 < len(phrases) and phrases[i].end() == phrases[i + 1].start():
            tails[i] = tails[i + 1]
    return tails


def needs_topic(phrase: str) -> bool:
    """A quoted name too short or generic to group by itself (“三资”, “五篇大文章”, “碧水东流”)."""
    return len(phrase) <= 4 or (len(phrase) <= 5 and bool(re.search(rf"[\d{NUMERAL}]", phrase)))


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
