"""Make token boundaries agree with span boundaries without touching the text.

A span layer is only usable on a Doc if each span starts and ends on a token boundary,
but segmenters do not know our spans (pkuseg writes 平遥横坡 as 平遥|横坡 and may glue
31.1亿 together). Rebuilding the Doc with extra cut points keeps every character and
every space where it was.
"""

from __future__ import annotations

import weakref
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span


def split_at(doc: Doc, cuts: Iterable[int]) -> Doc:
    """Return a new Doc over the same text whose tokens also break at each offset in `cuts`.

    Only the tokenisation changes: text, spaces and vocab are the same; annotations on
    `doc` are not carried over (call this before adding spans).
    """
    text = doc.text  # rebuilt from the tokens on every access: read it once
    pending = sorted({c for c in cuts if 0 < c < len(text)})
    if not pending:
        return doc
    words: list[str] = []
    spaces: list[bool] = []
    i = 0
    for token in doc:
        start, end = token.idx, token.idx + len(token.text)
        while i < len(pending) and pending[i] <= start:
            i += 1
        piece_start = start
        while i < len(pending) and pending[i] < end:
            words.append(text[piece_start:pending[i]])
            spaces.append(False)
            piece_start = pending[i]
            i += 1
        words.append(text[piece_start:end])
        spaces.append(bool(token.whitespace_))
    new = Doc(doc.vocab, words=words, spaces=spaces)
    return new


#: Token offsets per Doc, until its tokens change (see `token_offsets`).
_OFFSETS: weakref.WeakKeyDictionary[Doc, tuple[int, list[int], list[int]]] = weakref.WeakKeyDictionary()


def token_offsets(doc: Doc) -> tuple[list[int], list[int]]:
    """The start and end character of every token, computed once per tokenisation.

    Every layer written and read needs them, and building them copies two arrays of a
    million entries for a char-segmented long report: they are kept (keyed weakly by the
    Doc, so nothing is serialised with it) until the tokens change. Our components only
    ever split tokens, which changes the Doc's length; the last token's end is checked too.
    """
    n = len(doc)
    cached = _OFFSETS.get(doc)
    if cached is not None and cached[0] == n and (not n or cached[2][-1] == doc[n - 1].idx + len(doc[n - 1])):
        return cached[1], cached[2]
    if one_character_tokens(doc):  # the char segmenter's Docs: token i is character i
        starts, ends = list(range(n)), list(range(1, n + 1))
    else:
        table = doc.to_array([IDX, LENGTH]).reshape(-1, 2) if n else None
        starts = table[:, 0].tolist() if table is not None else []
        ends = (table[:, 0] + table[:, 1]).tolist() if table is not None else []
    _OFFSETS[doc] = (n, starts, ends)
    return starts, ends


def one_character_tokens(doc: Doc) -> bool:
    """Whether every token is one character without trailing space (a char-segmented Doc
    with no plain space in its text): as many tokens as characters. Each token covers at
    least one character, so the counts agree only then; checked in constant time."""
    n = len(doc)
    if not n:
        return False
    last = doc[n - 1]
    return bool(last.idx + len(last.text_with_ws) == n)


def split_tokens_at(doc: Doc, cuts: Iterable[int]) -> None:
    """Split, in place, every token that a cut falls strictly inside.

    Components use this so that their spans are whole tokens whatever the segmenter
    did. Tokens are found by binary search on their offsets (a per-character Doc of a
    long report has a million tokens). No parser runs in our pipelines, so each piece
    is attached to the first.
    """
    if not len(doc) or one_character_tokens(doc):  # no cut can fall inside a character
        return
    pending = sorted(set(cuts))
    if not pending:
        return
    starts, ends = token_offsets(doc)
    inner_cuts: dict[int, list[int]] = {}
    for cut in pending:
        i = bisect_right(starts, cut) - 1
        if i >= 0 and starts[i] != cut and cut < ends[i]:
            inner_cuts.setdefault(i, []).append(cut - starts[i])
    if not inner_cuts:
        return
    # spaCy's retokenizer leaves `doc.spans` on their old token indices; splitting only
    # adds boundaries, so every span is found again exactly by its characters (read from
    # the offset arrays, and labels as their hashes: a Span's `start_char` and `label_`
    # make a Token and a string each, for every span of every layer at every split).
    groups = {
        key: (
            [
                (starts[s.start], ends[s.end - 1], s.label, s.kb_id, s.id)
                if s.end > s.start
                else (s.start_char, s.end_char, s.label, s.kb_id, s.id)
                for s in group
            ],
            dict(group.attrs),
        )
        for key, group in doc.spans.items()
    }
    _split(doc, inner_cuts)
    for key, (rows, group_attrs) in groups.items():
        bounds = token_bounds(doc, [(a, b) for a, b, *_ in rows])
        doc.spans[key] = [
            Span(doc, ij[0], ij[1], label=label, kb_id=kb, span_id=span_id)
            for ij, (_, _, label, kb, span_id) in zip(bounds, rows, strict=True)
            if ij is not None
        ]
        doc.spans[key].attrs.update(group_attrs)


def token_bounds(doc: Doc, offsets: Sequence[tuple[int, int]]) -> list[tuple[int, int] | None]:
    """Token indices (start, end) of each character span, or None where an edge is not a token edge.

    The same answer as `doc.char_span(..., alignment_mode="strict")`, found by binary
    search on one array of token offsets instead of a lookup per span.
    """
    if not offsets:
        return []
    if one_character_tokens(doc):  # token i is character i: the same answer without a search
        n = len(doc)
        return [(start, end) if 0 <= start < end <= n else None for start, end in offsets]
    starts, ends = token_offsets(doc)
    out: list[tuple[int, int] | None] = []
    for start, end in offsets:
        i = bisect_left(starts, start)
        j = bisect_left(ends, end)
        if i < len(starts) and starts[i] == start and j < len(ends) and ends[j] == end and i <= j and start < end:
            out.append((i, j + 1))
        else:
            out.append(None)
    return out


def _split(doc: Doc, inner_cuts: dict[int, list[int]]) -> None:
    with doc.retokenize() as retokenizer:
        for i, inner in inner_cuts.items():
            token = doc[i]
            bounds = [0, *inner, len(token.text)]
            pieces = [token.text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
            retokenizer.split(token, pieces, heads=[(token, 0)] * len(pieces))
