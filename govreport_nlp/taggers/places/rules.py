"""Find PLACE mentions in normalised report text and link divisions to their codes.

The rules read characters, not the segmenter's words, so 平遥|横坡 or 昔|阳大寨 splits do
not matter. One Aho–Corasick pass (ahocorasick-rs) finds every name the tables know:
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

import ahocorasick_rs

from . import abbreviations as abbr
from . import compass
from .abbreviations import Abbreviations, parse_abbreviations
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
    "组织", "开展", "举办", "承办", "扩建", "续建", "改扩建",
    "包括", "其中", "以及", "还有", "位于", "地处", "沿线", "经过", "途经", "重点", "主要", "进一步",
    "着力", "努力", "力争", "确保", "争取", "计划", "预计", "已经", "正在", "基本", "初步", "新增", "新开",
    "新一轮", "更多", "助推", "提速", "迈入", "促进", "办好",
)

#: Characters that join the members of a list of places.
_LIST_JOINERS = set("、和与及")

#: Verbs that lead into a contracted list (深化沪苏浙…, 发挥济青烟…, 运用沪苏浙…).
_LIST_LEADS = ("发挥", "运用", "学习", "构建", "共建", "促进", "带动", "深化", "推动", "加快", "推进", "以")

#: Route heads after which an ordinary word names a kind of road or railway (国际公路, 收费公路, 集散公路,
#: 园区铁路), not one; streets keep word names (人民路, 胜利大街) and 高铁 its two abbreviations (沿江高铁).
_KIND_ROUTE_HEADS = {"公路", "铁路"}

#: What follows a route's second end point: its head (铁路, 高速, 一级航道), possibly none.
_ROUTE_HEAD = re.compile(r"(?:城际铁路|高速铁路|高速公路|铁路|高铁|城际|高速|公路|(?:[一二三四]级)?航道)?")
#: Where an unknown second end point stops (尖扎至贵德、…; 扁都口至峨堡等…).
_ROUTE_STOP = re.compile(r"[、，。；等段]|城际铁路|高速铁路|高速公路|铁路|高铁|城际|高速|公路|(?:[一二三四]级)?航道")
#: A list of A至B names closed by 等 and a route head: …、小柴旦湖至老茫崖等公路.
_ROUTE_LIST_END = re.compile(
    r"(?:、[\u3400-\u9fff]{2,5}至[\u3400-\u9fff]{2,5})*等(?:\d{1,3}条)?(?:[\u3400-\u9fff]{0,3})(?:公路|铁路|高速|大通道|通道|航道)"
)

#: A list of names closed by 等, a count and a head they share: 南湾、薄山、佛子岭、梅山等四个大型水库,
#: 可可盖等11处煤矿 — each name is a site (or a river or lake) of that head, the head no part of it.
_SHARED_SITE_HEAD = re.compile(
    r"等(?:[\d一二三四五六七八九十两]+[个处座条])?[\u3400-\u9fff]{0,4}?(水库|灌区|煤矿|景区|河流|湖泊|河湖|铁路|高速公路)"
)
_SHARED_SITE_KIND = {"河流": "natural", "湖泊": "natural", "河湖": "natural", "铁路": "route", "高速公路": "route"}

#: A numbered metro line is a route named whole: 轨道15号线, 轨道交通22号线, 地铁4号线.
_METRO_LINE = re.compile(r"(?:轨道交通|轨道|地铁)\d{1,3}号线")
#: A line named by a letter and a number is the route without the mode before it (轨道交通M102线 → M102线),
#: and so is a numbered national or provincial road (沿边331国道 → 331国道, G219国道, S203省道).
_NUMBERED_ROAD = re.compile(r"(?:(?<=轨道交通)|(?<=地铁))[A-Z]\d{1,3}线|(?<![\d.A-Z])[GS]?\d{2,4}(?:国道|省道)")

#: Characters that join the places of one zone name: 北京-雄安人才科创走廊, 安徽（合肥）并购集聚区.
_DASHES = set("-—－")
_ZONE_JOINERS = _DASHES | set("（）()")
#: Verbs that start a clause: a zone's name never holds one (建设, 推进 …; 发展 and 服务 may be in it:
#: 江海联动产业发展先行区).
_ZONE_STOP_WORDS = tuple(w for w in _STEM_STOP_WORDS if w not in {"发展", "服务", "开放", "重点", "主要", "综合"}) + (
    "落户", "承接", "位列", "入选", "获评", "集聚", "汇聚", "引进", "设立", "新增", "通过", "高举", "打响",
)
#: Organisation heads that make a zone-like name an organisation's facility.
_ORGANISATION_INSIDE = ("实验室", "研究院", "研究所", "大学", "学院", "公司", "集团")

# One expression for all of them (a stop word inside a stem; one ending right before it):
# a loop over the words for every suffix in a text dense with suffixes costs too much.
_STEM_STOP_RE = re.compile("|".join(map(re.escape, _STEM_STOP_WORDS)))
_ZONE_STOP_RE = re.compile("|".join(map(re.escape, _ZONE_STOP_WORDS)))
_STEM_STOP_END_RE = re.compile("(?:" + "|".join(map(re.escape, _STEM_STOP_WORDS)) + r")\Z")
_LONGEST_STEM_STOP = max(map(len, _STEM_STOP_WORDS))
#: A verb or a list's lead ending where a name may start (`PlaceRules._boundary`).
_LEAD_END_RE = re.compile("(?:" + "|".join(map(re.escape, _STEM_STOP_WORDS + _LIST_LEADS)) + r")\Z")
_LONGEST_LEAD = max(map(len, _STEM_STOP_WORDS + _LIST_LEADS))

#: Words that say the kind or rank of a site or zone between its name and its head (哈民|考古|遗址公园,
#: 大青山|国家级|自然保护区, 寸滩|国际|新城), longest first: `PlaceRules._modified_stem`.
_SITE_MODIFIERS = (
    "国家级", "省级", "国家", "考古", "地质", "森林", "湿地", "生态", "文化", "旅游", "休闲", "国际", "现代",
)

#: Kinds of suffixed name whose last character a crossing word does not take when a longer word begins
#: after the head (涠洲岛|国际 over 岛国); streets and roads keep the veto (降低过路|过桥 over 路过).
_WORD_AFTER_KINDS = ("natural", "site", "zone")

#: Words that alone are no name: a stem made only of them is generic (城市公园, 省级开发区).
_GENERIC_STEMS = {
    "城市", "社区", "口袋", "街心", "森林", "湿地", "体育", "文化", "生态", "主题", "农业", "产业", "工业", "科技",
    "物流", "现代", "高新", "经济", "重点", "省级", "国家级", "国家", "各类", "一批", "乡村", "农村", "城乡",
    "道路", "公路", "干线", "高速", "国省", "农村公路", "市级", "县级", "区级", "开发", "技术", "综合", "示范",
    "特色", "专业", "城郊", "郊野", "遗址", "考古", "历史", "红色", "旅游", "休闲", "度假", "城区", "新城",
    "老城", "中心", "市区", "市", "县", "区", "镇", "乡", "村", "全市", "全省", "全县", "全区", "我市", "本市",
    "各地", "沿黄", "沿河", "环城", "城际", "市域", "县域", "省内", "市内", "区内", "境内", "一条", "两条",
    "三条", "多条", "城镇", "自贸", "省际", "全域", "核心", "新", "老", "大", "小", "东", "西", "南", "北", "中",
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
    "实验室", "基金", "校区", "院区", "峰会", "党代会", "联赛", "代表团",  # labs, funds, campuses, events, delegations
)
#: Centres and institutes a few characters after a place are named after it (合肥综合性国家科学中心,
#: 晋中民间融资登记服务中心, 青海盐湖研究所; rulings: centres named after a place are no place; an
#: airport's own name after a place leaves it a locator, tests/data/place_cases.tsv: 青海西宁曹家堡机场) —
#: unless a verb or a function word stands between (支持荆州申建保税物流中心, 以北京为中心, 将海拉尔
#: 打造成区域经济中心), a list closes before it (…大湾区等科创中心), or the centre is a city's role
#: (副中心, 经济中心, 科技创新中心, 国际金融中心, 国际航运中心, 中心城市).
_CENTRE_AHEAD = re.compile(
    "(?:(?![" + "".join(sorted(_STEM_STOP_CHARS)) + r"爲])[\u3400-\u9fff]){0,8}?"
    + "".join(f"(?<!{role})" for role in ("副", "经济", "创新", "科创", "金融", "航运", "贸易", "商贸", "消费"))
    + r"(?:中心(?![城区])|研究所)"
)

#: What makes the centre after a place no centre named after it: a verb (申建, 打造成) or a zone's
#: head (哈尔滨片区保税物流中心 is a centre in the zone, which the place names).
_CENTRE_NOT_NAMED = ("成", "申建", "区", "园")

#: Organisation suffixes that after a country or region speak of trade with it (对欧洲出口).
_TRADE = {"出口"}

#: Organisation heads right before a place make it the name of the organisation's branch
#: (崖州湾国家实验室南昌物种创新平台, 文化思想研究中心重庆市协同研究基地).
_BRANCH_OF = ("实验室", "研究院", "研究所", "研究中心")

#: A place inside quotes closed right before a brand's head: “好品山东 商行天下”品牌, “龙江样板”.
#: Quoted brands in a list closed by 等 and the head they share count too (“乐都水暖工”“高原雪山向导”等特色
#: 劳务品牌, “巴味渝珍”“酉阳800”等区域公用品牌).
_BRAND = re.compile(
    r"[^“”\n]{0,10}”(?:[、，]?“[^“”\n]{1,12}”)*(?:等[\u3400-\u9fff]{0,6}?)?(?:系列|品牌|平台|名片|样板|金色名片)"
)

#: Which known places may begin a suffixed name of each kind: 晋中国家农高区, 潇河湿地公园,
#: 太原路; a river is never named after a county before it (榆次涂河 is 榆次 + 涂河).
ANCHORS = {
    "zone": ("admin", "region", "natural", "site", "zone"),
    "site": ("admin", "region", "natural", "site"),
    "route": ("admin",),
    "region": ("admin", "region", "natural"),
}

#: Heads that only some known places begin: a literary region's land (荆楚大地, not 辽宁大地: the
#: province is marked alone), a corridor a place, a region or a feature names (三峡水运新通道).
SUFFIX_ANCHORS = {
    "大地": ("region",),
    "大通道": ("admin", "region", "natural"),
    "新通道": ("admin", "region", "natural"),
}

#: Heads of natural features named by a word jieba tags as a place name (关中平原, 山东半岛, 塔里木盆地,
#: 台湾海峡): such a word is a feature, which a region may begin (关中平原城市群), not a word that
#: blocks the place inside it. Heads of one character (山, 河) are left out: 上山, 开山, 深水.
FEATURE_HEADS = ("平原", "半岛", "盆地", "高原", "海峡", "群岛", "谷地")
FEATURE_NOTE = "a word jieba tags ns, ending in a natural feature's head (place_words.tsv)"

#: Ends of words jieba tags as places that are kinds of land or water (平原, 河湖, 江河), no name a stem may be.
_FEATURE_KIND_ENDS = (*FEATURE_HEADS, "河", "湖", "江", "海", "山", "水")

#: Words after a river or region that continue its name without ending it (黄河流域 → 黄河).
CONTINUATIONS = ("流域", "上游", "中游", "下游", "地区", "沿岸", "两岸", "沿线")

#: The note of a compass region's entry (东部, 中西部): it begins no longer name (中部地区特色装备集聚区
#: is a zone in the central region, not a region's zone).
COMPASS_NOTE = "compass region"

#: The note `place_regions.tsv` gives literary names of a province's land (荆楚, 齐鲁, 八桂).
LITERARY_NOTE = "literary name"
#: What may follow a literary name that stands for the place: a list, a function word.
_LITERARY_AFTER = set("的和与及、地儿")  # 荆楚大地, 江淮儿女

#: Heads of the corridors named after a part of the country (西部陆海新通道, 东北海陆大通道): a compass
#: word begins them whatever follows it.
CORRIDORS = ("大通道", "新通道")


def _is_compass(cand: Candidate) -> bool:
    return cand.entry is not None and cand.entry.note == COMPASS_NOTE


#: …人民政府工作报告 is a report's title: its place is a place (the guidelines' ruling).
_TITLE_AFTER_GOVERNMENT = "工作报告"

#: Official names that are generic words (a district called 城区 or 矿区): only in a chain.
GENERIC_NAMES = {
    "城区", "矿区", "郊区", "新区", "市区", "新城", "老城", "老城区", "市中", "市郊", "市郊区", "市辖区", "开发区",
    "高新区", "城中", "城关",
}

#: Prepositions before a place (我国同日本, 与韩国): a word they begin with the place's first character
#: (同日, 与韩) does not cut a country or a province.
_PREPOSITIONS = set("同与和及对向在从到经由")

#: The form of a state after a country's name: 蒙古|人民共和国, 越南|民主共和国.
_STATE_FORM = re.compile(r"(?:民主主义人民共和国|人民民主共和国|人民共和国|民主共和国|联邦共和国|共和国|王国)")

#: Units of amounts: a bare county name right after one is a word (万亿元大关).
_AMOUNT_CHARS = set("元吨")

#: Districts named by a number (一区, 二区: Ili's districts until 1983): in a report they count
#: items of a slogan (“三地一区”, “一区三中心”, 一区一策), never a place.
_NUMBERED = re.compile("[一二三四五六七八九十][区區]")

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
    source: str  # admin, lexicon, suffix, route, abbr (one character of a contracted list)
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
    regions: str = ""
    abbreviations: str = ""
    features: str = ""

    FILES = {
        "lexicon": "place_lexicon.tsv",
        "suffixes": "place_suffixes.tsv",
        "stopwords": "place_stopwords.tsv",
        "words": "place_words.tsv",
        "regions": "place_regions.tsv",
        "abbreviations": "place_abbreviations.tsv",
        "features": "place_features.tsv",
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

#: Last characters of a stem that make it a kind, not a name (水源型, 综合性, 中式, 各类).
_KIND_CHARS = set("型性式类级")
#: Heads after which one character may name a river or lake (漓江, 汝河, 涡河, 湟水).
ONE_CHARACTER_HEADS = ("河", "江", "湖", "水")
#: Characters that are no one-character name: sizes, sides and kinds (大河, 内河, 护城河 …).
_GENERIC_CHARS = set("大小内外界运冰银天山江河湖水海长新老古母护城支干主沿两各本全该此彼碧净活死")
#: What may follow a one-character river or lake: a list, its parts, its water, its works.
_AFTER_ONE_CHARACTER_NAME = (
    "、", "等", "和", "与", "及", "流域", "干流", "支流", "上游", "中游", "下游", "两岸", "沿岸", "沿线", "水质",
    "水系", "治理", "综合", "生态", "保护", "段", "口", "首次", "出省", "断面", "入",
)


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
            continue  # a known name ending inside: 榆次涂 is no stem (潮白河: 白河 runs into the head)
        if after and start in after:
            return start  # right after a known name: 榆次|涂河
        before = text[start - 1] if start else ""
        if before.isascii() and before.isalnum():
            continue  # 73.5公里园路, 4A级旅游景区: a measure, not a name
        if before in _NUMERAL_CHARS and stem[0] in _CLASSIFIER_CHARS:
            continue
        counted = start >= 2 and (text[start - 2] in _NUMERAL_CHARS or text[start - 2].isdigit())
        if before in _CLASSIFIER_CHARS and counted:
            continue  # 10个绿电产业园: a counted kind, not a name
        if not before or not _CJK.match(before) or before in _STEM_STOP_CHARS:
            return start
        if _STEM_STOP_END_RE.search(text, max(0, start - _LONGEST_STEM_STOP), start):
            return start
    return None


@lru_cache(maxsize=4096)
def _generic(stem: str) -> bool:
    """A stem made of generic words only (城市, 省级, 生态文化…) names nothing."""
    if stem in _GENERIC_STEMS or stem in GENERIC_NAMES:
        return True  # 城中村, 新区公园: a generic division name names nothing
    for i in range(1, len(stem)):
        if stem[:i] in _GENERIC_STEMS and _generic(stem[i:]):
            return True
    return False


def _word_index(words: Iterable[str]) -> Any:
    """An Aho–Corasick automaton of the words of two characters or more (None when there are none)."""
    keys = sorted({word for word in words if len(word) >= 2})  # each word once: every match is reported
    return _automaton_of(keys) if keys else None


def _automaton_of(keys: list[str]) -> Any:
    """An automaton that reports every occurrence of every key, overlaps included.

    ahocorasick-rs (Rust) rather than pyahocorasick: pyahocorasick finds a character's
    transition by a linear search over the node's children, and the root of a table of
    Chinese names has thousands, so it read about 4 million characters a second; this one
    reads the text ten times faster (benchmarks/throughput.py, docs/pipeline.md#measuring)."""
    return ahocorasick_rs.AhoCorasick(keys, matchkind=ahocorasick_rs.MatchKind.Standard)


def _occurrences(automaton: Any, text: str) -> list[tuple[int, int, int]]:
    """(key number, start, end) of every occurrence, by end and then by start (longest first)."""
    found: list[tuple[int, int, int]] = automaton.find_matches_as_indexes(text, overlapping=True)
    found.sort(key=lambda f: (f[2], f[1]))
    return found


class _Occurrences:
    """The occurrences of an index's words around a candidate, found by the automaton in
    the candidate's window only: trying every substring around each candidate (the former
    `_words_over`) costs too much in a text dense with names, and the ordinary words are
    everywhere (a quarter of a million occurrences in the national reports, for ten
    thousand candidates), so finding and sorting all of them cost more than asking."""

    def __init__(self, index: Any, text: str) -> None:
        self.index, self.text = index, text

    def over(self, s: int, e: int, longest: int) -> Iterable[tuple[int, int]]:
        """Occurrences (a, b) that overlap text[s:e], by start and end, as `_words_over` yields them.

        `longest`: no word of the index is longer, so each such occurrence lies inside
        text[s - longest + 1 : e + longest - 1], and the automaton reads only that."""
        if self.index is None:
            return
        lo = max(0, s - longest + 1)
        window = self.text[lo : e + longest - 1]
        found = self.index.find_matches_as_indexes(window, overlapping=True)
        for a, b in sorted((lo + a, lo + b) for _, a, b in found):
            if a < e and b > s:
                yield a, b


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
        lexicons = (self.tables.lexicon, self.tables.regions, self.tables.features)
        self.lexicon = [entry for text in lexicons for entry in parse_lexicon(text)]
        self.abbreviations = Abbreviations(parse_abbreviations(self.tables.abbreviations), self.gazetteer)
        self._lexicon_names = {entry.name for entry in self.lexicon}
        self.suffix_rules = sorted(parse_suffixes(self.tables.suffixes), key=lambda r: -len(r.suffix))
        self.stopwords, heads = parse_stopwords(self.tables.stopwords)
        self.common, self.blockers, self.vocabulary = parse_words(self.tables.words)
        self.idioms = {cols[0] for cols in _rows(self.tables.words) if len(cols) > 1 and cols[1] == "idiom"}
        self.blockers -= self._lexicon_names  # 太行山 is a word, but a place: it blocks nothing
        #: words jieba tags as place names (漓江, 内河): a one-character river may be one of them
        self.place_tagged = {cols[0] for cols in _rows(self.tables.words) if len(cols) > 2 and cols[2] == "ns"}
        features = [
            LexiconEntry(word, "natural", "", FEATURE_NOTE)
            for word in sorted(self.place_tagged - self._lexicon_names)
            if any(word.endswith(head) and len(word) > len(head) for head in FEATURE_HEADS)
        ]
        self.lexicon += features
        self._lexicon_names |= {entry.name for entry in features}
        self.blockers -= self._lexicon_names
        self._automaton = self._build_automaton()
        self._edges: tuple[set[int], set[int]] = (set(), set())
        self._organisation_ends: set[int] = set()
        self._listed_starts: set[int] = set()
        self._longest_stop = max(map(len, self.stopwords), default=0)
        self._longest_blocker = max(map(len, self.blockers), default=0)
        self._stop_index = _word_index(self.stopwords)
        self._ranked: dict[tuple[str, int | None, str | None], list[Division]] = {}
        self._named_cache: dict[str, tuple[list[Division], bool]] = {}
        self._lists: dict[tuple[str, str | None], bool] = {}
        self._linked: dict[tuple[str, int | None, str | None], tuple[Division | None, list[Division]]] = {}
        self._blocker_index = _word_index(self.blockers)
        self._suffix_re = (
            re.compile("|".join(re.escape(r.suffix) for r in self.suffix_rules)) if self.suffix_rules else None
        )
        self._rule_of = {r.suffix: r for r in self.suffix_rules}
        self._continuation_re = re.compile("|".join(CONTINUATIONS))
        #: a verb of place and a province's abbreviation (留鄂, 驻陕, 在京)
        self._arrival_re = re.compile(
            "[" + "".join(sorted(abbr.ARRIVAL)) + "]([" + "".join(sorted(self.abbreviations.table)) + "])"
        )
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
        self._automaton_values = list(entries.values())
        return _automaton_of(list(entries)) if entries else None

    # -- candidates -------------------------------------------------------------------

    def _scan(self, text: str) -> list[Candidate]:
        candidates: list[Candidate] = []
        if self._automaton is not None:
            for key, start, end in _occurrences(self._automaton, text):
                for tag, value in self._automaton_values[key]:
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

    def _suffixed(
        self, text: str, known: list[Candidate], far: Sequence[Candidate] = (), near: str | None = None
    ) -> list[Candidate]:
        """Named things by suffix (…开发区, …公园, …铁路): the name is a known place and
        what follows it up to the suffix (晋中国家农高区), or a short unknown stem right
        after punctuation, a function word or a verb (…,汇通北路; 改造工农巷). `far`: county
        names dropped as words (`_far_county`) that still begin a longer name (平陆运河经济带)."""
        starts: dict[int, list[Candidate]] = {}
        for cand in [*known, *far]:
            starts.setdefault(cand.start, []).append(cand)
        ends = {cand.end for cand in known}
        taken = bytearray(len(text))
        for cand in known:
            taken[cand.start : cand.end] = b"\x01" * cand.length
        out = []
        for m in self._suffix_re.finditer(text):  # type: ignore[union-attr]
            rule = self._rule_of[m.group()]
            end = m.start()
            if m.end() in self._organisation_ends:
                continue  # 申建芜湖|空港…中心: the head ends a name an organisation took, no stem's head
            stem_start = None
            anchor_kinds = SUFFIX_ANCHORS.get(rule.suffix, ANCHORS.get(rule.kind, ()))
            for start in range(max(0, end - rule.max_stem), end - rule.min_stem + 1):
                anchors = [
                    c for c in starts.get(start, ())
                    if c.kind in anchor_kinds and c.end <= end and (not _is_compass(c) or rule.suffix in CORRIDORS)
                ]
                if anchors and self._anchored_stem_ok(text[max(c.end for c in anchors) : end], rule.kind):
                    stem_start = start
                    break
            anchored = stem_start is not None
            if stem_start is not None and rule.kind in ("zone", "region") and self._shares_head(text, stem_start, ends):
                continue  # 介休和灵石焦化产业集聚区, 陈仓、洋县园区: the places of a list share the head
            if stem_start is None and rule.kind in ("zone", "region"):
                stem_start = self._contracted_anchor(text, end, rule, taken, near)
                anchored = stem_start is not None
            modified = False
            if stem_start is None and rule.kind in ("site", "zone"):
                stem_start = self._modified_stem(text, end, rule, ends, taken)
                modified = stem_start is not None
            if stem_start is None:
                stem_start = _open_stem(text, end, rule.min_stem, min(rule.max_stem, OPEN_STEM), ends, taken)
            if stem_start is None and rule.suffix in ONE_CHARACTER_HEADS:
                stem_start = self._one_character_stem(text, end, m.end())
            if stem_start is None or _generic(text[stem_start:end]):
                continue
            stem_word = text[stem_start:end]
            if not anchored and (rule.kind != "route" or rule.suffix in _KIND_ROUTE_HEADS) and (
                stem_word in self.vocabulary or (stem_word in self.common and rule.kind == "zone")
            ):
                named_stem = stem_word in self.place_tagged and not stem_word.endswith(_FEATURE_KIND_ENDS)
                if text[stem_start : m.end()] not in self.place_tagged and not named_stem:
                    continue  # a word, not a name, before 村, 园区, 示范区: 贫困村, 行政村 (无定河 is a river;
                    # 南疆铁路, 天竺综保区: jieba tags the stem a place; not 平原新城, 河湖湿地: kinds of land)
            if not anchored and rule.kind != "zone" and text[stem_start : m.end()] in self.idioms:
                continue  # 愚公移山, 执法如山: an idiom ends in the head, names no mountain
            if not anchored and not modified and text[end - 1] in _KIND_CHARS:
                continue  # 水源型水库, 综合性园区: a kind of thing, not a name
            if self._suffix_taken(text, m.start(), m.end(), starts):
                continue
            stem = text[stem_start:end]
            if not anchored and self._phrase_not_name(text, stem_start, end, m.end(), rule.kind):
                continue
            if rule.kind in SUB_COUNTY:  # 哈克镇, 团结村: a division below county, without a code
                entry = LexiconEntry(stem + m.group(), rule.kind, "")
                out.append(Candidate(stem_start, m.end(), "admin", "suffix", stem, entry=entry, alias_suffix=m.group()))
                continue
            out.append(Candidate(stem_start, m.end(), rule.kind, "suffix", stem, alias_suffix=m.group()))
        return out

    def _contracted_anchor(
        self, text: str, end: int, rule: SuffixRule, taken: bytearray, near: str | None
    ) -> int | None:
        """Start of a zone named after a contracted list (呼包鄂国家自主创新示范区, 京津合作示范区,
        宝汉天工业母机集群): 2–4 characters after a boundary that each stand for a member, then
        the zone's own words up to the head. The zone is one span (rulings: a designated zone is
        one span), the same way a zone named after one place is."""
        for start in range(max(0, end - rule.max_stem), end - rule.min_stem + 1):
            if taken[start] or not self.abbreviations.is_member_char(text[start]):
                continue
            if not self._boundary(text, start):
                continue
            for length in (4, 3, 2):
                cut = start + length
                if cut > end or any(taken[start:cut]):
                    continue
                run = text[start:cut]
                if not all(self.abbreviations.is_member_char(ch) for ch in run):
                    continue
                provinces = all(ch in self.abbreviations.table for ch in run)  # 京津 is a word and a list
                if not provinces and (run in self.vocabulary or run in self.blockers) or self.gazetteer.named(run):
                    continue  # a word or a name, not a list
                if self._anchored_stem_ok(text[cut:end], rule.kind) and self._is_list(run, near):
                    return start
        return None

    def _named_by_feature(
        self,
        text: str,
        kept: list[Candidate],
        suffixed: list[Candidate],
        far: Sequence[Candidate],
        near: str | None,
        words: tuple[_Occurrences, _Occurrences],
    ) -> list[Candidate]:
        """Sites and zones named after a feature that a suffix rule found (紫云山（包河）文化创意产业园):
        a second pass of the suffix rules with those features as known places, keeping only the
        names that begin at a feature and run past it."""
        features = [c for c in suffixed if c.kind == "natural"]
        if not features:
            return []
        begins = {c.start: c.end for c in features}
        return [
            c
            for c in self._suffixed(text, [*kept, *features], far, near)
            if c.kind in ("site", "zone")
            and c.end > begins.get(c.start, c.end)
            and not self._vetoed(text, c, near, words)
            and not self.organisation(text, c)
        ]

    def _modified_stem(self, text: str, end: int, rule: SuffixRule, ends: set[int], taken: bytearray) -> int | None:
        """Start of a site or zone named by an unknown name and the words of its kind or rank
        (哈民考古遗址公园, 大青山国家级自然保护区, 寸滩国际新城): the name is two or three characters
        after a boundary, as `_open_stem` reads it, and no ordinary word (数字经济产业园 names a kind
        of park); the words between it and the head are all `_SITE_MODIFIERS`. The rulings name a
        site or zone whole."""
        cut = end
        while end - cut <= rule.max_stem - 2:  # bounded: a run of such words is read once per head
            word = next((w for w in _SITE_MODIFIERS if text.startswith(w, cut - len(w))), None)
            if word is None:
                break
            cut -= len(word)
        if cut == end or end - cut > rule.max_stem - 2:
            return None
        start = _open_stem(text, cut, 2, OPEN_STEM, ends, taken)
        if start is None:
            return None
        name = text[start:cut]
        if _generic(name) or name in self.common or name in self.idioms:
            return None
        if (name in self.vocabulary or name in self.blockers) and name not in self.place_tagged:
            return None
        return start

    def _is_list(self, run: str, near: str | None) -> bool:
        """Whether every character of `run` stands for a member (`Abbreviations.members`),
        remembered per run: a text repeats its lists."""
        key = (run, near)
        known = self._lists.get(key)
        if known is None:
            if len(self._lists) > 50_000:
                self._lists.clear()
            known = self._lists[key] = self.abbreviations.members(run, 0, len(run), near) is not None
        return known

    @staticmethod
    def _shares_head(text: str, start: int, ends: set[int]) -> bool:
        """Whether the place at `start` closes a list of places (…、X; …和X) whose members share
        the head after it: 梧州、北海、防城港跨境电商综合试验区 names three places and a kind of
        zone each has, not one zone (the gold marks the places)."""
        return start >= 2 and text[start - 1] in _LIST_JOINERS and start - 1 in ends

    def _one_character_stem(self, text: str, end: int, head_end: int) -> int | None:
        """Start of a one-character river or lake name (漓江, 汝河, 涡河, 湟水) between a boundary
        and its head, or None: not a word with the head (运河, 江河, 山水), no generic
        character (大河, 内河), no word that the head begins (河湖, 江海, 湖泊), and a list,
        a boundary or a feature word after it (漓江4条支流, 洪河、汝河)."""
        start = end - 1
        ch = text[start] if start >= 0 else ""
        if not ch or not _CJK.match(ch) or ch in _STEM_STOP_CHARS or ch in _NUMERAL_CHARS or ch in _GENERIC_CHARS:
            return None
        name = text[start:head_end]
        if (name in self.vocabulary or name in self.blockers) and name not in self.place_tagged:
            return None  # a word: 运河, 污水
        if self.gazetteer.named(name):
            return None  # a word (运河) or a division's name, which the gazetteer decides (盐湖)
        if not self._boundary(text, start):
            return None
        after = text[head_end : head_end + 2]
        if after and _CJK.match(after[0]) and not after.startswith(_AFTER_ONE_CHARACTER_NAME):
            if after[0] not in _NUMERAL_CHARS and not after[0].isdigit():
                return None
        if any(a < head_end < b for a, b in self._words_over(text, head_end - 1, head_end, self.vocabulary, 3)):
            return None
        return start

    def _phrase_not_name(self, text: str, start: int, cut: int, end: int, kind: str) -> bool:
        """Whether an unknown stem and its head are a phrase, not a name: a word crosses its
        first or last character (所有|行政村, 城中村|改造 is fine, 村容村|貌; not when a longer word
        begins right after the head: 涠洲岛|国际 over 岛国), or a village's
        or township's stem holds another such head (村容村貌, 坚持镇村, 通乡通村)."""
        if kind in SUB_COUNTY and any(ch in "村镇乡" for ch in text[start:cut]):
            return True
        for a, b in self._words_over(text, start, start + 1, self.vocabulary, 3):
            if a < start < b:
                return True
        after = self._word_after(text, end) if kind in _WORD_AFTER_KINDS else end
        return any(a < end < b and b > after for a, b in self._words_over(text, end - 1, end, self.vocabulary, 3))

    def _word_after(self, text: str, end: int) -> int:
        """End of the longest ordinary word that begins at `end` (国际 after 涠洲岛), else `end`: a word
        crossing a name's last character loses to it (岛国 in 涠洲岛国际 is no word of the text)."""
        return max((b for a, b in self._words_over(text, end, end + 1, self.vocabulary, 3) if a == end), default=end)

    @staticmethod
    def _anchored_stem_ok(stem: str, kind: str) -> bool:
        """Whether the characters between a known place and a head may be one name.

        A zone's name is long and may join places (鄂尔多斯国家现代煤化工产业示范区,
        广西—文莱经济走廊, 蒙东（通辽）高端重型装备制造基地, 长三角G60科创走廊): only clause
        verbs and function words stop it. Other names stop at any verb (建设晋中开发区)."""
        if kind in ("zone", "region"):
            if any(head in stem for head in _ORGANISATION_INSIDE):
                return False  # 崖州湾国家实验室油菜试验基地: an organisation's facility
            joiners = _ZONE_JOINERS if kind == "zone" else _DASHES  # 长江（安徽）经济带 is two places
            if stem.count("（") + stem.count("(") != stem.count("）") + stem.count(")"):
                return False
            return all(
                (_CJK.match(ch) and ch not in _STEM_STOP_CHARS) or ch in joiners or (ch.isascii() and ch.isalnum())
                for ch in stem
            ) and not _ZONE_STOP_RE.search(stem)
        if any(ch in _NUMERAL_CHARS for ch in stem):
            return False  # 巢湖十大湿地: a count of sites around a lake, not one site
        return bool(_STEM_CHARS.fullmatch(stem)) and not _STEM_STOP_RE.search(stem)

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

    @staticmethod
    def _brand_modifier(text: str, cand: Candidate) -> bool:
        """Whether a literary name of a province's land modifies the noun after it (齐鲁样板,
        齐鲁粮仓, 荆楚艺术精品): the guidelines mark it only where it stands for the place
        (荆楚大地, 创业齐鲁, 齐鲁、燕赵), not in a slogan or brand."""
        if cand.entry is None or not cand.entry.note.startswith(LITERARY_NOTE):
            return False
        after = text[cand.end : cand.end + 1]
        return bool(after) and _CJK.match(after) is not None and after not in _LITERARY_AFTER

    @staticmethod
    def _high(cand: Candidate) -> bool:
        """Whether the name is a province's or a prefecture's."""
        return any(d.level in ("province", "prefecture") for d in cand.divisions)

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
        if strong and cand.source == "admin" and not cand.official and self._crossed_both_ways(cand, words[1]):
            strong = False  # 伟大|理论 over 大理, 远大|理想: words on both sides take the name apart
        continued = self._continuation_re.match(text, e) is not None  # 黄河流域: 河流 does not veto 黄河
        head = self._suffix_re.match(text, e) if self._suffix_re is not None else None
        for a, b in words[1].over(s, e, self._longest_blocker):
            if head is not None and head.end() - e > 1 and s < a < e < b <= head.end():
                continue  # 丹江口|水库: 口水 crosses into a place head, which the name begins
            if cand.source == "suffix" and e - len(cand.alias_suffix) < a < e < b:
                continue  # 八桂大地|上: 地上 begins inside the head, which ends the name
            after_head = cand.source == "suffix" and cand.kind in _WORD_AFTER_KINDS
            if after_head and s < a < e < b <= self._word_after(text, e):
                continue  # 涠洲岛|国际: 岛国 crosses into a longer word that begins after the head
            if a < s < b and cand.source == "suffix" and self._verb_before(text, s):
                continue  # 推进|京津合作示范区: 进京 crosses the verb that ends before the name
            if a == s - 1 and text[a] in _PREPOSITIONS and (self._high(cand) or cand.kind == "region"):
                continue  # 同|日本 over 同日, 与|韩国: a preposition before a country or province takes no part of it
            crosses = (a < s < b < e) or (s < a < e < b and not continued)
            covers = a <= s and e <= b and (b - a) > (e - s) and not (a == s and continued)
            if b == e + 1 and text.startswith("等", e) and s and text[s - 1] == "、":
                continue  # 苍梧、昭平|等: 平等 ends in the 等 that closes a list of places
            people = text.startswith("人", e)  # (蒙古人民共和国: the state's name, `_states`)
            if b == e + 1 and people and (self._high(cand) or cand.kind == "region"):
                continue  # 台湾人民, 美国人民: the people of a province, city or country, which stays a place
            if a == e - 1 and cand.source == "lexicon" and cand.alias[:-1] in self._lexicon_names:
                return True  # 太行山|水: 山水 takes the 山, 太行 is the place
            if a < s < b < e and cand.source == "admin" and b - s < e - s - 1 and not self._high(cand):
                return True  # 新增|城市 over 增城市: a word that takes a name's first character vetoes it
                # (not a province's or prefecture's: 在内|蒙古 keeps 内蒙古)
            if (crosses and not strong) or (covers and cand.source != "suffix"):
                return True
        if cand.source == "suffix":
            cut = e - len(cand.alias_suffix)
            stem = text[s:cut]
            named = bool(self.gazetteer.named(stem)) or stem in self._lexicon_names
            for a, b in self._words_over(text, cut - 1, cut + 1, self.vocabulary, 3):
                if a < cut < b <= e and not named and not (a == s and text[a:b] in self.place_tagged):
                    return True  # the suffix ends a word: 乡村, 道路, 战线, 上线 (not 丹江口|水库)
        return False

    def _crossed_both_ways(self, cand: Candidate, blockers: _Occurrences) -> bool:
        """Whether one ordinary word crosses the name's start and another its end (伟大|理论 over
        大理), with no other place name right before or after it (山西|晋中|国际: 西晋 and 中国
        cross 晋中, but 山西 ends where it starts)."""
        s, e = cand.start, cand.end
        if s in self._edges[1] or e in self._edges[0]:
            return False
        pairs = list(blockers.over(s, e, self._longest_blocker))
        return any(a < s < b < e for a, b in pairs) and any(s < a < e < b for a, b in pairs)

    def organisation(self, text: str, cand: Candidate) -> bool:
        """Whether the name is part of an organisation's or facility's name (晋中市委, 山西农大,
        晋中第一人民医院, 海拉尔公路客运总站), of a port (青岛港), or of a quoted brand
        (“好运山东”系列赛事, “辽宁优品”, “一键游广西”平台)."""
        if text.startswith("大学城", cand.end):
            return False  # a university town is a zone, not a university
        if self._relation(text, cand):
            return True
        if text.endswith(_BRANCH_OF, max(0, cand.start - 4), cand.start):
            return True  # 太行国家实验室江西创新中心: the branch of an organisation, named after a place
        if (
            text.startswith("港", cand.end)
            and not text.startswith(("港澳", "港口"), cand.end)
            and cand.kind != "route"
            and not self.gazetteer.named(text[cand.start : cand.end + 1])  # 防城港 is a city
        ):
            return True  # 青岛港, 北部湾港: a port is a facility (dev notes)
        if _BRAND.match(text, cand.end):
            return True
        m = self._org_re.match(text, cand.end)
        if m and cand.kind == "region" and m.group() in _TRADE:
            m = None  # 非洲、欧洲出口分别增长: trade with a region, not a road's exit
        if m and not (m.group().endswith("政府") and text.startswith(_TITLE_AFTER_GOVERNMENT, m.end())):
            return True
        if self._org_ahead_re.match(text, cand.end) is not None:
            return True
        if cand.kind != "admin" or cand.alias in GENERIC_NAMES:
            return False
        centre = _CENTRE_AHEAD.match(text, cand.end)
        if centre is None or _ZONE_STOP_RE.search(centre.group()):
            return False
        if self._suffix_re is not None and self._suffix_re.match(text, centre.end()):
            return False  # 和林格尔数据中心集群: the centre begins a zone the place names
        return not any(word in centre.group() for word in _CENTRE_NOT_NAMED)

    @staticmethod
    def _relation(text: str, cand: Candidate) -> bool:
        """Whether the name is one side of a relation with China written with a dash (中国—东盟
        信息港, 中国—中亚峰会): the pair names a partnership, not a place on a map."""
        before = text[max(0, cand.start - 3) : cand.start]
        after = text[cand.end : cand.end + 3]
        if len(before) == 3 and before[:2] == "中国" and before[2] in _DASHES:
            return True
        return text[cand.start : cand.end] == "中国" and len(after) > 1 and after[0] in _DASHES

    def _admin_ok(self, text: str, cand: Candidate, year: int | None, near: str | None) -> Candidate | None:
        """The candidate as a place, maybe without a suffix that forms a word (县城), or None."""
        alias = cand.alias
        if alias in GENERIC_NAMES or _NUMBERED.fullmatch(alias):
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
        if not cand.official and cand.start and text[cand.start - 1] in _AMOUNT_CHARS and not self._high(cand):
            return None  # 3个万亿元大关: after an amount, a word (大关 "milestone"), no county
        if not cand.official and alias in self.common and not self._listed(text, cand):
            own = near is not None and near[2:4] != "00" and any(d.code[:4] == near[:4] for d in cand.divisions)
            if not own:
                return None
        if not cand.official and self._far_county(cand, near) and not self._listed(text, cand):
            return None  # 天桥, 山城, 盐湖 in a report from another province: the word
        if year is not None and not self.gazetteer.known_in(alias, year):
            return None  # 一区 (a county of 1982) in a report of 2026
        return cand

    @staticmethod
    def _far_county(cand: Candidate, near: str | None) -> bool:
        """Whether a bare name is only a county's, and no county of the report's province:
        such a short name (天桥, 古城, 长寿, 盐湖) is an ordinary word far more often than a
        county a thousand kilometres away (dev split: 24 of 28 such mentions)."""
        if near is None or not cand.divisions:
            return False
        if any(d.level in ("province", "prefecture") for d in cand.divisions):
            return False
        return all(d.code[:2] != near[:2] for d in cand.divisions)

    def _listed(self, text: str, cand: Candidate) -> bool:
        """Whether a bare common-word name stands in a list beside another division (和顺、昔阳;
        湟中、民和、互助): the word reading (平安, 互助家政, 资源、资产) has no division beside it."""
        before = cand.start >= 2 and text[cand.start - 1] == "、" and cand.start - 1 in self._edges[1]
        after = text.startswith("、", cand.end) and cand.end + 1 in self._edges[0]
        return before or after or cand.start in self._listed_starts

    @staticmethod
    def _lists_of_divisions(text: str, names: list[Candidate], plain: list[Candidate]) -> set[int]:
        """Starts of the names in runs of division names joined by 、 that hold at least one plain
        (not common-word) name: 大通、湟中、民和、互助、共和 — 互助 stands beside 民和, itself a
        common word, and the run is a list of counties because 湟中 is in it."""
        by_start: dict[int, list[Candidate]] = {}
        for c in names:
            if c.source == "admin":
                by_start.setdefault(c.start, []).append(c)
        plain_starts = {c.start for c in plain}
        out: set[int] = set()
        seen: set[int] = set()
        for start in sorted(by_start):
            if start in seen:
                continue
            run = [start]
            while True:
                nexts = [c.end + 1 for c in by_start[run[-1]] if text.startswith("、", c.end) and c.end + 1 in by_start]
                if not nexts:
                    break
                run.append(min(nexts))
            seen.update(run)
            if len(run) > 1 and any(s in plain_starts for s in run):
                out.update(run)
        return out

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
                       or (d.code != p and d.code[:2] == p[:2] and p.endswith("0000"))  # 广东省清远县
                       for d in child.divisions for p in parents)
        if child.entry is not None and child.entry.kind in SUB_COUNTY:
            return child.entry.parent_code in parents
        return False

    # -- abbreviations and routes -----------------------------------------------------

    def _abbreviated_regions(self, text: str) -> list[Candidate]:
        """皖北, 陕南, 渝东北, 赣西: a province's abbreviation and a direction name a region."""
        out = []
        for start, end, code in abbr.regions(text, self.abbreviations):
            entry = LexiconEntry(text[start:end], "region", code)
            out.append(Candidate(start, end, "region", "abbr", entry.name, entry=entry))
        return out

    @staticmethod
    def _compass_regions(text: str) -> list[Candidate]:
        """Every compass word (东部, 中西部, 北方; `compass`): a word that crosses them (居中|部)
        does not veto them, their context decides whether they name a region; any of them may
        begin a corridor (西部陆海新通道)."""
        out = []
        for start, end in (m.span() for m in compass.COMPASS.finditer(text)):
            entry = LexiconEntry(text[start:end], "region", "", COMPASS_NOTE)
            out.append(Candidate(start, end, "region", "lexicon", entry.name, entry=entry))
        return out

    @staticmethod
    def _verb_before(text: str, start: int) -> bool:
        """Whether a verb or lead of `_STEM_STOP_WORDS` / `_LIST_LEADS` ends right at `start`."""
        return _LEAD_END_RE.search(text, max(0, start - _LONGEST_LEAD), start) is not None

    def _boundary(self, text: str, start: int) -> bool:
        """Whether a name may start at `start`: after punctuation, a function word or a verb."""
        before = text[start - 1] if start else ""
        if not before or not _CJK.match(before) or before in _STEM_STOP_CHARS:
            return True
        return self._verb_before(text, start)

    def _contracted(self, text: str, taken: bytearray, near: str | None) -> list[Candidate]:
        """Members of contracted lists (沪苏浙, 汉襄宜, 呼包鄂乌) and the report's own province
        by its abbreviation after a verb of place (留鄂来鄂, 驻陕部队), on characters no longer
        name took."""
        out: list[Candidate] = []
        lists = [*abbr.runs(text, taken, self.abbreviations, self._boundary)]
        lists += abbr.province_runs(text, taken, self.abbreviations, self._boundary)
        for start, end in lists:
            if any(taken[start:end]):
                continue  # found twice: before a cue and as a run of provinces
            run = text[start:end]
            if run in self.vocabulary or run in self.blockers or self.gazetteer.named(run):
                continue  # a word or a name, not a list: 上下, 东西, 北京
            if start and text[start - 1].isdigit():
                continue  # 798元和676元
            members = self.abbreviations.members(text, start, end, near)
            if members is None:
                continue
            for m in members:
                out.append(Candidate(m.start, m.start + 1, "admin", "abbr", text[m.start], [m.division]))
            taken[start:end] = b"\x01" * (end - start)
        own_code = near[:2] if near else None
        for hit in self._arrival_re.finditer(text):
            i = hit.start(1)
            ch = text[i]
            if taken[i] or taken[i - 1]:
                continue
            after = text[i + 1] if i + 1 < len(text) else ""
            if after in self.abbreviations.table:
                continue  # 来京津: a list, not the province alone
            division = self.abbreviations.province(ch)
            if division is None:
                continue
            if division.code[:2] != own_code and not self._arrival_elsewhere(text, i):
                continue
            out.append(Candidate(i, i + 1, "admin", "abbr", ch, [division]))
            taken[i] = 1
        return out

    def _arrival_elsewhere(self, text: str, i: int) -> bool:
        """Whether the abbreviation at `i`, after a verb of place, is a province even when it
        is not the report's own (在沪国家机构, 驻鄂单位, 来陕考察 in an excerpt): not 涉 (涉黑,
        涉台), not a character read otherwise first (新, 台, 港, 澳, 云), and no word it begins
        (在新时代, 在青年) or that the verb ends (现在, 以来)."""
        ch, verb = text[i], text[i - 1]
        if verb == "涉" or ch in abbr.NO_REGION:
            return False
        words = (text[i : i + 2], text[i : i + 3], text[max(0, i - 2) : i])
        if any(w in self.vocabulary or w in self.blockers for w in words):
            return False
        return not (self.gazetteer.named(words[0]) or self.gazetteer.named(words[1]))

    def _listed_sites(self, text: str, taken: bytearray) -> list[Candidate]:
        """Unknown names in a list closed by 等 and a head they share (南湾、薄山、佛子岭、梅山等四个
        大型水库; 可可盖等11处煤矿), on characters no name took: each a site (or river, lake) of
        the head, walking back over 、 和 及 while the members are names (a known place keeps its
        own span; a verb, a generic word or a counted noun ends the list)."""
        out: list[Candidate] = []
        for m in _SHARED_SITE_HEAD.finditer(text):
            kind = _SHARED_SITE_KIND.get(m.group(1), "site")
            end = m.start()
            while end > 0:
                if taken[end - 1]:
                    start = end - 1
                    while start > 0 and taken[start - 1]:
                        start -= 1
                else:
                    found = _open_stem(text, end, 2, 4, None, taken)
                    if found is None or _generic(text[found:end]):
                        break
                    stem = text[found:end]
                    if (stem in self.vocabulary or stem in self.common) and stem not in self.place_tagged:
                        break
                    if found and text[found - 1] == "至":
                        break  # 岚皋至陕渝界等4条高速公路: the end of a route A至B, no name of its own
                    start = found
                    out.append(Candidate(start, end, kind, "suffix", stem))
                    taken[start:end] = b"\x01" * (end - start)
                if start < 2 or text[start - 1] not in _LIST_JOINERS:
                    break
                end = start - 1
        return out

    @staticmethod
    def _states(text: str, kept: list[Candidate]) -> list[Candidate]:
        """A country and its state's form (蒙古人民共和国, 越南民主共和国, 波兰人民共和国) are one
        region, the state's full name (H14: foreign countries named as places are regions)."""
        out = []
        for cand in kept:
            if cand.kind == "region" and cand.source == "lexicon" and not _is_compass(cand):
                m = _STATE_FORM.match(text, cand.end)
                if m:
                    entry = LexiconEntry(text[cand.start : m.end()], "region", "")
                    out.append(Candidate(cand.start, m.end(), "region", "suffix", entry.name, entry=entry))
        return out

    def _endpoint_before(self, text: str, end: int, known: dict[int, list[Candidate]]) -> int | None:
        """Start of a route's first end point, which ends at `end`: a known place, else a short
        name after a boundary (推进扁都口至峨堡)."""
        if known.get(end):
            return min(c.start for c in known[end])
        for length in range(4, 1, -1):
            start = end - length
            if start >= 0 and all(_CJK.match(ch) and ch not in _STEM_STOP_CHARS for ch in text[start:end]):
                if self._boundary(text, start) and not _STEM_STOP_RE.search(text, start, end):
                    return start
        return None

    def _routes(self, text: str, kept: list[Candidate]) -> list[Candidate]:
        """Routes written A至B: 崇左至凭祥铁路 (a route head after B), or A至B in a list closed by
        等 and a route head (同德至玛沁等公路, 扁都口至峨堡等省际大通道). A至B段 is a section
        between two places, no route."""
        ends: dict[int, list[Candidate]] = {}
        starts: dict[int, list[Candidate]] = {}
        for c in kept:
            ends.setdefault(c.end, []).append(c)
            starts.setdefault(c.start, []).append(c)
        numbered = [*_METRO_LINE.finditer(text), *_NUMBERED_ROAD.finditer(text)]
        out = [Candidate(m.start(), m.end(), "route", "route", m.group()) for m in numbered]
        for m in re.finditer("至", text):
            first = self._endpoint_before(text, m.start(), ends)
            if first is None:
                continue
            after = m.end()
            second = max((c.end for c in starts.get(after, []) if c.kind != "route"), default=None)
            head = _ROUTE_HEAD.match(text, second) if second is not None else None
            if second is None or head is None:
                stop = _ROUTE_STOP.search(text, after, after + 6)
                if stop is None or stop.start() - after < 2:
                    continue
                second = stop.start()
                head = _ROUTE_HEAD.match(text, second)
            if head is not None and head.group():
                out.append(Candidate(first, head.end(), "route", "route", text[first : head.end()]))
                continue
            if text.startswith("段", second):
                continue
            closing = _ROUTE_LIST_END.match(text, second)
            if closing is not None:
                out.append(Candidate(first, second, "route", "route", text[first:second]))
        return out

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
            division: Division | None
            ties: list[Division]
            if part.source == "abbr":
                division, ties = part.divisions[0], []
            else:
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
                if len(codes) > 1:  # 西安: the city, not the districts called 西安区 elsewhere
                    codes = {d.code for d in cand.divisions if d.level in ("province", "prefecture")}
                if len(codes) == 1 and cand.alias not in GENERIC_NAMES:
                    votes[next(iter(codes))[:2] + "0000"] += 1
        ranked = votes.most_common(2)
        if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
            return None  # no mention, or a tie (天津 and 北京 once each): no centre
        return ranked[0][0]

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
        kept: list[Candidate] = []
        words = self._words_in(text)
        plain = [c for c in names if c.source == "admin" and (c.official or c.alias not in self.common)]
        self._edges = ({c.start for c in plain}, {c.end for c in plain})  # for `_listed`
        self._listed_starts = self._lists_of_divisions(text, names, plain)
        in_organisation = {id(c) for c in names if self.organisation(text, c)}
        organisations = _Intervals((c.start, c.end) for c in names if c.source == "admin" and id(c) in in_organisation)
        self._organisation_ends = {c.end for c in names if c.source == "admin" and id(c) in in_organisation}
        far: list[Candidate] = []
        for cand in names:
            if cand.source == "lexicon" and compass.is_compass(cand.alias):
                continue  # decided by context below (`compass`)
            if id(cand) in in_organisation or self._vetoed(text, cand, near, words):
                continue
            if organisations.overlaps(cand.start, cand.end):
                continue  # 中卫 inside 晋中卫校: the name the organisation is named after wins
            if cand.source == "admin":
                admin = self._admin_ok(text, cand, year, near)
                if admin is None:
                    if not cand.official and cand.alias not in self.common and self._far_county(cand, near):
                        far.append(cand)
                    continue
                cand = admin
            kept.append(cand)
        kept += [c for c in self._abbreviated_regions(text) if not self.organisation(text, c)]
        compass_words = self._compass_regions(text)
        kept += [c for c in compass_words if compass.names_region(text, c.start, c.end)]
        far = [*far, *(c for c in compass_words if not compass.names_region(text, c.start, c.end))]
        if self._suffix_re is not None:
            suffixed = [
                c
                for c in self._suffixed(text, kept, far, near)
                if not self._vetoed(text, c, near, words) and not self.organisation(text, c)
            ]
            kept += suffixed + self._named_by_feature(text, kept, suffixed, far, near, words)
        kept += self._routes(text, kept)
        kept += [c for c in self._states(text, kept) if not self.organisation(text, c)]
        chosen: list[Candidate] = []
        taken = bytearray(len(text))
        priority = {"route": 0, "lexicon": 0, "suffix": 1, "admin": 2, "abbr": 3}
        kept = [c for c in kept if not self._brand_modifier(text, c)]
        for cand in sorted(kept, key=lambda c: (-c.length, priority[c.source], c.start)):
            if any(taken[cand.start : cand.end]):
                continue
            taken[cand.start : cand.end] = b"\x01" * cand.length
            chosen.append(cand)
        chosen += self._listed_sites(text, taken)
        chosen += self._contracted(text, taken, near)
        chosen.sort(key=lambda c: c.start)
        chained = self._chain(chosen)
        return [FoundPlace(c.start, c.end, self._attrs(c, year, near)) for c in chained]
