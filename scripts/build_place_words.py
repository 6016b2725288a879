"""Build the word lists the PLACE tagger uses to tell place names from ordinary words.

Many short names of divisions are also everyday words (资源, 合作, 和平, 平安, 解放, 公园),
and many place names sit inside longer words (资中 in 投资中心, 长治 in 长治久安). The
tagger reads characters, not the segmenter's words, so it needs to know these words
itself. jieba's dictionary (MIT, shipped inside the `jieba` wheel we already depend on)
lists 349k words with a frequency and a part-of-speech tag; from it this script keeps:

- `common`: an alias of a division that jieba knows as a word that is not a place
  (its tag is not `ns`), seen at least `--min-common` times. A bare `common` alias is
  taken as a place only with support from its context (the report's own province, its
  parent written before it, or an official suffix).
- `word` also: a word of two or three characters that ends in a head of
  `data/place_suffixes.tsv` after one character (管线, 支线, 小巷, 渔村), seen at least
  `--min-headword` times and tagged as no name: the head ends that word, so a stem and the
  head make no name (城镇管线 is no route).
- `idiom`: an idiom (jieba tag `i`) of four characters or more that ends in a head of
  `data/place_suffixes.tsv` (愚公移山, 执法如山, 堆积如山): it is never a named mountain or road.
- `blocker`: a frequent word that is not a place or person name and that overlaps an
  alias without containing it whole, or contains it: a place candidate that a blocker
  crosses or covers is not a place (投资中心 blocks 资中; 长治久安 blocks 长治).

    python scripts/build_place_words.py

writes govreport_nlp/data/place_words.tsv (word, role, jieba tag, jieba frequency).
The result depends only on the installed jieba version and the gazetteer, so a rebuild
gives the same bytes.
"""

from __future__ import annotations

import argparse
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path

from govreport_nlp.taggers.places.gazetteer import Gazetteer

OUT = Path(__file__).resolve().parents[1] / "govreport_nlp" / "data" / "place_words.tsv"

#: jieba's tag of place names: such a word never blocks a name it contains (太平洋 does
#: not veto a place; it is in the lexicon), though it may cross one (城市 in 大城市 crosses
#: 大城). Its other tags are too loose to trust (it tags 弘扬 `nr`, 平遥 `a`).
NAME_TAGS = {"ns"}

#: jieba tags of function and descriptive words: an alias with one of them is a common word.
COMMON_TAGS = {"v", "vn", "vd", "a", "ad", "an", "d", "f", "s", "m", "b", "c", "p", "r", "q", "t", "l", "i", "z", "u"}
#: A name this frequent in jieba's corpus is an ordinary word (资源 17453, 公园 4609).
COMMON_FREQ = 1000
#: Longer words are idioms and compounds that rarely hide a place name; the tagger looks
#: words up around each candidate, so their length bounds its work.
MAX_BLOCKER = 5
#: jieba tags of names (person, place, organisation, other proper noun, abbreviation): a word
#: ending in a place head with one of them may be a name itself (洪湖 nr, 梁山 nr, 九线 nz).
PROPER_TAGS = {"nr", "nrt", "nrfg", "ns", "nt", "nz", "j"}
SUFFIXES = Path(__file__).resolve().parents[1] / "govreport_nlp" / "data" / "place_suffixes.tsv"
#: A function or descriptive word this frequent is ordinary (友好 2568, 安定 1278, 前进).
COMMON_TAGGED_FREQ = 300

#: Division names seen in the national reports only as ordinary words or inside them
#: (新建 "newly built", 安居工程, 科教兴国, 绿水青山, 同心同德, 支农惠农, 大城市): common.
COMMON_IN_REPORTS = {
    "新建", "工农", "安居", "兴国", "太平", "富民", "同心", "同德", "爱民", "惠农", "青山", "大城", "乐业",
    "金山", "磐石", "会同", "安宁", "大兴", "兴业", "双城", "平原", "江海", "大田", "石棉", "宝山", "文山",
    "安康", "裕民", "向山", "湖滨", "建安", "新安", "金沙", "三江", "中山", "泰山", "清河", "西岗", "三河",
    "惠民", "吉利", "兴安", "平房", "红星", "清水", "沿河", "一区",
}

#: Divisions whose short name jieba tags as a common word but that reports use as the
#: place far more often than as the word (prefecture-level cities and well-known counties).
#: Kept out of `common` by name, each checked against the national corpus.
ALWAYS_PLACES = {
    "大连", "保定", "开封", "仙桃", "孝感", "恩施", "大理", "神农架", "赤壁", "桂林", "黄石",
    "麻城", "洪湖", "阿里", "梁山", "凤凰", "延安", "井冈山", "遵义", "西柏坡", "韶山",
}


