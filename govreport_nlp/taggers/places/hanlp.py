"""HanLP as an optional statistical NER backend: more PLACE recall for users who have a model.

The rule taggers find what their tables know; a statistical tagger also finds the
development zone or village no table lists. `govreport_hanlp_ner` runs a HanLP NER model
after the rule taggers and merges its output into our layers (docs/hanlp.md):

- a HanLP place (NS, LOC, LOCATION, GPE) where no rule PLACE overlaps becomes a PLACE with
  `attrs["source"] = "hanlp"`, linked through the gazetteer when its name is a division;
- a HanLP organisation (NT, ORG, ORGANIZATION) vetoes, marks or leaves alone the rule PLACE
  spans inside it (晋中 in 晋中职业技术学院), by the `org_policy` option.

HanLP is an optional extra (`pip install "govreport-nlp[hanlp]"`) and is imported only
when the component is built. The model must be a folder on this machine: HanLP's own
`hanlp.load` downloads when given an identifier or URL, so those are refused with the
folder to fetch on a connected machine, and HanLP's and Hugging Face's downloaders are
switched off while the model loads.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from ...doc.attrs import canonical_attrs
from ...doc.layers import SPAN_GROUPS, doc_meta, doc_text, kb_id_of, register_extensions, span_attrs
from ...doc.tokens import split_tokens_at
from ...errors import ConfigError, ModelNotFoundError
from .gazetteer import LEVELS, Division, Gazetteer
from .rules import PlaceTables, parse_lexicon, parse_suffixes, tied

register_extensions()

GROUP = SPAN_GROUPS["PLACE"]
SOURCE = "hanlp"

#: HanLP's place and organisation labels across its corpora (MSRA and PKU: NS/NT,
#: OntoNotes: GPE/LOC/ORG, CoNLL-style: LOCATION/ORGANIZATION), compared case-insensitively.
PLACE_LABELS: tuple[str, ...] = ("NS", "LOC", "LOCATION", "GPE")
ORG_LABELS: tuple[str, ...] = ("NT", "ORG", "ORGANIZATION")
ORG_POLICIES: tuple[str, ...] = ("veto", "keep", "mark")
TOKEN_UNITS: tuple[str, ...] = ("char", "doc")

#: An organisation written right before one of these is a report's title (长治市人民政府工作报告):
#: the guidelines mark its place, so such an organisation vetoes nothing.
TITLE_AFTER: tuple[str, ...] = ("工作报告",)

#: Where a long sentence may be cut before it is given to HanLP (after these characters).
_CUT_AFTER = set("，,；;：:、")

OBTAIN_HINT = (
    "On a machine with internet access run `python -c \"import hanlp; "
    "hanlp.load(hanlp.pretrained.ner.MSRA_NER_ELECTRA_SMALL_ZH)\"` (or the model you want); HanLP "
    "saves it under $HANLP_HOME (default ~/.hanlp), e.g. ~/.hanlp/ner/msra_ner_electra_small_20220215_205503. "
    "Copy that folder (and ~/.cache/huggingface for transformer models) to this machine and pass its path, "
    "or its path relative to $HANLP_HOME. See docs/hanlp.md."
)


# -- finding the model on disk -----------------------------------------------------------


def hanlp_home() -> Path:
    """HanLP's own cache folder: `$HANLP_HOME`, else ~/.hanlp (as HanLP computes it)."""
    return Path(os.environ.get("HANLP_HOME") or Path.home() / ".hanlp")


_IDENTIFIER = re.compile(r"^[A-Z][A-Z0-9_]*$")


def is_remote_name(model: str) -> bool:
    """Whether `model` is something HanLP would download: a URL or a pretrained identifier."""
    return "://" in model or bool(_IDENTIFIER.match(model))


def _identifier_folder(model: str) -> Path | None:
    """Where HanLP keeps the identifier's model under HANLP_HOME, when HanLP is installed."""
    try:
        import hanlp.pretrained
        from hanlp.utils.io_util import path_from_url, split_if_compressed
    except ImportError:
        return None
    url = hanlp.pretrained.ALL.get(model, model)
    if "://" not in url:
        return None
    local, _ = split_if_compressed(path_from_url(url.split("#")[0], str(hanlp_home())))
    return Path(local)


