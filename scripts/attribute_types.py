"""Every attribute of every label over annotated documents, with the JSON types it takes.

    python scripts/attribute_types.py run.jsonl                 # as written (any schema)
    python scripts/attribute_types.py run.jsonl --upgrade       # after govreport_nlp.upgrade
    govreport-nlp annotate ../shared/corpus/national | python scripts/attribute_types.py -

Prints, per label and attribute, how many spans have it as null, a number, a string, a
boolean, an object or a list, and how many lack it. Exit 1 when an attribute takes two
types besides null (int and float are both JSON numbers), or is missing from some spans:
what `govreport-nlp/2` rules out and `govreport-nlp/1` did not.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import govreport_nlp  # noqa: E402


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    return "object"


def census(docs: list[dict[str, Any]]) -> tuple[dict[tuple[str, str], Counter[str]], Counter[str]]:
    types: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    spans: Counter[str] = Counter()
    for doc in docs:
        for span in doc["spans"]:
            spans[span["label"]] += 1
            for key, value in span["attrs"].items():
                types[(span["label"], key)][json_type(value)] += 1
    return types, spans


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("jsonl", help="annotated documents, one per line; - for stdin")
    parser.add_argument("--upgrade", action="store_true", help="read them through govreport_nlp.upgrade first")
    args = parser.parse_args()
    lines = sys.stdin if args.jsonl == "-" else Path(args.jsonl).open(encoding="utf-8")
    docs = [json.loads(line) for line in lines if line.strip()]
    if args.upgrade:
        docs = [govreport_nlp.upgrade(d) for d in docs]
    types, spans = census(docs)
    mixed = 0
    for (label, key), counts in sorted(types.items()):
        missing = spans[label] - sum(counts.values())
        kinds = set(counts) - {"null"}
        bad = len(kinds) > 1 or missing > 0
        mixed += bad
        shown = ", ".join(f"{t} {n}" for t, n in counts.most_common())
        print(f"{'MIXED ' if bad else ''}{label:<10} {key:<14} {shown}{f', missing {missing}' if missing else ''}")
    print(f"{sum(spans.values())} spans in {len(docs)} documents; {mixed} attribute(s) with more than one type "
          "or missing from some spans")
    return 1 if mixed else 0


if __name__ == "__main__":
    sys.exit(main())
