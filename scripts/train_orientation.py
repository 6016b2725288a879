"""Train the paragraph orientation model of the COMMITMENT tagger from report headings.

Weak labels: in every full report of `corpus/reports/` and the shared corpus (national,
county, provincial-2026), each paragraph (a line of at least MIN_CJK Chinese characters
that is not a heading) under a section the structure component orients is an example of
that orientation (`plan` or `review`); paragraphs under no oriented heading are left out.
Reports with passages in the gold **test** split (`corpus/gold/sources/passages.jsonl`,
its `split` and `source` fields) are left out too, so test figures stay those of
unseen reports.

Model: logistic regression over the paragraph's character unigrams and bigrams (present
or not; digits folded to 0, Latin letters to A; n-grams seen in at least MIN_DF paragraphs),
score = Σ weights / √(n-grams) + bias, classes weighted to balance, L2-regularised,
full-batch AdaGrad for a fixed number of steps from zero weights: the same data give
the same file. Held-out accuracy: five folds by report (every fifth report, sorted by
name), printed for all paragraphs and for those beyond the margin.

    python scripts/train_orientation.py --shared ../shared/corpus [--check] [--heads]

writes `govreport_nlp/data/commitment_orientation.tsv` (`--check` only prints figures).
`--heads` prints the clause-initial words far more frequent in plan than in review
paragraphs, with their counts: the source of the action verbs (`_ACTION`) by which the
COMMITMENT rules tell a plan that lists actions from one that argues.
"""

from __future__ import annotations

import argparse
import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from govreport_nlp.ingest.prepare import load_source, prepare
from govreport_nlp.ingest.structure import find_sections, orientation_at
from govreport_nlp.taggers.commitments.orientation import (
    MIN_CJK,
    MODEL_FILE,
    PLAN,
    REVIEW,
    OrientationModel,
    features,
    paragraphs,
)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "govreport_nlp" / "data" / MODEL_FILE
PASSAGES = ROOT / "corpus" / "gold" / "sources" / "passages.jsonl"
MIN_DF = 3
L2 = 1e-4
STEPS = 300
RATE = 0.5
#: Scores within ±MARGIN are "other": the held-out accuracy beyond it is printed.
MARGIN = 0.5
FOLDS = 5


@dataclass(frozen=True)
class Example:
    report: str
    label: str
    text: str


def test_reports() -> set[str]:
    """File names of the reports with passages in the gold test split."""
    out = set()
    for line in PASSAGES.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["split"] == "test":
            out.add(Path(record["source"]).name)
    return out


def report_files(shared: Path) -> list[Path]:
    files = sorted((ROOT / "corpus" / "reports").glob("*.txt"))
    for folder in ("national", "county-gbk", "provincial-2026"):
        files += sorted((shared / folder).glob("*.txt"))
    return files


def examples(path: Path) -> list[Example]:
    """The report's paragraphs under an oriented heading, with that orientation."""
    source, _ = load_source(path)
    text = prepare(source).text
    sections = find_sections(text)
    heads = {s.start for s in sections}
    out = []
    for start, end in paragraphs(text):
        paragraph = text[start:end]
        if start in heads or sum("\u4e00" <= c <= "\u9fff" for c in paragraph) < MIN_CJK:
            continue
        label = orientation_at(sections, start)
        if label in (PLAN, REVIEW):
            out.append(Example(path.name, label, paragraph))
    return out


def train(data: list[Example]) -> OrientationModel:
    """Logistic regression, deterministic (fixed steps from zero, sorted vocabulary)."""
    df = Counter(f for ex in data for f in features(ex.text))
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in df.items() if n >= MIN_DF))}
    index: list[int] = []
    bounds = [0]
    for ex in data:
        index += sorted(vocab[f] for f in features(ex.text) if f in vocab)
        bounds.append(len(index))
    idx = np.array(index, dtype=np.int64)
    rows = np.repeat(np.arange(len(data)), np.diff(bounds))
    scale = 1.0 / np.sqrt(np.maximum(np.diff(bounds), 1))
    y = np.array([1.0 if ex.label == PLAN else 0.0 for ex in data])
    weight = np.where(y == 1, 0.5 / y.mean(), 0.5 / (1 - y.mean())) / len(data)
    w = np.zeros(len(vocab))
    b = 0.0
    g2 = np.full(len(vocab), 1e-8)
    gb2 = 1e-8
    for _ in range(STEPS):
        z = np.bincount(rows, weights=w[idx], minlength=len(data)) * scale + b
        err = (1.0 / (1.0 + np.exp(-z)) - y) * weight
        g = np.bincount(idx, weights=(err * scale)[rows], minlength=len(vocab)) + L2 * w
        gb = float(err.sum())
        g2 += g * g
        gb2 += gb * gb
        w -= RATE * g / np.sqrt(g2)
        b -= RATE * gb / math.sqrt(gb2)
    names = sorted(vocab, key=vocab.__getitem__)
    weights = {f: round(float(w[i]), 4) for i, f in enumerate(names) if abs(w[i]) >= 5e-5}
    return OrientationModel(weights, round(b, 6), MARGIN)


