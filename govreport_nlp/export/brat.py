"""brat standoff: `NAME.txt` + `NAME.ann`, an `annotation.conf` to match, and the reader back.

brat counts offsets in code points of the `.txt` file, as we do, so offsets are written
unchanged; the `.txt` is written byte for byte (CRLF stays CRLF, counted as two). A span
that crosses a line break is written as fragments (`start end;start end`), since the text
column of an `.ann` line cannot hold a line break; the reader joins them again.

Per span: closed-set attributes (kind, level, comparator, change, strength) as brat
attributes named `<label>_<attr>`; a PLACE's administrative code as a normalisation
(`GB2260:140100`, the place's full name as its note); every other attribute as JSON in an
`AnnotatorNotes` line; a COMMITMENT's target quantities as `target` relations. The reader
takes the JSON first and lets attributes, normalisations and relations (what a person
edits in brat) override it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..doc.layers import LABELS
from ..errors import InputError, OffsetError
from .imported import TARGET_RELATION, attach_targets, imported_document
from .json_doc import text_sha256
from .label_studio import choice_values
from .migrate import upgrade
from .schema import validate

#: Closed-set attributes written as brat attributes, per label.
ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "PLACE": ("kind", "level"),
    "QUANTITY": ("comparator", "kind", "change"),
    "COMMITMENT": ("strength",),
}
NORMALIZATION_DB = "GB2260"
LINE_BREAK = re.compile(r"\r\n|[\n\r\u2028\u2029\x0b\x0c\x1c-\x1e\x85]")


def attribute_name(label: str, attr: str) -> str:
    return f"{label.lower()}_{attr}"


def annotation_conf() -> str:
    """brat's `annotation.conf` for the files `to_brat` writes."""
    lines = ["[entities]", *LABELS, "", "[relations]", f"{TARGET_RELATION}\tArg1:COMMITMENT, Arg2:QUANTITY",
             "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>", "", "[events]", "", "[attributes]"]
    for label, attrs in ATTRIBUTES.items():
        for attr in attrs:
            lines.append(f"{attribute_name(label, attr)}\tArg:{label}, Value:{'|'.join(choice_values(label, attr))}")
    return "\n".join(lines) + "\n"


def _fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span's pieces between line breaks (white space at the piece ends left out)."""
    pieces = []
    position = start
    for match in LINE_BREAK.finditer(text, start, end):
        pieces.append((position, match.start()))
        position = match.end()
    pieces.append((position, end))
    out = []
    for a, b in pieces:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
    return out


def to_brat(data: dict[str, Any]) -> tuple[str, str]:
    """The `.txt` and `.ann` contents for one document."""
    data = upgrade(data)
    validate(data, schema=False)
    text = data["text"]
    lines: list[str] = []
    quantity_ids = {
        (s["start"], s["end"]): f"T{i}" for i, s in enumerate(data["spans"], 1) if s["label"] == "QUANTITY"
    }
    counters = {"A": 0, "N": 0, "R": 0, "#": 0}

    def next_id(kind: str) -> str:
        counters[kind] += 1
        return f"{kind}{counters[kind]}"

    for index, span in enumerate(data["spans"], 1):
        start, end, label, tid = span["start"], span["end"], span["label"], f"T{index}"
        if text[start:end] != span["text"]:
            raise OffsetError(f"brat export: text[{start}:{end}] is {text[start:end]!r}, not {span['text']!r}")
        pieces = _fragments(text, start, end)
        where = ";".join(f"{a} {b}" for a, b in pieces)
        lines.append(f"{tid}\t{label} {where}\t{' '.join(text[a:b] for a, b in pieces)}")
        rest = dict(span["attrs"])
        for attr in ATTRIBUTES.get(label, ()):
            if rest.get(attr) is not None:
                lines.append(f"{next_id('A')}\t{attribute_name(label, attr)} {tid} {rest.pop(attr)}")
        if label == "PLACE" and rest.get("code"):
            note = str(rest.get("full_name") or span["text"])
            lines.append(f"{next_id('N')}\tReference {tid} {NORMALIZATION_DB}:{rest.pop('code')}\t{note}")
        target = rest.get("target") if label == "COMMITMENT" else None
        refs = target if isinstance(target, list) else [target] if target else []
        if refs and all((r["start"], r["end"]) in quantity_ids for r in refs):
            del rest["target"]
            lines += [f"{next_id('R')}\t{TARGET_RELATION} Arg1:{tid} Arg2:{quantity_ids[(r['start'], r['end'])]}"
                      for r in refs]
        if rest:
            lines.append(f"{next_id('#')}\tAnnotatorNotes {tid}\t{json.dumps(rest, ensure_ascii=False)}")
    return text, "".join(line + "\n" for line in lines)


