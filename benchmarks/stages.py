"""Where the time goes: CPU seconds of each stage of the pipeline, and its share.

Runs the tokenizer (normalisation and segmentation), each component in pipeline order and
the JSON export over a corpus, each stage timed over all documents as the previous stage
handed them on (CPU time of this process, best of `--repeat`), and bare spaCy char
segmentation (`spacy.blank("zh")`) over the same texts in the same run as the yardstick.
A profile without a profiler's distortion (cProfile charges every call, so code of many
small calls looks slower than it is), and with CPU time rather than wall time, so that
other work on a shared machine weighs less.

    python benchmarks/stages.py                                   # ../shared/corpus/national, char
    python benchmarks/stages.py --paragraphs 2000                 # its first 2,000 paragraphs as Docs
    python benchmarks/stages.py --segmenter jieba
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from throughput import read_corpus  # noqa: E402  (the same texts as the throughput benchmark)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "national")
    parser.add_argument("--segmenter", default="char", choices=["char", "jieba", "pkuseg"])
    parser.add_argument("--paragraphs", type=int, default=0,
                        help="annotate the first N paragraphs (over 40 characters) instead")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import spacy

    import govreport_nlp
    from govreport_nlp.export import doc_to_json

    texts = read_corpus(args.corpus)
    if args.paragraphs:
        texts = [p for t in texts for p in t.split("\n") if len(p) > 40][: args.paragraphs]
    chars = sum(map(len, texts))
    nlp = govreport_nlp.load(args.segmenter, shared=True)
    bare = spacy.blank("zh")
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        got: dict[str, float] = {}
        start = time.process_time()
        docs = [nlp.make_doc(t) for t in texts]
        got["tokenizer"] = time.process_time() - start
        for name, component in nlp.pipeline:
            start = time.process_time()
            docs = [component(doc) for doc in docs]
            got[name] = time.process_time() - start
        start = time.process_time()
        for doc in docs:
            doc_to_json(doc)
        got["export"] = time.process_time() - start
        del docs
        start = time.process_time()
        for t in texts:
            bare.make_doc(t)
        got["bare"] = time.process_time() - start
        best = {k: min(v, best.get(k, v)) for k, v in got.items()}
    yardstick = best.pop("bare")
    total = sum(best.values())
    print(f"{args.corpus} ({len(texts)} documents, {chars:,} characters), {args.segmenter}; "
          f"CPU s, best of {args.repeat}")
    for name, seconds in best.items():
        print(f"  {name:<24} {seconds:7.3f} s  {100 * seconds / total:5.1f}%")
    print(f"  {'all stages':<24} {total:7.3f} s  {chars / total:,.0f} chars/s")
    print(f"  bare spaCy char segmentation {yardstick:.3f} s: the stages run at {yardstick / total:.2f} of its speed")


if __name__ == "__main__":
    main()
