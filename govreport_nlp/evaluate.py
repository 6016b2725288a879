"""Score predicted annotations against gold annotations, both in `govreport-nlp/2` JSON (or /1, upgraded).

Works on any JSONL in the export schema — our gold set, a user's corrections exported
from a labeling tool — so every tagger's figures come from one place:

- per label precision / recall / F1 for exact spans and for overlapping spans;
- attribute accuracy on exactly matched spans (PLACE code and kind; QUANTITY value, unit,
  comparator, kind, change; COMMITMENT strength; PROGRAM canonical), counting only pairs
  where the gold span has the attribute;
- a confusion summary: for each gold span, which labels the prediction put over it;
- the worst misses with their context: gold spans nothing overlapped, then boundary errors.

Gold documents may say which split they belong to (`meta.split`: `dev`, where rules are
tuned and errors are read, or `test`, which is only ever scored) and whether they carry
their heading (`meta.headed`). `score_splits` then scores each split, and within it the
passages with and without headings, side by side; errors are listed for dev only.
"""

from __future__ import annotations

import json
import math
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language

from .doc.layers import LABELS
from .errors import GovReportError, InputError
from .export import text_sha256, upgrade, validate

#: Attributes whose accuracy is reported, per label.
SCORED_ATTRS: dict[str, tuple[str, ...]] = {
    "PLACE": ("kind", "code"),
    "PROGRAM": ("canonical",),
    "QUANTITY": ("value", "unit", "comparator", "kind", "change"),
    "COMMITMENT": ("strength", "indicator"),
}
NONE = "—"


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Documents from a JSONL file, from every `*.jsonl` directly inside a folder, or from
    standard input (`-`)."""
    if str(path) == "-":
        return _documents([("<stdin>", sys.stdin.read().splitlines())], "<stdin>")
    path = Path(path)
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    if not files or not all(f.is_file() for f in files):
        raise InputError(f"{path}: no JSONL file to read")
    sources = []
    for file in files:
        try:
            sources.append((str(file), file.read_text(encoding="utf-8").splitlines()))
        except UnicodeDecodeError as exc:
            raise InputError(f"{file}: not UTF-8 text ({exc})") from exc
    return _documents(sources, str(path))


def _documents(sources: list[tuple[str, list[str]]], name: str) -> list[dict[str, Any]]:
    """The checked documents of (file name, lines) pairs; an error names the file and line."""
    docs = []
    for file, lines in sources:
        for no, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                data = upgrade(json.loads(line))  # a govreport-nlp/1 document is read as /2
                validate(data)
            except (json.JSONDecodeError, GovReportError) as exc:
                raise InputError(f"{file}:{no}: {exc}") from exc
            except RecursionError as exc:
                raise InputError(f"{file}:{no}: nested deeper than a document can be") from exc
            docs.append(data)
    if not docs:  # an empty file is a mistake upstream, never "nothing to do"
        raise InputError(f"{name}: no document in it (the file is empty)")
    return docs


#: Relative difference under which two values are the same figure. The rules round a ratio
#: to 6 decimals (1:7 → 0.142857), exactly 1e-6 from the gold's 1/7; the slack above 1e-6
#: keeps that a match whether 1/7 is written as a full double (govreport-nlp/1) or to 15
#: significant digits (/2, 0.142857142857143).
VALUE_TOLERANCE = 1.000001e-6


def same_value(gold: Any, pred: Any) -> bool:
    if isinstance(gold, (int, float)) and isinstance(pred, (int, float)):
        return math.isclose(gold, pred, rel_tol=VALUE_TOLERANCE, abs_tol=1e-9)
    return bool(gold == pred)


@dataclass
class PRF:
    """Counts behind precision, recall and F1 (precision and recall may count differently)."""

    matched_pred: int = 0
    pred: int = 0
    matched_gold: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.matched_pred / self.pred if self.pred else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else (1.0 if not self.pred else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "gold": self.gold,
            "pred": self.pred,
            "matched_gold": self.matched_gold,
            "matched_pred": self.matched_pred,
        }


@dataclass
class Miss:
    """A gold span the prediction did not match exactly (or a spurious prediction)."""

    doc: str
    label: str
    start: int
    end: int
    text: str
    context: str
    kind: str  # "missed" (nothing overlaps), "boundary", "wrong label", "spurious" (no gold of its label)
    predicted: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class EvalReport:
    """Everything `evaluate` reports; `to_dict` is the `--json` output."""

    documents: int
    exact: dict[str, PRF]
    overlap: dict[str, PRF]
    attributes: dict[str, dict[str, tuple[int, int]]]  # label -> attr -> (correct, total)
    confusion: dict[str, Counter[str]]  # gold label -> predicted label (or NONE) -> count
    misses: dict[str, list[Miss]]

    def f1(self, label: str) -> float:
        return self.exact[label].f1

    def to_dict(self, worst: int = 10) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "labels": {
                label: {
                    "exact": self.exact[label].to_dict(),
                    "overlap": self.overlap[label].to_dict(),
                    "attributes": {
                        attr: {"accuracy": round(c / t, 4) if t else None, "correct": c, "total": t}
                        for attr, (c, t) in self.attributes[label].items()
                    },
                    "confusion": dict(self.confusion[label]),
                    "worst": [m.to_dict() for m in self.misses[label][:worst]],
                }
                for label in LABELS
            },
        }

    def format(self, worst: int = 5) -> str:
        lines = [f"documents: {self.documents}", ""]
        lines.append(f"{'label':<11} {'exact P':>8} {'R':>6} {'F1':>6}   {'overlap P':>9} {'R':>6} {'F1':>6}"
                     f"   {'gold':>5} {'pred':>5}")
        for label in LABELS:
            e, o = self.exact[label], self.overlap[label]
            lines.append(
                f"{label:<11} {e.precision:>8.3f} {e.recall:>6.3f} {e.f1:>6.3f}   {o.precision:>9.3f} "
                f"{o.recall:>6.3f} {o.f1:>6.3f}   {e.gold:>5} {e.pred:>5}"
            )
        lines += ["", "attribute accuracy on exact matches:"]
        for label in LABELS:
            parts = [
                f"{attr} {c}/{t}" + (f" ({c / t:.3f})" if t else "")
                for attr, (c, t) in self.attributes[label].items()
            ]
            lines.append(f"  {label:<11} " + "; ".join(parts))
        lines += ["", f"confusion (gold label -> labels predicted over it; {NONE} = nothing):"]
        for label in LABELS:
            row = ", ".join(f"{k} {v}" for k, v in self.confusion[label].most_common())
            lines.append(f"  {label:<11} {row}")
        for label in LABELS:
            if self.misses[label][:worst]:
                lines += ["", f"worst {label} errors:"]
                for m in self.misses[label][:worst]:
                    lines.append(f"  [{m.kind}] {m.doc}@{m.start}: {m.text!r} in …{m.context}…"
                                 + (f" (predicted: {', '.join(m.predicted)})" if m.predicted else ""))
        return "\n".join(lines)


def context_of(text: str, start: int, end: int, width: int = 12) -> str:
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    return f"{left}[{text[start:end]}]{right}".replace("\n", "⏎").replace("\r", "")


def _key(doc: dict[str, Any]) -> str:
    return doc["meta"].get("sha256") or text_sha256(doc["text"])


def pair_documents(
    gold: Sequence[dict[str, Any]], pred: Sequence[dict[str, Any]]
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Pair each gold document with the prediction for the same text (by checksum)."""
    by_text = {text_sha256(p["text"]): p for p in pred}
    pairs = []
    for g in gold:
        p = by_text.get(text_sha256(g["text"]))
        if p is None:
            raise InputError(f"no prediction for gold document {g['meta'].get('id')!r} (texts are matched exactly)")
        pairs.append((g, p))
    return pairs


