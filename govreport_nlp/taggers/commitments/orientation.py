"""Which way a paragraph looks, read from its own language: review, plan, targets or other.

A reader knows that a paragraph of imperatives (加快…，推进…，实施…) is a plan and that a
paragraph of results (完成…，增长6.1%，建成…) is a review without seeing the heading
above it. The COMMITMENT tagger needs the same judgement wherever no heading decides: a
paragraph pasted alone, a part whose heading names both the past and the plan, a report
whose headings carry no year.

The judgement is a linear model over the paragraph's character unigrams and bigrams
(digits folded to 0, Latin letters to A), trained by `scripts/train_orientation.py` with
weak labels: every paragraph under a heading the structure component orients is an
example of that orientation (docs/commitments.md has the training data and the held-out
accuracy). Characters, not words: the decision is the same with every segmenter. The
weights are a TSV file in `govreport_nlp/data/` (read as text, no pickle), so the model is
deterministic, small and can be read.

- `targets`: the paragraph opens a main-targets list (主要预期目标是：…), a rule;
- `plan` / `review`: the model's score is beyond the margin on either side;
- `other` (None): too short or too close to call; the tagger then asks for a cue word.
"""

from __future__ import annotations

import math
import operator
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from ...errors import ConfigError

PLAN = "plan"
REVIEW = "review"
TARGETS = "targets"
MODEL_FILE = "commitment_orientation.tsv"

