"""Speed of the reading steps before the pipeline: decoding, page chrome, sentence spans.

    python benchmarks/ingest.py [--size 1000000] [--repeat 3]

Each step runs on a text made of the bundled reports, repeated to `--size` characters
(decoding: the same text encoded as UTF-8, Big5, GB18030 and UTF-16-LE), at full and at
half size. Prints, per step, CPU seconds (best of `--repeat`), characters per second, the
time as a multiple of one `re.findall` over the same text measured in the same run (a
yardstick that moves with the machine, so busy and quiet runs compare), and the growth
from half to full size (linear: 2.0).

Targets (issue "Robustness": every reading step in linear time, a megabyte well under a
second on the development machine): each step under 20 yardsticks and growth under 2.6.
The project keeps such figures here, measured in one run, and never in timed tests.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MAX_YARDSTICKS = 20.0
MAX_GROWTH = 2.6
_ANY = re.compile(r"[\u4e00-\u9fff]+")


def best_cpu_seconds(step: Callable[[], object], repeat: int) -> float:
    """The least CPU time of `repeat` runs (the least disturbed by other work on the machine)."""
    times = []
    for _ in range(repeat):
        started = time.process_time()
        step()
        times.append(time.process_time() - started)
    return min(times)


def report_text(size: int) -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "reports").glob("*.txt"))]
    text = "\n".join(texts)
    return (text * (size // len(text) + 1))[:size]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1_000_000, help="characters of the full-size text")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from govreport_nlp.ingest.boilerplate import find_body
    from govreport_nlp.ingest.decode import decode
    from govreport_nlp.ingest.structure import sentence_spans

    def steps(text: str) -> dict[str, tuple[Callable[[], object], int]]:
        """Each step, and the characters it reads (Big5 cannot write every character)."""
        big5 = "".join(c for c in text if c.encode("big5", errors="ignore"))
        encoded = {
            "decode utf-8": (text.encode("utf-8"), len(text)),
            "decode big5": (big5.encode("big5"), len(big5)),
            "decode gb18030": (text.encode("gb18030"), len(text)),
            "decode utf-16-le": (text.encode("utf-16-le"), len(text)),
        }
        out: dict[str, tuple[Callable[[], object], int]] = {
            name: ((lambda d=data: decode(d)), n) for name, (data, n) in encoded.items()
        }
        out["find_body (page chrome)"] = (lambda: find_body(text), len(text))
        out["sentence_spans"] = (lambda: sentence_spans(text), len(text))
        return out

    decode("热身".encode("gb18030"))  # the one-off tables, loaded before anything is timed
    full, half = report_text(args.size), report_text(args.size // 2)
    yardstick = best_cpu_seconds(lambda: _ANY.findall(full), args.repeat)
    print(f"{len(full):,} characters; yardstick (re.findall over the text): {yardstick:.4f} CPU s")
    print(f"{'step':<26}{'CPU s':>9}{'chars/s':>14}{'yardsticks':>12}{'growth':>9}")
    failed = []
    full_steps, half_steps = steps(full), steps(half)
    for name, (step, chars) in full_steps.items():
        seconds = best_cpu_seconds(step, args.repeat)
        half_seconds = best_cpu_seconds(half_steps[name][0], args.repeat)
        ratio = seconds / yardstick if yardstick else float("inf")
        growth = seconds / half_seconds if half_seconds else float("inf")
        rate = chars / seconds if seconds else float("inf")
        print(f"{name:<26}{seconds:>9.3f}{rate:>14,.0f}{ratio:>12.1f}{growth:>9.2f}")
        if ratio > MAX_YARDSTICKS or growth > MAX_GROWTH:
            failed.append(name)
    verdict = "met" if not failed else "NOT met by " + ", ".join(failed)
    print(f"targets: under {MAX_YARDSTICKS:g} yardsticks and growth under {MAX_GROWTH:g}: {verdict}")


if __name__ == "__main__":
    main()
