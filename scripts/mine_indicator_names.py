"""Mine the measured noun phrases of target rows: the source of the indicator-key vocabulary.

Annotates every full report of the corpus (the bundled `corpus/reports/` and, in the shared
corpus, the 52 national reports, the 21 provincial reports of 2026 and the 8 county
reports) with the char pipeline, takes the rows of the targets table
(`taggers/commitments/targets.py`) and prints

- the share of rows with an `indicator_key`, per part of the corpus (the issue #18 figure
  is the provincial one);
- the most frequent names among the rows without a key, and the most frequent heads
  (the last 2–4 characters of a name: 项目, 企业, 高标准农田 …) with the QUANTITY kind of
  their figures (count, money, measure, percent), each with its rows and reports — the
  candidates from which `data/commitment_indicators.tsv` grows (groups `mined` and `count`,
  see data/SOURCES.md);
- with `--check`, the evidence of every alias of those two groups (rows whose indicator
  takes its key through it, and reports): an alias needs rows in at least MIN_REPORTS
  reports, else the script exits with an error.

    python scripts/mine_indicator_names.py --shared ../shared/corpus [--top 80] [--check]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from govreport_nlp.annotate import process
from govreport_nlp.pipeline import blank
from govreport_nlp.taggers.commitments.indicators import default_index
from govreport_nlp.taggers.commitments.targets import target_rows

ROOT = Path(__file__).resolve().parents[1]
PARTS = {"provincial": "provincial-2026", "national": "national", "county": "county-gbk"}
MINED_GROUPS = ("mined", "count")
MIN_REPORTS = 2


def corpus(shared: Path | None) -> dict[str, list[Path]]:
    parts = {"bundled": sorted((ROOT / "corpus" / "reports").glob("*.txt"))}
    if shared is not None:
        for part, folder in PARTS.items():
            parts[part] = sorted((shared / folder).glob("*.txt"))
    return parts


def first(name: Any) -> str | None:
    if isinstance(name, list):
        return name[0] if name else None
    return name if isinstance(name, str) else None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, help="the shared corpus folder (../shared/corpus)")
    ap.add_argument("--top", type=int, default=60, help="how many names and heads to list")
    ap.add_argument("--check", action="store_true", help="the evidence of every mined alias")
    args = ap.parse_args()
    nlp = blank("char")
    rows: list[tuple[str, str, dict[str, Any]]] = []
    for part, paths in corpus(args.shared).items():
        for path in paths:
            rows += [(part, path.name, r) for r in target_rows(process(nlp, path))]

    print("share of target rows with an indicator_key")
    for part in corpus(args.shared):
        mine = [r for p, _, r in rows if p == part]
        keyed = sum(1 for r in mine if r["indicator_key"])
        if mine:
            print(f"  {part:<11} {keyed:>5} / {len(mine):<5} {keyed / len(mine):.1%}")

    names: Counter[tuple[str, str]] = Counter()
    heads: Counter[tuple[str, str]] = Counter()
    reports: dict[tuple[str, str], set[str]] = defaultdict(set)
    for _, report, r in rows:
        name = first(r["indicator"])
        if r["indicator_key"] or not name:
            continue
        kind = r["kind"] or "?"
        names[(name, kind)] += 1
        for n in range(2, 5):
            if len(name) >= n:
                heads[(name[-n:], kind)] += 1
                reports[(name[-n:], kind)].add(report)
    print(f"\nnames without a key (rows, kind), top {args.top}")
    for (name, kind), n in names.most_common(args.top):
        print(f"  {n:>4}  {kind:<8} {name}")
    print(f"\nheads of names without a key (rows, reports, kind), top {args.top}")
    ranked = sorted(heads.items(), key=lambda kv: (-len(reports[kv[0]]), -kv[1], kv[0]))
    for (head, kind), n in ranked[: args.top]:
        print(f"  {n:>4} {len(reports[(head, kind)]):>4}  {kind:<8} {head}")

    if not args.check:
        return 0
    index = default_index()
    evidence: dict[str, set[str]] = defaultdict(set)
    hits: Counter[str] = Counter()
    for _, report, r in rows:
        name = first(r["indicator"])
        alias = index.alias(name, r["kind"]) if name else None
        if alias is not None:
            evidence[alias].add(report)
            hits[alias] += 1
    weak = []
    print("\nevidence of the mined aliases (rows, reports)")
    for a in index.aliases:
        if a.group in MINED_GROUPS:
            print(f"  {hits[a.alias]:>4} {len(evidence[a.alias]):>4}  {a.group:<6} {a.key:<28} {a.alias}")
            if len(evidence[a.alias]) < MIN_REPORTS:
                weak.append(a.alias)
    if weak:
        print(f"aliases with rows in fewer than {MIN_REPORTS} reports: {'、'.join(weak)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
