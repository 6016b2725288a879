"""The text the pipeline analyses, derived from the user's text with an exact offset map.

Rules are written once, for Simplified script with half-width digits and full-width
Chinese punctuation; normalisation brings every report to that form:

1. page chrome is blanked (replaced by spaces, line breaks kept): same length;
2. characters are unified: full-width digits, letters and signs → ASCII (１９８８ → 1988,
   ８．６％ → 8.6%); ideographic and no-break spaces and CR → space; ASCII , ; : ! ? ( )
   in prose → ，；：！？（） (not inside numbers: 1,000 and 1:7 stay): same length;
3. Traditional script (detected) → Simplified with OpenCC's Taiwan-phrase conversion
   (tw2sp: 最佳化 → 优化, 網路 → 网络), which can change the length — less the Taiwan
   IT phrases that are ordinary mainland report words (指標 stays 指标, not 指针 "pointer";
   新增 is not 添加): `data/ingest_tw_phrase_exclusions.tsv`, built by a script from the national
   reports;
4. spaced-out numbers are closed up (1 9 9 7 年 → 1997 年, 5 ．4 ％ → 5.4%).

Each step records its length-changing edits in an `OffsetMap` (see `offsets`). The user's
text is never modified; medspaCy-style rewriting without a map is what we avoid.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

from .offsets import Alignment, OffsetMap, Rewriter

Script = str  # "simplified" | "traditional"

# Step 2: one-to-one character replacements (str.translate, C speed).
_FULLWIDTH_TO_ASCII: dict[int, str | int] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
for _keep in "，；：！？（）":  # Chinese punctuation keeps its full-width form
    _FULLWIDTH_TO_ASCII.pop(ord(_keep))
_CHAR_TABLE: dict[int, str | int] = {
    **_FULLWIDTH_TO_ASCII,
    0x3000: " ",  # ideographic space
    0x00A0: " ",  # no-break space
    0x200B: " ",  # zero-width space (scraped pages)
    0xFEFF: " ",  # BOM left inside text
    ord("\r"): " ",
    ord("\t"): " ",
    ord(";"): "；",
    ord("!"): "！",
    ord("?"): "？",
    ord("("): "（",
    ord(")"): "）",
}
#: Runs of the characters `_CHAR_TABLE` replaces. `str.translate` looks every character of
#: the text up in the table; a report holds a few thousand of them among a million.
_CHAR_RUNS = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_CHAR_TABLE)) + "]+")
# , and : stay ASCII between digits (1,000; 1:7; 10:30), become Chinese elsewhere.
_PROSE_COMMA_COLON = re.compile(r"(?<![0-9])[,:]|[,:](?![0-9])")
_TO_CHINESE = {",": "，", ":": "："}

# Step 4: a run of at least two single-spaced digits/points/percent signs.
_SPACED_NUMBER = re.compile(r"[0-9.](?: [0-9.%‰])+")

# Script detection: share of CJK characters that OpenCC would change. Simplified reports
# score about 0.1%; Traditional ones 20% and more.
TRADITIONAL_THRESHOLD = 0.05
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NOT_CJK = re.compile(r"[^\u4e00-\u9fff]+")


@dataclass(frozen=True)
class Normalized:
    """The analysed text, how to get back to the source, and what was found on the way."""

    text: str
    offsets: OffsetMap
    script: Script


#: A region to blank: (start, end), or (start, end, BREAK) to blank it with line breaks.
Blanked = tuple[int, int] | tuple[int, int, str]


def blank(text: str, regions: Iterable[Blanked]) -> str:
    """Replace the characters of `regions` by spaces, keeping line breaks (same length).

    A region given as (start, end, BREAK) is blanked with line breaks instead: HTML markup
    between blocks (`</p><p>`) parts their text as a line end would.
    """
    parts = []
    pos = 0
    for start, end, *fill in sorted(regions):
        start = max(start, pos)
        if end <= start:
            continue
        parts.append(text[pos:start])
        parts.append("\n" * (end - start) if fill and fill[0] == BREAK else re.sub(r"[^\n]", " ", text[start:end]))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def unify_characters(text: str) -> str:
    """Step 2: same-length character unification (see the module docstring)."""
    text = _CHAR_RUNS.sub(lambda m: m.group().translate(_CHAR_TABLE), text)
    return _PROSE_COMMA_COLON.sub(lambda m: _TO_CHINESE[m.group()], text)


def tw_phrase_exclusions() -> frozenset[str]:
    """Taiwan phrases we do not convert (see data/ingest_tw_phrase_exclusions.tsv)."""
    rows = files("govreport_nlp.data").joinpath("ingest_tw_phrase_exclusions.tsv").read_text(encoding="utf-8")
    return frozenset(line.split("\t")[0] for line in rows.splitlines() if line and not line.startswith("#"))


DictEntry = tuple[int, int, dict[str, str], frozenset[str]]  # max length, min length, map, first chars


@lru_cache(maxsize=1)
def _opencc() -> tuple[re.Pattern[str], list[list[DictEntry]]]:
    """OpenCC's tw2sp separators and dictionary chain, less our exclusions (loaded once)."""
    from opencc import OpenCC

    converter: Any = OpenCC("tw2sp")
    converter._init_dict()
    excluded = tw_phrase_exclusions()
    chain = []
    for group in converter._dict_chain_data:
        entries = []
        for max_len, min_len, mapping in group:
            kept = {k: v for k, v in mapping.items() if k not in excluded}
            entries.append((max_len, min_len, kept, frozenset(k[0] for k in kept)))
        chain.append(entries)
    return converter.split_chars_re, chain


