"""Count the PLACE tagger's dev errors by the classes of issue #19 (dev split only).

Runs the pipeline over the dev gold (seeds, samples, dev: never test.jsonl) and puts every
error — a gold span not matched exactly (miss or boundary) and a predicted span not in the
gold (spurious or boundary) — in the first class it fits:

1. contracted: a one-character span on either side (沪苏浙, 留鄂, 北上广);
2. route: a route span on either side, or 至 inside (崇左至凭祥铁路);
3. zone: a zone span on either side (和林格尔数据中心集群);
4. inside a name: a spurious division with no gold span over it (辽宁实验室, 好运山东, 增城);
5. region / feature: a region, natural feature or site on either side (荆楚大地, 丹江口水库);
6. other.

    python scripts/place_error_classes.py [--segmenter char] [--list CLASS]

`--list zone` (or any class, `all`) prints that class's errors with their context.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from govreport_nlp import load
from govreport_nlp.evaluate import predict, read_jsonl

ROOT = Path(__file__).resolve().parents[1]
DEV_FILES = ("seeds.jsonl", "samples.jsonl", "dev.jsonl")
CLASSES = ("contracted", "route", "zone", "inside a name", "region / feature", "other")


def classify(span: dict, others: list[dict]) -> str:
    near = [o for o in others if o["start"] < span["end"] and span["start"] < o["end"]]
    both = [span, *near]
    if any(s["end"] - s["start"] == 1 for s in both):
        return "contracted"
    if any(s["attrs"].get("kind") == "route" or "至" in s["text"] for s in both):
        return "route"
    if any(s["attrs"].get("kind") == "zone" for s in both):
        return "zone"
    if span.get("_pred") and not near and span["attrs"].get("kind") == "admin":
        return "inside a name"
    if any(s["attrs"].get("kind") in ("region", "natural", "site") for s in both):
        return "region / feature"
    return "other"


def show(wanted: str | None, name: str, side: str, doc: dict, span: dict) -> None:
    """Print one error in context when its class is the one asked for."""
    if wanted not in (name, "all"):
        return
    text = doc["text"]
    left = text[max(0, span["start"] - 20) : span["start"]].replace("\n", " ")
    right = text[span["end"] : span["end"] + 20].replace("\n", " ")
    kind = span["attrs"].get("kind", "")
    print(f"{name}\t{side}\t{span['text']}\t{kind}\t{left}[{span['text']}]{right}\t{doc['meta'].get('id', '')}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--segmenter", default="char")
    parser.add_argument("--list", metavar="CLASS", help="print the errors of one class (or all) in context")
    args = parser.parse_args()
    gold = [doc for name in DEV_FILES for doc in read_jsonl(ROOT / "corpus" / "gold" / name)]
    assert all(doc["meta"].get("split", "dev") == "dev" for doc in gold)
    predictions = predict(gold, load(args.segmenter))
    missed: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    for g, p in zip(gold, predictions, strict=True):
        gs = [s for s in g["spans"] if s["label"] == "PLACE"]
        ps = [dict(s, _pred=True) for s in p["spans"] if s["label"] == "PLACE"]
        gold_keys = {(s["start"], s["end"]) for s in gs}
        pred_keys = {(s["start"], s["end"]) for s in ps}
        for s in gs:
            if (s["start"], s["end"]) not in pred_keys:
                name = classify(s, ps)
                missed[name] += 1
                show(args.list, name, "missed", g, s)
        for s in ps:
            if (s["start"], s["end"]) not in gold_keys:
                name = classify(s, gs)
                spurious[name] += 1
                show(args.list, name, "spurious", g, s)
    print("| class | missed or cut gold spans | spurious or cut predictions |")
    print("| --- | --- | --- |")
    for name in CLASSES:
        print(f"| {name} | {missed[name]} | {spurious[name]} |")
    print(f"| all | {sum(missed.values())} | {sum(spurious.values())} |")


if __name__ == "__main__":
    main()
