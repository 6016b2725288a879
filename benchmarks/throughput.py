"""Throughput, load time and memory of the pipeline, per segmenter, on one core.

Prints, for each segmenter:
- load: seconds and peak resident memory of a fresh process that imports the library
  and loads the pipeline;
- own: seconds and added memory of each further `load()` in that process (every call
  returns a pipeline of the caller's own; `load(shared=True)` returns the one kept);
- segment: characters per second of word segmentation alone (`nlp.tokenizer.segment`);
- make_doc: of the whole tokenizer, normalisation included (`nlp.make_doc`);
- pipeline: characters per second of tokenizer plus our components (`nlp.pipe`);
- annotate: characters per second of the whole run (`annotate_many`: JSON and its
  validation included), with the shared pipeline (`load(shared=True)`, what `annotate()`
  uses) and with one of the caller's own (`load()`);
- components: what our components add to segmentation, in percent (the budget's figure):
  (pipeline time - make_doc time) / segment time;
- the yardstick of the char budget: bare spaCy char segmentation (`spacy.blank("zh")`,
  spaCy's own tokenizer, none of our code) measured in the same run, and the whole run's
  speed as a share of it (target: annotate >= 0.35 of it, about 500k chars/s on a quiet
  machine). Our own char segmentation (`segment`) is faster than spaCy's and gets faster
  with our work, so it is no fixed yardstick;
and then each component's own cost, in characters per second of that component alone,
and the cost of the COMMITMENT tagger's paragraph orientation (the model that reads a
paragraph's language where no heading decides): the time it took inside the pipeline run,
and the time it takes on every paragraph of the corpus (as if nothing had headings), each
as a share of the pipeline's time (budget: under 10%).

    python benchmarks/throughput.py                       # bundled corpus, all segmenters
    python benchmarks/throughput.py --corpus ../shared/corpus/national --segmenter jieba

Budget (see README): taggers add at most 10% to segmentation; annotate >= 500k chars/s
with char, >= 150k with jieba; load < 2 s / 500 MB (char, jieba), <= 4 s / 1.2 GB (pkuseg).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LOAD_PROBE = """
import json, resource, sys, time
t = time.perf_counter()
import govreport_nlp
nlp = govreport_nlp.load(sys.argv[1], shared=True)
nlp("晋中市")  # first call pays lazy initialisation (jieba builds its prefix dictionary)
seconds = time.perf_counter() - t
rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
t = time.perf_counter()
own = govreport_nlp.load(sys.argv[1])  # what every further load() costs: a pipeline of the caller's own
own("晋中市")
own_seconds = time.perf_counter() - t
own_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - rss_mb
print(json.dumps({"seconds": seconds, "rss_mb": rss_mb, "own_seconds": own_seconds, "own_mb": own_mb}))
"""


def pin_to_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def read_corpus(folder: Path) -> list[str]:
    texts = []
    for path in sorted(folder.rglob("*.txt")):
        data = path.read_bytes()
        texts.append(data.decode("gbk") if ".gbk." in path.name else data.decode("utf-8-sig"))
    return texts


def measure_load(segmenter: str) -> dict[str, float]:
    """Load time and memory in a fresh process, and the cost of one more pipeline there."""
    cmd = [sys.executable, "-c", LOAD_PROBE, segmenter]
    if hasattr(os, "sched_getaffinity"):
        cmd = ["taskset", "-c", str(sorted(os.sched_getaffinity(0))[0]), *cmd]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def best_rate(fn, chars: int, repeat: int) -> float:
    """Characters per second of the fastest of `repeat` runs (least disturbed by noise)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return chars / best


def component_rates(nlp, texts: list[str], chars: int, repeat: int) -> list[tuple[str, float, float]]:
    """Each component's own characters per second (timed on ready-made Docs), and its cost
    relative to segmentation."""
    segment_time = chars / best_rate(lambda: [nlp.tokenizer.segment(t) for t in texts], chars, repeat)
    out = []
    for name, component in nlp.pipeline:
        best = float("inf")
        for _ in range(repeat):
            docs = [nlp.make_doc(t) for t in texts]  # not timed (normalised, as the components see them)
            start = time.perf_counter()
            for doc in docs:
                component(doc)
            best = min(best, time.perf_counter() - start)
        out.append((name, chars / best, best / segment_time))
    return out