def held_out(data: list[Example]) -> dict[str, float]:
    """Accuracy by report folds: on all paragraphs, and on those beyond the margin (coverage)."""
    reports = sorted({ex.report for ex in data})
    fold = {r: i % FOLDS for i, r in enumerate(reports)}
    right = total = sure = sure_right = 0
    for k in range(FOLDS):
        model = train([ex for ex in data if fold[ex.report] != k])
        for ex in data:
            if fold[ex.report] != k:
                continue
            s = model.score(ex.text)
            ok = (s > 0) == (ex.label == PLAN)
            total += 1
            right += ok
            if abs(s) >= MARGIN:
                sure += 1
                sure_right += ok
    return {
        "paragraphs": total,
        "accuracy": right / total,
        "coverage beyond margin": sure / total,
        "accuracy beyond margin": sure_right / max(sure, 1),
    }


def clause_heads(data: list[Example], top: int = 250) -> list[tuple[str, int, int]]:
    """Two-character clause openings (after 我们/今年/要 … ) by how much likelier they are in plans."""
    from govreport_nlp.taggers.commitments.rules import _HEAD, CommitmentRules

    counts: dict[str, Counter[str]] = {PLAN: Counter(), REVIEW: Counter()}
    for ex in data:
        for start, _end in CommitmentRules.clauses(ex.text):
            head = _HEAD.match(ex.text, start).end()  # type: ignore[union-attr]  # matches ""
            counts[ex.label][ex.text[head : head + 2]] += 1
    plan_total, review_total = sum(counts[PLAN].values()), sum(counts[REVIEW].values())

    def ratio(word: str) -> float:
        return counts[PLAN][word] / plan_total / ((counts[REVIEW][word] + 1) / review_total)

    frequent = [w for w, n in counts[PLAN].items() if n >= 15]
    ranked = sorted(frequent, key=lambda w: (-ratio(w), w))[:top]
    return [(w, counts[PLAN][w], counts[REVIEW][w]) for w in ranked]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--check", action="store_true", help="print the held-out figures, write nothing")
    parser.add_argument("--heads", action="store_true", help="print the clause openings of plans, write nothing")
    args = parser.parse_args()
    skip = test_reports()
    used = [p for p in report_files(args.shared) if p.name not in skip]
    data = [ex for path in used for ex in examples(path)]
    if args.heads:
        print(" ".join(f"{w}:{p}/{r}" for w, p, r in clause_heads(data)))
        return
    counts = Counter(ex.label for ex in data)
    print(f"{len(used)} reports ({len(skip)} with test passages left out), {len(data)} paragraphs: {dict(counts)}")
    figures = held_out(data)
    print(
        "held out (5 folds by report): "
        + ", ".join(f"{k} {v:.3f}" if v < 1 else f"{k} {v:.0f}" for k, v in figures.items())
    )
    if args.check:
        return
    model = train(data)
    header = [
        "Paragraph orientation model of the COMMITMENT tagger (govreport_nlp/taggers/commitments/orientation.py).",
        "Built by scripts/train_orientation.py from the headings of the full reports (weak labels); do not edit.",
        f"{len(used)} reports, {len(data)} paragraphs {dict(counts)}; held out: "
        + ", ".join(f"{k} {v:.3f}" for k, v in figures.items() if k != "paragraphs"),
        "Rows: @bias, @margin, @orders, then one character n-gram and its weight per line.",
    ]
    OUT.write_text(model.to_tsv(header), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(model.weights)} n-grams")


if __name__ == "__main__":
    main()
