"""Find COMMITMENT clauses in a report's (normalised) text: pure logic, no spaCy.

A commitment is a clause — the text between two of ，；。：！？ and line ends, taken whole —
that promises a future action or result (annotation guidelines, COMMITMENT). Whether a
clause promises depends on where it stands and on its cue words:

- in a section that looks forward (`orientation == "plan"`) every clause with a concrete
  action is a commitment, except stance and principle clauses, rhetoric, bare headings
  and topic lines (a one-clause sentence that announces the paragraph's topic);
- in a section that looks back (`"review"`) only a clause with a future marker (将, 即将,
  不日) is one;
- where the orientation is unknown (an excerpt without headings) any clause with a
  modal or future cue (要, 确保, 力争, 计划, 预计, 到2027年 …) is one;
- the clauses after a target-list lead-in (主要预期目标是：) up to the end of its paragraph
  are commitments of strength `target` (`binding` after 约束性指标是：).

Cues are rules in the style of medspaCy's ConText (`CueRule`): a pattern, a category, a
direction and a scope that ends at the clause, sentence or paragraph end. They live in
`data/commitment_cues.tsv`. All cues are found by one compiled regular expression pass
over the text; the per-clause decision only looks up cues by offset.

Offsets are character offsets into the text given; every `Commitment` satisfies
`text[start:end] == clause text` and its targets are quantities fully inside it.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

from ...errors import ConfigError
from ..scan import PatternSet
from .orientation import OrientationModel, ParagraphOrientation, default_model

if sys.version_info >= (3, 11):
    from re import _constants as _regex_constants
    from re import _parser as _regex_parser
else:  # pragma: no cover - Python 3.10
    import sre_constants as _regex_constants
    import sre_parse as _regex_parser

REVIEW = "review"
PLAN = "plan"
STRENGTHS = ("binding", "target", "plan")
#: In priority order: where two cues start at the same character, the earlier category wins.
CATEGORIES = (
    "list", "principle", "terminate", "rhetoric", "situation", "deadline", "pseudo", "binding", "target", "future",
    "modal", "stance", "past", "goal",
)  # fmt: skip
DIRECTIONS = ("forward", "backward", "bidirectional", "pseudo", "terminate")
SCOPES = ("clause", "sentence", "paragraph")
CUE_COLUMNS = ("cue", "category", "direction", "strength", "scope")

# Clause delimiters: Chinese ，；。：！？ always; ASCII , ; : ! ? only outside numbers (1,000 and 1:7
# stay whole), and line ends.
_CLAUSE = re.compile(r"(?:[^，；。：！？!?;\n,:]|(?<=\d)[,:](?=\d))+")
_SENTENCE_END = re.compile(r"[。！？!?]|\n")
_WS = " \t\r\n\f\v\u3000\u00a0\u200b\u200c\u200d\u2060\ufeff"
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Words that may stand before a clause's verb without changing what it says: list markers
# (一是), the speaker, the plan period. Stance cues count only right after them.
_HEAD = re.compile(
    r"(?:[一二三四五六七八九十]+[是要]|我们|今年|全年|明年|还|更|也|都|要|必须|进一步|继续|同时|千方百计|努力)*"
)
# Verbs that open the clauses of a plan written as a list of actions (加快…，推进…，实施…):
# the clause-initial words far more frequent in plan than in review paragraphs of the
# training reports (scripts/train_orientation.py --heads lists them with their counts).
_ACTION = re.compile(
    r"(?:力争|弘扬|提升|办好|做强|做优|做大|培育|打造|严禁|抓紧|筑牢|争创|做好|确保|加快|鼓励|构建|抓好|拓展|建好|搞好|健全|规范|"
    r"完善|拓宽|培养|用好|尽快|重视|支持|深度|扶持|落实|逐步|突出|建设|倡导|适当|营造|引导|着重|深化|稳定|严守|提高|不断|改善|"
    r"加紧|优化|探索|推进|有序|壮大|加注|发展|强化|增加|发扬|促进|充分|繁荣|扩大|巩固|开工|推动|普及|提倡|严厉|加大|丰富|因地|"
    r"畅通|夯实|发挥|持续|防止|开发|主动|理顺|减轻|增强|严格|维护|纠正|打破|打好|牢牢|坚决|实行|减少|推广|保护|放宽|加力|稳步|"
    r"建立|形成|实施|深入|积极|认真|切实|加强|大力|新建|新增|建成|完成|开展|组织|举办|全面|统筹|健全|创新|集中|提质|新改|改造|"
    r"实现|保障|保持|推行|出台|制定|修订|设立|启动|开通|升级|整治|治理|清理|压减|降低|引进|招引|培训|帮扶|救助|兜牢|守牢|守住|承办)"
)
# A clause that states a result to reach (…更加丰富, …明显提升, 提高到80岁以上): the goal
# paragraphs of a five-year plan list these instead of actions.
_RESULT = re.compile(
    r"(?:更加|更为|明显|显著|全面|持续|稳步|不断|基本|大幅|进一步)[\u4e00-\u9fff]{1,4}$|取得[^，；。]{0,6}(?:进展|成效|突破|成果)$"
    r"|迈出[^，；。]{0,4}步伐$|(?:提高|提升|增长|下降|降低|达到|保持在|控制在|稳定在|增加|减少)[^，；。]{0,12}\d[^，；。]{0,8}$"
    r"|(?:以上|以内|左右|以下)$"
)
#: A plan paragraph whose clauses mostly do not open with an action verb argues rather
#: than lists (the old national reports' prose): there only cue words promise.
_ACTION_SHARE = 0.35
# A topic line: a sentence of one or two short clauses that only announces what follows.
_TOPIC_MAX = 9
_TOPIC_CLAUSE_MAX = 10
# Shorter clauses are slogans and connectives (补短板, 但是), not commitments.
_MIN_CJK = 4
_ENOUGH_CJK = re.compile(rf"[\u4e00-\u9fff](?:[^\u4e00-\u9fff]*[\u4e00-\u9fff]){{{_MIN_CJK - 1}}}")


@dataclass(frozen=True)
class CueRule:
    """One cue: `pattern` (a regular expression), what it means and how far it reaches."""

    pattern: str
    category: str
    direction: str = "forward"
    strength: str | None = None
    scope: str = "clause"

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ConfigError(f"cue {self.pattern!r}: unknown category {self.category!r}")
        if self.direction not in DIRECTIONS:
            raise ConfigError(f"cue {self.pattern!r}: unknown direction {self.direction!r}")
        if self.strength is not None and self.strength not in STRENGTHS:
            raise ConfigError(f"cue {self.pattern!r}: unknown strength {self.strength!r}")
        if self.scope not in SCOPES:
            raise ConfigError(f"cue {self.pattern!r}: unknown scope {self.scope!r}")
        try:
            re.compile(self.pattern)
        except re.error as exc:
            raise ConfigError(f"cue {self.pattern!r} is not a valid regular expression: {exc}") from exc
        if _unbounded(self.pattern):
            raise ConfigError(
                f"cue {self.pattern!r} repeats without a bound (* or +): write {{0,60}} or {{1,60}}, so that "
                "matching it stays linear in the text"
            )


def _unbounded(pattern: str) -> bool:
    """Whether a regular expression has a repetition without an upper bound (`*`, `+`, `{2,}`)."""
    parsed: Any = _regex_parser.parse(pattern)
    items: list[Any] = list(parsed)
    while items:
        op, arg = items.pop()
        if op in (_regex_constants.MAX_REPEAT, _regex_constants.MIN_REPEAT):
            if arg[1] == _regex_constants.MAXREPEAT:
                return True
            items.extend(arg[2])
        elif op == _regex_constants.SUBPATTERN:
            items.extend(arg[-1])
        elif op == _regex_constants.BRANCH:
            for branch in arg[1]:
                items.extend(branch)
        elif op in (_regex_constants.ASSERT, _regex_constants.ASSERT_NOT):
            items.extend(arg[1])
    return False


@dataclass(frozen=True)
class CueMatch:
    start: int
    end: int
    rule: CueRule


@dataclass(frozen=True)
class SectionInfo:
    """What the rules need of a section (`doc.spans["section"]` in the pipeline)."""

    start: int
    end: int
    heading_end: int
    level: int
    orientation: str | None
    path: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuantityInfo:
    """What the rules need of a QUANTITY span."""

    start: int
    end: int
    attrs: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass
class Commitment:
    """One commitment clause with its attributes (offsets into the text given)."""

    start: int
    end: int
    strength: str
    indicator: str | list[str] | None = None
    targets: list[QuantityInfo] = field(default_factory=list)
    deadline: str | None = None
    section: tuple[str, ...] = ()
    headline: bool = False  # inside a 主要预期目标 / 约束性指标 list

    def attrs(self, text: str) -> dict[str, Any]:
        """JSON attributes in the gold's shape: `target` a reference or a list of them."""
        refs = [{"start": q.start, "end": q.end, "text": text[q.start : q.end]} for q in self.targets]
        out: dict[str, Any] = {"strength": self.strength, "indicator": self.indicator}
        if refs:
            out["target"] = refs[0] if len(refs) == 1 else refs
        if self.deadline:
            out["deadline"] = self.deadline
        if self.section:
            out["section"] = list(self.section)
        if self.headline:
            out["headline"] = True
        return out


