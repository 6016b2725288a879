"""Two independent annotation passes over the gold passages: agreement, and merge files to adjudicate.

Each passage of `corpus/gold/sources/passages.jsonl` is drafted twice, by annotators who
do not see each other's work (`corpus/gold/passes/A/*.tsv`, `corpus/gold/passes/B/*.tsv`,
compact drafts, see docs/annotation.md). Then:

    python scripts/gold_passes.py agreement          # per label: how far the passes agree
    python scripts/gold_passes.py merge --out DIR    # one file per batch for the adjudicator

Agreement is scored with the project's own scorer, pass A taken as gold and pass B as the
prediction: exact-span F1 is then symmetric (the Dice coefficient of the two span sets),
and attribute agreement counts the spans both passes marked identically. Only passages
both passes finished are compared. It is the ceiling a tagger can be expected to reach.

A merge file holds, per passage, the lines both passes wrote identically (same offsets and
attributes) and, for everything else, the two passes' lines commented out as `#A` / `#B`.
The adjudicator keeps one (removing its `#A`/`#B` prefix), writes a corrected line, or
deletes both; every line carries its exact offset (`Q@57`), so order and seeks no longer
matter. The adjudicated files go to `corpus/gold/drafts/passages/` and `build_gold.py`
turns them into `corpus/gold/dev.jsonl` and `test.jsonl`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from build_gold import COMPACT_FIELDS, GOLD, DraftError, load_documents, read_compact, resolve  # noqa: E402

from govreport_nlp.evaluate import EvalReport, score  # noqa: E402

PASSES = GOLD / "passes"
TAG_OF = {label: tag for tag, (label, _) in COMPACT_FIELDS.items()}


def resolved_pass(folder: Path, docs: dict[str, dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Every passage a pass annotated (even with no spans), resolved to offsets."""
    spans: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(folder.glob("*.tsv")):
        lines = read_compact(path)
        resolved, _ = resolve(docs, lines)
        for _, _, line in lines:
            if line.get("doc") in docs:
                spans.setdefault(line["doc"], [])
        for doc_id, doc_spans in resolved.items():
            spans[doc_id] = doc_spans
    return spans


def as_record(doc: dict[str, Any], spans: list[dict[str, Any]]) -> dict[str, Any]:
    return {"schema": "govreport-nlp/1", "text": doc["text"], "meta": dict(doc["meta"]), "spans": spans}


def compare(docs: dict[str, dict[str, Any]], a: dict[str, list[dict[str, Any]]],
            b: dict[str, list[dict[str, Any]]], ids: list[str]) -> EvalReport:
    return score((as_record(docs[i], a[i]), as_record(docs[i], b[i])) for i in ids)


