"""Build the PROGRAM tagger's mined lexicon from the corpus, and source the curated one.

Two jobs, both rerun by this script (rows keep their order; comments are kept):

1. `govreport_nlp/data/program_mined.tsv` — programme names that recur across reports and
   years of the corpus (the bundled reports, and in ../shared/corpus the 52 national reports
   1954–2025, the 21 provincial reports of 2026 and the county reports). Candidates are
   found three ways in every report:

   - quoted: “…” that the quote classifier calls an initiative at least once;
   - with a head: a name followed by a programme head noun (…战略, …政策, …制度, …行动);
   - after a verb: the whole object of 实施/推进/深化/融入/落实… up to the clause's end
     (融入全国统一大市场。, 深化长江十年禁渔，), which is how national strategies are written
     without quotes or head.

   A candidate needs the evidence of at least two reports. It enters the lexicon only when
   `govreport_nlp/data/program_review.tsv` holds a reviewed decision for it: a class
   (initiative, or a known non-programme class such as slogan that the classifier must
   not tag), the canonical it groups under, and a one-line reason. The `source` column of
   each mined row is the evidence that admitted it. Candidates without a decision are
   written to `--pending` (default: .cache/program_pending.tsv) for review, most reports
   first.

2. The `source` column of the curated `program_lexicon.tsv`: the first and last of the
   national reports that contain the canonical name or an alias, with their count; else the
   bundled or county reports that do; else `annotation guidelines`.

3. `--variants FILE` (default .cache/program_variants.tsv): canonical names the tagger gives
   over the corpus that differ only by a generic head (工程, 战略, 行动, 计划, 发展, 建设, 试点)
   or a scope before them (国家, 全国, 新一轮), with the reports of each: candidates for one
   canonical across reports and years (少生快富 and 少生快富工程), to review into aliases.

    python scripts/build_program_lexicon.py [--shared ../shared] [--pending FILE] [--variants FILE] [--min-reports 2]
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from govreport_nlp.ingest.normalize import normalize
from govreport_nlp.ingest.prepare import load_source
from govreport_nlp.taggers.programs.heads import TRIGGERS
from govreport_nlp.taggers.programs.lexicon import CLASSES, parse_lexicon, split_context, trie_regex
from govreport_nlp.taggers.programs.quoted import QUOTED, classify_quoted
from govreport_nlp.taggers.programs.rules import ProgramRules

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "govreport_nlp" / "data"
LEXICON = DATA / "program_lexicon.tsv"
MINED = DATA / "program_mined.tsv"
REVIEW = DATA / "program_review.tsv"

CJK = "\u4e00-\u9fff"
# Heads that may follow a mined name in the text (the name is the part before them).
NAME_HEADS = "战略|政策|制度|机制|斗争|行动|工程|计划|试点|改革|攻坚战|专项行动"
HEAD_AFTER = re.compile(f"(?:{NAME_HEADS})")
# What ends the object of a verb: clause punctuation, or a work word after the name.
SLOT_END = rf"(?=[，。；、：！？\n]|(?:{NAME_HEADS}|建设|工作|任务|成果|成效|取得|全面|实现|覆盖|向|等)[^{CJK}]?)"
# A candidate that starts or ends like a clause, not a name.
NOT_A_NAME = re.compile(
    r"^(?:[的了和与及并把将对从向为以在于是要把让使被]|推进|推动|加强|加快|提高|提升|发展|建设|坚持|实现|促进|"
    r"扩大|支持|完善|健全|优化|构建|打造|深化|落实|贯彻|开展|实施|强化|做好|全面|进一步|持续|积极|着力)|"
    r"[的了地得着]$|(?:工作|水平|能力|体系|领域|问题|方面|作用|力度|质量|效益|效率|机制|建设|格局|环境|结构|"
    r"方式|措施|任务|目标|要求|意见|规划|方案|办法|条例|法|精神|思想|理论|路线|方针)$|\d"
)


@dataclass
class Evidence:
    """Where a candidate name occurs: report stems by kind of evidence."""

    reports: set[str] = field(default_factory=set)
    quoted: set[str] = field(default_factory=set)
    headed: set[str] = field(default_factory=set)
    slot: set[str] = field(default_factory=set)

    def summary(self, years: dict[str, int | None], group: dict[str, str]) -> str:
        """`12 reports (national 2019–2025: 4, provincial 8); quoted in 1, with a head in 3, after a verb in 10`."""
        by_group: dict[str, list[str]] = defaultdict(list)
        for stem in sorted(self.reports):
            by_group[group[stem]].append(stem)
        parts = []
        for name in ("national", "provincial", "county", "bundled"):
            stems = by_group.get(name)
            if not stems:
                continue
            ys = sorted(y for s in stems if (y := years.get(s)) is not None)
            span = f" {ys[0]}–{ys[-1]}" if len(set(ys)) > 1 else f" {ys[0]}" if ys else ""
            parts.append(f"{name}{span}: {len(stems)}")
        return (f"{len(self.reports)} reports ({', '.join(parts)}); quoted in {len(self.quoted)}, "
                f"with a head in {len(self.headed)}, after a verb in {len(self.slot)}")


def read_corpus(shared: Path) -> tuple[dict[str, str], dict[str, int | None], dict[str, str]]:
    """Report stem → normalised text (Simplified, half-width digits), year and group."""
    folders = [(ROOT / "corpus" / "reports", "bundled"), (shared / "corpus" / "national", "national"),
               (shared / "corpus" / "provincial-2026", "provincial"), (shared / "corpus" / "county-gbk", "county")]
    texts, years, groups = {}, {}, {}
    for folder, group in folders:
        for path in sorted(folder.glob("*.txt")):
            text, _ = load_source(path)
            texts[path.stem] = normalize(text).text
            found = re.findall(r"(?<!\d)(19[4-9]\d|20\d\d)(?!\d)", path.stem)
            years[path.stem] = int(found[-1]) if found else None
            groups[path.stem] = group
    return texts, years, groups


def mine(texts: dict[str, str], reviewed: set[str]) -> dict[str, Evidence]:
    """Candidate names (and the `reviewed` ones) with their evidence in every report."""
    more = ("服务和融入|积极融入|主动融入|深度融入|服务融入|加力实施|扩围实施|常态化开展|"
            "纵深推进|深入实施|深入推进|扎实推进|稳步推进")
    trigger = trie_regex([*TRIGGERS.split("|"), *more.split("|")])
    slot_rx = re.compile(rf"(?:{trigger})([{CJK}]{{3,16}}?){SLOT_END}")
    candidates: dict[str, Evidence] = defaultdict(Evidence)
    for stem, text in texts.items():
        for m in QUOTED.finditer(text):
            phrase = m.group(1)
            if 2 <= len(phrase) <= 16 and (phrase in reviewed or classify_quoted(text, *m.span(1), {}) == "initiative"):
                candidates[phrase].quoted.add(stem)
        for m in slot_rx.finditer(text):
            candidates[m.group(1)].slot.add(stem)
    names = [n for n in candidates if not NOT_A_NAME.search(n)] + [n for n in reviewed if NOT_A_NAME.search(n)]
    flat = {stem: text.replace("“", "").replace("”", "") for stem, text in texts.items()}
    found = {n: candidates[n] for n in names}
    for stem, text in flat.items():
        for name, ev in found.items():
            at = text.find(name)
            if at < 0:
                continue
            ev.reports.add(stem)
            while at >= 0:
                if HEAD_AFTER.match(text, at + len(name)):
                    ev.headed.add(stem)
                    break
                at = text.find(name, at + 1)
    return found


def reports_with(name: str, texts: dict[str, str], flat: dict[str, str]) -> set[str]:
    """Reports that hold `name`; a framed name (白名单[”]: counted only when quoted) with its frame."""
    base, context = split_context(name)
    if context is not None:
        return {stem for stem, text in texts.items() if base + context in text}
    return {stem for stem, text in flat.items() if name in text}


@dataclass(frozen=True)
class Decision:
    name: str
    cls: str  # a lexicon class, or "skip" (not a name)
    canonical: str
    note: str


def read_review(path: Path) -> dict[str, Decision]:
    """`program_review.tsv`: name, decision (a class or skip), canonical (blank: the name), note."""
    decisions = {}
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = (line.split("\t") + ["", "", ""])[:4]
        name, cls, canonical, note = (c.strip() for c in cells)
        if cls not in (*CLASSES, "skip"):
            raise SystemExit(f"{path}:{no}: decision {cls!r} is not a class or skip")
        if name in decisions:
            raise SystemExit(f"{path}:{no}: {name} is reviewed twice")
        decisions[name] = Decision(name, cls, canonical or name, note)
    return decisions


def mined_rows(decisions: dict[str, Decision], evidence: dict[str, Evidence], texts: dict[str, str],
               years: dict[str, int | None], groups: dict[str, str], taken: set[str], min_reports: int) -> list[str]:
    """Rows of `program_mined.tsv`: reviewed names grouped by canonical, with their evidence."""
    flat = {stem: text.replace("“", "").replace("”", "") for stem, text in texts.items()}
    grouped: dict[tuple[str, str], list[Decision]] = defaultdict(list)
    for decision in decisions.values():
        if decision.cls != "skip" and decision.name not in taken:
            grouped[(decision.canonical, decision.cls)].append(decision)
    rows = []
    for (canonical, cls), members in sorted(grouped.items(), key=lambda kv: kv[0]):
        total = Evidence()
        for d in members:
            ev = evidence.get(d.name) or Evidence(reports=reports_with(d.name, texts, flat))
            total.reports |= ev.reports
            total.quoted |= ev.quoted
            total.headed |= ev.headed
            total.slot |= ev.slot
        if len(total.reports) < min_reports:
            continue
        names = [d.name for d in members]
        aliases = [n for n in names if n != canonical]
        if canonical in taken:  # the curated lexicon has this programme: the mined names join nothing
            continue
        note = next((d.note for d in members if d.note), "")
        rows.append(f"{canonical}\t{'|'.join(aliases)}\t{cls}\t{note}\t{total.summary(years, groups)}")
    return rows


def source_of(names: list[str], national: dict[str, str], others: dict[str, str]) -> str:
    years = sorted(stem for stem, text in national.items() if any(n in text for n in names))
    if years:
        first, last = years[0], years[-1].rsplit("_", 1)[-1]
        span = first if len(years) == 1 else f"{first}–{last}"
        return f"{span} ({len(years)} report{'s' if len(years) > 1 else ''})"
    found = [stem for stem, text in others.items() if any(n in text for n in names)]
    return ", ".join(found[:3]) if found else "annotation guidelines"


def source_curated(texts: dict[str, str], groups: dict[str, str]) -> set[str]:
    """Rewrite the curated lexicon's source column; return the names it holds."""
    flat = {stem: text.replace("“", "").replace("”", "") for stem, text in texts.items()}
    national = {s: t for s, t in flat.items() if groups[s] == "national"}
    others = {s: t for s, t in flat.items() if groups[s] in ("bundled", "county")}
    out, taken = [], set()
    for line in LEXICON.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            out.append(line)
            continue
        cells = line.split("\t")
        cells += [""] * (5 - len(cells))
        names = [split_context(n)[0] for n in [cells[0], *[a for a in cells[1].split("|") if a]]]
        taken.update(names)
        cells[4] = source_of(names, national, others)
        out.append("\t".join(cells[:5]))
    LEXICON.write_text("\n".join(out) + "\n", encoding="utf-8")
    return taken


