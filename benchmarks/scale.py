"""Corpus throughput with 1 and 2 processes and with 2 Dask workers, per segmenter, and the scaling ratio.

Each configuration runs the corpus runner end to end (read, decode, annotate, JSON,
shards, manifest) into a fresh folder with the pipeline already loaded: in this process
for `--n-process 1`, inherited by spaCy's forked workers for 2, preloaded by the worker
plugin for Dask. Load times are printed apart. The three runs must write the same
shards; the script checks that too.

    python benchmarks/scale.py                                   # ../shared/corpus/national, every segmenter
    python benchmarks/scale.py --segmenter char --corpus corpus/reports

Figures depend on what else runs on the machine; on a shared one, run it when it is quiet
and say so with the figures.
"""

from __future__ import annotations

import argparse
import filecmp
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dask.distributed import Client, LocalCluster  # noqa: E402

from govreport_nlp.corpus.distributed import PipelinePlugin, PipelineSpec, run_corpus_dask  # noqa: E402
from govreport_nlp.corpus.runner import collect_inputs, run_corpus  # noqa: E402
from govreport_nlp.pipeline import default_model_path, is_current, load  # noqa: E402


def segmenters_available(pkuseg_model: Path) -> list[str]:
    built = (pkuseg_model / "config.cfg").exists() and is_current(pkuseg_model)
    if not built:
        print(f"pkuseg skipped: no current pipeline at {pkuseg_model} (govreport-nlp build-model)", file=sys.stderr)
    return ["char", "jieba", *(["pkuseg"] if built else [])]


def same_shards(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in (a / "shards").iterdir())
    return names == sorted(p.name for p in (b / "shards").iterdir()) and all(
        filecmp.cmp(a / "shards" / n, b / "shards" / n, shallow=False) for n in names
    )


def bench(
    segmenter: str, model: Path | None, corpus: Path, shard_size: int, work: Path
) -> list[tuple[str, float, float, int]]:
    """(configuration, seconds, load seconds, chars) for 1 process, 2 processes and 2 Dask workers."""
    rows = []
    t = time.perf_counter()
    nlp = load(segmenter, model)
    nlp("晋中市")  # lazy initialisation (jieba's prefix dictionary) belongs to loading
    load_s = time.perf_counter() - t
    for n_process in (1, 2):
        out = work / f"{segmenter}-{n_process}p"
        summary = run_corpus([corpus], out, nlp=nlp, n_process=n_process, shard_size=shard_size, progress=False)
        rows.append((f"{n_process} process{'es' if n_process > 1 else ''}", summary.seconds, load_s, summary.chars))
    t = time.perf_counter()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        spec = PipelineSpec(segmenter, str(model.resolve()) if model else None)
        client.register_plugin(PipelinePlugin(spec))  # load on both workers before timing
        dask_load = time.perf_counter() - t
        out = work / f"{segmenter}-dask2"
        summary = run_corpus_dask([corpus], out, client, segmenter=segmenter, model=model, shard_size=shard_size,
                                  progress=False)
    rows.append(("2 Dask workers", summary.seconds, dask_load, summary.chars))
    for name in (f"{segmenter}-2p", f"{segmenter}-dask2"):
        if not same_shards(work / f"{segmenter}-1p", work / name):
            raise SystemExit(f"{name} wrote other shards than one process: a bug")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "national")
    parser.add_argument("--segmenter", action="append", choices=["char", "jieba", "pkuseg"])
    parser.add_argument("--shard-size", type=int, default=4, help="documents per shard (one Dask task each)")
    parser.add_argument("--pkuseg-model", type=Path, default=default_model_path("pkuseg"),
                        help="the built pkuseg pipeline to use")
    args = parser.parse_args()
    inputs = collect_inputs([args.corpus])
    chars = sum(len(p.path.read_bytes().decode("utf-8-sig", errors="replace")) for p in inputs)
    print(f"corpus {args.corpus}: {len(inputs)} files, about {chars:,} chars; shard size {args.shard_size}")
    print("| segmenter | configuration | load s | run s | docs/s | chars/s | ratio to 1 process |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        for segmenter in args.segmenter or segmenters_available(args.pkuseg_model):
            model = args.pkuseg_model if segmenter == "pkuseg" else None
            rows = bench(segmenter, model, args.corpus, args.shard_size, Path(tmp))
            base = rows[0][3] / rows[0][1]
            for name, seconds, load_s, n_chars in rows:
                rate = n_chars / seconds
                print(f"| {segmenter} | {name} | {load_s:.1f} | {seconds:.1f} | {len(inputs) / seconds:.1f} "
                      f"| {rate:,.0f} | {rate / base:.2f} |", flush=True)


if __name__ == "__main__":
    main()
