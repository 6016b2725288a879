"""Pick the paragraphs of the shared corpus that the gold development set annotates.

The selection is deterministic (a fixed list of files, a fixed rule per file) so that the
sample can be rebuilt and checked: each record keeps the source file, the paragraph's
character offset in the decoded source, and a SHA-256 of the paragraph text.

Run from the repository root, with the shared corpus beside the checkout:

    python scripts/sample_gold_paragraphs.py --shared ../shared/corpus
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from pathlib import Path

# (folder, file, encoding): national reports of every decade, county reports in GBK.
FILES: list[tuple[str, str, str]] = [
    ("national", "national_china_1954.txt", "utf-8"),
    ("national", "national_china_1959.txt", "utf-8"),
    ("national", "national_china_1964.txt", "utf-8"),
    ("national", "national_china_1978.txt", "utf-8"),
    ("national", "national_china_1982.txt", "utf-8"),
    ("national", "national_china_1988.txt", "utf-8"),
    ("national", "national_china_1993.txt", "utf-8"),
    ("national", "national_china_1998.txt", "utf-8"),
    ("national", "national_china_2003.txt", "utf-8"),
    ("national", "national_china_2008.txt", "utf-8"),
    ("national", "national_china_2012.txt", "utf-8"),
    ("national", "national_china_2016.txt", "utf-8"),
    ("national", "national_china_2019.txt", "utf-8"),
    ("national", "national_china_2022.txt", "utf-8"),
    ("national", "national_china_2024.txt", "utf-8"),
    ("national", "national_china_2025.txt", "utf-8"),
    ("county-gbk", "county_hailar_2012.gbk.txt", "gbk"),
    ("county-gbk", "county_hailar_2014.gbk.txt", "gbk"),
    ("county-gbk", "county_hailar_2016.gbk.txt", "gbk"),
    ("county-gbk", "county_hailar_2017.gbk.txt", "gbk"),
    ("county-gbk", "county_hailar_2019.gbk.txt", "gbk"),
]

# Plan-year reports: the paragraph of main targets is the most useful one to annotate.
TARGETS_CUE = "预期目标"
MIN_CHARS, MAX_CHARS = 120, 700


def paragraphs(text: str) -> list[tuple[int, str]]:
    """Non-empty lines with their start offsets (CRLF kept out of the paragraph)."""
    out = []
    for match in re.finditer(r"[^\r\n]+", text):
        if match.group().strip():
            out.append((match.start(), match.group()))
    return out


def score(paragraph: str) -> int:
    """Prefer dense paragraphs: numbers, quoted names and place-like suffixes."""
    return len(re.findall(r"\d+(?:\.\d+)?", paragraph)) * 2 + paragraph.count("“") + len(
        re.findall(r"[省市县区河山]", paragraph)
    )


def pick(text: str, second: bool) -> list[tuple[int, str]]:
    """The targets paragraph when there is one, plus the densest other paragraph."""
    candidates = [(o, p) for o, p in paragraphs(text) if MIN_CHARS <= len(p.strip()) <= MAX_CHARS]
    chosen = [c for c in candidates if TARGETS_CUE in c[1]][:1]
    rest = sorted((c for c in candidates if c not in chosen), key=lambda c: (-score(c[1]), c[0]))
    wanted = 2 if second else 1
    for cand in rest:
        if len(chosen) >= wanted:
            break
        chosen.append(cand)
    return sorted(chosen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--out", type=Path, default=Path("corpus/gold/sources/samples.jsonl"))
    args = parser.parse_args()
    records = []
    for folder, name, encoding in FILES:
        text = (args.shared / folder / name).read_bytes().decode(encoding)
        for offset, para in pick(text, second=folder == "county-gbk"):
            records.append(
                {
                    "id": f"{name.split('.')[0]}@{offset}",
                    "source": f"shared/corpus/{folder}/{name}",
                    "encoding": encoding,
                    "offset": offset,
                    "sha256": hashlib.sha256(para.encode("utf-8")).hexdigest(),
                    "text": para,
                }
            )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{len(records)} paragraphs, {sum(len(r['text']) for r in records)} characters -> {args.out}")


if __name__ == "__main__":
    main()