# What may stand after or before one programme's name in its written variants.
VARIANT_HEAD = re.compile(r"(?:工程|战略|行动|计划|发展|建设|试点)$")
VARIANT_SCOPE = re.compile(r"^(?:国家级?|全国|新一轮|新时代)")


def canonical_variants(texts: dict[str, str]) -> list[str]:
    """Rows `name, variant, reports of name, reports of variant`: canonicals the tagger gives over
    the corpus that are one programme written with or without a generic head or a scope."""
    rules = ProgramRules()
    reports: dict[str, set[str]] = defaultdict(set)
    for stem, text in texts.items():
        for found in rules.find(text):
            reports[found.attrs["canonical"]].add(stem)
    rows = []
    for variant in sorted(reports):
        for rx in (VARIANT_HEAD, VARIANT_SCOPE):
            name = rx.sub("", variant)
            if name != variant and len(name) >= 3 and name in reports:
                rows.append(f"{name}\t{variant}\t{len(reports[name])}\t{len(reports[variant])}")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--pending", type=Path, default=ROOT / ".cache" / "program_pending.tsv")
    parser.add_argument("--variants", type=Path, default=ROOT / ".cache" / "program_variants.tsv")
    parser.add_argument("--min-reports", type=int, default=2)
    args = parser.parse_args()
    texts, years, groups = read_corpus(args.shared)
    taken = source_curated(texts, groups)
    decisions = read_review(REVIEW)
    evidence = mine(texts, set(decisions))
    rows = mined_rows(decisions, evidence, texts, years, groups, taken, args.min_reports)
    header = [line for line in MINED.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    MINED.write_text("\n".join([*header, *rows]) + "\n", encoding="utf-8")
    pending = sorted(
        ((n, ev) for n, ev in evidence.items()
         if n not in decisions and n not in taken and len(ev.reports) >= args.min_reports
         and (ev.quoted or len(ev.slot) >= 3 or len(ev.headed) >= 2)),
        key=lambda item: (-len(item[1].reports), item[0]),
    )
    args.pending.parent.mkdir(parents=True, exist_ok=True)
    args.pending.write_text(
        "".join(f"{n}\t\t\t{ev.summary(years, groups)}\n" for n, ev in pending), encoding="utf-8"
    )
    variants = canonical_variants(texts)
    args.variants.write_text("".join(f"{row}\n" for row in variants), encoding="utf-8")
    check = parse_lexicon(MINED.read_text(encoding="utf-8"))
    print(f"curated: {len(taken)} names; mined: {len(check)} rows from {len(decisions)} decisions; "
          f"pending review: {len(pending)} candidates in {args.pending}; "
          f"canonical variants: {len(variants)} in {args.variants}")


if __name__ == "__main__":
    main()
