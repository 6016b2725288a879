"""Find PLACE mentions in normalised report text and link divisions to their codes.

The rules read characters, not the segmenter's words, so 平遥|横坡 or 昔|阳大寨 splits do
not matter. One Aho–Corasick pass (pyahocorasick) finds every name the tables know:
division names and short names from the gazetteer, the lexicon of rivers, mountains,
regions, sites, zones, routes, townships and villages, the stop list, and jieba's
ordinary words that overlap place names. Suffix rules (…开发区, …公园, …高速, …路) then
find named things whose stem no table lists. Candidates are vetoed, chained and
chosen, longest first:

- veto: a stop-list string over the candidate (晋品, 华北豹), an ordinary word that
  crosses or covers it (投资中心 over 资中, 长治久安 over 长治), an organisation written
  right after it (晋中市委, 山西农大, 晋中站), and a short name that is also a common
  word (平安, 和平, 资源) unless the report's province, a parent written before it or an
  official suffix supports it;
- chain: a division followed by one of its own children (山西省晋中市平遥县) or by a
  township or village of the lexicon that lies in it (平遥横坡) is one span;
- link: each division mention takes the candidate valid in the report's year that sits
  closest to its parent in the chain, else to the report's own place, else to the
  province most of the document's unambiguous mentions are in; the ranked candidates
  are kept when that still leaves a tie (鼓楼区 in a national report).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Any

import ahocorasick

from .gazetteer import Division, Gazetteer, closeness

#: What reports name as their place when they are national reports.
NATIONAL = {"中国", "全国", "中华人民共和国"}

KINDS = ("admin", "natural", "region", "site", "zone", "route")
SUB_COUNTY = {"township": "township", "village": "village"}

_CJK = re.compile(r"[\u3400-\u9fff]")

#: Characters that end a stem when scanning back from a suffix: function words and
#: punctuation never sit inside a name.
_STEM_STOP_CHARS = set("的、和与及在对把将为是了等从向到至于或并其这该各每个所由被以让使给之即又也都")

#: A stem's characters: CJK, none of them a stop character.
_STEM_CHARS = re.compile("(?:(?![" + re.escape("".join(sorted(_STEM_STOP_CHARS))) + "])[\u3400-\u9fff])*")

_NUMERAL_CHARS = set("一二三四五六七八九十百千万两〇零几多")
_CLASSIFIER_CHARS = set("条处个座项批年万亿所家名户套次场片块段")

#: Words a stem never starts with: the verbs and adverbs that precede named things in
#: reports (建设晋中开发区 → stem 晋中).
_STEM_STOP_WORDS = (
    "加快建设", "加快推进", "全力推进", "积极推进", "大力推进", "持续推进", "高标准建设", "高质量建设",
    "建设", "推进", "加快", "打造", "实施", "完成", "改造", "新建", "开工", "启动", "提升", "建成", "开通",
    "推动", "依托", "围绕", "实现", "加强", "积极", "持续", "全面", "深入", "做好", "抓好", "落实", "谋划",
    "争创", "创建", "申报", "支持", "引导", "鼓励", "发展", "培育", "壮大", "规划", "布局", "保护", "修复",
    "治理", "整治", "开放", "启用", "投用", "运营", "通车", "贯通", "连接", "对接", "融入", "服务", "带动",
    "获批", "获得", "入选", "成为", "荣获", "强化", "深化", "优化", "完善", "健全", "提高", "扩大", "加大",
    "组织", "开展", "举办", "承办",
    "包括", "其中", "以及", "还有", "位于", "地处", "沿线", "经过", "途经", "重点", "主要", "进一步",
    "着力", "努力", "力争", "确保", "争取", "计划", "预计", "已经", "正在", "基本", "初步", "新增", "新开",
)

# One expression for all of them (a stop word inside a stem; one ending right before it):
# a loop over the words for every suffix in a text dense with suffixes costs too much.
_STEM_STOP_RE = re.compile("|".join(map(re.escape, _STEM_STOP_WORDS)))
_STEM_STOP_END_RE = re.compile("(?:" + "|".join(map(re.escape, _STEM_STOP_WORDS)) + r")\Z")
_LONGEST_STEM_STOP = max(map(len, _STEM_STOP_WORDS))

#: Words that alone are no name: a stem made only of them is generic (城市公园, 省级开发区).
_GENERIC_STEMS = {
    "城市", "社区", "口袋", "街心", "森林", "湿地", "体育", "文化", "生态", "主题", "农业", "产业", "工业", "科技",
    "物流", "现代", "高新", "经济", "重点", "省级", "国家级", "国家", "各类", "一批", "乡村", "农村", "城乡",
    "道路", "公路", "干线", "高速", "国省", "农村公路", "市级", "县级", "区级", "开发", "技术", "综合", "示范",
    "特色", "专业", "城郊", "郊野", "遗址", "考古", "历史", "红色", "旅游", "休闲", "度假", "城区", "新城",
    "老城", "中心", "市区", "市", "县", "区", "镇", "乡", "村", "全市", "全省", "全县", "全区", "我市", "本市",
    "各地", "沿黄", "沿河", "环城", "城际", "市域", "县域", "省内", "市内", "区内", "境内", "一条", "两条",
    "三条", "多条", "新", "老", "大", "小", "东", "西", "南", "北", "中",
}

#: Words written right after a division name that make it part of an organisation or
#: facility (the guidelines: organisations named after a place are not places).
ORGANISATION_SUFFIXES = (
    "委", "人大", "政协", "政府", "人民政府", "党委", "纪委", "大学", "学院", "农大", "师大", "医院", "中学",
    "小学", "职业", "日报", "电视台", "广播", "银行", "公司", "集团", "海关", "法院", "检察院", "公安", "站",
    "南站", "北站", "东站", "西站", "机场", "供电", "移动", "联通", "电信", "烟草", "邮政", "军分区", "馆",
    "中心", "协会", "商会", "研究院", "研究所", "出口", "收费站", "服务区", "队", "支队",
)
#: Organisation heads that make a place name before them part of a name even a few
#: characters away (晋中第一人民医院, 山西警官职业学院, 晋中汽车客运总站).
ORGANISATION_HEADS_AHEAD = (
    "医院", "学院", "大学", "学校", "中学", "小学", "公司", "集团", "总站", "银行", "研究院",
    "大会", "大赛", "大展", "论坛", "博览会", "运动会", "艺术节",  # events named after a place (rulings)
)
#: Which known places may begin a suffixed name of each kind: 晋中国家农高区, 潇河湿地公园,
#: 太原路; a river is never named after a county before it (榆次涂河 is 榆次 + 涂河).
ANCHORS = {
    "zone": ("admin", "region", "natural", "site", "zone"),
    "site": ("admin", "region", "natural", "site"),
    "route": ("admin",),
    "region": ("admin", "region", "natural"),
}

#: Words after a river or region that continue its name without ending it (黄河流域 → 黄河).
CONTINUATIONS = ("流域", "上游", "中游", "下游", "地区", "沿岸", "两岸", "沿线")

#: …人民政府工作报告 is a report's title: its place is a place (the guidelines' ruling).
_TITLE_AFTER_GOVERNMENT = "工作报告"

#: Official names that are generic words (a district called 城区 or 矿区): only in a chain.
GENERIC_NAMES = {
    "城区", "矿区", "郊区", "新区", "市区", "市中", "市郊", "市郊区", "市辖区", "开发区", "高新区", "城中", "城关",
}

#: Characters an admin suffix forms a word with, so that 平遥县城 is 平遥 + 县城 and 太原市场 is
#: no 太原市: the suffix is dropped and the short name is tried instead.
_SUFFIX_WORDS = {
    "市": set("场民区域级县直属内外辖"),
    "县": set("城域级乡委区市里内"),
    "区": set("域级委县内外划"),
    "省": set("级委内外市份"),
}


@dataclass(frozen=True)
class LexiconEntry:
    """A place the gazetteer has no code for: a river, a site, a road, a village…"""

    name: str
    kind: str  # natural, region, site, zone, route, township or village
    parent_code: str
    note: str = ""


@dataclass(frozen=True)
class SuffixRule:
    """`…suffix` names a place of `kind` when a stem of `min_stem`..`max_stem` characters precedes it."""

    suffix: str
    kind: str
    min_stem: int
    max_stem: int
    stem_only: bool = False  # 黄河中游 → 黄河: the stem is found on its own; the rule adds nothing


@dataclass(frozen=True)
class FoundPlace:
    start: int
    end: int
    attrs: dict[str, Any]


@dataclass
class Candidate:
    start: int
    end: int
    kind: str
    source: str  # admin, lexicon, suffix
    alias: str = ""
    divisions: list[Division] = field(default_factory=list)
    entry: LexiconEntry | None = None
    official: bool = False  # written with its official suffix (平遥县, not 平遥)
    alias_suffix: str = ""  # for suffix rules: the suffix that made it (公园)
    chain: list[Candidate] = field(default_factory=list)

    @property
    def length(self) -> int:
        return self.end - self.start


def _rows(text: str) -> Iterable[list[str]]:
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.rstrip("\n").split("\t")


def parse_lexicon(text: str) -> list[LexiconEntry]:
    out = []
    for cols in _rows(text):
        cols += [""] * (4 - len(cols))
        out.append(LexiconEntry(cols[0].strip(), cols[1].strip(), cols[2].strip(), cols[3].strip()))
    return out


def parse_suffixes(text: str) -> list[SuffixRule]:
    out = []
    for cols in _rows(text):
        cols += [""] * (5 - len(cols))
        stem_only = "span is the stem only" in cols[4]
        out.append(SuffixRule(cols[0].strip(), cols[1].strip(), int(cols[2] or 1), int(cols[3] or 6), stem_only))
    return [rule for rule in out if not rule.stem_only]


def parse_words(text: str) -> tuple[set[str], set[str], set[str]]:
    """(`common` aliases, `blocker` words, all frequent words) of `data/place_words.tsv`."""
    common: set[str] = set()
    blockers: set[str] = set()
    words: set[str] = set()
    for cols in _rows(text):
        if cols[1] == "common":
            common.add(cols[0])
            continue
        if cols[1] == "blocker":
            blockers.add(cols[0])
        words.add(cols[0])
    return common, blockers, words


def parse_stopwords(text: str) -> tuple[set[str], set[str]]:
    """(exact stop strings, organisation heads) of `data/place_stopwords.tsv`."""
    exact: set[str] = set()
    heads: set[str] = set()
    for cols in _rows(text):
        if cols and cols[0].strip():
            (heads if len(cols) > 2 and cols[2].strip() == "suffix" else exact).add(cols[0].strip())
    return exact, heads


@dataclass
class PlaceTables:
    """The rule data, as text so that a saved pipeline carries exactly what it was built with."""

    lexicon: str = ""
    suffixes: str = ""
    stopwords: str = ""
    words: str = ""

    FILES = {
        "lexicon": "place_lexicon.tsv",
        "suffixes": "place_suffixes.tsv",
        "stopwords": "place_stopwords.tsv",
        "words": "place_words.tsv",
    }

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> PlaceTables:
        data = files("govreport_nlp.data")
        texts = {}
        for attr, name in cls.FILES.items():
            resource = data.joinpath(name)
            texts[attr] = resource.read_text(encoding="utf-8") if resource.is_file() else ""
        return cls(**texts)


def tied(ranked: Sequence[Division], near: str | None) -> list[Division]:
    """The top-ranked division and those as close to `near` at its level, when there are
    any (the `candidates` of an ambiguous name); else an empty list."""
    top = ranked[0]
    ties = [d for d in ranked[1:] if closeness(d.code, near) == closeness(top.code, near) and d.level == top.level]
    return [top, *ties] if ties else []


#: `find(near=DECIDE)`: decide the report's centre from the text itself.
DECIDE = "decide"

#: The longest stem of a suffixed name that is not itself a known place (汇通北路, 哈萨尔大街).
OPEN_STEM = 3


def _open_stem(
    text: str, end: int, min_stem: int, max_stem: int, after: set[int] | None = None, taken: bytearray | None = None
) -> int | None:
    """Start of an unknown name before `end` that follows a boundary, longest first, or None.

    Two characters at least; not a numbered slogan (一山一河, 三山), not a counted noun
    (9条道路, 386处农村), and no verb inside (推进乡村).
    """
    for length in range(max_stem, max(min_stem, 2) - 1, -1):
        start = end - length
        stem = text[start:end]
        if start < 0 or not _STEM_CHARS.fullmatch(stem):
            continue
        if stem[0] in _NUMERAL_CHARS or _STEM_STOP_RE.search(stem):
            continue
        if taken is not None and any(taken[start:end]):
            continue  # a known name inside: 榆次涂 is no stem
        if after and start in after:
            return start  # right after a known name: 榆次|涂河
        before = text[start - 1] if start else ""
        if before.isascii() and before.isalnum():
            continue  # 73.5公里园路, 4A级旅游景区: a measure, not a name
        if before in _NUMERAL_CHARS and stem[0] in _CLASSIFIER_CHARS:
            continue
        if not before or not _CJK.match(before) or before in _STEM_STOP_CHARS:
            return start
        if _STEM_STOP_END_RE.search(text, max(0, start - _LONGEST_STEM_STOP), start):
            return start
    return None


@lru_cache(maxsize=4096)
def _generic(stem: str) -> bool:
    """A stem made of generic words only (城市, 省级, 生态文化…) names nothing."""
    if stem in _GENERIC_STEMS:
        return True
    for i in range(1, len(stem)):
        if stem[:i] in _GENERIC_STEMS and _generic(stem[i:]):
            return True
    return False


def _word_index(words: Iterable[str]) -> Any:
    """An Aho–Corasick automaton of the words of two characters or more (None when there are none)."""
    automaton = ahocorasick.Automaton()
    for word in words:
        if len(word) >= 2:
            automaton.add_word(word, len(word))
    if not len(automaton):
        return None
    automaton.make_automaton()
    return automaton


class _Occurrences:
    """Every occurrence of an index's words in a text, found by one automaton pass and
    asked about by binary search: trying every substring around each candidate (the
    former `_words_over`) costs too much in a text dense with names, and the automaton's
    own windowed search reads the whole text on each call."""

    def __init__(self, index: Any, text: str) -> None:
        found = sorted((last + 1 - length, last + 1) for last, length in index.iter(text)) if index else []
        self.starts = [a for a, _ in found]
        self.ends = [b for _, b in found]

    def over(self, s: int, e: int, longest: int) -> Iterable[tuple[int, int]]:
        """Occurrences (a, b) that overlap text[s:e], as `_words_over` yields them."""
        i = bisect_left(self.starts, s - longest + 1)
        while i < len(self.starts) and self.starts[i] < e:
            if self.ends[i] > s:
                yield self.starts[i], self.ends[i]
            i += 1


class _Intervals:
    """Intervals that may overlap, asked whether any overlaps [start, end) by binary search
    (a text dense with names must not cost a scan of all of them per candidate)."""

    def __init__(self, intervals: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(intervals)
        self.starts = [start for start, _ in ordered]
        self.reach: list[int] = []  # the furthest end among the intervals up to each one
        for _, end in ordered:
            self.reach.append(max(end, self.reach[-1]) if self.reach else end)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end)  # intervals [0, i) start before `end`
        return i > 0 and self.reach[i - 1] > start


class PlaceRules:
    """Find and link PLACE mentions; built once per pipeline from `PlaceTables`."""

    def __init__(self, tables: PlaceTables | None = None, gazetteer: Gazetteer | None = None) -> None:
        self.tables = tables or PlaceTables.default()
        self.gazetteer = gazetteer or Gazetteer.default()
        self.lexicon = parse_lexicon(self.tables.lexicon)
        self._lexicon_names = {entry.name for entry in self.lexicon}
        self.suffix_rules = sorted(parse_suffixes(self.tables.suffixes), key=lambda r: -len(r.suffix))
        self.stopwords, heads = parse_stopwords(self.tables.stopwords)
        self.common, self.blockers, self.vocabulary = parse_words(self.tables.words)
        self.blockers -= self._lexicon_names  # 太行山 is a word, but a place: it blocks nothing
        self._automaton = self._build_automaton()
        self._longest_stop = max(map(len, self.stopwords), default=0)
        self._longest_blocker = max(map(len, self.blockers), default=0)
        self._stop_index = _word_index(self.stopwords)
        self._ranked: dict[tuple[str, int | None, str | None], list[Division]] = {}
        self._named_cache: dict[str, tuple[list[Division], bool]] = {}
        self._linked: dict[tuple[str, int | None, str | None], tuple[Division | None, list[Division]]] = {}
        self._blocker_index = _word_index(self.blockers)
        self._suffix_re = (
            re.compile("|".join(re.escape(r.suffix) for r in self.suffix_rules)) if self.suffix_rules else None
        )
        self._rule_of = {r.suffix: r for r in self.suffix_rules}
        self._continuation_re = re.compile("|".join(CONTINUATIONS))
        self._org_ahead_re = re.compile(
            r"(?:(?![和及的])[\u3400-\u9fff]){0,8}?(?:" + "|".join(ORGANISATION_HEADS_AHEAD) + r")(?!城)"
        )
        self._org_re = re.compile(
            "(?:省|市|县|区|自治州|地区|盟)?(?:"
            + "|".join(sorted(map(re.escape, set(ORGANISATION_SUFFIXES) | heads), key=len, reverse=True))
            + ")"
        )

    def _build_automaton(self) -> Any:
        entries: dict[str, list[tuple[str, Any]]] = {}
        for alias in self.gazetteer.aliases():
            if len(alias) >= 2:
                entries.setdefault(alias, []).append(("admin", alias))
        for entry in self.lexicon:
            if len(entry.name) >= 2:
                entries.setdefault(entry.name, []).append(("lexicon", entry))
        automaton = ahocorasick.Automaton()
        for key, values in entries.items():
            automaton.add_word(key, (len(key), values))
        if entries:
            automaton.make_automaton()
        return automaton

    # -- candidates -------------------------------------------------------------------

    def _scan(self, text: str) -> list[Candidate]:
        candidates: list[Candidate] = []
        if len(self._automaton):
            for last, (length, values) in self._automaton.iter(text):
                start, end = last + 1 - length, last + 1
                for tag, value in values:
                    if tag == "admin":
                        divisions, official = self._named(value)
                        candidates.append(Candidate(start, end, "admin", "admin", value, divisions, official=official))
                    else:
                        kind = value.kind if value.kind in KINDS else "admin"
                        candidates.append(Candidate(start, end, kind, "lexicon", value.name, entry=value))
        return candidates

    def _named(self, alias: str) -> tuple[list[Division], bool]:
        """The divisions called `alias` and whether it is an official name (平遥县, not 平遥),
        remembered per alias: a text repeats its names."""
        found = self._named_cache.get(alias)
        if found is None:
            divisions = self.gazetteer.named(alias)
            found = self._named_cache[alias] = (divisions, any(d.name == alias != d.short for d in divisions))
        return found

    def _suffixed(self, text: str, known: list[Candidate]) -> list[Candidate]:
        """Named things by suffix (…开发区, …公园, …铁路): the name is a known place and
        what follows it up to the suffix (晋中国家农高区), or a short unknown stem right
        after punctuation, a function word or a verb (…,汇通北路; 改造工农巷)."""
        starts: dict[int, list[Candidate]] = {}
        for cand in known:
            starts.setdefault(cand.start, []).append(cand)
        ends = {cand.end for cand in known}
        taken = bytearray(len(text))
        for cand in known:
            taken[cand.start : cand.end] = b"\x01" * cand.length
        out = []
        for m in self._suffix_re.finditer(text):  # type: ignore[union-attr]
            rule = self._rule_of[m.group()]
            end = m.start()
            stem_start = None
            anchor_kinds = ANCHORS.get(rule.kind, ())
            for start in range(max(0, end - rule.max_stem), end - rule.min_stem + 1):
                if not any(c.kind in anchor_kinds for c in starts.get(start, ())):
                    continue
                stem = text[start:end]
                if _STEM_CHARS.fullmatch(stem) and not _STEM_STOP_RE.search(stem):
                    stem_start = start
                    break
            anchored = stem_start is not None
            if stem_start is None:
                stem_start = _open_stem(text, end, rule.min_stem, min(rule.max_stem, OPEN_STEM), ends, taken)
            if stem_start is None or _generic(text[stem_start:end]):
                continue
            if not anchored and rule.kind != "route" and text[stem_start:end] in self.vocabulary:
                continue  # a word, not a name, before 村, 园区, 示范区: 贫困村, 行政村, 购物广场
            if self._suffix_taken(text, m.start(), m.end(), starts):
                continue
            stem = text[stem_start:end]
            if rule.kind in SUB_COUNTY:  # 哈克镇, 团结村: a division below county, without a code
                entry = LexiconEntry(stem + m.group(), rule.kind, "")
                out.append(Candidate(stem_start, m.end(), "admin", "suffix", stem, entry=entry, alias_suffix=m.group()))
                continue
            out.append(Candidate(stem_start, m.end(), rule.kind, "suffix", stem, alias_suffix=m.group()))
        return out

    @staticmethod
    def _suffix_taken(text: str, start: int, end: int, starts: dict[int, list[Candidate]]) -> bool:
        """Whether a known name starts inside the suffix and runs past it (最近江|苏省: 江苏)."""
        return any(c.end > end for i in range(start, end) for c in starts.get(i, []))

    @staticmethod
    def _words_over(text: str, s: int, e: int, words: set[str], longest: int) -> Iterable[tuple[int, int]]:
        """Occurrences of `words` that overlap text[s:e] (set lookups: candidates are few)."""
        for a in range(max(0, s - longest + 1), e):
            for b in range(max(a + 2, s + 1), min(len(text), a + longest) + 1):
                if text[a:b] in words:
                    yield a, b

    def _strong(self, cand: Candidate, near: str | None) -> bool:
        """A mention whose name alone makes it a place: an official name (平遥县), a
        province or prefecture (晋中), a division of the report's own prefecture, or a
        A word that merely shares its first or
        last character (晋中|国际, 中国) does not veto it."""
        if cand.source == "lexicon":
            return len(cand.alias) >= 3
        if cand.source != "admin" or cand.alias in self.common:
            return False
        if cand.official or any(d.level in ("province", "prefecture") for d in cand.divisions):
            return True
        return near is not None and any(d.code[:4] == near[:4] for d in cand.divisions)

    def _words_in(self, text: str) -> tuple[_Occurrences, _Occurrences]:
        """The stop words and the blocking words of `text`, found once for all its candidates."""
        return _Occurrences(self._stop_index, text), _Occurrences(self._blocker_index, text)

    def _vetoed(
        self,
        text: str,
        cand: Candidate,
        near: str | None = None,
        words: tuple[_Occurrences, _Occurrences] | None = None,
    ) -> bool:
        """A stop word or an ordinary word over the name (organisations: `organisation`).

        `words`: `_words_in(text)`, when the caller asks about many candidates of one text."""
        s, e = cand.start, cand.end
        words = words or self._words_in(text)
        for a, b in words[0].over(s, e, self._longest_stop):
            if s <= a and b <= e and (b - a) < (e - s):
                continue  # 晋商公园 may contain the stop word 晋商
            if cand.official and a == e - 1 and b - a >= 3:
                continue  # 晋中市|城区 overlaps 市城区 by its own suffix
            return True
        strong = self._strong(cand, near)
        continued = self._continuation_re.match(text, e) is not None  # 黄河流域: 河流 does not veto 黄河
        for a, b in words[1].over(s, e, self._longest_blocker):
            crosses = (a < s < b < e) or (s < a < e < b and not continued)
            covers = a <= s and e <= b and (b - a) > (e - s) and not (a == s and continued)
            if a == e - 1 and cand.source == "lexicon" and cand.alias[:-1] in self._lexicon_names:
                return True  # 太行山|水: 山水 takes the 山, 太行 is the place
            if (crosses and not strong) or (covers and cand.source != "suffix"):
                return True
        if cand.source == "suffix":
            cut = e - len(cand.alias_suffix)
            for a, b in self._words_over(text, cut - 1, cut + 1, self.vocabulary, 3):
                if a < cut < b <= e:
                    return True  # the suffix ends a word: 乡村, 道路, 战线, 上线
        return False

    def organisation(self, text: str, cand: Candidate) -> bool:
        """Whether the name is part of an organisation's or facility's name (晋中市委, 山西农大,
        晋中第一人民医院, 海拉尔公路客运总站)."""
        if text.startswith("大学城", cand.end):
            return False  # a university town is a zone, not a university
        m = self._org_re.match(text, cand.end)
        if m and not (m.group().endswith("政府") and text.startswith(_TITLE_AFTER_GOVERNMENT, m.end())):
            return True
        return self._org_ahead_re.match(text, cand.end) is not None

    def _admin_ok(self, text: str, cand: Candidate, province: str | None) -> Candidate | None:
        """The candidate as a place, maybe without a suffix that forms a word (县城), or None."""
        alias = cand.alias
        if alias in GENERIC_NAMES:
            return None
        if cand.official and alias[-1] in _SUFFIX_WORDS and cand.end < len(text):
            if text[cand.end] in _SUFFIX_WORDS[alias[-1]]:
                short = [d for d in cand.divisions if d.short and alias.startswith(d.short) and d.short != alias]
                if not short:
                    return None
                stem = short[0].short
                rows = self.gazetteer.named(stem)
                cand = Candidate(cand.start, cand.start + len(stem), "admin", "admin", stem, list(rows))
                alias = stem
        if not cand.official and alias in self.common:
            local = province is not None and any(d.code.startswith(province) for d in cand.divisions)
            if not local:
                return None
        return cand

    def _chain(self, chosen: list[Candidate]) -> list[Candidate]:
        """Merge a division with the children written right after it into one span.

        A chain grows in place (one step per link), so a long run of names stays linear."""
        out: list[Candidate] = []
        for cand in chosen:
            prev = out[-1] if out else None
            if prev is not None and prev.end == cand.start and prev.kind == "admin" and self._is_child(prev, cand):
                if prev.source != "chain":
                    prev = Candidate(prev.start, prev.end, "admin", "chain", chain=[prev])
                    out[-1] = prev
                prev.chain.append(cand)
                prev.end = cand.end
                continue
            out.append(cand)
        for cand in out:
            if cand.source == "chain":
                cand.alias = "".join(part.alias for part in cand.chain)
        return out

    @staticmethod
    def _is_child(parent: Candidate, child: Candidate) -> bool:
        last = parent.chain[-1] if parent.chain else parent
        if last.source in ("lexicon", "suffix"):
            return False
        parents = [d.code for d in last.divisions]
        if child.kind == "admin" and child.source == "admin":
            return any(d.parent in parents or (d.code != p and d.code[:4] == p[:4] and p.endswith("00"))
                       for d in child.divisions for p in parents)
        if child.entry is not None and child.entry.kind in SUB_COUNTY:
            return child.entry.parent_code in parents
        return False

    # -- linking ----------------------------------------------------------------------

    def _rank(self, alias: str, year: int | None, near: str | None) -> list[Division]:
        """The divisions `alias` may name, best first (remembered: a text names the same
        places again and again, and ranking sorts the gazetteer's rows each time)."""
        key = (alias, year, near)
        ranked = self._ranked.get(key)
        if ranked is None:
            if len(self._ranked) > 50_000:
                self._ranked.clear()
            ranked = self._ranked[key] = self._rank_rows(alias, year, near)
        return ranked

    def _rank_rows(self, alias: str, year: int | None, near: str | None) -> list[Division]:
        rows = self.gazetteer.named(alias)
        if year is None:
            current = [d for d in rows if d.current]
            if not current:  # an old name in an undated text: the division under that name
                return sorted(rows, key=lambda d: -(d.valid_to or 0))[:1]
        return self.gazetteer.candidates(alias, year=year, near=near)

    def _link_one(self, cand: Candidate, year: int | None, near: str | None) -> tuple[Division | None, list[Division]]:
        key = (cand.alias, year, near)
        linked = self._linked.get(key)
        if linked is None:
            if len(self._linked) > 50_000:
                self._linked.clear()
            ranked = self._rank(cand.alias, year, near)
            linked = self._linked[key] = (ranked[0], tied(ranked, near)) if ranked else (None, [])
        return linked

    def _attrs(self, cand: Candidate, year: int | None, near: str | None) -> dict[str, Any]:
        if cand.kind != "admin":
            return {"kind": cand.kind}
        links = cand.chain or [cand]
        full_parts: list[str] = []
        deepest: Division | None = None
        level = None
        code: str | None = None
        candidates: list[Division] = []
        context = near
        for part in links:
            if part.source in ("lexicon", "suffix") and part.entry is not None:
                level = SUB_COUNTY.get(part.entry.kind, "village")
                name = part.entry.name
                if level == "village" and not name.endswith("村"):
                    name += "村"
                if deepest is None and part.entry.parent_code:
                    deepest = self.gazetteer.get(part.entry.parent_code, year=year)
                full_parts.append(name)
                code, candidates = None, []
                continue
            division, ties = self._link_one(part, year, context)
            if division is None:
                continue
            deepest, level, code, candidates = division, division.level, division.code, ties
            context = division.code
        if deepest is not None:
            prefix = deepest.full_name
            attrs_full = prefix + "".join(full_parts)
        else:
            attrs_full = "".join(full_parts)
        attrs: dict[str, Any] = {"kind": "admin", "level": level, "full_name": attrs_full or None, "code": code}
        if candidates and code is not None:
            attrs["candidates"] = [{"code": d.code, "full_name": d.full_name} for d in candidates]
        return attrs

    def _document_near(self, cands: list[Candidate], place: str | None, year: int | None) -> str | None:
        """The code the report's mentions gather around: its own place, else the province
        most of its unambiguous, uncommon mentions are in (none for a national report)."""
        if place in NATIONAL:
            return None
        if place:
            rows = self._rank(place, year, None)
            if rows:
                return rows[0].code
        votes: Counter[str] = Counter()
        for cand in cands:
            if cand.source == "admin" and (cand.official or cand.alias not in self.common):
                codes = {d.code for d in cand.divisions}
                if len(codes) == 1:
                    votes[next(iter(codes))[:2] + "0000"] += 1
        return votes.most_common(1)[0][0] if votes else None

    # -- the whole pass ----------------------------------------------------------------

    def document_near(self, text: str, *, place: str | None = None, year: int | None = None) -> str | None:
        """The code a whole report's mentions gather around (see `find`), for reports
        annotated in pieces: each piece is then linked as the whole report would be."""
        return self._document_near(self._scan(text), place, year)

    def find(
        self, text: str, *, place: str | None = None, year: int | None = None, near: str | None = DECIDE
    ) -> list[FoundPlace]:
        """PLACE mentions of `text`, in order, with attributes (`place`/`year`: the report's own;
        `near`: the report's `document_near`, decided from `text` when not given)."""
        names = self._scan(text)
        if near == DECIDE:
            near = self._document_near(names, place, year)
        province = near[:2] if near else None
        kept: list[Candidate] = []
        words = self._words_in(text)
        in_organisation = {id(c) for c in names if self.organisation(text, c)}
        organisations = _Intervals((c.start, c.end) for c in names if c.source == "admin" and id(c) in in_organisation)
        for cand in names:
            if id(cand) in in_organisation or self._vetoed(text, cand, near, words):
                continue
            if organisations.overlaps(cand.start, cand.end):
                continue  # 中卫 inside 晋中卫校: the name the organisation is named after wins
            if cand.source == "admin":
                admin = self._admin_ok(text, cand, province)
                if admin is None:
                    continue
                cand = admin
            kept.append(cand)
        if self._suffix_re is not None:
            suffixed = self._suffixed(text, kept)
            kept += [c for c in suffixed if not self._vetoed(text, c, near, words) and not self.organisation(text, c)]
        chosen: list[Candidate] = []
        taken = bytearray(len(text))
        priority = {"lexicon": 0, "suffix": 1, "admin": 2}
        for cand in sorted(kept, key=lambda c: (-c.length, priority[c.source], c.start)):
            if any(taken[cand.start : cand.end]):
                continue
            taken[cand.start : cand.end] = b"\x01" * cand.length
            chosen.append(cand)
        chosen.sort(key=lambda c: c.start)
        chained = self._chain(chosen)
        return [FoundPlace(c.start, c.end, self._attrs(c, year, near)) for c in chained]