def agreement(docs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    a = resolved_pass(PASSES / "A", docs)
    b = resolved_pass(PASSES / "B", docs)
    both = sorted(set(a) & set(b))
    out: dict[str, Any] = {"passages": len(both), "only_A": len(set(a) - set(b)), "only_B": len(set(b) - set(a))}
    groups = {"all": both}
    for split in ("dev", "test"):
        groups[split] = [i for i in both if docs[i]["meta"].get("split") == split]
    for name, ids in groups.items():
        report = compare(docs, a, b, ids)
        out[name] = {
            "passages": len(ids),
            "labels": {
                label: {
                    "spans_A": report.exact[label].gold,
                    "spans_B": report.exact[label].pred,
                    "exact_f1": round(report.exact[label].f1, 4),
                    "overlap_f1": round(report.overlap[label].f1, 4),
                    "attributes": {
                        attr: round(c / t, 4) if t else None for attr, (c, t) in report.attributes[label].items()
                    },
                }
                for label in report.exact
            },
        }
    return out


def compact_line(span: dict[str, Any]) -> str:
    label = span["label"]
    tag = TAG_OF[label]
    keys = COMPACT_FIELDS[tag][1]
    attrs = span["attrs"]
    values = []
    for key in keys:
        value = attrs.get(key)
        if key == "target" and value is not None:
            value = [t["text"] for t in value] if isinstance(value, list) else value["text"]
        if isinstance(value, list):
            values.append("|".join(str(v) for v in value))
        elif value is None:
            values.append("-")
        else:
            values.append(str(value))
    while values and values[-1] == "-":
        values.pop()
    return "\t".join([f"{tag}@{span['start']}", span["text"], *values])


def merge(docs: dict[str, dict[str, Any]], out: Path) -> dict[str, int]:
    """Write one merge file per batch of pass A (agreed lines live, the rest as #A/#B)."""
    a = resolved_pass(PASSES / "A", docs)
    b = resolved_pass(PASSES / "B", docs)
    counts: dict[str, int] = defaultdict(int)
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted((PASSES / "A").glob("*.tsv")):
        order = [line["doc"] for _, _, line in read_compact(path) if "doc" in line]
        seen: list[str] = []
        for doc_id in order:
            if doc_id not in seen and doc_id in b:
                seen.append(doc_id)
        lines: list[str] = []
        for doc_id in seen:
            lines.append(f"# doc: {doc_id}")
            la = {compact_line(s): s for s in a[doc_id]}
            lb = {compact_line(s): s for s in b[doc_id]}
            entries: list[tuple[int, int, str]] = []
            for line, s in la.items():
                if line in lb:
                    entries.append((s["start"], 0, line))
                    counts["agreed"] += 1
                else:
                    entries.append((s["start"], 1, "#A\t" + line))
                    counts["A only"] += 1
            for line, s in lb.items():
                if line not in la:
                    entries.append((s["start"], 2, "#B\t" + line))
                    counts["B only"] += 1
            lines += [e[2] for e in sorted(entries)]
            lines.append("")
        (out / path.name).write_text("\n".join(lines), encoding="utf-8")
    return dict(counts)


def consistency(docs: dict[str, dict[str, Any]], folder: Path) -> list[str]:
    """Cases decided differently in different passages of the adjudicated drafts.

    - one PROGRAM text with several canonical names, one PLACE text with several kinds;
    - a PLACE or PROGRAM text (3+ characters) marked in one passage and left unmarked in
      another, where no span of that label covers the unmarked occurrence.
    """
    spans = resolved_pass(folder, docs)
    by_text: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for doc_id, doc_spans in spans.items():
        for s in doc_spans:
            if s["label"] == "PROGRAM":
                by_text[("PROGRAM", s["text"])][str(s["attrs"].get("canonical"))].add(doc_id)
            elif s["label"] == "PLACE":
                by_text[("PLACE", s["text"])][str(s["attrs"].get("kind"))].add(doc_id)
    lines = []
    for (label, text), values in sorted(by_text.items()):
        if len(values) > 1:
            what = "canonical" if label == "PROGRAM" else "kind"
            shown = "; ".join(f"{v} in {', '.join(sorted(ids)[:3])}" for v, ids in sorted(values.items()))
            lines.append(f"{label} {text!r}: {what} differs: {shown}")
    for (label, text), values in sorted(by_text.items()):
        if len(text) < 3:
            continue
        marked = set().union(*values.values())
        unmarked = []
        for doc_id, doc_spans in spans.items():
            body = docs[doc_id]["text"]
            at = body.find(text)
            while at >= 0:
                covered = any(
                    s["label"] == label and s["start"] <= at and at + len(text) <= s["end"] for s in doc_spans
                )
                if not covered:
                    unmarked.append(f"{doc_id}@{at}")
                at = body.find(text, at + 1)
        if unmarked:
            lines.append(f"{label} {text!r}: marked in {', '.join(sorted(marked)[:3])}; "
                         f"unmarked at {', '.join(unmarked[:4])}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    agree = sub.add_parser("agreement", help="per-label agreement between the passes")
    agree.add_argument("--out", type=Path, default=GOLD / "agreement.json")
    merged = sub.add_parser("merge", help="write merge files for adjudication")
    merged.add_argument("--out", type=Path, required=True)
    check = sub.add_parser("consistency", help="list cases decided differently across adjudicated passages")
    check.add_argument("--drafts", type=Path, default=GOLD / "drafts" / "passages")
    args = parser.parse_args()
    docs = load_documents()
    try:
        if args.command == "agreement":
            result = agreement(docs)
            args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            print(f"{result['passages']} passages annotated by both passes -> {args.out}")
            for name in ("test", "dev", "all"):
                print(f"{name} ({result[name]['passages']} passages):")
                for label, row in result[name]["labels"].items():
                    attrs = ", ".join(f"{k} {v}" for k, v in row["attributes"].items())
                    print(f"  {label:<11} exact F1 {row['exact_f1']:.3f}  overlap F1 {row['overlap_f1']:.3f}  "
                          f"spans A {row['spans_A']} B {row['spans_B']}  attributes: {attrs}")
        elif args.command == "consistency":
            found = consistency(docs, args.drafts)
            print("\n".join(found) or "no inconsistencies")
        else:
            print(merge(docs, args.out))
    except DraftError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
