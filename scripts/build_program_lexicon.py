"""Fill the `source` column of the curated programme lexicon from the corpus.

The rows of `govreport_nlp/data/program_lexicon.tsv` (canonical name, aliases, class, description)
are curated by hand; this script records, for each row, where its names occur in the
reports we ship or use, so every row's provenance can be checked:

- `national_china_Y1–Y2 (N reports)`: the first and last of the 52 national reports that
  contain the canonical name or an alias, and how many do;
- else the bundled reports (`corpus/reports/*.txt`, normalised to Simplified script) and
  the county reports (`county-gbk`) that contain one;
- else `annotation guidelines` (an example named there, e.g. a negative example).

    python scripts/build_program_lexicon.py [--shared ../shared]

rewrites the file in place; rows keep their order, comments at the top are kept.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from govreport_nlp.ingest.normalize import normalize
from govreport_nlp.ingest.prepare import load_source

ROOT = Path(__file__).resolve().parents[1]
LEXICON = ROOT / "govreport_nlp" / "data" / "program_lexicon.tsv"


def read_texts(folder: Path, pattern: str = "*.txt") -> dict[str, str]:
    """File stem → normalised (Simplified, half-width digits) text."""
    texts = {}
    for path in sorted(folder.glob(pattern)):
        text, _ = load_source(path, name=str(path))
        # Names are looked up without quotes: “菜篮子”市长负责制 counts for 菜篮子市长负责制.
        texts[path.stem] = normalize(text).text.replace("“", "").replace("”", "")
    return texts


def source_of(names: list[str], national: dict[str, str], others: dict[str, str]) -> str:
    years = sorted(stem for stem, text in national.items() if any(n in text for n in names))
    if years:
        first, last = years[0], years[-1].rsplit("_", 1)[-1]
        span = first if len(years) == 1 else f"{first}–{last}"
        return f"{span} ({len(years)} report{'s' if len(years) > 1 else ''})"
    found = [stem for stem, text in others.items() if any(n in text for n in names)]
    return ", ".join(found[:3]) if found else "annotation guidelines"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    national = read_texts(args.shared / "corpus" / "national")
    others = {**read_texts(ROOT / "corpus" / "reports"), **read_texts(args.shared / "corpus" / "county-gbk")}
    lines = LEXICON.read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines:
        if line.startswith("#") or not line.strip():
            out.append(line)
            continue
        cells = line.split("\t")
        cells += [""] * (5 - len(cells))
        names = [cells[0], *[a for a in cells[1].split("|") if a]]
        cells[4] = source_of(names, national, others)
        out.append("\t".join(cells[:5]))
    LEXICON.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {LEXICON} ({sum(1 for x in out if x and not x.startswith('#'))} rows)")


if __name__ == "__main__":
    main()
