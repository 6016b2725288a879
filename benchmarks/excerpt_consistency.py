"""Excerpt consistency of the COMMITMENT tagger: a paragraph alone against the same paragraph
inside its full report.

People paste single paragraphs into notebooks; the bundled seeds arrive that way too. A
plan paragraph must give the same commitments alone as inside its report, where headings
say which way it looks. For every paragraph (a line with at least one clause) that stands
under a plan or review section of every full report in `corpus/reports/` and the shared
corpus (national, county, provincial-2026), this annotates the paragraph alone and
compares, clause by clause, whether each clause is a commitment (its span and strength
ignored: only its status). It prints the share of clauses whose status is the same, in
all and per orientation and per corpus, and the paragraphs that differ most — only those
of reports outside the gold test split, whose text is never read to write rules.

    python benchmarks/excerpt_consistency.py [--shared ../shared/corpus] [--segmenter char] [--show 10]

Target (issue #18): at least 95% of clauses.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from build_place_regions import test_split_report  # noqa: E402  (the gold splits' report lists)

TARGET = 0.95


def report_files(shared: Path) -> list[tuple[str, Path]]:
    files = [("bundled", p) for p in sorted((ROOT / "corpus" / "reports").glob("*.txt"))]
    for folder in ("national", "county-gbk", "provincial-2026"):
        files += [(folder, p) for p in sorted((shared / folder).glob("*.txt"))]
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--segmenter", default="char", choices=["char", "jieba", "pkuseg"])
    parser.add_argument("--show", type=int, default=10, help="how many of the most different paragraphs to print")
    args = parser.parse_args()

    import govreport_nlp
    from govreport_nlp.ingest.prepare import load_source, prepare
    from govreport_nlp.ingest.structure import PLAN, REVIEW, find_sections, orientation_at
    from govreport_nlp.taggers.commitments.component import commitment_spans
    from govreport_nlp.taggers.commitments.orientation import paragraphs
    from govreport_nlp.taggers.commitments.rules import CommitmentRules

    nlp = govreport_nlp.load(args.segmenter, shared=True)
    same: Counter[tuple[str, str]] = Counter()
    total: Counter[tuple[str, str]] = Counter()
    worst: list[tuple[int, str, str]] = []
    for corpus, path in report_files(args.shared):
        source, _ = load_source(path)
        text = prepare(source).text
        sections = find_sections(text)
        heads = {s.start for s in sections}
        doc = nlp(text)
        inside = {(s.start_char, s.end_char) for s in commitment_spans(doc)}
        pieces = []
        for start, end in paragraphs(text):
            orientation = orientation_at(sections, start)
            if start in heads or orientation not in (PLAN, REVIEW):
                continue
            clauses = CommitmentRules.clauses(text[start:end])
            if clauses:
                pieces.append((start, end, orientation, clauses))
        for (start, end, orientation, clauses), alone_doc in zip(
            pieces, nlp.pipe(text[s:e] for s, e, _, _ in pieces), strict=True
        ):
            alone = {(s.start_char, s.end_char) for s in commitment_spans(alone_doc)}
            differ = 0
            for cs, ce in clauses:
                agree = ((cs + start, ce + start) in inside) == ((cs, ce) in alone)
                same[corpus, orientation] += agree
                total[corpus, orientation] += 1
                differ += not agree
            if differ and not test_split_report(f"{corpus}/{path.name}"):
                worst.append((differ, f"{path.name} {orientation}", text[start:end]))

    def share(keys: list[tuple[str, str]]) -> str:
        n = sum(total[k] for k in keys)
        return f"{sum(same[k] for k in keys) / n:.3f} of {n:,} clauses" if n else "-"

    keys = sorted(total)
    print(f"excerpt consistency ({args.segmenter}): a paragraph alone against inside its full report")
    print(f"  all: {share(keys)} (target {TARGET:.2f})")
    for orientation in (PLAN, REVIEW):
        print(f"  {orientation}: {share([k for k in keys if k[1] == orientation])}")
    for corpus in sorted({k[0] for k in keys}):
        print(f"  {corpus}: {share([k for k in keys if k[0] == corpus])}")
    worst.sort(key=lambda w: -w[0])
    for differ, where, paragraph in worst[: args.show]:
        print(f"  [{differ} clauses differ] {where}: {paragraph[:80]}…")


if __name__ == "__main__":
    main()