def resolve_model_path(model: str | Path) -> Path:
    """The folder of a saved HanLP model: `model` itself, else `$HANLP_HOME/model`.

    Identifiers (MSRA_NER_ELECTRA_SMALL_ZH) and URLs are refused: loading them downloads.
    """
    name = str(model).strip()
    if not name:
        raise ModelNotFoundError(f"no HanLP model given: pass the folder of a saved HanLP NER model. {OBTAIN_HINT}")
    if is_remote_name(name) and not Path(name).exists():
        folder = _identifier_folder(name)
        where = (
            f" It is already on this machine at {folder}: pass that path."
            if folder is not None and folder.is_dir()
            else ""
        )
        raise ModelNotFoundError(
            f"{name!r} is a HanLP identifier or URL, which HanLP would download; govreport-nlp loads only a "
            f"model folder on this machine.{where} {OBTAIN_HINT}"
        )
    path = Path(name).expanduser()
    tried = [path.resolve()]
    if not path.is_absolute() and not path.exists():
        path = hanlp_home() / path
        tried.append(path)
    if not path.is_dir():
        raise ModelNotFoundError(
            f"no HanLP model folder at {' or '.join(str(p) for p in tried)}. {OBTAIN_HINT}"
        )
    if not ((path / "config.json").is_file() or (path / "meta.json").is_file()):
        raise ModelNotFoundError(
            f"{path} is not a saved HanLP model (no config.json or meta.json in it). {OBTAIN_HINT}"
        )
    return path


@contextmanager
def _offline() -> Iterator[None]:
    """Switch off every download HanLP and Hugging Face could start while a model loads.

    HanLP has no offline switch: a resource its config names by URL is fetched by
    `hanlp.utils.io_util.download`, and a failed load asks PyPI for HanLP's latest version.
    Both are replaced for the duration; Hugging Face reads HF_HUB_OFFLINE/TRANSFORMERS_OFFLINE.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from hanlp.utils import component_util, io_util

    def refuse(url: str = "", *args: Any, **kwargs: Any) -> Any:
        raise ModelNotFoundError(
            f"the HanLP model needs {url or 'a resource'} from the internet, which govreport-nlp never "
            f"downloads at run time. {OBTAIN_HINT}"
        )

    def no_pypi(*args: Any, **kwargs: Any) -> Any:
        raise OSError("offline: not asking PyPI for HanLP's latest version")

    saved = io_util.download, component_util.get_latest_info_from_pypi
    io_util.download = refuse
    component_util.get_latest_info_from_pypi = no_pypi
    try:
        yield
    finally:
        io_util.download, component_util.get_latest_info_from_pypi = saved


def load_model(model: str | Path, *, devices: int = -1) -> Any:
    """Load a saved HanLP component from a local folder (see `resolve_model_path`), offline."""
    path = resolve_model_path(model)
    try:
        import hanlp
    except ImportError as exc:
        raise ModelNotFoundError(
            "HanLP is not installed: install the optional extra with "
            "`pip install \"govreport-nlp[hanlp]\"` (it brings torch, CPU build)."
        ) from exc
    with _offline():
        return hanlp.load(str(path), devices=devices, verbose=False)


# -- running the model -----------------------------------------------------------------


@dataclass(frozen=True)
class Entity:
    """A HanLP entity as character offsets into the Doc's text."""

    start: int
    end: int
    label: str


Unit = tuple[str, int, int]  # token text, start, end (character offsets)


def _units(doc: Doc, tokens: str) -> Iterator[list[Unit]]:
    """Per sentence, the tokens HanLP sees: characters or the Doc's words, white space left out."""
    sentences: Iterable[Span] = doc.sents if doc.has_annotation("SENT_START") else [doc[:]]
    for sent in sentences:
        if tokens == "char":
            base = sent.start_char
            yield [(ch, base + i, base + i + 1) for i, ch in enumerate(sent.text) if not ch.isspace()]
        else:
            yield [(t.text, t.idx, t.idx + len(t.text)) for t in sent if not t.is_space and t.text.strip()]