def read_jieba_dictionary() -> dict[str, tuple[int, str]]:
    """jieba's main dictionary: word -> (frequency, tag)."""
    words: dict[str, tuple[int, str]] = {}
    text = files("jieba").joinpath("dict.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3:
            words[parts[0]] = (int(parts[1]), parts[2])
    return words


def is_common(word: str, freq: int, tag: str, gazetteer: Gazetteer, min_common: int) -> bool:
    """Whether a division's name is, bare, more often an ordinary word than the place.

    jieba's tags are unreliable for place names (it tags 大同 `d`, 平遥 `a`), so a tag
    alone decides nothing: a very frequent word is common (资源, 合作, 和平, 公园), a
    frequent function or descriptive word is common unless a province or prefecture
    bears the name, and the hand-checked `ALWAYS_PLACES` are never common.
    """
    if word in ALWAYS_PLACES:
        return False
    if word in COMMON_IN_REPORTS or (len(word) == 2 and "和" in word):
        return True  # 和 is the conjunction far more often than part of a name (越南和苏联 → 南和)
    if tag == "ns" or freq < min_common:
        return False
    if freq >= COMMON_FREQ:
        return True
    high = any(d.level in ("province", "prefecture") for d in gazetteer.candidates(word))
    if high:
        return False
    # A county's short name that is also a frequent word (天桥, 古城, 名山, 沿河): bare,
    # in a report from elsewhere, it is the word.
    return freq >= COMMON_TAGGED_FREQ


def place_heads() -> list[str]:
    """The heads of the suffix rules (公园, 路, 线, 村 …)."""
    lines = SUFFIXES.read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[0] for line in lines if line.strip() and not line.startswith("#")]


def ends_in_head(word: str, heads: list[str]) -> bool:
    """Whether one character and a place head make the word (管线, 渔村; not 公路线)."""
    return any(word.endswith(h) and len(word) == len(h) + 1 for h in heads)


def build(min_common: int, min_blocker: int, min_word: int, min_headword: int = 30) -> list[tuple[str, str, str, int]]:
    gazetteer = Gazetteer.default()
    heads = place_heads()
    aliases = {a for a in gazetteer.aliases() if len(a) >= 2}
    prefixes = {a[:i] for a in aliases for i in range(1, len(a))}
    suffixes = {a[i:] for a in aliases for i in range(1, len(a))}
    words = read_jieba_dictionary()
    rows: list[tuple[str, str, str, int]] = []
    for word, (freq, tag) in words.items():
        if word in aliases:
            if is_common(word, freq, tag, gazetteer, min_common):
                rows.append((word, "common", tag, freq))
            continue
        idiom = tag == "i" and len(word) >= 4 and any(word.endswith(h) and len(word) > len(h) for h in heads)
        if not 2 <= len(word) <= MAX_BLOCKER or freq < min_blocker:
            if idiom:
                rows.append((word, "idiom", tag, freq))
            continue
        crosses = any(word[i:] in prefixes or word[:i] in suffixes for i in range(1, len(word)))
        inner = (word[i:j] for i in range(len(word)) for j in range(i + 2, len(word) + 1))
        covers = len(word) > 2 and any(part in aliases for part in inner)
        if idiom and not (crosses or (covers and tag not in NAME_TAGS)):
            rows.append((word, "idiom", tag, freq))
        elif crosses or (covers and tag not in NAME_TAGS):
            rows.append((word, "blocker", tag, freq))
        elif len(word) <= 3 and freq >= min_word and tag not in NAME_TAGS:
            rows.append((word, "word", tag, freq))
        elif freq >= min_headword and tag not in PROPER_TAGS and ends_in_head(word, heads):
            rows.append((word, "word", tag, freq))
    return sorted(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--min-common", type=int, default=300)
    parser.add_argument("--min-blocker", type=int, default=100)
    parser.add_argument("--min-word", type=int, default=300)
    parser.add_argument("--min-headword", type=int, default=30)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    rows = build(args.min_common, args.min_blocker, args.min_word, args.min_headword)
    header = [
        "# Words that decide whether a division's name is a place here (see scripts/build_place_words.py).",
        f"# Source: jieba {version('jieba')} dict.txt (MIT), against govreport_nlp/data/place_gazetteer.tsv;"
        f" --min-common {args.min_common} --min-blocker {args.min_blocker}"
        f" --min-word {args.min_word} --min-headword {args.min_headword}; heads from place_suffixes.tsv."
        " Do not edit by hand.",
        "# word\trole\tjieba_tag\tjieba_freq",
    ]
    lines = header + ["\t".join(map(str, row)) for row in rows]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    counts = {role: sum(1 for r in rows if r[1] == role) for role in ("common", "blocker", "word", "idiom")}
    print(f"wrote {args.out}: {counts}")


if __name__ == "__main__":
    main()
