"""A digest of the JSON the library writes for every corpus file: proof that a change
meant only for speed (or a move) changed no output.

    python scripts/output_digest.py --out before.tsv                 # on the old commit
    python scripts/output_digest.py --compare before.tsv             # on the new one: exit 1 on any difference
    python scripts/output_digest.py --spans-only --out before.tsv    # the spans alone (label, offsets, text):
                                                                     # what the taggers found, whatever the schema

Annotates every `.txt` and `.gbk` file of `corpus/reports` and of the shared corpus (national,
county-gbk, provincial-2026) with `annotate()` and records, per file, the sha256 of its JSON
(keys sorted, `meta.version` left out), or with `--spans-only` of its spans as (label, start,
end, text), which a change of the JSON schema (govreport-nlp/1 → /2) leaves alone. `--compare`
lists the files whose digest differs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import govreport_nlp  # noqa: E402

#: Run metadata that may change without any output changing.
VOLATILE_META = ("version",)


def corpus_files(shared: Path) -> list[Path]:
    folders = [ROOT / "corpus" / "reports", shared / "corpus" / "national", shared / "corpus" / "county-gbk",
               shared / "corpus" / "provincial-2026"]
    return [p for folder in folders if folder.is_dir() for p in sorted(folder.iterdir())
            if p.suffix in (".txt", ".gbk")]


def spans_digest(data: dict[str, object]) -> str:
    spans = data.get("spans")
    rows = [[s["label"], s["start"], s["end"], s["text"]] for s in spans] if isinstance(spans, list) else []
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()


def digest(data: dict[str, object]) -> str:
    meta = data.get("meta")
    if isinstance(meta, dict):
        data = {**data, "meta": {k: v for k, v in meta.items() if k not in VOLATILE_META}}
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--segmenter", default="char")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--spans-only", action="store_true", help="digest the spans (label, offsets, text) only")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--out", type=Path, help="write the digests here")
    group.add_argument("--compare", type=Path, help="compare with digests written earlier")
    args = parser.parse_args()
    nlp = govreport_nlp.load(args.segmenter)
    files = corpus_files(args.shared)
    rows = {}
    for path, data in zip(files, govreport_nlp.annotate_many([(p, {"id": p.name}) for p in files], nlp),
                          strict=True):
        rows[str(path.relative_to(path.parents[1]))] = spans_digest(data) if args.spans_only else digest(data)
    if args.out:
        args.out.write_text("".join(f"{name}\t{sha}\n" for name, sha in rows.items()), encoding="utf-8")
        print(f"{len(rows)} files; digests in {args.out}")
        return 0
    before = dict(line.split("\t") for line in args.compare.read_text(encoding="utf-8").splitlines() if line)
    changed = sorted(name for name in rows.keys() | before.keys() if rows.get(name) != before.get(name))
    for name in changed:
        print(f"differs: {name}")
    print(f"{len(rows)} files; {len(changed)} differ")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