# ---------------------------------------------------------------------------------------
# The cue table
# ---------------------------------------------------------------------------------------


def parse_cues(tsv: str) -> tuple[CueRule, ...]:
    """Cue rules from the TSV text (`#` lines are comments; the first other line is the header)."""
    rules: list[CueRule] = []
    header_seen = False
    for no, line in enumerate(tsv.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if not header_seen:
            if tuple(cols) != CUE_COLUMNS:
                raise ConfigError(f"cue table line {no}: expected columns {CUE_COLUMNS}, got {tuple(cols)}")
            header_seen = True
            continue
        if len(cols) != len(CUE_COLUMNS):
            raise ConfigError(f"cue table line {no}: expected {len(CUE_COLUMNS)} columns, got {len(cols)}")
        cue, category, direction, strength, scope = cols
        rules.append(CueRule(cue, category, direction, None if strength in ("", "-") else strength, scope))
    return tuple(rules)


def cues_tsv(rules: Iterable[CueRule]) -> str:
    """The TSV text of `rules` (what `to_disk` saves), readable by `parse_cues`."""
    lines = ["\t".join(CUE_COLUMNS)]
    lines += [f"{r.pattern}\t{r.category}\t{r.direction}\t{r.strength or '-'}\t{r.scope}" for r in rules]
    return "\n".join(lines) + "\n"


def default_cues() -> tuple[CueRule, ...]:
    """The cue table shipped with the package."""
    return parse_cues(files("govreport_nlp.data").joinpath("commitment_cues.tsv").read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------------------
# Indicators: the measured thing of a target clause
# ---------------------------------------------------------------------------------------

# Verbs and adverbs between an indicator and its figure (地区生产总值|增长|7%以上).
_PREDICATE = re.compile(
    r"(?:同比|比上年|比去年|年均|全年|均|分别|总体|基本|稳定|持续|继续|进一步|力争|努力|争取|按可比口径)*"
    r"(?:增长|增加|下降|降低|减少|达到|达|保持在|保持|控制在|控制|稳定在|提高到|提高|提升到|提升|突破|超过|"
    r"增加到|增长到|减少到|下降到|降低到|扩大到|从|由|完成|实现|降至|降到|提升至|提高至|增至|上涨|低于|高于|不超过|涨幅为|预期目标定为|预期目标为|预期目标是|目标为|定为|为|在)*$"
)
# Words before an indicator that belong to the cue or the sentence, not to the indicator.
_LEAD = re.compile(
    r"^(?:[一二三四五六七八九十]+是|确保|力争|力促|争取|努力|预计|计划|今年|全年|明年|我们|要|提出|把|将|全市|全区|全县|全省|全国|"
    r"新建和改造提升|新建改造|新建|改造|完成|实现|开展|实施|推进|建设|打造|其中|新增(?!就业|劳动力))+"
)
# The action verbs that open a plan's clauses (`_ACTION`) and the building verbs of its
# counts (新建扩建, 续建, 新组建, 新认证 …) stand before the thing a figure counts
# (培育家庭示范农场30个, 新开工保障性住房11559套): they are not part of its name.
_ACTION_LEAD = re.compile(
    rf"(?:{_ACTION.pattern}|(?:新|续|扩|改|再|整体)?(?:建|建设|改建|扩建|创建|组建|认证|发展|集聚|更新|扩充|推出|疏解|举办|力促|开工|拆除|设立|筹措|分区分类))"
)
# A count followed by what is counted (30个示范村): the noun after the figure is the indicator.
_COUNTED = re.compile(r"^[\u4e00-\u9fff“”A-Za-z0-9.()（）\-—]{2,30}$")
# What follows a figure but is not the thing counted: a cue or a comparison (1300亿斤以上、力争…).
_NOT_COUNTED = re.compile(r"(?:争取|力争|确保|努力|比|较|并|和|或|同比|以上|以内|左右)")
SAME_INDICATOR = re.compile(r"^(?:同比|比上年|比去年)?(?:增长|增加|下降|降低|达到|达|实现|完成)")
# A clause without a figure: the indicator is what stands before its predicate.
_QUALITATIVE = re.compile(
    r"^(.{2,24}?)(?:与|和)?(?:经济增长|基本|保持|持续|继续|进一步|有效|稳中|同比|逐步|扭转|实现|全省排名|不纳入|在“)"
)


def _trim(s: str) -> str:
    return s.strip(_WS + "、和及与，,的").rstrip("等")


# What follows a counted thing and is done to it (完成200条背街小巷整治, 推进10个绿电产业园建设,
# 选派2000名农村科技特派员服务县域特色产业发展): the thing counted is named without it.
_COUNTED_TAIL = re.compile(
    r"(?<=[\u4e00-\u9fff”）)]{2})(?:(?:建设与改造|新改扩建|建设|整治|创建|提质升级|投入运营|稳产|落地)(?:工程|任务)?"
    r"|(?:进行|服务|开展|参与)[\u4e00-\u9fff]{4,30})$"
)


def _counted_name(after: str) -> str:
    return _drop_action(_COUNTED_TAIL.sub("", after))


def _names_nothing(clause: str) -> bool:
    """A clause that opens with its verb and counts what the clause before it named."""
    return SAME_INDICATOR.match(clause) is not None or _ACTION_LEAD.match(clause) is not None


def _is_action(name: str | list[str] | None) -> bool:
    """A name that is only an action verb (新开工, 建成): the clause names no thing."""
    return isinstance(name, str) and _ACTION_LEAD.fullmatch(name) is not None


# A scale before a counted thing (12个千亿级特色产业集群, 亿元以上项目4000个): a class of it, not its name.
_SCALE = re.compile(r"^[\d.]{0,8}[十百千万亿]{1,3}(?:元)?(?:级|以上)(?:的)?")


def _drop_action(name: str) -> str:
    """`name` without the action verbs before it, as long as a name of two characters or
    more remains and the verb is no part of a word (保障性住房, 治理村), and without a
    scale before it (千亿级…)."""
    while True:
        scaled = _SCALE.sub("", name)
        if len(_CJK.findall(scaled)) >= 2:
            name = scaled
        m = _ACTION_LEAD.match(name)
        rest = name[m.end() :] if m else ""
        if not m or len(_CJK.findall(rest)) < 2 or rest[0] in "性率":
            return name
        name = rest


# 经济增长5.5%左右: the growth of the economy is the indicator, not a predicate after it.
_GROWTH_NAME = re.compile(r"(?:经济|居民收入)增(?:长|速)")

#: How far back from a figure the predicate words are looked for (a scan from every
#: position of a long clause would be quadratic; real predicates are a few words).
_PREDICATE_WINDOW = 40


def indicator_before(text: str, counted: bool = False) -> str | None:
    """The indicator in the text before a figure: lead words and the predicate removed (and
    the action verbs before a counted thing when `counted`)."""
    stripped = text.strip(_WS)
    cut = max(0, len(stripped) - _PREDICATE_WINDOW)
    s = stripped[:cut] + _PREDICATE.sub("", stripped[cut:])
    named = _GROWTH_NAME.match(stripped, len(s) - 2) if len(s) >= 2 else None
    if named and s.endswith(("经济", "居民收入")):
        s = stripped[: named.end()]
    s = _LEAD.sub("", s)
    s = _trim(s)
    if counted:
        s = _drop_action(s)
    return s if len(s) >= 2 and _CJK.search(s) else None


# 城镇、农村居民人均可支配收入分别增长4.5%、5.5%: one head shared by short members, a target each.
_MEMBER = r"(?:城镇|农村|城乡|一产|二产|三产|第[一二三]产业)"
_SHARED_HEAD = re.compile(rf"^((?:{_MEMBER}、)+{_MEMBER})([\u4e00-\u9fff]{{2,16}})$")


def shared_head(name: str, n: int) -> list[str] | None:
    """[城镇居民人均可支配收入, 农村居民人均可支配收入] for 城镇、农村居民人均可支配收入 and n = 2."""
    m = _SHARED_HEAD.match(name)
    if not m:
        return None
    members = m.group(1).split("、")
    return [x + m.group(2) for x in members] if len(members) == n else None


# A figure that is part of a name is no target: 落实中央八项规定精神 (in 20 reports of the corpus).
_NAMED_BY_FIGURE = re.compile(r"规定")

# A comparison with another figure (居民收入增长和经济增长同步, 居民收入增速高于经济增速):
# the indicator is the compared rate, its 增长/增速 kept.
_COMPARED = re.compile(r"^(.{2,40}?)(?:[与和][^，；。]{2,16}?(?:基本)?同步|(?:稳定)?(?:高于|低于|快于|慢于|不低于))")
# A measure raised or lowered without a figure (提高直接融资比重, 切实降低融资成本): the
# measured noun after the verb, when it names a rate, share, standard, income, cost, scale
# or output (the nouns of the indicator table and of the provincial targets paragraphs).
_MOVED = re.compile(
    r"^(?:切实|进一步|继续|持续|稳步|逐步|着力|努力|多渠道|千方百计|大幅|合理|适当)*"
    r"(?:提高|提升|增加|降低|扩大|上调|稳定|减少)"
    r"([^，；。]{2,40}?(?:(?<!效)率|比重|比例|占比|标准|收入|成本|规模|产量|养老金))(?:[和及][^，；。]{1,20})?$"
)
# A target set from above (完成国家下达的单位地区生产总值二氧化碳排放降低任务; 单位地区生产总值
# 二氧化碳排放完成国家下达目标): the indicator is what the state's target is for.
_STATE_SET = re.compile(
    r"^(?:确保|全面|圆满)?(?:完成|达到)(?:国家|上级)下达(?:的|给?我省的?|我省|我区|我市)?(.{2,40}?)(?:降低|下降)?(?:目标任务|目标|任务)"
)
# A result to reach (全省经济实力显著增强, 中等收入群体规模稳步扩大, 存量隐性债务清零): what rises.
_RISES = re.compile(
    r"^(.{2,40}?)(?:(?:显著|明显|大幅|稳步|全面|持续|动态|进一步)?(?:增强|提升|提高|扩大|向好|清零)"
    r"|只增不减|保稳提质|回稳向好)$"
)
# The cue and plan-period words before a result clause's subject (力争实现存量隐性债务清零).
_CUE_LEAD = re.compile(r"^(?:确保|力争|力促|争取|努力|预计|今年|全年|明年|我们|要|全市|全区|全县|全省|全国|实现)+")
_STATE_SET_BEFORE = re.compile(r"^(.{2,40}?)(?:完成|达到|控制在)(?:国家|上级)下达")


def _members(name: str) -> str | list[str]:
    """碳排放双控和主要污染物减排 → both: the members of a list of indicators."""
    parts = [p for p in re.split(r"[、和及]", name) if p]
    return parts if len(parts) > 1 and all(len(_CJK.findall(p)) >= 2 for p in parts) else name


def figureless_indicator(clause: str) -> str | list[str] | None:
    """The indicator of a target clause without a figure: a compared rate, a measure raised
    or lowered, the object of a target set from above, or the phrase before its predicate."""
    head = _LEAD.sub("", clause)
    m = _COMPARED.match(head)
    if m:
        name = _trim(m.group(1))
        return name if len(name) >= 2 else None
    m = _MOVED.match(head)
    if m:
        return _trim(m.group(1))
    m = _STATE_SET.match(clause) or _STATE_SET_BEFORE.match(head)
    if m:
        name = _trim(m.group(1))
        return _members(name) if len(name) >= 2 else None
    m = _RISES.match(head) if _ACTION_LEAD.match(_CUE_LEAD.sub("", clause)) is None else None
    if m:
        risen = indicator_before(m.group(1))
        if risen and "、" in risen:
            return [p for p in risen.split("、") if p]
        return risen
    m = _QUALITATIVE.match(clause)
    return indicator_before(m.group(1)) if m else None


_LEVEL = re.compile(r"^[\u4e00-\u9fff]{1,3}级")


def _levels_share_their_head(names: list[str]) -> list[str]:
    """6个世界级、7个国家级、9个区域级产业集群: the levels count one thing, 产业集群."""
    if len(names) < 2 or not all(_LEVEL.fullmatch(n) for n in names[:-1]) or not _LEVEL.match(names[-1]):
        return names
    head = _LEVEL.sub("", names[-1])
    return [head] if len(_CJK.findall(head)) >= 2 else names


def clause_indicators(clause: str, offset: int, targets: Sequence[QuantityInfo]) -> str | list[str] | None:
    """The indicator(s) of a clause starting at `offset`, paired in order with its targets.

    A count followed by a noun (完成164个…修复任务) is measured by that noun; otherwise the
    indicator is the noun phrase before the figure (地区生产总值增长7%以上). Several figures
    of one indicator (分别增长7%和8%) give one indicator.
    """
    if not targets:
        return figureless_indicator(clause)
    names: list[str] = []
    prev = 0
    for i, q in enumerate(targets):
        qs, qe = q.start - offset, q.end - offset
        nxt = targets[i + 1].start - offset if i + 1 < len(targets) else len(clause)
        after = clause[qe:nxt]
        if i + 1 < len(targets):  # 新增X300家、Y500家: what follows 、 is counted by the next figure
            after = after.split("、", 1)[0]
        after = _trim(after)
        kind = q.attrs.get("kind")
        name: str | None = None
        counted = after and _COUNTED.match(after) and not _PREDICATE.fullmatch(after) and not _NOT_COUNTED.match(after)
        if kind in ("count", "measure") and counted:
            name = _counted_name(after)
        else:
            name = indicator_before(clause[prev:qs], counted=True)
            if _is_action(name) and counted:  # 设立10亿元绿色发展纵向补偿基金: the thing follows the figure
                name = _counted_name(after)
            elif _is_action(name) and i + 1 < len(targets):  # 建成20个500千伏输变电工程: one thing, two figures
                name = None
        if name and name not in names:
            names.append(name)
        prev = qe
    names = _levels_share_their_head(names)
    if not names:
        return None
    if len(names) == 1 and len(targets) > 1:
        split = shared_head(names[0], len(targets))
        if split:
            return split
        pieces = [p for p in names[0].split("、") if p]
        if len(pieces) == len(targets):  # 二氧化硫、化学需氧量、氨氮排放量分别下降…: one each
            return pieces
    return names[0] if len(names) == 1 else names


# ---------------------------------------------------------------------------------------
# The rules
# ---------------------------------------------------------------------------------------

_PRIORITY = {c: i for i, c in enumerate(CATEGORIES)}


class CommitmentRules:
    """Cue rules compiled into one pattern, and the per-clause decision."""

    def __init__(self, cues: Sequence[CueRule] | None = None, orientation: OrientationModel | None = None) -> None:
        self.cues: tuple[CueRule, ...] = tuple(default_cues() if cues is None else cues)
        self.orientation = orientation or default_model()
        ordered = sorted(self.cues, key=lambda r: _PRIORITY[r.category])  # stable: table order within a category
        # One pattern per rule: most start with a literal, which `re` finds with a fast scan;
        # one alternation of all of them would be tried at every character (ten times slower).
        # The others (a lookbehind or an optional group first) are tried only where one of
        # their start characters stands, found by one scan for all of them (`PatternSet`).
        self._ordered = ordered
        self._patterns = PatternSet([rule.pattern for rule in ordered])

    # -- cues ------------------------------------------------------------------------------

    def cue_matches(self, text: str) -> list[CueMatch]:
        """Every cue in `text`, left to right, without overlaps.

        Like one pass of an alternation: the leftmost cue wins, and of cues starting at the
        same character the one of the earlier category; a cue overlapping a chosen one is
        dropped, so a pseudo cue (主要) hides the cue inside it (要).
        """
        ordered = self._ordered
        found = [(start, rank, end, ordered[rank]) for start, rank, end in self._patterns.matches(text) if start < end]
        found.sort(key=lambda f: (f[0], f[1]))
        out: list[CueMatch] = []
        last_end = -1
        for start, _rank, end, rule in found:
            if start >= last_end:
                out.append(CueMatch(start, end, rule))
                last_end = end
        return out

    # -- clauses ---------------------------------------------------------------------------

    @staticmethod
    def clauses(text: str) -> list[tuple[int, int]]:
        """Clause offsets, white space trimmed; clauses without a Chinese character are dropped."""
        out: list[tuple[int, int]] = []
        for m in _CLAUSE.finditer(text):
            chunk = m.group()
            if _ENOUGH_CJK.search(chunk) is None:  # white space is no CJK: the same count as of the stripped chunk
                continue
            stripped = chunk.strip(_WS)
            start = m.start() + len(chunk) - len(chunk.lstrip(_WS))
            out.append((start, start + len(stripped)))
        return out

    # -- decision --------------------------------------------------------------------------

    def find(
        self,
        text: str,
        sections: Sequence[SectionInfo] = (),
        quantities: Sequence[QuantityInfo] = (),
    ) -> list[Commitment]:
        """Every commitment clause in `text`, in order, with strength, targets, indicator, deadline."""
        clauses = self.clauses(text)
        if not clauses:
            return []
        cues = self.cue_matches(text)
        cue_starts = [c.start for c in cues]
        wide = [c for c in cues if c.rule.scope != "clause" and c.rule.direction != "pseudo"]
        layout = _Layout(text)
        sentence_ends, line_ends = layout.sentence_ends, layout.line_ends
        stops = [c.start for c in cues if c.rule.direction == "terminate"]
        scopes = [(c, self._scope_end(text, c, sentence_ends, line_ends, stops)) for c in wide]
        scopes += [(c, self._natural_end(text, c, sentence_ends, line_ends)) for c in _meta_sentences(text, cues)]
        lead_orientation = next((s.orientation for s in sorted(sections, key=lambda s: s.start) if s.orientation), None)
        first_section = min((s.start for s in sections), default=len(text))
        qs = sorted(quantities, key=lambda q: q.start)
        q_starts = [q.start for q in qs]
        sections = sorted(sections, key=lambda s: (s.start, -s.end))
        found: list[Commitment] = []
        prev_indicator: str | list[str] | None = None
        active = _SectionSweep(sections)
        paragraph = ParagraphOrientation(text, self.orientation)
        listing: dict[int, bool] = {}
        open_scopes = _ScopeIndex(scopes)
        for cs, ce in clauses:
            own = cues[bisect_left(cue_starts, cs) : bisect_left(cue_starts, ce)]
            section, in_heading = active.at(cs)
            if in_heading:
                continue
            orientation = section.orientation if section else None
            if orientation is None:  # no heading decides: the paragraph's own language does
                orientation = paragraph.at(cs)
            if orientation is None and cs < first_section:
                orientation = lead_orientation  # an excerpt that starts inside a part
            if orientation == PLAN and not self._lists_actions(text, cs, listing, clauses):
                orientation = None
            if orientation == REVIEW and not own and not open_scopes.any_open(cs, ce):
                continue  # the common case of a report's first half, decided cheaply
            # a lead-in, a title or the tail of a parenthesis (a skipped clause changes nothing, so
            # the cheap review test may come first)
            # and the clauses that carry no commitment of their own: a slogan's pieces, frames,
            # manner idioms, whom the next clause applies to, topics, conditions and settings
            if (
                _is_lead_in(text, ce)
                or _titles_its_paragraph(text, cs, ce, layout)
                or _parenthetical_tail(text, cs, ce)
                or _inside_quoted_slogan(text, cs, layout)
                or _FRAME_ONLY.fullmatch(text, cs, ce) is not None
                or _MANNER_ONLY.fullmatch(text, cs, ce) is not None
                or _WHOEVER.fullmatch(text, cs, ce) is not None
                or _topic_phrase(text, cs, ce)
                or (
                    (_CONDITION.search(text, cs, ce) is not None or _SETTING.fullmatch(text, cs, ce) is not None)
                    and not any(c.rule.category == "binding" for c in own)
                )
            ):
                continue
            rhetoric = next((c for c in own if c.rule.category == "rhetoric"), None) if own else None
            if rhetoric is not None and not self._figure_before(qs, q_starts, cs, rhetoric.start):
                prev_indicator = None
                continue  # its own clause says it promises nothing, even inside a target list
            vetoed = (own and any(c.rule.category == "situation" for c in own)) or _exclaims(text, ce, sentence_ends)
            vetoed = vetoed or open_scopes.crosses(("rhetoric", "situation"), cs, ce)
            listed = open_scopes.around("list", cs, ce)
            if vetoed and listed is None:
                prev_indicator = None
                continue
            principle, modal = open_scopes.around("principle", cs, ce), open_scopes.around("modal", cs, ce)
            strength = self._decide(text, cs, ce, own, orientation, listed, principle, modal, layout)
            if strength is None:
                prev_indicator = None
                continue
            targets = qs[bisect_left(q_starts, cs) : bisect_right(q_starts, ce)]
            targets = [q for q in targets if q.end <= ce and not _NAMED_BY_FIGURE.match(text, q.end)]
            clause = text[cs:ce]
            indicator = clause_indicators(clause, cs, targets)
            if (indicator is None or _is_action(indicator)) and targets and prev_indicator and _names_nothing(clause):
                indicator = prev_indicator  # 同比增长21% after 地区生产总值达到240亿元; 续建安置房7550套，新开工1000套
            deadline = next((text[c.start : c.end] for c in own if c.rule.category == "deadline"), None)
            found.append(
                Commitment(
                    cs,
                    ce,
                    strength,
                    indicator,
                    list(targets),
                    deadline,
                    section.path if section else (),
                    listed is not None,
                )  # fmt: skip
            )
            prev_indicator = indicator if targets else None
        return found

    def _decide(
        self,
        text: str,
        cs: int,
        ce: int,
        own: Sequence[CueMatch],
        orientation: str | None,
        listed: CueMatch | None,
        principle: CueMatch | None,
        modal: CueMatch | None,
        layout: _Layout,
    ) -> str | None:
        """The clause's strength if it is a commitment, else None."""
        categories = [c.rule.category for c in own]
        if "stance" in categories:
            head = cs + _HEAD.match(text, cs).end() - cs  # type: ignore[union-attr]  # _HEAD matches the empty string
            if any(c.rule.category == "stance" and c.start <= head for c in own):
                return None
        cue_strength = next(
            (c.rule.strength for c in own if c.rule.category in ("binding", "target") and c.rule.strength), None
        )
        if listed is not None:
            return cue_strength or listed.rule.strength or "target"
        if principle is not None:
            return (cue_strength or "plan") if "goal" in categories else None
        if orientation == REVIEW:
            return "plan" if "future" in categories else None
        promised = any(c in ("future", "modal", "binding", "target", "deadline") for c in categories)
        if orientation == PLAN:
            topic = (
                self._topic_line(text, cs, ce, layout)
                or self._topic_pair(text, cs, ce, layout)
                or _numbered_topic(text, cs, ce, layout)
            )
            if not cue_strength and (topic or ("past" in categories and not promised)):
                return None
            return cue_strength or "plan"
        if promised or (modal is not None and "past" not in categories):
            return cue_strength or "plan"
        return None

    @staticmethod
    def _figure_before(qs: Sequence[QuantityInfo], q_starts: Sequence[int], start: int, end: int) -> bool:
        """A figure between `start` and `end`: a target the clause sets before its rhetoric
        (经济增长5%左右、在实际工作中努力争取更好结果 keeps its target)."""
        i = bisect_left(q_starts, start)
        return i < len(qs) and qs[i].end <= end

    def _lists_actions(
        self, text: str, offset: int, cache: dict[int, bool], all_clauses: Sequence[tuple[int, int]]
    ) -> bool:
        """Whether the paragraph at `offset` lists actions (most clauses open with an action verb).

        `all_clauses`: the text's clauses (`clauses(text)`); a line break ends a clause, so the
        paragraph's are those that start in it, the same as `clauses` of the paragraph alone."""
        start = text.rfind("\n", 0, offset) + 1
        if start not in cache:
            end = text.find("\n", offset)
            end = len(text) if end < 0 else end
            first = bisect_left(all_clauses, (start, start))
            clauses = all_clauses[first : bisect_left(all_clauses, (end, end), first)]
            opening = 0
            for cs, ce in clauses:
                head = _HEAD.match(text, cs).end()  # type: ignore[union-attr]  # matches ""
                opening += _ACTION.match(text, head) is not None or _RESULT.search(text, cs, ce) is not None
            cache[start] = not clauses or opening >= _ACTION_SHARE * len(clauses)
        return cache[start]

    @staticmethod
    def _topic_line(text: str, cs: int, ce: int, layout: _Layout) -> bool:
        """A one-clause sentence that announces its paragraph's topic (加快金融创新发展。).

        It is the whole sentence, is followed by more text in the same paragraph, and is
        either the paragraph's first sentence or very short.
        """
        if ce >= len(text) or text[ce] not in "。！？!?":
            return False
        before = _rstrip_to(text, cs)  # the end of the text before the clause, white space dropped
        starts_sentence = not before or text[before - 1] in "。！？!?\n" or "\n" in text[before:cs]
        if not starts_sentence:
            return False
        if not _CJK.search(text, ce + 1, layout.line_end(ce)):
            return False
        first_in_paragraph = not before or "\n" in text[before - 1 : cs]
        return first_in_paragraph or (ce - cs) <= _TOPIC_MAX

    @staticmethod
    def _topic_pair(text: str, cs: int, ce: int, layout: _Layout) -> bool:
        """Part of a paragraph-opening sentence of two short clauses (促进就业增收，让群众更宽裕。)."""
        line_start = layout.line_start(cs)
        line_end = layout.line_end(ce)
        stop = layout.sentence_end(line_start, line_end)
        if stop is None or stop < ce or not _CJK.search(text, stop, line_end):
            return False
        return layout.two_short_pieces(line_start, stop - 1)

    @staticmethod
    def _scope_end(
        text: str, cue: CueMatch, sentence_ends: Sequence[int], line_ends: Sequence[int], stops: Sequence[int]
    ) -> int:
        """Where a sentence- or paragraph-scoped cue stops: its scope's end or a terminate cue."""
        end = CommitmentRules._natural_end(text, cue, sentence_ends, line_ends)
        i = bisect_left(stops, cue.end)
        return min(end, stops[i]) if i < len(stops) else end

    @staticmethod
    def _natural_end(text: str, cue: CueMatch, sentence_ends: Sequence[int], line_ends: Sequence[int]) -> int:
        if cue.rule.scope == "sentence":
            i = bisect_left(sentence_ends, cue.end)
            return sentence_ends[i] if i < len(sentence_ends) else len(text)
        i = bisect_left(line_ends, cue.end)
        end = line_ends[i] if i < len(line_ends) else len(text)
        if not text[cue.end : end].strip(_WS):  # the lead-in ends its line: the list is the next paragraph
            while i + 1 < len(line_ends) and not text[line_ends[i] : line_ends[i + 1]].strip(_WS):
                i += 1
            end = line_ends[i + 1] if i + 1 < len(line_ends) else len(text)
        return end


_LEAD_IN = re.compile(r"(?:是|为|如下|以下[^，；。]*|工作)$")
# The subject of a sentence that defines the plan's aims (1981年发展国民经济的主要任务，是…;
# 今年经济增长速度的宏观调控目标，定为…; “十五五”时期经济社会发展的主要目标是，…).
# So is the subject of 要 (今年的经济工作，要深化改革…) and the lead of a list of aspects
# (要重点抓好十一个方面工作。).
_SUBJECT = re.compile(r"(?:目标|任务|思路|工作)(?:是)?$")
_SUBJECT_VERB = re.compile(r"[，,]\s*(?:是|定为|确定为|要|必须)")
_ASPECTS = re.compile(r"(?:几|[一二三四五六七八九十两\d]+)个?方面(?:的)?(?:工作|任务|重点)?$")


def _is_lead_in(text: str, ce: int) -> bool:
    """A clause that introduces a list (…的主要预期目标是：) or is the subject of a sentence
    that defines the aims (…的主要任务，是…) promises nothing itself."""
    if text.find("方面", max(0, ce - 12), ce) >= 0 and _ASPECTS.search(text, max(0, ce - 12), ce):
        return True
    if ce >= len(text):
        return False
    if text[ce] in "：:":
        return _LEAD_IN.search(text, max(0, ce - 12), ce) is not None
    if text[ce] not in "，,":
        return False
    subject = _SUBJECT.search(text, max(0, ce - 4), ce)
    if subject is None:
        return False
    return subject.group().endswith("是") or _SUBJECT_VERB.match(text, ce) is not None


_META = CueRule("上述目标", "rhetoric", "forward", None, "sentence")


def _meta_sentences(text: str, cues: Sequence[CueMatch]) -> list[CueMatch]:
    """A sentence that opens with what ends a target list (上述主要预期目标，体现了…;
    实现这些目标，需要付出艰苦努力) speaks about the targets: rhetoric to its end."""
    out = []
    for c in cues:
        if c.rule.direction == "terminate":
            before = _rstrip_to(text, c.start)
            if before == 0 or text[before - 1] in "。！？!?\n":
                out.append(CueMatch(c.start, c.end, _META))
    return out


def _titles_its_paragraph(text: str, cs: int, ce: int, layout: _Layout) -> bool:
    """A clause that opens its paragraph and ends with a colon names what follows
    (20.2026年10件民生实事：…, 政府工作的总体要求是：…): a title or lead-in, no commitment."""
    return ce < len(text) and text[ce] in "：:" and _rstrip_to(text, cs) <= layout.line_start(cs)


def _exclaims(text: str, ce: int, sentence_ends: Sequence[int]) -> bool:
    """The clause's sentence ends with ！: an exhortation (…夺取改革开放和现代化建设的新胜利！)."""
    i = bisect_left(sentence_ends, ce + 1)
    return i < len(sentence_ends) and text[sentence_ends[i] - 1] in "！!"


_NUMBERED = re.compile(r"[ \t\u3000]*[一二三四五六七八九十]{1,3}是")


def _numbered_topic(text: str, cs: int, ce: int, layout: _Layout) -> bool:
    """Part of a paragraph-opening sentence led by 一是/二是… that its paragraph then
    details (一是奋力推进产业振兴，巩固壮大实体经济根基，建设…产业体系。现代化产业体系是…)."""
    line_start = layout.line_start(cs)
    if not _NUMBERED.match(text, line_start):
        return False
    line_end = layout.line_end(ce)
    stop = layout.sentence_end(line_start, line_end)
    return stop is not None and stop > ce and _CJK.search(text, stop, line_end) is not None


def _parenthetical_tail(text: str, cs: int, ce: int) -> bool:
    """The end of a parenthesis opened in an earlier clause (…（牵头单位：农牧厅、林草局）):
    a note on the text, not a clause of it."""
    last = ce  # first the cheap test most clauses fail: the clause ends with a closing bracket
    while last > cs and text[last - 1] in "。；，":
        last -= 1
    if last <= cs or text[last - 1] not in "）)":
        return False
    clause = text[cs:ce]
    closing = clause.count("）") + clause.count(")")
    return closing > clause.count("（") + clause.count("(") and clause.rstrip("。；，").endswith(("）", ")"))


#: A clause that only frames the next one: a time (新的一年, 从今年起, 今后五年, 力争到2030年,
#: “十一五”期间) or the speaker's voice (我们相信, 我们坚信, 必须强调). The promise, if any, is in
#: the clause it leads into.
_FRAME_ONLY = re.compile(
    r"(?:力争|要|并|再|还要)?(?:在|从|到|至|于)?"
    r"(?:新的一年|今年|明年|今后|未来|最近|近|这|此后|\d{4}年|[一二三四五六七八九十两几]+年|“十[一二三四五六]五”"
    r"|本世纪末|年底|年末|上半年|下半年|全年)"
    r"(?:[一二三四五六七八九十两几]*个?(?:年|时期|阶段))?"
    r"(?:起|内|前|底前|末|以后|以前|以来|期间|时期|中|之内|里)?"
    r"|(?:我们[也还]?)?(?:相信|坚信|深信|确信)"
    r"|(?:我们)?(?:必须|应该|应当|需要)(?:强调|指出|看到|了解|说明|承认)"
)


#: A clause made only of four-character idioms of manner (因地制宜, 多措并举, 统筹兼顾、标本兼治,
#: 真抓实干、埋头苦干、善作善成): how the work is done, a slogan (guidelines), not what is done.
#: The idioms are those that stand as whole clauses in the plan parts of the corpus's reports.
_MANNER_IDIOMS = (
    "因地制宜|多措并举|综合施策|精准施策|分类施策|分类指导|统筹兼顾|上下联动|齐抓共管|久久为功|持之以恒|依法依规"
    "|突出重点|分步实施|稳中求进|积极稳妥|稳妥有序|循序渐进|实事求是|量力而行|尽力而为|先行先试|点面结合|试点先行"
    "|以点带面|标本兼治|远近结合|真抓实干|埋头苦干|善作善成|攻坚克难"
)
_MANNER_ONLY = re.compile(rf"(?:要|必须|坚持|注重|更加)?(?:{_MANNER_IDIOMS})(?:[、和](?:{_MANNER_IDIOMS})){{0,3}}")

#: Whom or what the next clause applies to, and nothing more: 凡是需要后台审批的，…; 凡是适宜种粮食的地区，…;
#: 有条件的企业，… (the subject of the clause after it, not a promise of its own).
_WHOEVER = re.compile(
    r"(?:凡是|凡)[^，；。：！？]{1,40}(?:的|的(?:地区|地方|单位|企业|项目))|有条件的[^，；。：！？]{1,6}"
)

#: 对于/至于/关于 + what the sentence is about (对于群众的各种创造，必须经过试验…): a topic, unless the
#: clause itself acts on it (对于符合条件的企业给予补贴; 对于…要…).
_TOPIC = re.compile(r"(?:对于|至于|关于)[^，；。：！？]{1,40}")
_ACTS = re.compile(r"要|必须|应|将|给予|予以|加以|进行|实行|实施|提供|支持|鼓励|加强|落实")


def _topic_phrase(text: str, cs: int, ce: int) -> bool:
    """Whether the clause is only the topic of the clause after it (对于挑拨民族关系，…)."""
    return _TOPIC.fullmatch(text, cs, ce) is not None and _ACTS.search(text, cs, ce) is None


#: A condition or circumstance the next clause acts under (要在保证粮食稳定增产的前提下，…; 在深化
#: 企业经营机制改革的同时，…): an adjunct, unless it binds itself (在确保粮食和棉花产量稳定增加的基础上).
_CONDITION = re.compile(r"(?:的同时|的基础上|的前提下|的过程中|的条件下|的情况下)$")
#: …and the setting it acts in (在城镇房屋拆迁中，…; 在安排重点项目时，…; 在即将展开的机构改革中，…).
_SETTING = re.compile(r"(?:要|并|同时|还要|也要|我们)?在[^，；。：！？]{1,40}(?:中|时|之际|期间)")


def _inside_quoted_slogan(text: str, cs: int, layout: _Layout) -> bool:
    """A piece of a slogan whose commas split it (坚持“稳住一头，放开一片”的方针; 破解“人口多、
    土地少，小生产、大市场”三大矛盾): the clause starts after a comma inside quotation marks
    opened earlier in its sentence and closed later in it. The clause that opens the quote
    carries the slogan; the pieces after it are no clauses of their own."""
    if cs == 0 or text[_rstrip_to(text, cs) - 1] not in "，,；;":
        return False
    start = layout.sentence_start(cs)
    if layout.quotes_open(start, cs) <= 0:
        return False
    end = layout.sentence_end(cs, layout.line_end(cs)) or layout.line_end(cs)
    return layout.closes_between(cs, end)


def _rstrip_to(text: str, end: int) -> int:
    """`end` moved back over white space: the end of the text before it."""
    while end > 0 and text[end - 1] in _WS:
        end -= 1
    return end


class _Layout:
    """Line and sentence ends of a text, found once and looked up by binary search, so that
    asking about each clause of a long line does not scan the line again."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sentence_ends = [m.end() for m in _SENTENCE_END.finditer(text)]
        self.line_ends = [m.start() for m in re.finditer("\n", text)]
        self.opening_quotes = [m.start() for m in re.finditer("[“「]", text)]
        self.closing_quotes = [m.start() for m in re.finditer("[”」]", text)]
        self._pairs: dict[tuple[int, int], bool] = {}

    def line_start(self, pos: int) -> int:
        """The start of the line holding `pos` (after the last line break before it)."""
        i = bisect_left(self.line_ends, pos)
        return self.line_ends[i - 1] + 1 if i > 0 else 0

    def line_end(self, pos: int) -> int:
        """The next line break at or after `pos`, or the end of the text."""
        i = bisect_left(self.line_ends, pos)
        return self.line_ends[i] if i < len(self.line_ends) else len(self.text)

    def sentence_start(self, pos: int) -> int:
        """The start of the sentence holding `pos`: after the last sentence end (。！？!? or a
        line break) before it."""
        i = bisect_left(self.sentence_ends, pos + 1)
        return self.sentence_ends[i - 1] if i > 0 else 0

    def quotes_open(self, start: int, end: int) -> int:
        """Quotation marks opened in text[start:end] and not closed there (by count)."""
        opened = bisect_left(self.opening_quotes, end) - bisect_left(self.opening_quotes, start)
        return opened - (bisect_left(self.closing_quotes, end) - bisect_left(self.closing_quotes, start))

    def closes_between(self, start: int, end: int) -> bool:
        """Whether a closing quotation mark stands in text[start:end]."""
        i = bisect_left(self.closing_quotes, start)
        return i < len(self.closing_quotes) and self.closing_quotes[i] < end

    def sentence_end(self, start: int, end: int) -> int | None:
        """The end of the first sentence-ending mark (。！？!? or a line break) in text[start:end]."""
        i = bisect_left(self.sentence_ends, start + 1)
        return self.sentence_ends[i] if i < len(self.sentence_ends) and self.sentence_ends[i] <= end else None

    def two_short_pieces(self, start: int, end: int) -> bool:
        """Whether text[start:end] is two short clauses (asked once per sentence, however many
        clauses it has)."""
        key = (start, end)
        if key not in self._pairs:
            pieces = [p for p in re.split(r"[，,；;：:]", self.text[start:end].strip(_WS)) if p]
            self._pairs[key] = len(pieces) == 2 and all(len(p) <= _TOPIC_CLAUSE_MAX for p in pieces)
        return self._pairs[key]


class _ScopeIndex:
    """The sentence- and paragraph-wide cue scopes, asked about each clause by binary search.

    Cues do not overlap, and a later cue's sentence, paragraph or terminating cue comes no
    earlier, so within one category and one kind of scope the scopes end in the order they
    start. For a clause, the scope of a group that reaches it is therefore the last one that
    starts before it: one bisection per group, however many cues a paragraph holds.
    """

    def __init__(self, scopes: Sequence[tuple[CueMatch, int]]) -> None:
        ordered = sorted(scopes, key=lambda s: s[0].start)
        groups: dict[tuple[str, str], list[tuple[CueMatch, int]]] = {}
        for cue, end in ordered:
            groups.setdefault((cue.rule.category, cue.rule.scope), []).append((cue, end))
        self._groups = {
            key: (rows, [c.start for c, _ in rows], [c.end for c, _ in rows]) for key, rows in groups.items()
        }
        # the same groups by category, in the same order: each clause asks about three categories
        self._by_category: dict[str, list[tuple[list[tuple[CueMatch, int]], list[int], list[int]]]] = {}
        for (category, _scope), group in self._groups.items():
            self._by_category.setdefault(category, []).append(group)
        self._starts = [c.start for c, _ in ordered]
        self._reach: list[int] = []  # the furthest scope end among the scopes up to each one
        for _, end in ordered:
            self._reach.append(max(end, self._reach[-1]) if self._reach else end)

    def any_open(self, cs: int, ce: int) -> bool:
        """Whether a scope that starts before the clause's end reaches its start."""
        i = bisect_left(self._starts, ce)
        return i > 0 and self._reach[i - 1] + 1 >= cs

    def crosses(self, categories: Sequence[str], cs: int, ce: int) -> bool:
        """Whether a scope of one of `categories` shares a character with the clause."""
        for category in categories:
            for rows, starts, _ends in self._by_category.get(category, ()):
                i = bisect_left(starts, ce)  # rows[i - 1] starts last before ce and ends furthest
                if i > 0 and cs < rows[i - 1][1]:
                    return True
        return False

    def around(self, category: str, cs: int, ce: int) -> CueMatch | None:
        """The last cue of `category` that ends before the clause and whose scope covers it."""
        best: CueMatch | None = None
        for rows, _starts, ends in self._by_category.get(category, ()):
            i = bisect_right(ends, cs)  # rows[i - 1] is the last cue ending by cs; it reaches furthest
            if i > 0 and ce <= rows[i - 1][1] + 1 and (best is None or rows[i - 1][0].start > best.start):
                best = rows[i - 1][0]
        return best


class _SectionSweep:
    """The sections around increasing offsets, found in one pass (reports have hundreds)."""

    def __init__(self, sections: Sequence[SectionInfo]) -> None:
        self._sections = sorted(sections, key=lambda s: (s.start, -s.end))
        self._next = 0
        self._open: list[SectionInfo] = []

    def at(self, offset: int) -> tuple[SectionInfo | None, bool]:
        """The innermost section with an orientation around `offset` (else the innermost at
        all), and whether `offset` lies in the heading of a level 1-3 section."""
        while self._next < len(self._sections) and self._sections[self._next].start <= offset:
            self._open.append(self._sections[self._next])
            self._next += 1
        # Plain loops: asked for every clause, with a few sections open.
        for s in self._open:
            if s.end <= offset:
                self._open = [s for s in self._open if s.end > offset]
                break
        in_heading = False
        for s in self._open:
            if s.level <= 3 and s.start <= offset < s.heading_end:
                in_heading = True
                break
        # `_open` is in start order: the innermost section is the last one.
        for s in reversed(self._open):
            if s.orientation is not None:
                return s, in_heading
        return (self._open[-1] if self._open else None), in_heading