@lru_cache(maxsize=1)
def _changing_characters() -> frozenset[str]:
    _, chain = _opencc()
    changing: set[str] = set()
    for group in chain:
        for _max_len, _min_len, mapping, _first in group:
            changing.update(k for k, v in mapping.items() if len(k) == 1 and v.split(" ")[0] != k)
    return frozenset(changing)


def detect_script(text: str, *, sample: int = 20000) -> Script:
    """'traditional' when enough of the (first `sample`) CJK characters are Traditional forms."""
    cjk = _NOT_CJK.sub("", text[: sample * 2])[:sample]  # the first `sample` CJK characters, as one string
    if not cjk:
        return "simplified"
    share = sum(map(_changing_characters().__contains__, cjk)) / len(cjk)  # counted without Python per character
    return "traditional" if share >= TRADITIONAL_THRESHOLD else "simplified"


def _match_group(piece: str, group: Sequence[DictEntry]) -> list[tuple[int, int, str]]:
    """OpenCC's matching for one dictionary group, returning (start, end, replacement).

    Same algorithm as opencc-python (longest match anywhere first, then the pieces left
    and right of it with the same dictionary and at most that length; what no
    dictionary of the group matches is passed to the next one), so the output text is
    identical, but each replacement keeps its position. Two shortcuts give the same
    result faster: a dictionary of single characters maps character by character, and
    phrase lookups start only at characters that begin some phrase.
    """
    found: list[tuple[int, int, str]] = []
    stack: list[tuple[int, int, int, int | None]] = [(0, len(piece), 0, None)]
    while stack:
        start, end, k, hint = stack.pop()
        if start >= end or k >= len(group):
            continue
        max_len, min_len, mapping, first_chars = group[k]
        if max_len == 1:
            run_start = start
            for i in range(start, end):
                value = mapping.get(piece[i])
                if value is not None:
                    found.append((i, i + 1, value.split(" ")[0]))
                    stack.append((run_start, i, k + 1, None))
                    run_start = i + 1
            stack.append((run_start, end, k + 1, None))
            continue
        longest = min(end - start, max_len, hint or max_len)
        best: tuple[int, int] | None = None  # (length, position): longest, then leftmost
        for i in range(start, end):
            if piece[i] not in first_chars:
                continue
            for length in range(min(longest, end - i), max(min_len, best[0] if best else 0) - 1, -1):
                if piece[i:i + length] in mapping:
                    if best is None or length > best[0]:
                        best = (length, i)
                    break
        if best is None:
            stack.append((start, end, k + 1, None))
            continue
        length, i = best
        found.append((i, i + length, mapping[piece[i:i + length]].split(" ")[0]))
        stack.append((start, i, k, length))
        stack.append((i + length, end, k, length))
    found.sort()
    return found


def to_simplified(text: str) -> tuple[str, list[Alignment]]:
    """Step 3: OpenCC tw2sp conversion, one alignment per dictionary group."""
    separators, chain = _opencc()
    alignments = []
    for group in chain:
        writer = Rewriter(text)
        pos = 0
        for piece in separators.split(text):
            if piece and not separators.fullmatch(piece):
                for start, end, new in _match_group(piece, group):
                    if text[pos + start:pos + end] != new:
                        writer.replace(pos + start, pos + end, new)
            pos += len(piece)
        text, alignment = writer.result()
        alignments.append(alignment)
    return text, alignments


def collapse_spaced_numbers(text: str) -> tuple[str, Alignment]:
    """Step 4: delete the single spaces inside spaced-out numbers."""
    writer = Rewriter(text)
    for match in _SPACED_NUMBER.finditer(text):
        for i in range(match.start(), match.end()):
            if text[i] == " ":
                writer.replace(i, i + 1, "")
    return writer.result()


#: The fill of a blanked region that parts text like a line end (see `blank`).
BREAK = "break"


def normalize(text: str, *, exclude: Iterable[Blanked] = (), script: Script | None = None) -> Normalized:
    """The analysed form of `text` with its offset map (see the module docstring).

    Args:
        text: the source text, as decoded.
        exclude: (start, end) source regions to blank (page chrome), or (start, end, BREAK) to
            blank with line breaks (markup between blocks).
        script: force 'simplified' or 'traditional' instead of detecting it.
    """
    steps: list[Alignment] = []
    analysed = unify_characters(blank(text, exclude))
    script = script or detect_script(analysed)
    if script == "traditional":
        analysed, alignments = to_simplified(analysed)
        steps.extend(alignments)
    analysed, spaced = collapse_spaced_numbers(analysed)
    steps.append(spaced)
    return Normalized(analysed, OffsetMap([s for s in steps if s]), script)