#: The longest file name stem we write (file systems allow 255 bytes; CJK takes 3 each).
MAX_NAME = 60
#: `id → file stem` of every document `write_brat_folder` wrote.
MANIFEST = "brat-files.json"


def file_name(doc_id: str) -> str:
    """A file name stem for a document id: the id itself when it is a short, safe name, else
    the safe part of it and a hash of the whole id. Stable (one id, one name, in every run)
    and unique (ids that differ only in characters a file name cannot hold — `a/b`, `a b`,
    `a_b` — or past the length limit get names that differ)."""
    safe = re.sub(r"[^\w.-]+", "_", doc_id).strip(".")[:MAX_NAME]
    if safe == doc_id and safe:
        return safe
    return f"{safe or 'document'}-{hashlib.sha256(doc_id.encode('utf-8')).hexdigest()[:12]}"


def write_brat_folder(docs: Iterable[dict[str, Any]], folder: str | Path) -> dict[str, str]:
    """Write every document as NAME.txt + NAME.ann, `annotation.conf` and a manifest
    (`brat-files.json`: each document's id and the file stem it was written to).

    No two documents share a file: names come from `file_name(id)` (a document without an
    id is named after its text's SHA-256), and one already taken in this export gets the
    document's position added. The configuration goes first, so a folder is never left
    without it. Returns the manifest.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "annotation.conf").write_text(annotation_conf(), encoding="utf-8")
    written: dict[str, str] = {}
    taken: set[str] = set()
    for n, data in enumerate(docs):
        doc_id = data["meta"].get("id")
        key = str(doc_id) if doc_id is not None else f"#{n}"
        name = file_name(str(doc_id)) if doc_id is not None else f"document-{data['meta'].get('sha256', '')[:12]}"
        if name.casefold() in taken or key in written:  # a repeated id or text: keep both documents
            name, key = f"{name}-{n}", f"{key}#{n}"
        taken.add(name.casefold())  # case-insensitive file systems: A.ann and a.ann are one file
        write_brat(data, folder, name)
        written[key] = name
    (folder / MANIFEST).write_text(json.dumps(written, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return written


def write_brat(data: dict[str, Any], folder: str | Path, name: str | None = None) -> Path:
    """Write NAME.txt and NAME.ann into `folder` (NAME: `file_name` of the document's id); returns the .ann path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    name = name or file_name(str(data["meta"].get("id") or "document"))
    txt, ann = to_brat(data)
    (folder / f"{name}.txt").write_text(txt, encoding="utf-8", newline="")
    ann_path = folder / f"{name}.ann"
    ann_path.write_text(ann, encoding="utf-8", newline="")
    return ann_path


def _offsets(piece: str, no: int) -> tuple[int, int]:
    """`start end` of one fragment: two whole numbers, start before end."""
    numbers = piece.split()
    if len(numbers) != 2 or not all(n.isascii() and n.isdigit() for n in numbers):
        raise ValueError(f"offsets {piece!r} are not two whole numbers")
    start, end = int(numbers[0]), int(numbers[1])
    if start >= end:
        raise ValueError(f"offsets {piece!r}: the start is not before the end")
    return start, end


def from_brat(text: str, ann: str, *, meta: dict[str, Any] | None = None, source: str = ".ann") -> dict[str, Any]:
    """A `govreport-nlp/2` document from a `.txt` text and its `.ann` standoff (`source`: its
    name, for error messages). Every entity's text column must be what its offsets select."""
    spans: dict[str, dict[str, Any]] = {}
    notes: dict[str, dict[str, Any]] = {}
    overrides: dict[str, dict[str, Any]] = {}
    relations: list[tuple[str, str]] = []
    names = {attribute_name(label, attr): (label, attr) for label, attrs in ATTRIBUTES.items() for attr in attrs}
    for no, line in enumerate(ann.splitlines(), 1):
        if not line.strip():
            continue
        fields = line.split("\t")
        ident, body = fields[0], fields[1] if len(fields) > 1 else ""
        try:
            if ident.startswith("T"):
                label, where = body.split(" ", 1)
                pieces = [_offsets(piece, no) for piece in where.split(";")]
                start, end = pieces[0][0], pieces[-1][1]
                if label not in LABELS:
                    raise InputError(f"{source}, line {no}: unknown label {label!r}; expected one of {list(LABELS)}")
                if any(b > len(text) for _, b in pieces):
                    raise InputError(f"{source}, line {no}: offsets {where} run past the text ({len(text)} characters)")
                written = " ".join(text[a:b] for a, b in pieces)
                if len(fields) > 2 and fields[2] != written:
                    raise OffsetError(
                        f"{source}, line {no} ({ident}): the text column says {fields[2]!r} but the offsets {where} "
                        f"select {written!r}: the .ann does not belong to this .txt, or was edited by hand"
                    )
                spans[ident] = {"label": label, "start": start, "end": end, "text": text[start:end], "attrs": {}}
            elif ident.startswith("A"):
                name, tid, value = body.split(" ", 2)
                if name in names:
                    overrides.setdefault(tid, {})[names[name][1]] = value
            elif ident.startswith("N"):
                _, tid, reference = body.split(" ", 2)
                db, _, code = reference.partition(":")
                if db == NORMALIZATION_DB:
                    overrides.setdefault(tid, {})["code"] = code
            elif ident.startswith("R"):
                relation, arg1, arg2 = body.split(" ")
                if relation == TARGET_RELATION:
                    relations.append((arg1.split(":", 1)[1], arg2.split(":", 1)[1]))
            elif ident.startswith("#"):
                _, tid = body.split(" ", 1)
                note = json.loads(fields[2]) if len(fields) > 2 else {}
                if not isinstance(note, dict):
                    raise ValueError("the note is not a JSON object of attributes")
                notes[tid] = note
        except (ValueError, IndexError, RecursionError) as exc:
            raise InputError(f"{source}, line {no} cannot be read: {line[:200]!r} ({exc})") from exc
    for tid, span in spans.items():
        span["attrs"] = {**notes.get(tid, {}), **overrides.get(tid, {})}
    attach_targets((spans[a], spans[b]) for a, b in relations if a in spans and b in spans)
    return imported_document(text, {**(meta or {}), "sha256": text_sha256(text)}, spans.values())


def read_manifest(folder: str | Path) -> dict[str, str]:
    """`file stem → document id` from the folder's manifest (empty when it has none)."""
    path = Path(folder) / MANIFEST
    if not path.is_file():
        return {}
    try:
        written = json.loads(path.read_text(encoding="utf-8"))
        return {str(name): str(doc_id) for doc_id, name in written.items()}
    except (ValueError, AttributeError, RecursionError) as exc:
        raise InputError(f"{path}: not the manifest write_brat_folder writes ({exc})") from exc


def read_brat(ann_path: str | Path, *, meta: dict[str, Any] | None = None) -> dict[str, Any]:
    """Read NAME.ann and the NAME.txt beside it (byte for byte; line ends are kept)."""
    ann_path = Path(ann_path)
    txt_path = ann_path.with_suffix(".txt")
    try:
        with txt_path.open(encoding="utf-8", newline="") as handle:
            text = handle.read()
        ann = ann_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{ann_path}: cannot read it or {txt_path.name} as UTF-8 text ({exc})") from exc
    return from_brat(text, ann, meta={"id": ann_path.stem, **(meta or {})}, source=str(ann_path))
