"""`govreport_programs`: PROGRAM spans (named policy initiatives) with `canonical` and `title`.

The rules (`program_rules`) read the characters, so what a segmenter does with 乡村振兴战略
does not matter; the component then splits tokens at the span edges so that every
PROGRAM is a whole-token span. The lexicon is saved with the pipeline (`programs.tsv`),
so a saved pipeline keeps the programmes it was built with, and users can extend it.

Options (`nlp.add_pipe("govreport_programs", config={...})`): `spans_key`, the `doc.spans`
key to write; `lexicon`, a TSV file of rows in `data/program_lexicon.tsv`'s format
(canonical, |-separated aliases, class, description, source). Its rows come before the
bundled ones (a name in both is the user's row) and are saved with the pipeline.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import ensure_path

from ...doc.layers import SPAN_GROUPS, doc_text, layer_key, register_extensions, write_layer
from ...doc.user_tables import UserTables
from ...errors import ConfigError
from .lexicon import merge_lexicons
from .rules import ProgramEntry, ProgramRules, default_lexicon, lexicon_tsv, parse_lexicon

register_extensions()

GROUP = SPAN_GROUPS["PROGRAM"]
PLACES = SPAN_GROUPS["PLACE"]  # written by the place tagger, which runs before this one
LEXICON_FILE = "programs.tsv"


def _names_trimmed(attrs: dict[str, Any]) -> dict[str, Any]:
    """The attributes with white space off the edges of the names (“三北 ” is 三北), as off the span's."""
    return {k: v.strip() if k in ("canonical", "title") and isinstance(v, str) else v for k, v in attrs.items()}


class ProgramTagger:
    """Mark programmes in `doc.spans["program"]`, their attributes in `span._.attrs`."""

    def __init__(
        self,
        name: str = "govreport_programs",
        *,
        lexicon: tuple[ProgramEntry, ...] | None = None,
        spans_key: str = GROUP,
        user_lexicon: str | Path | None = None,
    ) -> None:
        self.name = name
        self.spans_key = spans_key
        self.user = UserTables(name)
        added = self.user.read(user_lexicon, "PROGRAM lexicon")
        if added.strip():
            try:
                rows = parse_lexicon(added)
            except ValueError as exc:
                raise ConfigError(f"{name}: {user_lexicon}: {exc}") from exc
            lexicon = merge_lexicons(rows, lexicon if lexicon is not None else default_lexicon())
        self.rules = ProgramRules(lexicon)

    def __call__(self, doc: Doc) -> Doc:
        self.user.check()
        text = doc_text(doc)
        key = layer_key(doc, "PLACE")
        places = [(s.start_char, s.end_char) for s in doc.spans[key]] if key in doc.spans else None
        found = self.rules.find(text, sentence_bounds(doc, len(text)), places)
        rows = ((p.start, p.end, _names_trimmed(p.attrs)) for p in found)
        write_layer(doc, "PROGRAM", rows, spans_key=self.spans_key)
        return doc

    def to_disk(self, path: str | Path, *, exclude: Any = tuple()) -> None:
        folder: Path = ensure_path(path)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / LEXICON_FILE).write_text(lexicon_tsv(self.rules.lexicon), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Any = tuple()) -> ProgramTagger:
        table = ensure_path(path) / LEXICON_FILE
        if table.exists():
            self.rules = ProgramRules(parse_lexicon(table.read_text(encoding="utf-8")))
            self.user.loaded()
        return self


@Language.factory(
    "govreport_programs",
    assigns=["doc.spans"],
    default_config={"spans_key": GROUP, "lexicon": None},
)
def make_programs(nlp: Language, name: str, spans_key: str, lexicon: str | None) -> ProgramTagger:
    """Factory for `nlp.add_pipe("govreport_programs", config={"lexicon": "programs.tsv"})` (options above)."""
    return ProgramTagger(name, lexicon=default_lexicon(), spans_key=spans_key, user_lexicon=lexicon)


def sentence_bounds(doc: Doc, length: int) -> list[tuple[int, int]] | None:
    """(start, end) of each sentence from the tokens' sentence starts (vectorised: `doc.sents`
    walks a per-character Doc of a long report token by token)."""
    if not len(doc) or not doc.has_annotation("SENT_START"):
        return None
    table = doc.to_array([SENT_START, IDX])
    starts = table[table[:, 0] == 1, 1].tolist()
    if not starts or starts[0] != 0:
        starts = [0, *starts]
    ends = [*starts[1:], length]
    return list(zip(starts, ends, strict=True))


def program_spans(doc: Doc) -> list[Span]:
    """The PROGRAM spans of a Doc (empty when the tagger did not run)."""
    key = layer_key(doc, "PROGRAM")
    return list(doc.spans[key]) if key in doc.spans else []
