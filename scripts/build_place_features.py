"""Build the PLACE tagger's list of named natural features and sites that no other table holds.

Rivers, lakes, deserts, plains, reservoir areas and the like are named by a stem and a
generic head (无定河, 科尔沁沙地, 三峡库区, 黄河三角洲). The suffix rules find a head after a
known place or a short stem after a boundary; longer or unknown stems they miss. jieba's
dictionary (MIT, shipped in the `jieba` wheel we already depend on) tags many such names
`ns`. This script keeps a jieba `ns` word when

- it is three to six characters long and ends in a head of `FEATURE_HEADS` (a river's,
  lake's, mountain's, desert's, plain's, reservoir's …), after a stem of one character or more;
- it is no division's name (`data/place_gazetteer.tsv`: 丹江口 is a city), and not in the
  lexicon or the regions table already;
- it is not the tail of a longer `ns` word (苏里江 of 乌苏里江, 江平原 of 三江平原): a cut name;
- it is not a kind of feature or an idiom (`GENERIC`: 堰塞湖, 江河湖泊, 高山峻岭);
- it occurs in a report of the corpus outside the gold test split (the lists of
  `scripts/sample_gold_passages.py`), or jieba has seen it at least `MIN_FREQ` times (黄浦江,
  洞庭湖 …: names any province's report may use).

Each row gives the kind its head decides (`natural`, or `site` for reservoirs and works,
`region` for reservoir areas and rims of a sea), and where it was found.

    python scripts/build_place_features.py [--corpus ../shared/corpus]

writes govreport_nlp/data/place_features.tsv (the lexicon's columns). The result depends
only on the installed jieba, the gazetteer, the tables and the corpus: a rebuild gives the
same bytes.
"""

from __future__ import annotations

import argparse
import re
import sys
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_place_regions import DATA, DEFAULT_CORPUS, corpus_files, test_split_report  # noqa: E402
from build_place_words import read_jieba_dictionary  # noqa: E402

from govreport_nlp.taggers.places.gazetteer import Gazetteer  # noqa: E402

#: Heads of named features and the kind each gives (longest first when matching).
FEATURE_HEADS = {
    "河": "natural", "江": "natural", "湖": "natural", "山": "natural", "岭": "natural", "峰": "natural",
    "岛": "natural", "峡": "natural", "湾": "natural", "海": "natural", "沙地": "natural", "沙漠": "natural",
    "草原": "natural", "三角洲": "natural", "运河": "natural", "淖尔": "natural", "峡谷": "natural",
    "盆地": "natural", "平原": "natural", "高原": "natural", "半岛": "natural", "山脉": "natural",
    "冰川": "natural", "瀑布": "natural", "水道": "natural",
    "水库": "site", "灌区": "site", "遗址": "site", "石窟": "site", "长城": "site", "墓群": "site",
    "露天矿": "site", "库区": "region",
}
#: Rims of a sea are regions (环渤海).
REGION_PREFIXES = ("环",)
#: jieba `ns` words with a feature's head that name a kind of feature (火山岛, 咸水湖, 内流河), are idioms
#: (信口开河, 人山人海, 五洲四海), name a fictional place or person (苏星河, 余沧海, 水泊梁山) or a
#: division in other words (中国台湾): read by hand from the list this script makes.
GENERIC = {
    "堰塞湖", "江河湖泊", "江河湖海", "高山峻岭", "半壁江山", "大小兴安岭", "信口开河", "人山人海", "崇山峻岭",
    "荒山野岭", "日落西山", "火山岛", "咸水湖", "内流河", "稀树草原", "高平原", "五洲四海", "水泊梁山", "余沧海",
    "苏星河", "天鹅湖", "中国台湾",
}
#: jieba's frequency from which an `ns` name needs no report to attest it (one in a corpus of about
#: 60 million characters): a name this common is a name in any province's report.
MIN_FREQ = 20
MIN_LENGTH, MAX_LENGTH = 3, 6
OUT = DATA / "place_features.tsv"

#: jieba tags some named works `nz` (other proper nouns), not `ns`: 大运河. Such a word with a feature's
#: head is kept when reports of `MIN_NZ_REPORTS` provinces or years outside the test split use it: a name
#: the reports share, not a kind (护城河, in two, is a kind of river). Works are sites.
MIN_NZ_REPORTS = 3

#: A way of working named after the place it began in, quoted: 新时代“枫桥经验” (the guidelines mark a
#: place inside a programme or slogan). A jieba `ns` word of two to four characters quoted before 经验 in
#: a report outside the test split, that is no division (the gazetteer finds those: “晋江经验”), names
#: a town or village: the named experiences of the reports began in one (枫桥镇).
EXPERIENCE = re.compile(r"“([\u4e00-\u9fff]{2,4})经验”")