_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_LATIN = re.compile(r"[A-Za-z]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_TARGET_LIST = re.compile(r"(?:主要)?预期(?:目标|指标)(?:是|为)?[：:]|约束性指标(?:是|为)?[：:]")
#: Paragraphs with fewer Chinese characters than this are not judged (headings, topic lines).
MIN_CJK = 12

#: Results as only a review states them: records, ranks, streaks, selections, firsts, year-on-year.
_RESULT = re.compile(
    r"历史新高|历史最[好高优]|最[高好优]水平|\d+连[增丰涨升]|连续\d+年|居全国[第前]|位[居列]全国|全国第[一二三四五\d]"
    r"|走在全国前列|稳居|入选|获批|首次|首[个家]|超额完成|圆满完成|同比[增下提]|比上年[增下提]"
)
#: A figure as a statistic states it: three significant digits or more (838.6亿斤, 1714家, 67.5%),
#: not a year (2025年, 2025) nor a date, session or number.
_FIGURE = re.compile(r"(?<![\d.])(\d+)(?:\.(\d+))?(?![\d.])(?![年月日届次号])")
#: What a plan says and a review does not: the plan year, future and modal words, targets.
_PLAN_WORD = re.compile(
    r"今年|明年|将(?=[要会在把于继进加全有着得逐更力大切深推实开建完启])"
    r"|(?<![主重需必只扼纪摘])要(?![求素点闻害地务件案职冲塞员])|力争|争取|确保|预期|左右|目标|计划|拟"
)
#: Review evidence (results and statistics) a paragraph needs, and the plan words it may hold, to
#: be a review whatever the n-gram model says.
RESULTS_NEEDED = 4
PLAN_WORDS_ALLOWED = 1


def _statistics(paragraph: str) -> int:
    """Figures with three significant digits or more, years left out."""
    count = 0
    for m in _FIGURE.finditer(paragraph):
        whole, decimals = m.group(1), m.group(2)
        if decimals is None and len(whole) == 4 and whole[:2] in ("19", "20"):
            continue  # a year
        digits = (whole + decimals).lstrip("0") if decimals is not None else whole.lstrip("0").rstrip("0")
        count += len(digits) >= 3
    return count


def reports_results(paragraph: str) -> bool:
    """Whether a paragraph reads as a record of results: at least RESULTS_NEEDED results and
    statistics (再创历史新高, 居全国第3位, 200.9万亩, 1714家) and at most PLAN_WORDS_ALLOWED plan
    words (今年, 要, 力争, 左右 …). A review written as a list of actions without 了
    (新建、改造高标准农田200.9万亩，耕地面积实现5连增，粮食产量838.6亿斤、再创历史新高) reads like a
    plan to the n-gram model; its figures do not."""
    if len(_PLAN_WORD.findall(paragraph)) > PLAN_WORDS_ALLOWED:
        return False
    return len(_RESULT.findall(paragraph)) + _statistics(paragraph) >= RESULTS_NEEDED


def features(paragraph: str, orders: tuple[int, ...] = (1, 2)) -> set[str]:
    """The character n-grams the model reads (digits folded to 0, Latin letters to A)."""
    text = _LATIN.sub("A", _DIGITS.sub("0", paragraph))
    if orders == (1, 2):  # the shipped model: the same set, built in the same order, without Python per character
        grams = set(text)
        grams.update(map(operator.add, text, text[1:]))
        return grams
    return {text[i : i + n] for n in orders for i in range(len(text) - n + 1)}


@dataclass(frozen=True)
class OrientationModel:
    """A linear model: score = Σ weight(n-gram) / √(n-grams known) + bias; > 0 looks forward."""

    weights: dict[str, float]
    bias: float
    margin: float
    orders: tuple[int, ...] = (1, 2)

    def score(self, paragraph: str) -> float:
        """Positive for a plan paragraph, negative for a review one."""
        get = self.weights.get
        known = [w for w in map(get, features(paragraph, self.orders)) if w is not None]
        return sum(known) / math.sqrt(len(known)) + self.bias if known else 0.0

    def orient(self, paragraph: str) -> str | None:
        """`targets`, `plan`, `review`, or None when the paragraph does not say."""
        if _TARGET_LIST.search(paragraph):
            return TARGETS
        if len(_CJK.findall(paragraph)) < MIN_CJK:
            return None
        if reports_results(paragraph):
            return REVIEW
        s = self.score(paragraph)
        if s >= self.margin:
            return PLAN
        if s <= -self.margin:
            return REVIEW
        return None

    # -- the file ----------------------------------------------------------------------------

    def to_tsv(self, header: Iterable[str] = ()) -> str:
        """The model as text: `#` comment lines, then `bias`, `margin`, `orders`, then n-gram rows."""
        lines = [f"# {h}" for h in header]
        lines += [
            f"@bias\t{self.bias:.6f}",
            f"@margin\t{self.margin:.6f}",
            f"@orders\t{','.join(map(str, self.orders))}",
        ]
        lines += [f"{k}\t{w:.4f}" for k, w in sorted(self.weights.items())]
        return "\n".join(lines) + "\n"

    @classmethod
    def from_tsv(cls, tsv: str) -> OrientationModel:
        """Read what `to_tsv` wrote; a malformed line raises ConfigError naming it."""
        weights: dict[str, float] = {}
        params: dict[str, str] = {}
        for no, line in enumerate(tsv.split("\n"), 1):
            if not line or line.startswith("# "):
                continue
            key, sep, value = line.rpartition("\t")
            if not sep:
                raise ConfigError(f"orientation model line {no}: expected 'key<TAB>value'")
            if key.startswith("@"):
                params[key[1:]] = value
                continue
            try:
                weights[key] = float(value)
            except ValueError as exc:
                raise ConfigError(f"orientation model line {no}: {value!r} is not a number") from exc
        missing = {"bias", "margin", "orders"} - set(params)
        if missing:
            raise ConfigError(f"orientation model: missing {', '.join(sorted(missing))}")
        orders = tuple(int(n) for n in params["orders"].split(","))
        return cls(weights, float(params["bias"]), float(params["margin"]), orders)


@lru_cache(maxsize=1)
def default_model() -> OrientationModel:
    """The model shipped with the package."""
    return OrientationModel.from_tsv(files("govreport_nlp.data").joinpath(MODEL_FILE).read_text(encoding="utf-8"))


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line with visible text, white space trimmed."""
    out = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped[0])
            out.append((start, start + len(stripped)))
        pos += len(line) + 1
    return out


class ParagraphOrientation:
    """Orientation of each paragraph of one text, computed on demand (most clauses of a
    full report are under a heading that decides, and never ask)."""

    def __init__(self, text: str, model: OrientationModel | None = None) -> None:
        self.text = text
        self.model = model or default_model()
        self._bounds = paragraphs(text)
        self._starts = [s for s, _ in self._bounds]
        self._cache: dict[int, str | None] = {}

    def index(self, offset: int) -> int:
        """The paragraph around (or before) `offset`."""
        return max(bisect_right(self._starts, offset) - 1, 0)

    def own(self, i: int) -> str | None:
        if i not in self._cache:
            start, end = self._bounds[i] if self._bounds else (0, 0)
            self._cache[i] = self.model.orient(self.text[start:end])
        return self._cache[i]

    def at(self, offset: int) -> str | None:
        """The orientation of the paragraph at `offset`; a paragraph that does not say takes
        that of the nearest paragraph before it that does (a topic line before its detail
        takes the one after it), within three paragraphs."""
        if not self._bounds:
            return None
        i = self.index(offset)
        found = self.own(i)
        if found is not None:
            return PLAN if found == TARGETS else found
        for j in (i - 1, i + 1, i - 2, i + 2, i - 3, i + 3):
            if 0 <= j < len(self._bounds):
                found = self.own(j)
                if found is not None:
                    return PLAN if found == TARGETS else found
        return None