def chunk(units: Sequence[Unit], max_tokens: int) -> list[list[Unit]]:
    """Cut a sentence longer than `max_tokens` after a comma-like token near the limit (else hard)."""
    out: list[list[Unit]] = []
    rest = list(units)
    while len(rest) > max_tokens:
        cut = max_tokens
        for i in range(max_tokens, max_tokens // 2, -1):
            if rest[i - 1][0] in _CUT_AFTER:
                cut = i
                break
        out.append(rest[:cut])
        rest = rest[cut:]
    if rest:
        out.append(rest)
    return out


def parse_output(raw: Any, n: int, task: str = "") -> list[list[tuple[str, int, int]]]:
    """(label, first token, end token) per input sentence from HanLP's answer.

    A NER component answers a list (per sentence) of (text, label, begin, end) tuples; a
    multi-task model answers a Document (a dict) with the list under a `ner…` key.
    """
    if isinstance(raw, Mapping):
        keys = [task] if task else sorted(k for k in raw if k.startswith("ner"))
        if not keys or keys[0] not in raw:
            raise ConfigError(f"the HanLP model gave no NER output (keys: {sorted(raw)}); set the `task` option")
        raw = raw[keys[0]]
    if not isinstance(raw, list) or len(raw) != n:
        raise ConfigError(f"unexpected HanLP output for {n} sentences: {type(raw).__name__}; is it an NER model?")
    out = []
    for sentence in raw:
        out.append([(str(item[1]), int(item[2]), int(item[3])) for item in sentence])
    return out


class HanLPTagger:
    """A loaded HanLP NER model, fed our sentences, answering entities with character offsets."""

    def __init__(self, model: Any, *, batch_size: int = 32, task: str = "") -> None:
        self.model = model
        self.batch_size = batch_size
        self.task = task
        self.multi_task = any(c.__name__ == "MultiTaskLearning" for c in type(model).__mro__)

    def entities(self, pieces: Sequence[Sequence[Unit]]) -> list[Entity]:
        found: list[Entity] = []
        for i in range(0, len(pieces), self.batch_size):
            batch = [list(p) for p in pieces[i : i + self.batch_size] if p]
            if not batch:
                continue
            words = [[u[0] for u in p] for p in batch]
            if self.multi_task:
                raw = self.model(words, tasks=self.task or "ner*", skip_tasks="tok*")
            else:
                raw = self.model(words, batch_size=self.batch_size)
            for piece, ents in zip(batch, parse_output(raw, len(batch), self.task), strict=True):
                for label, b, e in ents:
                    if 0 <= b < e <= len(piece):
                        found.append(Entity(piece[b][1], piece[e - 1][2], label))
        return found


# -- the merge -------------------------------------------------------------------------


@dataclass(frozen=True)
class MergePolicy:
    """How HanLP's answer changes the PLACE layer (the component's options)."""

    org_policy: str = "veto"
    add_places: bool = True
    min_chars: int = 2
    place_labels: tuple[str, ...] = PLACE_LABELS
    org_labels: tuple[str, ...] = ORG_LABELS

    def __post_init__(self) -> None:
        if self.org_policy not in ORG_POLICIES:
            raise ConfigError(f"unknown org_policy {self.org_policy!r}; choose one of {', '.join(ORG_POLICIES)}")

    def kind_of(self, label: str) -> str | None:
        upper = label.upper()
        if upper in {x.upper() for x in self.place_labels}:
            return "place"
        if upper in {x.upper() for x in self.org_labels}:
            return "org"
        return None


RuleSpan = tuple[int, int, dict[str, Any]]


def merge(
    text: str, rules: Sequence[RuleSpan], entities: Iterable[Entity], policy: MergePolicy
) -> tuple[list[RuleSpan], list[Entity]]:
    """(rule PLACE spans kept, HanLP places to add) under `policy`; documented in docs/hanlp.md.

    An organisation vetoes the rule spans strictly inside it (shorter than it), except
    when a report title follows it. A HanLP place is added only where no kept rule span
    overlaps it, outside every organisation, and when it has `min_chars` characters.
    """
    places: list[Entity] = []
    orgs: list[Entity] = []
    for ent in entities:
        kind = policy.kind_of(ent.label)
        if kind == "place":
            places.append(ent)
        elif kind == "org" and not text.startswith(TITLE_AFTER, ent.end):
            orgs.append(ent)

    def inside_org(start: int, end: int) -> Entity | None:
        for org in orgs:
            if org.start <= start and end <= org.end and end - start < org.end - org.start:
                return org
        return None

    kept: list[RuleSpan] = []
    for start, end, attrs in rules:
        org = inside_org(start, end)
        if org is None or policy.org_policy == "keep":
            kept.append((start, end, attrs))
        elif policy.org_policy == "mark":
            kept.append((start, end, {**attrs, "hanlp_organization": text[org.start : org.end]}))
    added: list[Entity] = []
    if policy.add_places:
        taken = bytearray(len(text))
        for start, end, _ in kept:
            taken[start:end] = b"\x01" * (end - start)
        for ent in sorted(places, key=lambda e: (e.start, -e.end)):
            if ent.end - ent.start < policy.min_chars or any(taken[ent.start : ent.end]):
                continue
            if any(o.start <= ent.start and ent.end <= o.end for o in orgs):
                continue
            if text[ent.start : ent.end] != text[ent.start : ent.end].strip():
                continue
            taken[ent.start : ent.end] = b"\x01" * (ent.end - ent.start)
            added.append(ent)
    return kept, added


# -- attributes of a new place -------------------------------------------------------------


@lru_cache(maxsize=1)
def _kinds() -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Kinds by name (place_lexicon.tsv) and by suffix, longest first (place_suffixes.tsv)."""
    tables = PlaceTables.default()
    lexicon = {entry.name: entry.kind for entry in parse_lexicon(tables.lexicon)}
    suffixes = [(rule.suffix, rule.kind) for rule in parse_suffixes(tables.suffixes)]
    return lexicon, sorted(suffixes, key=lambda s: -len(s[0]))


class PlaceLinker:
    """Attributes of a place HanLP found: the gazetteer's division, else a kind from our tables."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or Gazetteer.default()

    def near(self, meta: Mapping[str, Any]) -> str | None:
        """The code of the report's own place, to prefer divisions close to it."""
        place, year = meta.get("place"), meta.get("year")
        if not isinstance(place, str):
            return None
        rows = self.gazetteer.candidates(place, year=year if isinstance(year, int) else None)
        return rows[0].code if rows else None

    def attrs(self, name: str, *, year: int | None, near: str | None) -> dict[str, Any]:
        divisions: list[Division] = self.gazetteer.candidates(name, year=year, near=near)
        if divisions:
            top = divisions[0]
            attrs: dict[str, Any] = {"kind": "admin", "level": top.level, "full_name": top.full_name, "code": top.code}
            ties = tied(divisions, near)
            if ties:
                attrs["candidates"] = [{"code": d.code, "full_name": d.full_name} for d in ties]
            return attrs
        lexicon, suffixes = _kinds()
        kind = lexicon.get(name)
        if kind in LEVELS:  # a township or village the lexicon knows
            return {"kind": "admin", "level": kind, "full_name": None, "code": None}
        if kind is None:
            kind = next((k for suffix, k in suffixes if name.endswith(suffix) and len(name) > len(suffix)), None)
        return {"kind": kind} if kind else {}


# -- the spaCy component -------------------------------------------------------------------


class HanLPNerMerger:
    """Run a HanLP NER model and merge its places and organisations into `doc.spans["place"]`."""

    def __init__(
        self,
        name: str,
        tagger: HanLPTagger,
        policy: MergePolicy,
        *,
        tokens: str = "char",
        max_tokens: int = 250,
        linker: PlaceLinker | None = None,
    ) -> None:
        if tokens not in TOKEN_UNITS:
            raise ConfigError(f"unknown tokens {tokens!r}; choose one of {', '.join(TOKEN_UNITS)}")
        if max_tokens < 2:
            raise ConfigError(f"max_tokens must be at least 2, not {max_tokens}")
        self.name = name
        self.tagger = tagger
        self.policy = policy
        self.tokens = tokens
        self.max_tokens = max_tokens
        self.linker = linker or PlaceLinker()

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        pieces = [piece for units in _units(doc, self.tokens) for piece in chunk(units, self.max_tokens)]
        entities = self.tagger.entities(pieces)
        old = list(doc.spans[GROUP]) if GROUP in doc.spans else []
        rules = [(s.start_char, s.end_char, span_attrs(s)) for s in old]
        kept, added = merge(text, rules, entities, self.policy)
        if added:
            split_tokens_at(doc, [b for e in added for b in (e.start, e.end)])
        meta = doc_meta(doc)
        year = meta.get("year") if isinstance(meta.get("year"), int) else None
        near = self.linker.near(meta) if added else None
        rows: list[RuleSpan] = list(kept)
        for ent in added:
            attrs = self.linker.attrs(text[ent.start : ent.end], year=year, near=near)
            rows.append((ent.start, ent.end, {**attrs, "source": SOURCE, "hanlp_label": ent.label}))
        kept_keys = {(s, e) for s, e, _ in kept}
        for span in old:  # a vetoed span's attributes go with it
            if (span.start_char, span.end_char) not in kept_keys:
                span._.govreport_attrs = None
        spans = []
        for start, end, attrs in sorted(rows, key=lambda r: (r[0], r[1])):
            span = doc.char_span(start, end, label="PLACE", kb_id=kb_id_of("PLACE", attrs), alignment_mode="strict")
            if span is None:  # a white-space boundary spaCy keeps inside a token
                continue
            span._.govreport_attrs = canonical_attrs("PLACE", attrs)
            spans.append(span)
        doc.spans[GROUP] = spans
        return doc


@Language.factory(
    "govreport_hanlp_ner",
    assigns=["doc.spans"],
    default_config={
        "model": "",
        "org_policy": "veto",
        "add_places": True,
        "min_chars": 2,
        "place_labels": list(PLACE_LABELS),
        "org_labels": list(ORG_LABELS),
        "tokens": "char",
        "max_tokens": 250,
        "batch_size": 32,
        "task": "",
        "device": -1,
    },
)
def make_hanlp_ner(
    nlp: Language,
    name: str,
    model: str,
    org_policy: str,
    add_places: bool,
    min_chars: int,
    place_labels: list[str],
    org_labels: list[str],
    tokens: str,
    max_tokens: int,
    batch_size: int,
    task: str,
    device: int,
) -> HanLPNerMerger:
    """Factory for `nlp.add_pipe("govreport_hanlp_ner", config={"model": FOLDER})`.

    `model` defaults to `$GOVREPORT_HANLP_MODEL`; the model is loaded here, so a missing
    folder is reported when the pipeline is built, not at the first document.
    """
    policy = MergePolicy(org_policy, add_places, min_chars, tuple(place_labels), tuple(org_labels))
    loaded = load_model(model or os.environ.get("GOVREPORT_HANLP_MODEL", ""), devices=device)
    return HanLPNerMerger(name, HanLPTagger(loaded, batch_size=batch_size, task=task), policy, tokens=tokens,
                          max_tokens=max_tokens)


# -- training a model with HanLP's own trainer -------------------------------------------------


def bio_lines(text: str, spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """One sentence in HanLP's TSV tagging format: `char<TAB>tag` lines (BIO), white space left out."""
    tags = ["O"] * len(text)
    for start, end, label in spans:
        tags[start] = f"B-{label}"
        for i in range(start + 1, end):
            tags[i] = f"I-{label}"
    return [f"{ch}\t{tag}" for ch, tag in zip(text, tags, strict=True) if not ch.isspace()]


def training_sentences(
    docs: Iterable[Mapping[str, Any]], *, organisations: Iterable[str] = (), max_chars: int = 80
) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Sentences of govreport-nlp/1 documents with their PLACE spans as NS, for HanLP's trainer.

    Each given organisation name is tagged NT wherever it is written (the gold set has no
    organisation layer). Sentences without an entity or longer than `max_chars` are left out.
    """
    names = sorted(set(organisations), key=len, reverse=True)
    out = []
    for doc in docs:
        text: str = doc["text"]
        places = [(s["start"], s["end"]) for s in doc["spans"] if s["label"] == "PLACE"]
        for m in re.finditer(r"[^。！？!?\n]+[。！？!?]?", text):
            a, b = m.span()
            sentence = text[a:b]
            if b - a > max_chars or not sentence.strip():
                continue
            ents = [(s - a, e - a, "NS") for s, e in places if a <= s and e <= b]
            for org in names:
                for hit in re.finditer(re.escape(org), sentence):
                    if not any(s < hit.end() and hit.start() < e for s, e, _ in ents):
                        ents.append((hit.start(), hit.end(), "NT"))
            if ents:
                out.append((sentence, sorted(ents)))
    return out


def write_tsv(sentences: Iterable[tuple[str, list[tuple[int, int, str]]]], path: Path) -> Path:
    lines: list[str] = []
    for sentence, ents in sentences:
        lines += bio_lines(sentence, ents) + [""]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def train_rnn_ner(train_tsv: Path, dev_tsv: Path, save_dir: Path, *, epochs: int = 15, seed: int = 1) -> Path:
    """Train HanLP's BiLSTM tagger (random character embeddings, no download) and save it.

    Small and fast, for tests and trials, not for quality. The CRF layer is off: with it
    HanLP 2.1.5 on torch 2.x did not learn in our trials, and it can emit tag sequences
    HanLP's decoder rejects.
    """
    import torch
    from hanlp.components.ner.rnn_ner import RNNNamedEntityRecognizer

    tagger = RNNNamedEntityRecognizer()
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # a model this small only loses time to more threads on a shared machine
    try:
        with _offline():
            tagger.fit(str(train_tsv), str(dev_tsv), str(save_dir), epochs=epochs, embed=50, rnn_hidden=64,
                       batch_size=8, lr=0.01, drop=0.1, crf=False, anneal_factor=None, patience=epochs,
                       tagging_scheme="BIO", seed=seed, devices=-1, verbose=False)
    finally:
        torch.set_num_threads(threads)
    return save_dir
