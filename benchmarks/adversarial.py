"""Time on adversarial input: every rule must run in time linear in its input, whatever it is.

    python benchmarks/adversarial.py [--corpus DIR] [--size 100000] [--segmenter char] [--only NAME ...]

Builds, for each character class the rules look at (digits of every width, numerals,
units, place names and their chains, organisations, suffixes, quotes, headings, clause
and sentence marks, cue words, page chrome, Traditional script, white space of every
kind …), an input that repeats it to `--size` characters, and times `annotate()` on it
(str input: the whole run from text to checked JSON). In the same run it times the same
number of characters of real report text (the national reports of `--corpus`) and prints,
per input:

- `x real`: its time as a ratio to the real text's (the target: at most 3);
- `growth`: its time at `--size` over its time at half that size (linear: about 2;
  quadratic: about 4).

One core; each figure is the process's CPU time (`time.process_time`: other work on a
shared machine changes it far less than the wall clock), the best of `--repeat` runs. A
case whose half-size run already takes more than `--give-up` seconds is reported and not
run at full size.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

#: (name, what the rules look at, prefix, unit): the input is `prefix` then `unit` repeated.
CASES: list[tuple[str, str, str, str]] = [
    # ingest: decoding, normalisation, page chrome
    ("fullwidth-digits", "normalisation, quantities", "", "１２３４５６７８９０"),
    ("spaced-digits", "normalisation (spaced numbers)", "", "1 "),
    ("spaced-percent", "normalisation (spaced numbers)", "", "5 ．4 ％ "),
    ("ideographic-space", "normalisation, trimming", "", "\u3000"),
    ("unicode-spaces", "trimming", "", "\u2003\u2028\x1c\x85\u1680\u205f"),
    ("crlf", "line ends", "", "\r\n"),
    ("zero-width", "normalisation", "", "\u200b\ufeff"),
    ("traditional", "Traditional → Simplified", "", "經濟發展與環境保護"),
    ("chrome-lines", "page chrome", "", "扫一扫在手机打开当前页\n"),
    ("astral", "code points outside the BMP", "", "𠀀😀"),
    ("html", "markup", "", "<p>"),
    ("html-unclosed", "markup: elements never closed", "<html><body>", "<script><!--x"),
    ("html-report", "markup around report text", "<html><body>", "<p>确保粮食产量保持在31.1亿斤以上。</p>&nbsp;"),
    # structure
    ("l1-headings", "headings 一、", "", "一、\n"),
    ("l2-headings", "headings （一）", "", "（一）\n"),
    ("l3-headings", "headings 1.", "", "1.\n"),
    ("dash-leads", "level-4 leads ——", "", "——\n"),
    ("run-in-items", "run-in items 一是", "", "；一是"),
    ("sentence-ends", "sentences", "", "。"),
    ("closing-quotes", "sentences (closers)", "", "”"),
    ("title", "place and year", "", "政府工作报告"),
    ("years", "years, durations", "", "2023年"),
    # quantities
    ("digits", "numbers", "", "1"),
    ("numerals", "Chinese numerals", "", "一"),
    ("tens", "Chinese numerals", "", "二十"),
    ("thousands", "thousands groups", "1", ",000"),
    ("decimals", "decimal points", "", "1."),
    ("ratios", "ratios", "", "1:"),
    ("percent", "percentages", "", "1%"),
    ("ranges", "ranges", "", "1-"),
    ("money", "amounts with multipliers", "", "1.5亿元，"),
    ("approx", "qualifiers", "", "约"),
    ("ranks", "ranks", "", "第一"),
    ("people", "people counts", "", "万人民"),
    ("quote-open", "quoted regions", "", "“"),
    ("book-title", "quoted regions", "", "《"),
    # places
    ("place-name", "place names", "", "长治"),
    ("province-name", "place names, overlapping", "", "山西"),
    ("chain", "division chains", "", "山西省晋中市平遥县"),
    ("organisation", "organisations", "", "晋中市委"),
    ("name-organisation", "organisations over names", "", "晋中市委晋中"),
    ("park", "suffixed names", "", "公园"),
    ("village", "suffixed names", "", "村"),
    ("road", "suffixed names", "", "路"),
    ("generic-stems", "generic stems", "", "市区"),
    ("zone-lists", "zones of contracted lists", "", "推进呼包鄂示范区"),
    ("compass", "compass words, arrivals", "", "在陕西部"),
    # programs
    ("heads", "programme heads", "", "工程"),
    ("triggers", "trigger verbs", "", "实施"),
    ("quoted-numerals", "numbered slogans", "", "“一一一一一一一一一一一一一一一一一一一一一一一a”"),
    ("quoted-name", "quoted names", "", "实施“百乡千村”行动"),
    # commitments
    ("cue", "commitment cues", "", "确保"),
    ("clause-marks", "clauses", "", "，"),
    ("list-lead-in", "target lists", "", "主要预期目标是："),
    ("stance", "stance cues", "", "贯彻落实"),
    ("plan-clauses", "plan sections, topic lines", "二、2024年工作安排\n", "加快发展数字经济，"),
    ("plan-sentences", "plan sections, topic lines", "二、2024年工作安排\n", "加快发展。"),
]


def build(prefix: str, unit: str, size: int) -> str:
    body = unit * ((size - len(prefix)) // len(unit) + 1)
    return (prefix + body)[:size]


def mixed(size: int) -> str:
    """All the units above in a seeded random order: classes next to each other."""
    rng = random.Random(21)
    units = [unit for _, _, _, unit in CASES]
    out: list[str] = []
    length = 0
    while length < size:
        unit = rng.choice(units) * rng.randint(1, 40)
        out.append(unit)
        length += len(unit)
    return "".join(out)[:size]


def real_text(corpus: Path, size: int) -> str:
    """`size` characters of real reports, starting with the report in the middle of the corpus."""
    paths = sorted(corpus.glob("*.txt"))
    if not paths:
        raise SystemExit(f"no reports (*.txt) in {corpus}: pass --corpus")
    texts = [p.read_bytes().decode("utf-8-sig") for p in paths]
    joined = "\n".join(texts[len(texts) // 2 :] + texts[: len(texts) // 2])
    if len(joined) < size:
        raise SystemExit(f"{corpus} holds {len(joined):,} characters, fewer than --size {size:,}")
    return joined[:size]


def best_time(fn: Callable[[], object], repeat: int) -> float:
    """The least CPU time of `repeat` runs of `fn`."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parents[1] / "shared" / "corpus" / "national")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--segmenter", default="char", choices=["char", "jieba", "pkuseg"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--give-up", type=float, default=30.0)
    parser.add_argument("--only", nargs="*", help="names of the cases to run (default: all)")
    args = parser.parse_args()

    import govreport_nlp

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    nlp = govreport_nlp.load(args.segmenter, shared=True)
    govreport_nlp.annotate("热身：确保粮食产量保持在31.1亿斤以上。", nlp=nlp)  # lazy initialisation

    def run(text: str) -> float:
        return best_time(lambda: govreport_nlp.annotate(text, nlp=nlp), args.repeat)

    real = run(real_text(args.corpus, args.size))
    cases = [(name, what, build(prefix, unit, args.size)) for name, what, prefix, unit in CASES]
    cases.append(("mixed", "all of the above, side by side", mixed(args.size)))
    if args.only:
        cases = [case for case in cases if case[0] in args.only]
    print(f"segmenter {args.segmenter}; {args.size:,} characters; one core; best of {args.repeat}")
    print(f"real text ({args.corpus}): {real:.3f} s")
    print(f"{'input':<20} {'looks at':<32} {'half s':>7} {'full s':>7} {'x real':>7} {'growth':>7}  (CPU seconds)")
    worst: list[tuple[float, str]] = []
    for name, what, text in cases:
        half = run(text[: args.size // 2])
        if half > args.give_up:
            print(f"{name:<20} {what:<32} {half:>7.2f}       - too slow at half size")
            worst.append((float("inf"), name))
            continue
        full = run(text)
        ratio = full / real
        worst.append((ratio, name))
        flag = "" if ratio <= 3 else "  over 3x"
        print(f"{name:<20} {what:<32} {half:>7.3f} {full:>7.3f} {ratio:>7.2f} {full / half:>7.2f}{flag}")
    over = [name for ratio, name in worst if ratio > 3]
    ratio, name = max(worst)
    print(f"{len(worst)} inputs; worst {name} at {ratio:.2f}x real text; over 3x: {', '.join(over) or 'none'}")


if __name__ == "__main__":
    main()