def table_names(*names: str) -> set[str]:
    """The first column of the lexicon-format tables `names` (data/)."""
    out: set[str] = set()
    for name in names:
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                out.add(line.split("\t")[0])
    return out


def head_of(word: str) -> str | None:
    """The longest head of `FEATURE_HEADS` that ends `word` after a stem of one character or more."""
    heads = [h for h in FEATURE_HEADS if word.endswith(h) and len(word) > len(h)]
    return max(heads, key=len) if heads else None


def build(corpus: Path) -> list[tuple[str, str, str, str]]:
    gazetteer = Gazetteer.default()
    words = read_jieba_dictionary()
    places = {w for w, (_, tag) in words.items() if tag == "ns"}
    known = table_names("place_lexicon.tsv", "place_regions.tsv")
    files = [(label, text) for label, _, text in corpus_files(corpus) if not test_split_report(label)]
    rows = []
    for word in sorted(places):
        if not MIN_LENGTH <= len(word) <= MAX_LENGTH or word in GENERIC or word in known:
            continue
        head = head_of(word)
        if head is None or gazetteer.named(word):
            continue
        if any(other != word and other.endswith(word) for other in places):
            continue  # 苏里江 of 乌苏里江: a cut name
        where = [label for label, text in files if word in text]
        freq = words[word][0]
        if not where and freq < MIN_FREQ:
            continue
        kind = "region" if word.startswith(REGION_PREFIXES) else FEATURE_HEADS[head]
        more = f" and {len(where) - 1} more" if len(where) > 1 else ""
        found = f"corpus {where[0]}{more}" if where else "in no report of the corpus"
        note = f"feature: jieba ns (frequency {freq}), head {head}; {found}"
        rows.append((word, kind, "", note))
    rows += named_works(files, words, gazetteer, known | {row[0] for row in rows})
    rows += experiences(files, places, gazetteer, known | {row[0] for row in rows})
    return rows


def named_works(
    files: list[tuple[str, str]], words: dict[str, tuple[int, str]], gazetteer: Gazetteer, known: set[str]
) -> list[tuple[str, str, str, str]]:
    """jieba `nz` words with a feature's head that `MIN_NZ_REPORTS` reports outside the test split use (大运河)."""
    rows = []
    for word, (freq, tag) in sorted(words.items()):
        if tag != "nz" or not MIN_LENGTH <= len(word) <= MAX_LENGTH or word in GENERIC or word in known:
            continue
        head = head_of(word)
        if head is None or freq < MIN_FREQ or gazetteer.named(word):
            continue
        where = [label for label, text in files if word in text]
        if len(where) >= MIN_NZ_REPORTS:
            note = f"named work: jieba nz (frequency {freq}), head {head}; corpus {where[0]} and {len(where) - 1} more"
            rows.append((word, "site", "", note))
    return rows


def experiences(
    files: list[tuple[str, str]], places: set[str], gazetteer: Gazetteer, known: set[str]
) -> list[tuple[str, str, str, str]]:
    """Towns and villages named by a quoted experience (`EXPERIENCE`): 枫桥 of “枫桥经验”."""
    where: dict[str, list[str]] = {}
    for label, text in files:
        for name in dict.fromkeys(m.group(1) for m in EXPERIENCE.finditer(text)):
            if name in places and name not in known and not gazetteer.named(name):
                where.setdefault(name, []).append(label)
    rows = []
    for name, labels in sorted(where.items()):
        more = f" and {len(labels) - 1} more" if len(labels) > 1 else ""
        rows.append((name, "township", "", f"named experience: jieba ns, quoted before 经验; corpus {labels[0]}{more}"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    rows = build(args.corpus)
    header = [
        "# Named natural features and sites no other table holds (see scripts/build_place_features.py)."
        " Do not edit by hand.",
        f"# Source: jieba {version('jieba')} dict.txt (MIT), words tagged ns with a feature's head, attested in the"
        f" corpus (shared/corpus, corpus/reports) outside the gold test split or of jieba frequency {MIN_FREQ}"
        " or more; words tagged nz with such a head in three reports outside the test split (works, sites);"
        " and words tagged ns quoted before 经验 in a report outside the test split (towns).",
        "# name\tkind\tparent_code\tnote",
    ]
    args.out.write_text("\n".join(header + ["\t".join(row) for row in rows]) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(rows)} features")


if __name__ == "__main__":
    main()
