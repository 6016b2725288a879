"""HTML markup in the input: analysed as the text between the tags, offsets into the HTML.

Reports are often saved straight from a web page. Read as text, the markup would be
analysed too (a QUANTITY inside `<script>`, a PLACE in a class name). When the input looks
like HTML (at least MIN_TAGS tags of HTML elements), every tag, comment, entity and the
content of `<script>`, `<style>` and `<noscript>` elements is marked like page chrome
(`meta.excluded`, reason "markup", or "markup between blocks" for tags that part blocks of
text, which are blanked as line ends): blanked for analysis, same length, so every exported
offset still points into the user's own HTML and `text[start:end]` is the span as it
appears there. Text that merely mentions a `<` or two is left alone.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from .boilerplate import Region

MARKUP = "markup"
#: Markup that parts blocks of text (`</p><p>`, `<br>`, a script): blanked as line ends.
MARKUP_BREAK = "markup between blocks"
_BLOCK = re.compile(
    r"</?(?:html|head|body|title|script|style|noscript|div|p|br|hr|table|thead|tbody|tr|td|th|ul|ol|li|h[1-6]|"
    r"section|article|header|footer|nav|form|pre|center|iframe)\b|<!--",
    re.IGNORECASE,
)
#: So many tags of HTML elements make a text HTML (a report may quote a `<` or two).
MIN_TAGS = 3

_ELEMENTS = (
    "html|head|body|title|meta|link|script|style|noscript|div|span|p|br|hr|a|img|table|thead|tbody|tr|td|th|"
    "ul|ol|li|h[1-6]|strong|em|b|i|u|font|center|section|article|header|footer|nav|form|input|button|iframe|pre"
)
_HTML_TAG = re.compile(rf"</?(?:{_ELEMENTS})\b[^<>]{{0,2000}}>|<!DOCTYPE[^<>]{{0,200}}>", re.IGNORECASE)
# Bounded at every repetition, and element contents found by bisection over the closing
# tags: markup, even broken, must not make ingest slower than linear.
_TOKEN = re.compile(
    r"<!--"
    r"|<[A-Za-z!/?][^<>]{0,2000}>"  # a tag
    r"|&(?:[A-Za-z]{2,10}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});"  # an entity (&nbsp; &#12288;)
)
_CODE_OPEN = re.compile(r"<(script|style|noscript)\b", re.IGNORECASE)
_CODE_CLOSE = re.compile(r"</(script|style|noscript)\s{0,10}>", re.IGNORECASE)
_COMMENT_CLOSE = re.compile("-->")


def looks_like_html(text: str) -> bool:
    """At least MIN_TAGS tags of HTML elements (or a doctype)."""
    count = 0
    for _ in _HTML_TAG.finditer(text):
        count += 1
        if count >= MIN_TAGS:
            return True
    return False


def markup_regions(text: str) -> list[Region]:
    """The markup of an HTML text as regions to blank (adjacent ones joined); none for plain text."""
    if not looks_like_html(text):
        return []
    closes: dict[str, list[int]] = {}
    for close in _CODE_CLOSE.finditer(text):
        closes.setdefault(close.group(1).lower(), []).append(close.end())
    comment_ends = [m.end() for m in _COMMENT_CLOSE.finditer(text)]
    regions: list[Region] = []
    pos = 0
    while True:
        match = _TOKEN.search(text, pos)
        if match is None:
            break
        start, end = match.span()
        code = _CODE_OPEN.match(match.group())
        if match.group() == "<!--":
            end = _next(comment_ends, end + 2) or end  # an unclosed comment: the opening alone
        elif code is not None and not match.group().endswith("/>"):
            end = _next(closes.get(code.group(1).lower(), []), end) or end
        reason = MARKUP_BREAK if _BLOCK.match(match.group()) else MARKUP
        if regions and not text[regions[-1].end:start].strip():
            start = regions[-1].start  # only white space between: one region, a break if either is
            reason = MARKUP_BREAK if MARKUP_BREAK in (reason, regions.pop().reason) else MARKUP
        regions.append(Region(start, end, reason))
        pos = end
    return regions


def _next(ends: list[int], at_least: int) -> int | None:
    """The first end at or after `at_least`."""
    i = bisect_left(ends, at_least)
    return ends[i] if i < len(ends) else None
