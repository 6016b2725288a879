"""Time and memory per character of one long document, at growing lengths.

    python benchmarks/long_documents.py [--corpus DIR] [--sizes 250000 1000000 2000000] [--segmenter char]

Joins the reports of `--corpus` (repeated as needed) into one text of each size and
annotates it in a fresh process (`annotate()`, str in, checked JSON out), so that each
size's peak memory is its own. Prints, per size: CPU seconds, peak resident memory, and
both per million characters, each as a ratio to the smallest size's (linear: about 1.0).
A last row runs the largest size with `max_length` at a quarter of it, so that the text
goes in pieces (`annotate.chunk_bounds`), and says whether its spans equal the one-Doc run's.

Target (issue "Robustness"): time and memory per character stay within 1.5x of the
smallest size's at every length our pipelines take as one Doc (`pipeline.MAX_LENGTH`).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import hashlib, json, resource, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import govreport_nlp
corpus, size, segmenter, max_length = Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
text = "\n".join(texts)
while len(text) < size:
    text += "\n" + text
text = text[:size]
nlp = govreport_nlp.load(segmenter)
if max_length:
    nlp.max_length = max_length
start = time.process_time()
data = govreport_nlp.annotate(text, nlp=nlp)
seconds = time.process_time() - start
spans = json.dumps(data["spans"], ensure_ascii=False, sort_keys=True).encode()
print(json.dumps({
    "seconds": seconds,
    "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "spans": len(data["spans"]),
    "digest": hashlib.sha256(spans).hexdigest(),
}))
"""


def run(corpus: Path, size: int, segmenter: str, max_length: int = 0) -> dict[str, float | str]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(ROOT), str(corpus), str(size), segmenter, str(max_length)],
        check=True, capture_output=True, text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "national")
    parser.add_argument("--sizes", type=int, nargs="+", default=[250_000, 1_000_000, 2_000_000])
    parser.add_argument("--segmenter", default="char")
    args = parser.parse_args()
    sizes = sorted(args.sizes)
    print(f"corpus {args.corpus}; segmenter {args.segmenter}; one process per row; CPU seconds, peak RSS")
    print(f"{'characters':>11} {'pieces':>6} {'s':>7} {'MB':>7} {'s/M':>7} {'MB/M':>7} {'s/M ratio':>9} "
          f"{'MB/M ratio':>10} {'spans':>7}")
    first: dict[str, float] | None = None
    whole: dict[str, float | str] = {}
    rows = [(size, 0) for size in sizes] + [(sizes[-1], sizes[-1] // 4)]
    for size, max_length in rows:
        r = run(args.corpus, size, args.segmenter, max_length)
        per_s, per_mb = float(r["seconds"]) / size * 1e6, float(r["rss_mb"]) / size * 1e6
        if first is None:
            first = {"s": per_s, "mb": per_mb}
        pieces = "4+" if max_length else "1"
        same = ""
        if max_length:
            same = "  same spans as one Doc" if r["digest"] == whole["digest"] else "  SPANS DIFFER from one Doc"
        else:
            whole = r
        print(f"{size:>11,} {pieces:>6} {float(r['seconds']):>7.1f} {float(r['rss_mb']):>7.0f} {per_s:>7.2f} "
              f"{per_mb:>7.0f} {per_s / first['s']:>9.2f} {per_mb / first['mb']:>10.2f} {int(r['spans']):>7}{same}")


if __name__ == "__main__":
    main()
