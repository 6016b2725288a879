"""List the Taiwan-phrase conversions that would damage mainland report vocabulary.

OpenCC's tw2sp maps Taiwan wording to mainland wording (最佳化 → 优化, 網路 → 网络), but
its phrase table is tuned for IT texts: it also turns 指標 into 指针 ("pointer") and
新增 into 添加. A phrase is excluded when its Simplified form occurs as a word (jieba's
segmentation, so 公社群众 does not count for 社群) in the mainland national reports:
there it is ordinary report vocabulary, not Taiwan wording.

    python scripts/build_tw_phrase_exclusions.py --national ../shared/corpus/national

writes govreport_nlp/data/ingest_tw_phrase_exclusions.tsv (phrase, its mainland form, count).
"""

from __future__ import annotations

import argparse
import logging
from collections import Counter
from pathlib import Path

import jieba
from opencc import OpenCC

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "govreport_nlp" / "data" / "ingest_tw_phrase_exclusions.tsv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--national", type=Path, default=ROOT.parent / "shared" / "corpus" / "national")
    args = parser.parse_args()
    t2s = OpenCC("t2s")
    # The files end with the archive's licence note (中文维基文库社群认为…): not report text.
    lines = (
        line
        for path in sorted(args.national.glob("*.txt"))
        for line in t2s.convert(path.read_text(encoding="utf-8")).splitlines()
        if "维基文库" not in line
    )
    corpus = "\n".join(lines)
    jieba.setLogLevel(logging.WARNING)
    words = Counter(jieba.cut(corpus))
    tw2sp = OpenCC("tw2sp")
    tw2sp._init_dict()
    rows = []
    for _max_len, _min_len, mapping in tw2sp._dict_chain_data[0]:
        for phrase, target in mapping.items():
            if len(phrase) < 2:
                continue
            mainland = t2s.convert(phrase)
            count = words[mainland]
            if count and mainland != target.split(" ")[0]:
                rows.append((phrase, mainland, count))
    rows.sort()
    with OUT.open("w", encoding="utf-8") as fh:
        fh.write("# Taiwan-phrase conversions of OpenCC tw2sp that govreport_nlp does not apply.\n")
        fh.write(f"# Built by scripts/build_tw_phrase_exclusions.py from {len(list(args.national.glob('*.txt')))} "
                 "national reports (1954-2025): the phrase's Simplified form occurs there as a word.\n")
        fh.write("# phrase\tmainland form\toccurrences\n")
        for phrase, mainland, count in rows:
            fh.write(f"{phrase}\t{mainland}\t{count}\n")
    print(f"{len(rows)} phrases -> {OUT}")


if __name__ == "__main__":
    main()
