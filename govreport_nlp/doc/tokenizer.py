"""The pipeline's tokenizer: normalisation first, then word segmentation.

Our rules are written for clean Simplified text (docs/input.md). If only `annotate()`
normalised, `nlp(text)`, `nlp.pipe(texts)` and a pipeline loaded with `spacy.load` would
see Traditional script, full-width digits and page chrome raw, and find other spans. So
normalisation lives here, in the tokenizer every one of those paths calls: the Doc's
text is the normalised text, and the user's text with the offset map back to it is on the
Doc (`doc._.govreport_source`), which is how `doc_to_json` points every span into the
text the user gave.

The tokenizer is registered as `govreport_nlp.zh_tokenizer.v1` (also through the
`spacy_tokenizers` entry point, so `spacy.load` finds it without importing us first). It
is spaCy's Chinese tokenizer underneath: the same segmenters (pkuseg, jieba, char), the
same saved pkuseg model, plus a fast path for `char` with exactly spaCy's char tokens.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.lang.zh import ChineseTokenizer
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from ..ingest.prepare import Prepared, prepare
from .char_tokenizer import char_words_and_spaces
from .layers import set_doc_meta, set_doc_source, share_text

TOKENIZER_NAME = "govreport_nlp.zh_tokenizer.v1"


class ReportTokenizer(ChineseTokenizer):
    """spaCy's Chinese tokenizer over the normalised text of a report.

    `normalize=False` makes it a plain segmenter (the Doc's text is the text given);
    `clean=False` keeps page chrome in the analysis (`annotate(clean=False)`).
    """

    def __init__(self, vocab: Vocab, segmenter: str = "char", *, normalize: bool = True, clean: bool = True) -> None:
        super().__init__(vocab, segmenter=segmenter)  # type: ignore[arg-type]
        self.normalize = normalize
        self.clean = clean

    def __call__(self, text: str) -> Doc:
        if not self.normalize:
            return self.segment(text)
        return self.from_prepared(prepare(text, clean=self.clean))

    def segment(self, text: str) -> Doc:
        """Words of `text` as it is (no normalisation): what every path ends in."""
        if self.segmenter == "char":  # spaCy re-aligns char tokens in Python; one regex pass is the same
            words, spaces = char_words_and_spaces(text)
            doc = Doc(self.vocab, words=words, spaces=spaces)
        else:
            doc = super().__call__(text)
        share_text(doc, text)  # the components read the text; spaCy would rebuild it from the tokens
        return doc

    def from_prepared(self, prepared: Prepared) -> Doc:
        """A Doc over the normalised text, with the user's text, the offset map and what ingest found."""
        return attach_prepared(self.segment(prepared.text), prepared)

    def _get_config(self) -> dict[str, Any]:
        return {**super()._get_config(), "normalize": self.normalize, "clean": self.clean}

    def _set_config(self, config: dict[str, Any] | None = None) -> None:
        config = config or {}
        super()._set_config(config)
        self.normalize = bool(config.get("normalize", True))
        self.clean = bool(config.get("clean", True))


def attach_prepared(doc: Doc, prepared: Prepared) -> Doc:
    """Record on `doc` (whose text is `prepared.text`) where it came from."""
    if prepared.text != prepared.source:
        set_doc_source(doc, {"text": prepared.source, "offsets": prepared.offsets.to_json()})
    set_doc_meta(doc, {**prepared.meta})
    return doc


@registry.tokenizers(TOKENIZER_NAME)
def create_tokenizer(
    segmenter: str = "char", normalize: bool = True, clean: bool = True
) -> Callable[[Language], ReportTokenizer]:
    """spaCy config entry: `[nlp.tokenizer] @tokenizers = "govreport_nlp.zh_tokenizer.v1"`."""

    def make(nlp: Language) -> ReportTokenizer:
        return ReportTokenizer(nlp.vocab, segmenter, normalize=normalize, clean=clean)

    return make


def segment(nlp: Language, text: str) -> Doc:
    """Tokens of `text` exactly as given, whatever tokenizer `nlp` has (ours normalises in `nlp(text)`)."""
    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, ReportTokenizer):
        return tokenizer.segment(text)
    return nlp.make_doc(text)


def normalizes(nlp: Language, *, clean: bool = True) -> bool:
    """Whether `nlp(text)` normalises text as `annotate(..., clean=clean)` does."""
    tokenizer = nlp.tokenizer
    return isinstance(tokenizer, ReportTokenizer) and tokenizer.normalize and tokenizer.clean == clean
