"""Pick the passages of the dev/test gold set from the shared corpus, deterministically.

The dev/test gold set measures the taggers the way users meet them: passages of reports
from many provinces and decades, half of them pasted without their headings. This script
chooses those passages and writes `corpus/gold/sources/passages.jsonl`; annotators then
draft spans over each passage's `text` (see docs/annotation.md).

Rules (no randomness, so the sample can be rebuilt and checked):
- Splits are by report, never a report in both: the lists below. Reports that the first
  gold set (seeds, samples) already used, and on which the rules were tuned, are all dev.
- A report's top-level headings (一、 二、 …) divide it: the first part looks back
  (review), the later parts look forward (plan). A paragraph under a later part that
  states main targets (预期目标/主要目标 with several %) is the targets paragraph.
- From each report: the targets paragraph (whole, when it has one), the plan paragraphs
  spread evenly over the plan part, and the review paragraphs densest in numbers.
- A passage is at most MAX_CHARS, cut after a sentence end. Every other passage is an
  excerpt: no heading, and (when the paragraph is long) starting at its second sentence,
  the way a user pastes text. The others carry their top-level heading as a first line.

    python scripts/sample_gold_passages.py --shared ../shared/corpus
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

PROVINCIAL_TEST = ["tianjin", "shanghai", "jilin", "jiangsu", "fujian", "henan", "hunan", "yunnan", "ningxia"]
PROVINCIAL_DEV = [
    "beijing", "chongqing", "liaoning", "heilongjiang", "anhui", "jiangxi",
    "shandong", "hubei", "shaanxi", "qinghai", "neimenggu", "guangxi",
]
# National reports of every decade; the test years were never in the first gold set.
NATIONAL_DEV = [1957, 1980, 1986, 1995, 2006, 2017]
NATIONAL_TEST = [1956, 1979, 1984, 1999, 2010, 2021]
COUNTY_DEV = [2013]
COUNTY_TEST = [2015, 2018]

MAX_CHARS = 400
MIN_CHARS = 80
HEADING = re.compile(r"^[\s\u3000]*[一二三四五六七八九十]+、\S{2,40}$")
SENTENCE_END = re.compile(r"[。！？!?；;]")
TARGETS = re.compile(r"预期目标|主要目标|预期指标")


@dataclass(frozen=True)
class Paragraph:
    offset: int
    text: str
    heading: str | None  # the top-level heading it stands under
    part: str  # review | plan | opening


def paragraphs(text: str) -> list[Paragraph]:
    """Lines with their offsets and the top-level part they stand in."""
    out: list[Paragraph] = []
    heading: str | None = None
    seen = 0
    for match in re.finditer(r"[^\r\n]+", text):
        line = match.group()
        if HEADING.match(line):
            heading, seen = line.strip(" \u3000\t"), seen + 1
            continue
        stripped = line.strip(" \u3000\t")
        if len(stripped) < MIN_CHARS:
            continue
        lead = len(line) - len(line.lstrip(" \u3000\t"))
        part = "opening" if seen == 0 else ("review" if seen == 1 else "plan")
        out.append(Paragraph(match.start() + lead, stripped, heading, part))
    if not any(p.heading for p in out):  # no numbered parts: first third looks back
        cut = len(text) // 3
        out = [Paragraph(p.offset, p.text, None, "review" if p.offset < cut else "plan") for p in out]
    return out


def is_targets(p: Paragraph) -> bool:
    return p.part == "plan" and bool(TARGETS.search(p.text)) and p.text.count("%") >= 3


def number_density(text: str) -> float:
    return len(re.findall(r"[0-9０-９]+(?:[.．][0-9０-９]+)?", text)) / max(len(text), 1)


def cut(text: str, start_at_second: bool, limit: int) -> tuple[int, str]:
    """A passage of at most `limit` characters ending at a sentence end (offset, text)."""
    begin = 0
    if start_at_second:
        first = SENTENCE_END.search(text)
        if first and len(text) - first.end() >= MIN_CHARS:
            begin = first.end()
    body = text[begin:]
    if len(body) <= limit:
        return begin, body
    ends = [m.end() for m in SENTENCE_END.finditer(body) if m.end() <= limit]
    end = ends[-1] if ends and ends[-1] >= MIN_CHARS else limit
    return begin, body[:end]


def spread(items: list[Paragraph], n: int) -> list[Paragraph]:
    """n items evenly spaced over the list, first and last included where possible."""
    if len(items) <= n:
        return items
    step = (len(items) - 1) / max(n - 1, 1)
    return [items[round(i * step)] for i in range(n)]


def pick(paras: list[Paragraph], n_plan: int, n_review: int) -> list[tuple[str, Paragraph]]:
    targets = [p for p in paras if is_targets(p)][:1]
    plan = [p for p in paras if p.part == "plan" and p not in targets]
    review = sorted((p for p in paras if p.part == "review"), key=lambda p: (-number_density(p.text), p.offset))
    chosen = [("targets", p) for p in targets]
    chosen += [("plan", p) for p in spread(plan, n_plan)]
    chosen += [("review", p) for p in sorted(review[:n_review], key=lambda p: p.offset)]
    return sorted(chosen, key=lambda c: c[1].offset)


PLACE_LIKE = re.compile(
    r"[\u4e00-\u9fff]{1,4}(?:省|市|县|区|州|盟|镇|乡|村|山|河|湖|江|港|岛|园区|新区|开发区|铁路|高铁|高速|机场|流域|平原|盆地)"
)
PROGRAM_LIKE = re.compile(r"“|行动|工程|战略|计划|试点|改革|制度|机制|政策")


def richness(text: str) -> float:
    """How many place- and programme-like words a paragraph holds, per character."""
    return (2 * len(PLACE_LIKE.findall(text)) + len(PROGRAM_LIKE.findall(text))) / max(len(text), 1)


def pick_more(paras: list[Paragraph], taken: set[int], n_plan: int, n_rich: int) -> list[tuple[str, Paragraph]]:
    """Round 2: more plan paragraphs (evenly spread), then those richest in names, none taken before."""
    free = [p for p in paras if p.offset not in taken and not is_targets(p)]
    plan = spread([p for p in free if p.part == "plan"], n_plan)
    rest = sorted((p for p in free if p not in plan), key=lambda p: (-richness(p.text), p.offset))[:n_rich]
    return sorted([(p.part if p.part != "opening" else "review", p) for p in plan + rest], key=lambda c: c[1].offset)


def files(shared: Path) -> list[tuple[str, Path, str, str, int, int]]:
    """(split, path, encoding, id prefix, plan paragraphs, review paragraphs) per report."""
    out = []
    for split, names, n_plan in (("dev", PROVINCIAL_DEV, 7), ("test", PROVINCIAL_TEST, 9)):
        for name in names:
            out.append((split, shared / "provincial-2026" / f"provincial_{name}_2026.txt", "utf-8",
                        f"prov-{name}-2026", n_plan, 4))
    for split, years in (("dev", NATIONAL_DEV), ("test", NATIONAL_TEST)):
        for year in years:
            out.append((split, shared / "national" / f"national_china_{year}.txt", "utf-8",
                        f"national-{year}", 2, 2))
    for split, years in (("dev", COUNTY_DEV), ("test", COUNTY_TEST)):
        for year in years:
            out.append((split, shared / "county-gbk" / f"county_hailar_{year}.gbk.txt", "gbk",
                        f"county-hailar-{year}", 2, 1))
    return out


# Round 2 (more spans per split): more paragraphs of the same reports, and more reports.
NATIONAL_DEV_2 = [1955, 1981, 1994, 2004, 2014, 2018]
NATIONAL_TEST_2 = [1958, 1983, 1992, 2002, 2013, 2023]
COUNTY_DEV_2 = [2017]


def files_round_2(shared: Path) -> list[tuple[str, Path, str, str, int, int]]:
    """(split, path, encoding, id prefix, plan paragraphs, name-rich paragraphs) of round 2."""
    out = []
    for split, names, n_plan, n_rich in (("dev", PROVINCIAL_DEV, 8, 4), ("test", PROVINCIAL_TEST, 11, 5)):
        for name in names:
            out.append((split, shared / "provincial-2026" / f"provincial_{name}_2026.txt", "utf-8",
                        f"prov-{name}-2026", n_plan, n_rich))
    for split, years in (("dev", NATIONAL_DEV_2), ("test", NATIONAL_TEST_2)):
        for year in years:
            out.append((split, shared / "national" / f"national_china_{year}.txt", "utf-8",
                        f"national-{year}", 4, 2))
    for year in COUNTY_DEV_2:
        out.append(("dev", shared / "county-gbk" / f"county_hailar_{year}.gbk.txt", "gbk",
                    f"county-hailar-{year}", 4, 2))
    return out


def files_round_3(shared: Path) -> list[tuple[str, Path, str, str, int, int]]:
    """(split, path, encoding, id prefix, 0, review paragraphs) of round 3: QUANTITY-dense reviews."""
    out = []
    for split, names in (("dev", PROVINCIAL_DEV), ("test", PROVINCIAL_TEST)):
        for name in names:
            out.append((split, shared / "provincial-2026" / f"provincial_{name}_2026.txt", "utf-8",
                        f"prov-{name}-2026", 0, 4))
    for split, years, n in (("dev", NATIONAL_DEV_2, 2), ("test", NATIONAL_TEST_2, 3)):
        for year in years:
            out.append((split, shared / "national" / f"national_china_{year}.txt", "utf-8", f"national-{year}", 0, n))
    return out


def files_round_4(shared: Path) -> list[tuple[str, Path, str, str, int, int]]:
    """Round 4, test only: more QUANTITY-dense reviews, so that test has 1,500 QUANTITY spans too."""
    out = [("test", shared / "provincial-2026" / f"provincial_{name}_2026.txt", "utf-8", f"prov-{name}-2026", 0, 3)
           for name in PROVINCIAL_TEST]
    out += [("test", shared / "national" / f"national_china_{year}.txt", "utf-8", f"national-{year}", 0, 2)
            for year in NATIONAL_TEST]
    return out


def files_round_5(shared: Path) -> list[tuple[str, Path, str, str, int, int]]:
    """Round 5, test only: two more QUANTITY-dense reviews per provincial test report (harmonising
    the first four rounds left test 21 QUANTITY spans short of 1,500)."""
    return [("test", shared / "provincial-2026" / f"provincial_{name}_2026.txt", "utf-8", f"prov-{name}-2026", 0, 2)
            for name in PROVINCIAL_TEST]


def pick_reviews(paras: list[Paragraph], taken: set[int], n: int) -> list[tuple[str, Paragraph]]:
    """Round 3: the review paragraphs densest in numbers, none taken before."""
    free = [p for p in paras if p.offset not in taken and p.part == "review"]
    dense = sorted(free, key=lambda p: (-number_density(p.text), p.offset))[:n]
    return [("review", p) for p in sorted(dense, key=lambda p: p.offset)]


def passage(text: str, para: Paragraph, kind: str, excerpt: bool) -> tuple[list[dict[str, int]], str]:
    """The passage of a paragraph: (its pieces in the source, its text)."""
    limit = 700 if kind == "targets" else MAX_CHARS
    begin, body = cut(para.text, start_at_second=excerpt and kind != "targets", limit=limit)
    pieces = [{"offset": para.offset + begin, "length": len(body)}]
    if not excerpt and para.heading:
        head_at = text.rfind(para.heading, 0, para.offset)
        pieces.insert(0, {"offset": head_at, "length": len(para.heading)})
        return pieces, para.heading + "\n" + body
    return pieces, body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--out", type=Path, default=Path("corpus/gold/sources/passages.jsonl"))
    args = parser.parse_args()
    records = []
    taken: dict[Path, set[int]] = {}
    rounds = [
        (1, files(args.shared)), (2, files_round_2(args.shared)), (3, files_round_3(args.shared)),
        (4, files_round_4(args.shared)), (5, files_round_5(args.shared)),
    ]
    for round_no, plan in rounds:
        for split, path, encoding, prefix, n_plan, n_more in plan:
            text = path.read_bytes().decode(encoding)
            paras = paragraphs(text)
            seen = taken.setdefault(path, set())
            if round_no == 1:
                chosen = pick(paras, n_plan, n_more)
            elif round_no == 2:  # rounds 3 to 5 take reviews
                chosen = pick_more(paras, seen, n_plan, n_more)
            else:
                chosen = pick_reviews(paras, seen, n_more)
            seen.update(p.offset for _, p in chosen)
            for i, (kind, para) in enumerate(chosen):
                pieces, body = passage(text, para, kind, excerpt=i % 2 == 1)
                records.append({
                    "id": f"{prefix}@{pieces[-1]['offset']}",
                    "split": split,
                    "round": round_no,
                    "kind": kind,
                    "headed": len(pieces) == 2,
                    "source": f"shared/corpus/{path.parent.name}/{path.name}",
                    "encoding": encoding,
                    "pieces": pieces,
                    "sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(),
                    "text": body,
                })
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    assert len({r["id"] for r in records}) == len(records), "passage ids must be unique"
    for split in ("dev", "test"):
        recs = [r for r in records if r["split"] == split]
        print(f"{split}: {len(recs)} passages, {sum(len(r['text']) for r in recs)} characters, "
              f"{sum(not r['headed'] for r in recs)} without headings, "
              f"{len({r['source'] for r in recs})} reports")
    print(f"-> {args.out}")


if __name__ == "__main__":
    main()
