"""A faster drop-in for spaCy's `char` segmentation, with exactly the same tokens.

spaCy's Chinese tokenizer in `char` mode splits the text into characters and then
re-aligns them with the text in Python (`util.get_words_and_spaces`), which costs more
than everything our components do. One regular-expression pass gives the same words and
spaces: each non-space character is a token, one following " " becomes its trailing
space, and any other run of white space is a token of its own. Tests check the output
against spaCy's on the whole corpus and on random text. `doc.tokenizer.ReportTokenizer`
uses it for the `char` segmenter.
"""

from __future__ import annotations

import re

# A character, one absorbed space, then the rest of the white space before the next one.
_PIECE = re.compile(r"(\S)( ?)(\s*)")
_LEADING_SPACE = re.compile(r"\s*")
# Without any " " no space is absorbed: a character or a run of white space is a token.
_TOKEN = re.compile(r"\S|\s+")


def char_words_and_spaces(text: str) -> tuple[list[str], list[bool]]:
    """Words and spaces exactly as `spacy.util.get_words_and_spaces(list(text), text)`."""
    if " " not in text:  # most reports: one findall, no per-token Python
        tokens: list[str] = _TOKEN.findall(text)
        return tokens, [False] * len(tokens)
    words: list[str] = []
    spaces: list[bool] = []
    lead = _LEADING_SPACE.match(text)
    start = lead.end() if lead else 0
    if start:
        words.append(text[:start])
        spaces.append(False)
    for match in _PIECE.finditer(text, start):
        char, space, rest = match.groups()
        words.append(char)
        spaces.append(bool(space))
        if rest:
            words.append(rest)
            spaces.append(False)
    return words, spaces