def score(pairs: Iterable[tuple[dict[str, Any], dict[str, Any]]]) -> EvalReport:
    """Compare (gold, predicted) document pairs over the same texts."""
    exact = {label: PRF() for label in LABELS}
    overlap = {label: PRF() for label in LABELS}
    attrs: dict[str, dict[str, list[int]]] = {
        label: {a: [0, 0] for a in SCORED_ATTRS[label]} for label in LABELS
    }
    confusion: dict[str, Counter[str]] = {label: Counter() for label in LABELS}
    misses: dict[str, list[Miss]] = defaultdict(list)
    n_docs = 0
    for gold_doc, pred_doc in pairs:
        n_docs += 1
        if gold_doc["text"] != pred_doc["text"]:
            raise InputError(f"gold and prediction differ in text for {gold_doc['meta'].get('id')!r}")
        text = gold_doc["text"]
        doc_id = str(gold_doc["meta"].get("id") or _key(gold_doc)[:12])
        gold_spans, pred_spans = gold_doc["spans"], pred_doc["spans"]
        for label in LABELS:
            g = [s for s in gold_spans if s["label"] == label]
            p = [s for s in pred_spans if s["label"] == label]
            p_by_offsets = {(s["start"], s["end"]): s for s in p}
            g_offsets = {(s["start"], s["end"]) for s in g}
            exact[label].gold += len(g)
            exact[label].pred += len(p)
            same = len(g_offsets & p_by_offsets.keys())  # one span per offsets within a layer
            exact[label].matched_gold += same
            exact[label].matched_pred += same
            overlap[label].gold += len(g)
            overlap[label].pred += len(p)
            overlap[label].matched_gold += sum(any(_overlaps(a, b) for b in p) for a in g)
            overlap[label].matched_pred += sum(any(_overlaps(a, b) for b in g) for a in p)
            for gs in g:
                match = p_by_offsets.get((gs["start"], gs["end"]))
                if match is not None:
                    for attr in SCORED_ATTRS[label]:
                        if gs["attrs"].get(attr) not in (None, []):  # an empty list: no indicator named
                            attrs[label][attr][1] += 1
                            attrs[label][attr][0] += same_value(gs["attrs"][attr], match["attrs"].get(attr))
            for gs in g:
                over = sorted({s["label"] for s in pred_spans if _overlaps(gs, s)}, key=LABELS.index)
                confusion[label].update(over or [NONE])
                if (gs["start"], gs["end"]) in p_by_offsets:
                    continue
                kind = "boundary" if label in over else ("wrong label" if over else "missed")
                misses[label].append(Miss(doc_id, label, gs["start"], gs["end"], gs["text"],
                                          context_of(text, gs["start"], gs["end"]), kind, over))
            for ps in p:
                if not any(_overlaps(ps, gs) for gs in g):
                    misses[label].append(Miss(doc_id, label, ps["start"], ps["end"], ps["text"],
                                              context_of(text, ps["start"], ps["end"]), "spurious"))
    order = {"missed": 0, "wrong label": 1, "spurious": 2, "boundary": 3}
    for label in misses:
        misses[label].sort(key=lambda m: (order[m.kind], m.doc, m.start))
    return EvalReport(
        documents=n_docs,
        exact=exact,
        overlap=overlap,
        attributes={label: {a: (c, t) for a, (c, t) in v.items()} for label, v in attrs.items()},
        confusion=confusion,
        misses={label: misses.get(label, []) for label in LABELS},
    )