def orientation_cost(nlp, texts: list[str], repeat: int) -> tuple[float, float, float]:
    """(pipeline seconds, seconds spent orienting paragraphs in it, seconds to orient every
    paragraph of the corpus): the orientation step's cost against the pipeline's."""
    from govreport_nlp.taggers.commitments import orientation

    spent = [0.0]
    judge = orientation.OrientationModel.orient

    def timed(self, paragraph: str):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return judge(self, paragraph)
        finally:
            spent[0] += time.perf_counter() - start

    best = (float("inf"), 0.0)
    orientation.OrientationModel.orient = timed  # type: ignore[method-assign]
    try:
        for _ in range(repeat):
            spent[0] = 0.0
            start = time.perf_counter()
            list(nlp.pipe(texts))
            best = min(best, (time.perf_counter() - start, spent[0]))
    finally:
        orientation.OrientationModel.orient = judge  # type: ignore[method-assign]
    model = orientation.default_model()
    pieces = [t[s:e] for t in texts for s, e in orientation.paragraphs(t)]
    every = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for piece in pieces:
            model.orient(piece)
        every = min(every, time.perf_counter() - start)
    return best[0], best[1], every


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus" / "reports")
    parser.add_argument("--segmenter", action="append", choices=["char", "jieba", "pkuseg"])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import govreport_nlp
    from govreport_nlp.errors import ModelNotFoundError

    pin_to_one_core()
    texts = read_corpus(args.corpus)
    chars = sum(map(len, texts))
    print(f"corpus: {args.corpus} ({len(texts)} documents, {chars:,} characters); one core; best of {args.repeat}")
    print(
        f"{'segmenter':<9} {'load s':>7} {'load MB':>8} {'own s':>6} {'own MB':>7} {'segment c/s':>12} "
        f"{'make_doc c/s':>13} {'pipeline c/s':>13} {'annotate c/s':>13} {'own c/s':>9} {'components':>10}"
    )
    import spacy

    bare = spacy.blank("zh")  # spaCy's Chinese tokenizer, char segmentation: the char budget's yardstick
    bare_rate = 0.0
    shares: list[tuple[str, float]] = []
    per_component: list[tuple[str, list[tuple[str, float, float]]]] = []
    costs: list[tuple[str, tuple[float, float, float]]] = []
    for segmenter in args.segmenter or ["char", "jieba", "pkuseg"]:
        try:
            nlp = govreport_nlp.load(segmenter, shared=True)
        except ModelNotFoundError as exc:
            print(f"{segmenter:<9} skipped: {exc}")
            continue
        load = measure_load(segmenter)
        if not bare_rate:  # after the first load probe: a child forked from a bigger process reports its memory
            bare_rate = best_rate(lambda: [bare.make_doc(t) for t in texts], chars, args.repeat)
        items = [(t, {"id": str(i)}) for i, t in enumerate(texts)]
        segment = best_rate(lambda nlp=nlp: [nlp.tokenizer.segment(t) for t in texts], chars, args.repeat)
        make_doc = best_rate(lambda nlp=nlp: [nlp.make_doc(t) for t in texts], chars, args.repeat)
        pipeline = best_rate(lambda nlp=nlp: list(nlp.pipe(texts)), chars, args.repeat)
        annotate = best_rate(lambda nlp=nlp, items=items: list(govreport_nlp.annotate_many(items, nlp)), chars,
                             args.repeat)
        own = govreport_nlp.load(segmenter)
        annotate_own = best_rate(lambda own=own, items=items: list(govreport_nlp.annotate_many(items, own)), chars,
                                 args.repeat)
        del own
        overhead = 100 * (1 / pipeline - 1 / make_doc) * segment
        print(
            f"{segmenter:<9} {load['seconds']:>7.2f} {load['rss_mb']:>8.0f} {load['own_seconds']:>6.2f} "
            f"{load['own_mb']:>7.0f} {segment:>12,.0f} {make_doc:>13,.0f} {pipeline:>13,.0f} {annotate:>13,.0f} "
            f"{annotate_own:>9,.0f} {overhead:>9.1f}%"
        )
        shares.append((segmenter, annotate))
        per_component.append((segmenter, component_rates(nlp, texts, chars, args.repeat)))
        costs.append((segmenter, orientation_cost(nlp, texts, args.repeat)))
    for segmenter, annotate in shares:
        print(
            f"{segmenter:<9} annotate {annotate:,.0f} c/s = {annotate / bare_rate:.2f} of bare spaCy char segmentation "
            f"({bare_rate:,.0f} c/s, spacy.blank('zh'), this run; char target >= 0.35)"
        )
    for segmenter, rates in per_component:
        parts = ", ".join(f"{name} {rate:,.0f} c/s ({100 * share:.1f}% of segmentation)" for name, rate, share in rates)
        print(f"{segmenter:<9} components alone: {parts}")
    for segmenter, (total, inside, every) in costs:
        print(
            f"{segmenter:<9} paragraph orientation: {inside:.3f} s of the pipeline's {total:.2f} s "
            f"({100 * inside / total:.1f}%); every paragraph of the corpus: {every:.3f} s ({100 * every / total:.1f}%)"
        )


if __name__ == "__main__":
    main()
