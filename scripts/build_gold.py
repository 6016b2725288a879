"""Build the gold development set from annotators' drafts, with exact offsets.

Annotators do not count characters. A draft line names the document, the label, the span
text as it stands in the document, optionally `ctx` (the characters right before it, to
skip earlier occurrences) and the attributes. Within one document and one label the
lines are in reading order, so each span is looked up at or after the end of the previous
span of that label. This script resolves every line to offsets in the document's text,
checks the attributes against the annotation guidelines, and writes the gold records in
the export schema (`govreport-nlp/1`).

    python scripts/build_gold.py              # drafts -> corpus/gold/{seeds,samples}.jsonl
    python scripts/build_gold.py --show ID    # print one document's spans in context
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "corpus" / "reports"
GOLD = ROOT / "corpus" / "gold"
SCHEMA = "govreport-nlp/1"
GUIDELINES = "1.1"  # the first gold set (seeds, samples)
PASSAGE_GUIDELINES = "1.2"  # the dev/test passages (rulings on passages without headings)

LABELS = ("PLACE", "PROGRAM", "QUANTITY", "COMMITMENT")
ENUMS: dict[tuple[str, str], set[Any]] = {
    ("PLACE", "kind"): {"admin", "natural", "region", "site", "zone", "route"},
    ("PLACE", "level"): {"province", "prefecture", "county", "township", "village", None},
    ("QUANTITY", "comparator"): {"=", ">=", ">", "<=", "<", "≈"},
    ("QUANTITY", "kind"): {"count", "money", "percent", "percentage_point", "measure", "ratio", "rank"},
    ("QUANTITY", "change"): {"increase", "decrease", "none"},
    ("COMMITMENT", "strength"): {"binding", "target", "plan"},
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "PLACE": ("kind",),
    "PROGRAM": ("canonical",),
    "QUANTITY": ("value", "unit", "comparator", "kind", "change"),
    "COMMITMENT": ("strength",),
}


class DraftError(Exception):
    """A draft line that cannot be resolved or breaks the guidelines."""


def load_documents() -> dict[str, dict[str, Any]]:
    """Every annotatable document: the bundled reports and the sampled paragraphs."""
    docs: dict[str, dict[str, Any]] = {}
    with (REPORTS / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            text = (REPORTS / row["file"]).read_bytes().decode("utf-8")
            docs[row["id"]] = {
                "set": "seeds",
                "text": text,
                "meta": {"id": row["id"], "source": f"corpus/reports/{row['file']}", "split": "dev", "headed": True},
            }
    for line in (GOLD / "sources" / "passages.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        docs[rec["id"]] = {
            "set": rec["split"],
            "text": rec["text"],
            "meta": {
                "id": rec["id"], "source": rec["source"], "pieces": rec["pieces"],
                "split": rec["split"], "kind": rec["kind"], "headed": rec["headed"],
            },
        }
    for line in (GOLD / "sources" / "samples.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        docs[rec["id"]] = {
            "set": "samples",
            "text": rec["text"],
            "meta": {
                "id": rec["id"], "source": rec["source"], "source_offset": rec["offset"],
                "split": "dev", "headed": False,
            },
        }
    return docs


def read_drafts(pattern: str = "*.jsonl", folder: Path = GOLD / "drafts") -> list[tuple[str, int, dict[str, Any]]]:
    lines = []
    for path in sorted(folder.glob(pattern)):
        if path.suffix == ".tsv":
            lines += read_compact(path)
            continue
        for no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if raw.strip():
                try:
                    lines.append((path.name, no, json.loads(raw)))
                except json.JSONDecodeError as exc:
                    raise DraftError(f"{path.name}:{no}: not JSON ({exc})") from exc
    return lines


COMPACT_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "P": ("PLACE", ("kind", "level", "full_name", "code")),
    "G": ("PROGRAM", ("canonical", "title")),
    "Q": ("QUANTITY", ("value", "unit", "comparator", "kind", "change", "min", "max")),
    "C": ("COMMITMENT", ("strength", "indicator", "target", "deadline")),
}


def compact_value(label: str, key: str, raw: str) -> Any:
    """One field of a compact line: '-' is absent, 'a|b' a list, numbers parsed."""
    raw = raw.strip()
    if raw in ("", "-"):
        return None
    if label == "QUANTITY" and key in ("value", "min", "max"):
        try:
            number = float(raw)
        except ValueError as exc:
            raise DraftError(f"QUANTITY {key} {raw!r} is not a number") from exc
        return int(number) if number.is_integer() and "." not in raw else number
    if label == "COMMITMENT" and key in ("indicator", "target") and "|" in raw:
        return [part.strip() for part in raw.split("|")]
    return raw


def read_compact(path: Path) -> list[tuple[str, int, dict[str, Any]]]:
    """Annotators' compact drafts: one tab-separated line per span, documents by '# doc:' lines.

        # doc: prov-beijing-2026@2120
        Q<TAB>130万辆<TAB>1300000<TAB>辆<TAB>><TAB>count<TAB>none
        C<TAB>新增5000张家庭养老床位<TAB>plan<TAB>家庭养老床位<TAB>5000张<TAB>-
        P<TAB>燕莎桥<TAB>site
        G<TAB>城市更新行动<TAB>城市更新
        S<TAB>unique text          (seek: every label's cursor to that text)
        Q@57<TAB>…                 (the span stands exactly at offset 57; merge files write these)
        N<TAB>a note on a decision
    """
    out: list[tuple[str, int, dict[str, Any]]] = []
    doc: str | None = None
    for no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        if line.startswith("#"):
            found = re.match(r"#\s*doc:\s*(\S+)", line)
            if found:  # a passage with no span is still gold: it says "nothing to mark here"
                doc = found.group(1)
                out.append((path.name, no, {"doc": doc, "declare": True}))
            continue
        fields = line.split("\t")
        tag = fields[0].strip()
        if tag == "N":
            out.append((path.name, no, {"doc": doc, "note": "\t".join(fields[1:]).strip()}))
        elif tag == "S":
            out.append((path.name, no, {"doc": doc, "seek": fields[1] if len(fields) > 1 else ""}))
        elif tag.split("@")[0] in COMPACT_FIELDS and len(fields) >= 2:
            tag, _, at = tag.partition("@")
            label, keys = COMPACT_FIELDS[tag]
            attrs: dict[str, Any] = {}
            for key, value in zip(keys, fields[2:], strict=False):
                parsed = compact_value(label, key, value)
                if parsed is not None or (label, key) in (("PLACE", "code"), ("COMMITMENT", "indicator")):
                    attrs[key] = parsed
            if label == "PLACE" and attrs.get("kind") != "admin":
                for key in ("level", "code"):
                    if attrs.get(key) is None:
                        attrs.pop(key, None)
            if label == "COMMITMENT":
                attrs.setdefault("indicator", None)
            entry = {"doc": doc, "label": label, "text": fields[1], "attrs": attrs}
            if at:
                if not at.isdigit():
                    out.append((path.name, no, {"doc": doc, "bad": line}))
                    continue
                entry["at"] = int(at)
            out.append((path.name, no, entry))
        else:
            out.append((path.name, no, {"doc": doc, "bad": line}))
    return out


def check_attrs(label: str, attrs: dict[str, Any]) -> None:
    for key in REQUIRED[label]:
        if key not in attrs:
            raise DraftError(f"{label} needs attrs.{key}")
    for (lab, key), allowed in ENUMS.items():
        if lab == label and key in attrs and attrs[key] not in allowed:
            raise DraftError(f"{label} attrs.{key}={attrs[key]!r} is not one of {sorted(map(str, allowed))}")
    if label == "QUANTITY":
        for key in ("value", "min", "max"):
            if key in attrs and attrs[key] is not None and not isinstance(attrs[key], (int, float)):
                raise DraftError(f"QUANTITY attrs.{key} must be a number")
    if label == "PLACE" and attrs.get("kind") == "admin":
        for key in ("level", "full_name"):
            if key not in attrs:
                raise DraftError(f"admin PLACE needs attrs.{key}")
        code = attrs.get("code")
        if code is not None and not (isinstance(code, str) and code.isdigit() and len(code) in (6, 12)):
            raise DraftError(f"PLACE attrs.code {code!r} must be a 6- or 12-digit string or null")


def resolve(docs: dict[str, dict[str, Any]], drafts: list[tuple[str, int, dict[str, Any]]]) -> tuple[
    dict[str, list[dict[str, Any]]], list[str]
]:
    """Turn draft lines into spans with offsets; collect annotators' notes."""
    spans: dict[str, list[dict[str, Any]]] = defaultdict(list)
    cursor: dict[tuple[str, str], int] = defaultdict(int)
    notes: list[str] = []
    pending_targets: list[tuple[str, str, dict[str, Any]]] = []
    errors = []
    for fname, no, line in drafts:
        where = f"{fname}:{no}"
        try:
            doc_id = line.get("doc")
            if doc_id not in docs:
                raise DraftError(f"unknown doc {doc_id!r}")
            if "note" in line:
                notes.append(f"{doc_id}: {line['note']}")
                continue
            if "declare" in line:
                spans[doc_id] = spans.get(doc_id, [])
                continue
            if "bad" in line:
                raise DraftError(f"cannot read line {line['bad']!r}")
            if "seek" in line:
                seek_all(docs[doc_id]["text"], doc_id, line["seek"], cursor)
                continue
            label, text = line.get("label"), line.get("text")
            if label not in LABELS or not isinstance(text, str) or not text:
                raise DraftError("needs a label among PLACE/PROGRAM/QUANTITY/COMMITMENT and a non-empty text")
            attrs = dict(line.get("attrs") or {})
            check_attrs(label, attrs)
            ctx = line.get("ctx", "")
            doc_text = docs[doc_id]["text"]
            if "at" in line:  # an exact offset (machine-written merge files)
                if doc_text[line["at"]:line["at"] + len(text)] != text:
                    raise DraftError(f"{label} {text!r} does not stand at offset {line['at']}")
                cursor[(doc_id, label)] = line["at"]
            found = doc_text.find(ctx + text, cursor[(doc_id, label)])
            if found < 0:
                earlier = doc_text.find(ctx + text)
                hint = " (it occurs earlier: lines out of order?)" if earlier >= 0 else ""
                raise DraftError(f"{label} {ctx + text!r} not found after offset {cursor[(doc_id, label)]}{hint}")
            start = found + len(ctx)
            end = start + len(text)
            cursor[(doc_id, label)] = end
            span = {"label": label, "start": start, "end": end, "text": text, "attrs": attrs}
            spans[doc_id].append(span)
            if label == "COMMITMENT" and attrs.get("target") not in (None, [], ""):
                pending_targets.append((where, doc_id, span))
        except DraftError as exc:
            errors.append(f"{where}: {exc}")
    for where, doc_id, span in pending_targets:
        try:
            span["attrs"]["target"] = link_targets(spans[doc_id], span)
        except DraftError as exc:
            errors.append(f"{where}: {exc}")
    for doc_id, doc_spans in spans.items():
        for label in LABELS:
            layer = sorted((s for s in doc_spans if s["label"] == label), key=lambda s: s["start"])
            for a, b in zip(layer, layer[1:], strict=False):
                if b["start"] < a["end"]:
                    errors.append(
                        f"{doc_id}: {label} spans overlap: {a['text']!r}@{a['start']} {b['text']!r}@{b['start']}"
                    )
    if errors:
        raise DraftError("\n".join(errors))
    return spans, notes


def seek_all(text: str, doc_id: str, anchor: str, cursor: dict[tuple[str, str], int]) -> None:
    """Move every label's cursor to a unique anchor (drafts of one document in parts)."""
    pos = text.find(anchor)
    if pos < 0 or text.find(anchor, pos + 1) >= 0:
        raise DraftError(f"seek anchor {anchor!r} must occur exactly once")
    for label in LABELS:
        cursor[(doc_id, label)] = pos


def link_targets(doc_spans: list[dict[str, Any]], clause: dict[str, Any]) -> Any:
    """Replace target quantity texts by references to QUANTITY spans inside the clause.

    A text listed twice (12项 … 12项) takes the next unused occurrence each time.
    """
    wanted = clause["attrs"]["target"]
    many = isinstance(wanted, list)
    refs: list[dict[str, Any]] = []
    for text in wanted if many else [wanted]:
        inside = [
            s for s in doc_spans
            if s["label"] == "QUANTITY" and s["text"] == text
            and clause["start"] <= s["start"] and s["end"] <= clause["end"]
            and all(r["start"] != s["start"] for r in refs)
        ]
        if not inside:
            raise DraftError(f"COMMITMENT target {text!r} is not a QUANTITY span inside {clause['text']!r}")
        first = min(inside, key=lambda s: s["start"])
        refs.append({"start": first["start"], "end": first["end"], "text": text})
    return refs if many else refs[0]


def write(
    docs: dict[str, dict[str, Any]], spans: dict[str, list[dict[str, Any]]], out_dir: Path = GOLD
) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    out: dict[str, list[str]] = defaultdict(list)
    for doc_id, doc in docs.items():
        if doc_id not in spans:
            continue
        text = doc["text"]
        meta = dict(doc["meta"])
        guidelines = GUIDELINES if doc["set"] in ("seeds", "samples") else PASSAGE_GUIDELINES
        meta.update({"sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "guidelines": guidelines})
        doc_spans = sorted(spans[doc_id], key=lambda s: (s["start"], s["end"], LABELS.index(s["label"])))
        for s in doc_spans:
            assert text[s["start"]:s["end"]] == s["text"]
            counts[s["label"]] += 1
        record = {"schema": SCHEMA, "text": text, "meta": meta, "spans": doc_spans}
        out[doc["set"]].append(json.dumps(record, ensure_ascii=False))
    for name, lines in out.items():
        (out_dir / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return dict(counts)


def show(doc: dict[str, Any], doc_spans: list[dict[str, Any]], width: int = 12) -> None:
    text = doc["text"]
    for s in sorted(doc_spans, key=lambda s: (s["label"], s["start"])):
        left = text[max(0, s["start"] - width):s["start"]].replace("\n", "⏎")
        right = text[s["end"]:s["end"] + width].replace("\n", "⏎")
        attrs = json.dumps(s["attrs"], ensure_ascii=False)
        print(f"{s['label']:<10} {s['start']:>6} {left}[{s['text']}]{right}  {attrs}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show", metavar="DOC_ID", help="print one document's resolved spans in context")
    parser.add_argument("--check", action="store_true", help="resolve and validate only; write nothing")
    parser.add_argument("--draft", default="*.jsonl", help="only the drafts matching this glob (implies --check)")
    parser.add_argument("--file", type=Path, help="check one draft file anywhere (.jsonl or compact .tsv)")
    parser.add_argument("--out", type=Path, default=GOLD, help="folder to write the gold JSONL files to")
    args = parser.parse_args()
    docs = load_documents()
    try:
        if args.file:
            one = args.file
            drafts = read_compact(one) if one.suffix == ".tsv" else read_drafts(one.name, one.parent)
        else:
            drafts = read_drafts(args.draft) + read_drafts("*.tsv", GOLD / "drafts" / "passages")
        spans, notes = resolve(docs, drafts)
    except DraftError as exc:
        print(exc, file=sys.stderr)
        return 1
    if args.show:
        show(docs[args.show], spans.get(args.show, []))
        return 0
    if args.file:
        counts: dict[str, int] = defaultdict(int)
        for doc_spans in spans.values():
            for s in doc_spans:
                counts[s["label"]] += 1
        print(f"ok: {len(spans)} documents; " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        return 0
    if not args.check and args.draft == "*.jsonl":
        counts = write(docs, spans, args.out)
        print(f"{len(spans)} documents; " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    for note in notes:
        print("note:", note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
