"""The PLACE tagger's own cost: index build time and memory, and characters per second.

    python benchmarks/places.py [--corpus ../shared/corpus/national]

Prints the time and memory (tracemalloc peak) to build the tagger's tables and name
index, the rate of the rules alone on normalised text, the rate of the component on
ready-made Docs (rules + token splits + spans), and the rate of segmentation alone for
each fast segmenter, so the tagger's share can be read against it. One core.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from pathlib import Path

from govreport_nlp.ingest.prepare import load_source, prepare
from govreport_nlp.ingest.structure import report_place_year
from govreport_nlp.pipeline import load
from govreport_nlp.taggers.places.rules import PlaceRules, PlaceTables


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[1] / "corpus" / "reports")
    args = parser.parse_args()
    texts = [prepare(load_source(p)[0]).text for p in sorted(args.corpus.glob("*.txt"))]
    chars = sum(map(len, texts))
    print(f"corpus: {args.corpus} ({len(texts)} documents, {chars:,} characters)")

    tracemalloc.start()
    start = time.perf_counter()
    rules = PlaceRules(PlaceTables.default())
    build = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"build: {build:.3f} s, {peak / 2**20:.1f} MB (tables, gazetteer index, automaton)")

    contexts = [report_place_year(t) for t in texts]
    start = time.perf_counter()
    found = sum(len(rules.find(t, place=p, year=y)) for t, (p, y) in zip(texts, contexts, strict=True))
    rate = chars / (time.perf_counter() - start)
    print(f"rules alone: {rate:,.0f} c/s ({found} places)")

    for segmenter in ("char", "jieba"):
        nlp = load(segmenter, shared=True)
        tagger = nlp.get_pipe("govreport_places")
        start = time.perf_counter()
        docs = [nlp.make_doc(t) for t in texts]
        seg = chars / (time.perf_counter() - start)
        for doc in docs:
            nlp.get_pipe("govreport_structure")(doc)
        start = time.perf_counter()
        for doc in docs:
            tagger(doc)
        comp = chars / (time.perf_counter() - start)
        share = 100 * seg / comp
        print(f"{segmenter:<6} segmentation {seg:,.0f} c/s; component {comp:,.0f} c/s = {share:.1f}% of segmentation")


if __name__ == "__main__":
    main()
