"""One HTML page that shows a report with all four layers at once.

displaCy shows one span group at a time, PLACE and PROGRAM in grey, and with per-character
tokens every character spaced apart. Here the page is the user's own text (line breaks
kept, characters side by side) and each label has a fixed colour and a fixed bar under
the characters it covers, so overlapping layers — a PLACE inside a PROGRAM inside a
COMMITMENT — stay readable. Page chrome left out of the analysis is shown in grey.
Hovering shows each span's label, text and attributes; a PLACE linked to a division
shows its code, as a link when a `kb_url_template` is given.

The page is built from the JSON document (offsets into the user's text), so a Doc, a
document from `annotate()` or a line of a JSONL file render alike. It is self-contained:
no script, no font or style sheet from elsewhere.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from typing import Any

from spacy.tokens import Doc

from ..doc.layers import LABELS
from .json_doc import as_json

#: A fixed colour per label (Okabe–Ito, told apart with colour-blindness too).
LABEL_COLOURS: dict[str, str] = {
    "PLACE": "#0072B2",
    "PROGRAM": "#009E73",
    "QUANTITY": "#E69F00",
    "COMMITMENT": "#CC79A7",
}
#: Bar of each label under the text: 0 is nearest the characters.
_SLOT = {label: i for i, label in enumerate(LABELS)}
_BAR = 3  # px
_GAP = 1  # px between bars

_STYLE = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       margin: 2em auto; max-width: 60em; padding: 0 1em; color: #222; }
.meta { color: #555; font-size: 0.9em; }
.legend span { display: inline-block; margin-right: 1.5em; }
.legend i { display: inline-block; width: 1.5em; height: 0.5em; margin-right: 0.3em; vertical-align: middle; }
.text { white-space: pre-wrap; line-height: 2.6; font-size: 1.05em; }
.text span[title] { padding-bottom: %(pad)dpx; }
.text .x { color: #aaa; }
.text a { color: inherit; text-decoration: none; }
"""


def _mask(labels: list[str]) -> int:
    return sum(1 << _SLOT[label] for label in labels)


def _bar_classes() -> str:
    """One CSS class per set of labels (`b1` … `b15`), drawing a bar per label in its slot."""
    rules = []
    for mask in range(1, 1 << len(LABELS)):
        layers = []
        for label in LABELS:
            if mask & (1 << _SLOT[label]):
                # PLACE nearest the characters, COMMITMENT (the longest spans) lowest
                colour, offset = LABEL_COLOURS[label], (len(LABELS) - 1 - _SLOT[label]) * (_BAR + _GAP)
                layers.append(f"linear-gradient({colour},{colour}) 0 calc(100% - {offset}px)/100% {_BAR}px no-repeat")
        rules.append(f".b{mask} {{ background: {', '.join(layers)}; }}")
    return "\n".join(rules)


def _describe(span: Mapping[str, Any]) -> str:
    attrs = span.get("attrs") or {}
    details = "; ".join(f"{k}: {v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)}"
                        for k, v in attrs.items() if v not in (None, [], {}))
    return f"{span['label']} {span['text']}" + (f" — {details}" if details else "")


def render_json(data: Mapping[str, Any], *, kb_url_template: str | None = None, title: str | None = None) -> str:
    """The page of one `govreport-nlp/1` document."""
    text: str = data["text"]
    meta = data.get("meta") or {}
    spans = [s for s in data["spans"] if s["label"] in LABEL_COLOURS]
    # Page chrome and markup left out of the analysis are shown, in grey: it is the user's text.
    excluded = [(r["start"], r["end"]) for r in meta.get("excluded") or [] if r["end"] > r["start"]]
    # Cut the text wherever a span or an excluded region starts or ends; each piece knows the spans over it.
    bounds = sorted({0, len(text), *(s["start"] for s in spans), *(s["end"] for s in spans),
                     *(b for region in excluded for b in region)})
    grey = {start for start, _ in excluded}
    grey_until = 0
    starts: dict[int, list[int]] = {}
    for i, span in enumerate(spans):
        starts.setdefault(span["start"], []).append(i)
    active: set[int] = set()
    pieces = []
    for left, right in zip(bounds, bounds[1:], strict=False):
        active = {i for i in active if spans[i]["end"] > left} | set(starts.get(left, ()))
        if left in grey:
            grey_until = max(grey_until, next(end for start, end in excluded if start == left))
        chunk = html.escape(text[left:right])
        if not active:
            pieces.append(f'<span class="x">{chunk}</span>' if left < grey_until else chunk)
            continue
        over = sorted(active, key=lambda i: _SLOT[spans[i]["label"]])
        labels = [spans[i]["label"] for i in over]
        hover = html.escape("\n".join(_describe(spans[i]) for i in over), quote=True)
        code = next(((spans[i].get("attrs") or {}).get("code") for i in over if spans[i]["label"] == "PLACE"), None)
        if code and kb_url_template:
            chunk = f'<a href="{html.escape(kb_url_template.format(code), quote=True)}">{chunk}</a>'
        pieces.append(f'<span class="b{_mask(labels)}" data-labels="{" ".join(labels)}" title="{hover}">{chunk}</span>')
    heading = title or meta.get("id") or "report"
    facts = ", ".join(f"{k}: {html.escape(str(meta[k]))}" for k in ("place", "year", "segmenter") if meta.get(k))
    counts = {label: sum(1 for s in spans if s["label"] == label) for label in LABEL_COLOURS}
    legend = "".join(
        f'<span><i style="background:{LABEL_COLOURS[label]}"></i>{label} {counts[label]}</span>' for label in LABELS
    )
    style = _STYLE % {"pad": len(LABELS) * (_BAR + _GAP)} + _bar_classes()
    return (
        "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{html.escape(str(heading))}</title>\n<style>{style}</style>\n"
        "</head>\n<body>\n"
        f"<h1>{html.escape(str(heading))}</h1>\n<p class=\"meta\">{facts}</p>\n"
        f"<p class=\"legend\">{legend}</p>\n"
        f"<div class=\"text\">{''.join(pieces)}</div>\n</body>\n</html>\n"
    )


def render(doc: Doc | Mapping[str, Any], *, kb_url_template: str | None = None, title: str | None = None) -> str:
    """One self-contained HTML page of `doc` (a Doc or a `govreport-nlp/1` document) with
    all four layers, a fixed colour per label and each span's attributes on hover."""
    return render_json(as_json(doc, check=False), kb_url_template=kb_url_template, title=title)
