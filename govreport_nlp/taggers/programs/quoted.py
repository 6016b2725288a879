"""Quoted phrases “…”: is this one a programme, or a slogan, honour, event or document?

`classify_quoted` reads cues in and around the phrase, checked in a fixed order (the first
that fires decides); every cue is one line of the table in docs/programs.md. Why cues and
not a trained scorer: the dev set holds a few hundred quoted phrases, too few to train and
still keep a held-out measure, while the cues annotators use (a head noun after the
quotes, 实施/开展 before them against 荣获/入选) are few, explicit and can be explained.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from .patterns import CJK, NUMERAL

QUOTED = re.compile(r"“([^“”\n]{1,24})”")

# Quoted phrases: what the words around them say.
HONOUR_BEFORE = re.compile(r"(?:荣获|获评|荣膺|被评为|评为|入选|上榜|获得|创成|创建成|成为|授予|命名为|首批|第\d+批)$")
HONOUR_INSIDE = re.compile(
    r"示范城市|示范县|示范区|示范市|示范村|百强|十佳|百佳|范例|称号|品牌|先进|模范|名单|基地|精品|冠|国字号"
)
EVENT_INSIDE = re.compile(r"大赛|大会|博览会|论坛|节$|运动会|年会|展$|大展|赛事|峰会")
# (“…”计划 is a programme: “迎客松行动”计划, “学生饮用奶”计划; a plan period such as “七五”计划 is
# a document by its shape, DOC_INSIDE.)
DOC_AFTER = re.compile(r"^(?:规划|纲要|条例|办法|意见|方案|实施方案|决定|通知|报告|文件|时期|期间|末|初|以来)")
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
    r"建设|做优|加快|深化|启动|试行|实行|打好|打赢|抓好|完善|健全|发展|推广|深入|积极|扎实|大力|持续|全面|"
    r"开展了|实施了|搞好|参与|巩固完善两轮|巩固|引深|部署|学习|促进|建强|创新|落实好|抓好|推动|迭代|提升|打响|用好|"
    r"纳入|完成|保持|坚持和发展|加大|通过|深化构建|扩大|加力实施|做好|率先实现)$"
)
# 发展 and 创新 ending a noun compound before the quotes are no action verb: the phrase is a
# metaphor for it (高质量发展“大格局”, 科技创新“加速度”, 高质量发展“最大增量”).
NOUN_BEFORE = re.compile(r"(?:高质量|科技|经济社会|区域协调|城乡融合|绿色|自主|原始|制度|理论)(?:发展|创新)$")
# An initiative head right after the quotes is strong evidence (“百乡千村”治理行动, “保交楼”任务).
STRONG_AFTER = re.compile(
    r"^(?:[^，。；：、“”\n]{0,6}?(?:工程|行动|改革|制度|政策|活动|试点|普法|联动|创建|建立|负责制|责任制|交通路网|工作体系|"
    r"发展路径|战略举措|普惠补贴|集成|联合体|建设|攻坚战|战略|计划|机制|任务|项目|体系|格局|构架|模式|攻势|帮扶|落户))"
)
VETO_FILE = "program_vetoes.tsv"


@dataclass(frozen=True)
class Veto:
    """One veto cue: where it looks (inside, before, after), its regex and the class it gives."""

    where: str
    pattern: re.Pattern[str]
    cls: str
    example: str = ""
    and_after: re.Pattern[str] | None = None


def parse_vetoes(tsv: str) -> tuple[Veto, ...]:
    """Rows of `program_vetoes.tsv`: where, pattern, class, example, why."""
    vetoes = []
    for no, line in enumerate(tsv.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 3 or cells[0] not in ("inside", "before", "after"):
            raise ValueError(f"{VETO_FILE} line {no}: expected where (inside|before|after), pattern, class")
        pattern = cells[1] if cells[0] != "before" or cells[1].endswith("$") else cells[1] + "$"
        and_after = re.compile(cells[5]) if len(cells) > 5 and cells[5].strip() else None
        vetoes.append(Veto(cells[0], re.compile(pattern), cells[2], cells[3] if len(cells) > 3 else "", and_after))
    return tuple(vetoes)


@lru_cache(maxsize=1)
def default_vetoes() -> tuple[Veto, ...]:
    return parse_vetoes(files("govreport_nlp.data").joinpath(VETO_FILE).read_text(encoding="utf-8"))


def vetoed(
    phrase: str, before: str, after: str, wheres: tuple[str, ...], vetoes: tuple[Veto, ...] | None = None
) -> str | None:
    """The class of the first veto cue (of the kinds in `wheres`) that fires on a quoted phrase."""
    for veto in vetoes if vetoes is not None else default_vetoes():
        if veto.where not in wheres:
            continue
        target = phrase if veto.where == "inside" else before if veto.where == "before" else after
        if veto.pattern.search(target) and (veto.and_after is None or veto.and_after.match(after)):
            return veto.cls
    return None
# Numbered slogans: 三纵十横, 一区两翼, 六个一体化, 五件实事, 门前三包, 两集中两到位.
NUMBERED = re.compile(rf"[{NUMERAL}\d]")


def classify_quoted(
    text: str, start: int, end: int, known: Mapping[str, str], *, chained: str | None = None
) -> str:
    """Class of the quoted phrase `text[start:end]` (inside the quotes) from its cues.

    `known` maps lexicon names to their class. `chained` is the class of the quoted phrase
    just before, when the two stand side by side (“智慧晋中”和“宽带晋中”建设): the second
    shares the first's verb.
    """
    phrase = text[start:end]
    before = re.sub(r"(?:新时代|国家级?|全国)$", "", text[max(0, start - 12):start - 1])
    after = text[end + 1:end + 13]
    if phrase in known:
        return known[phrase]
    if phrase.startswith("《") or DOC_AFTER.match(after):
        return "document"
    if DOC_INSIDE.match(phrase.strip()) and not after.startswith("普法"):  # “九五 ”计划: a space inside
        return "document"
    if HONOUR_BEFORE.search(before) or HONOUR_INSIDE.search(phrase) or after.startswith(("荣获", "称号")):
        return "honour"
    if EVENT_INSIDE.search(phrase):
        return "event"
    veto = vetoed(phrase, before, after, ("inside", "after"))
    if veto is not None:
        return veto
    if NOT_PROGRAM_AFTER.match(after) or RESULT_INSIDE.search(phrase):
        return "slogan"
    if PROBLEM_BEFORE.search(before):
        return "slogan"
    if STRONG_AFTER.match(after) or HEAD_INSIDE.search(phrase) or chained == "initiative":
        return "initiative"
    veto = vetoed(phrase, before, after, ("before",))
    if veto is not None:
        return veto
    if CLAUSE_INSIDE.search(phrase):
        return "slogan"
    if numbered_slogan(phrase):
        return "initiative"
    if (ACT_BEFORE.search(before) and not NOUN_BEFORE.search(before) and len(phrase) >= 3
            and not COVERAGE_INSIDE.search(phrase)):
        return "initiative"
    return "slogan"


_SHORT_NUMBERED = re.compile(rf"[{CJK}]{{1,3}}[{NUMERAL}][{CJK}]{{1,2}}")
_CJK_CHAR = re.compile(f"[{CJK}]")


def numbered_slogan(phrase: str) -> bool:
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