def _overlaps(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return bool(a["start"] < b["end"] and b["start"] < a["end"])


def check_baseline(report: EvalReport, baseline: dict[str, Any], tolerance: float = 0.02) -> list[str]:
    """Labels whose exact F1 fell more than `tolerance` below the recorded baseline."""
    drops = []
    for label, recorded in baseline.get("f1", {}).items():
        now = report.f1(label)
        if now < recorded - tolerance:
            drops.append(f"{label}: F1 {now:.4f} < baseline {recorded:.4f} - {tolerance}")
    return drops


def baseline_of(report: EvalReport, segmenter: str) -> dict[str, Any]:
    return {
        "segmenter": segmenter,
        "documents": report.documents,
        "f1": {label: round(report.f1(label), 4) for label in LABELS},
    }


def predict(gold: Sequence[dict[str, Any]], nlp: Language) -> list[dict[str, Any]]:
    """Run the pipeline over the gold texts (the predictions `score` compares)."""
    from .annotate import annotate_many

    return list(annotate_many(((g["text"], {"id": g["meta"].get("id")}) for g in gold), nlp))


def evaluate(gold: Sequence[dict[str, Any]], nlp: Language) -> EvalReport:
    """Score the pipeline `nlp` on gold documents."""
    return score(pair_documents(gold, predict(gold, nlp)))


#: The gold splits, test first: test figures are the ones to report.
SPLITS = ("test", "dev")


def split_groups(gold: Sequence[dict[str, Any]]) -> dict[str, list[int]]:
    """Indices of the documents in each split and, per split, with and without headings.

    Gold without `meta.split` (a user's own) is one group, `all`; empty groups are left out.
    """
    if not any(d["meta"].get("split") for d in gold):
        return {"all": list(range(len(gold)))}
    groups: dict[str, list[int]] = {}
    for split in SPLITS:
        members = [i for i, d in enumerate(gold) if (d["meta"].get("split") or "dev") == split]
        groups[split] = members
        groups[f"{split} · with headings"] = [i for i in members if gold[i]["meta"].get("headed", True)]
        groups[f"{split} · excerpts"] = [i for i in members if not gold[i]["meta"].get("headed", True)]
    return {name: members for name, members in groups.items() if members}  # no figures for nothing


def score_splits(pairs: Sequence[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, EvalReport]:
    """One report per group of `split_groups` (the pairs' gold documents decide the groups)."""
    groups = split_groups([g for g, _ in pairs])
    return {name: score(pairs[i] for i in members) for name, members in groups.items()}


def splits_to_dict(reports: dict[str, EvalReport], worst: int = 10) -> dict[str, Any]:
    """The `--json` output: one report (gold without splits), or one per split group, with
    worst errors only outside the test split."""
    if set(reports) == {"all"}:
        return reports["all"].to_dict(worst)
    return {
        "splits": {
            name: report.to_dict(0 if name.startswith("test") else worst) for name, report in reports.items()
        }
    }


def format_splits(reports: dict[str, EvalReport], worst: int = 5) -> str:
    """Splits side by side (exact and overlap F1, attributes), then dev's details and worst errors."""
    if set(reports) == {"all"}:
        return reports["all"].format(worst)
    names = [n for n in reports if " · " not in n]
    parts = [n for n in reports if " · " in n]
    lines = ["exact P / R / F1 (overlap F1), documents per split: "
             + ", ".join(f"{n} {reports[n].documents}" for n in names), ""]
    lines.append(f"{'label':<11}" + "".join(f" {n:>30}" for n in names))
    for label in LABELS:
        cells = []
        for n in names:
            e, o = reports[n].exact[label], reports[n].overlap[label]
            cells.append(f"{e.precision:.3f} / {e.recall:.3f} / {e.f1:.3f} ({o.f1:.3f})")
        lines.append(f"{label:<11}" + "".join(f" {c:>30}" for c in cells))
    lines += ["", "exact F1 with headings and on excerpts (documents): "
              + ", ".join(f"{n} {reports[n].documents}" for n in parts), ""]
    lines.append(f"{'label':<11}" + "".join(f" {n:>22}" for n in parts))
    for label in LABELS:
        lines.append(f"{label:<11}" + "".join(f" {reports[n].exact[label].f1:>22.3f}" for n in parts))
    lines += ["", "attribute accuracy on exact matches:"]
    for n in names:
        for label in LABELS:
            attrs = "; ".join(
                f"{attr} {c}/{t}" + (f" ({c / t:.3f})" if t else "")
                for attr, (c, t) in reports[n].attributes[label].items()
            )
            lines.append(f"  {n:<5} {label:<11} {attrs}")
    if "dev" in reports:
        lines += ["", "── dev in detail (the test split's errors are never listed) ──", reports["dev"].format(worst)]
    return "\n".join(lines)


def check_split_baselines(
    reports: dict[str, EvalReport], baseline: dict[str, Any], tolerance: float = 0.02
) -> list[str]:
    """Drops below a baseline: per split when it records splits, else over the whole gold."""
    if "splits" not in baseline:
        if "all" not in reports:
            raise InputError("this baseline records no splits but the gold has them; write it anew (--write-baseline)")
        return check_baseline(reports["all"], baseline, tolerance)
    drops = []
    for split, recorded in baseline["splits"].items():
        if split not in reports:
            drops.append(f"{split}: no gold documents of this split")
            continue
        drops += [f"{split} {line}" for line in check_baseline(reports[split], recorded, tolerance)]
    return drops


def split_baseline_of(reports: dict[str, EvalReport], segmenter: str) -> dict[str, Any]:
    if set(reports) == {"all"}:
        return baseline_of(reports["all"], segmenter)
    return {
        "segmenter": segmenter,
        "splits": {
            split: {"documents": reports[split].documents,
                    "f1": {label: round(reports[split].f1(label), 4) for label in LABELS}}
            for split in SPLITS if split in reports
        },
    }
