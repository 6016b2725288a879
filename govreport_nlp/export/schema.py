"""The `govreport-nlp/2` JSON contract: the published JSON Schema plus the checks it cannot express.

JSON Schema checks shapes and attribute values; what it cannot express is checked here
too, so `validate` is the single gate for anything we export or import:
`text[start:end] == span["text"]` for every span and every reference, spans of one layer
never overlap, every number of a QUANTITY is an exact decimal (`doc.attrs.is_exact`), and
each COMMITMENT's `target` and the `commitment` of its QUANTITY spans agree.

A `govreport-nlp/1` document is not valid here: readers pass it through
`migrate.upgrade` first, and the error says so.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import Any

import jsonschema

from ..doc.attrs import NUMBER_FIELDS, is_exact
from ..doc.layers import READABLE_SCHEMAS, SCHEMA_ID
from ..errors import OffsetError, SchemaError

SCHEMA_FILE = "govreport-nlp-2.schema.json"


@lru_cache(maxsize=1)
def json_schema() -> dict[str, Any]:
    """The JSON Schema of `govreport-nlp/2` (also published as docs/schema.json)."""
    schema: dict[str, Any] = json.loads(files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8"))
    return schema


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    schema = json_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator: jsonschema.protocols.Validator = cls(schema)
    return validator


def _check_offsets(text: str, where: str, item: dict[str, Any]) -> None:
    start, end = item["start"], item["end"]
    if not 0 <= start < end <= len(text):
        raise OffsetError(f"{where}: offsets {start}:{end} fall outside the text (length {len(text)})")
    if "text" in item and text[start:end] != item["text"]:
        raise OffsetError(f"{where}: text[{start}:{end}] is {text[start:end]!r}, not {item['text']!r}")


def validate(data: Any, *, schema: bool = True) -> None:
    """Raise SchemaError or OffsetError unless `data` is a valid govreport-nlp/2 document.

    `schema=False` checks only the offsets (every span, reference and section selects
    its text): what our own exports need on the hot path, since the JSON Schema itself is
    enforced on everything we import and by the test suite on everything we produce.
    """
    if not isinstance(data, dict) or data.get("schema") != SCHEMA_ID:
        found = data.get("schema") if isinstance(data, dict) else type(data).__name__
        hint = (" (an older schema: read it through govreport_nlp.upgrade, or rewrite the file with "
                "`govreport-nlp migrate`)" if found in READABLE_SCHEMAS else "")
        raise SchemaError(f"expected a JSON object with schema {SCHEMA_ID!r}, found {found!r}{hint}")
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path)) if schema else []
    if errors:
        err = errors[0]
        path = "/".join(str(p) for p in err.absolute_path) or "(document)"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise SchemaError(f"{path}: {err.message}{more}")
    text = data["text"]
    for i, span in enumerate(data["spans"]):
        where = f"spans/{i} ({span['label']})"
        _check_offsets(text, where, span)
        if span["label"] == "COMMITMENT":
            for ref in span["attrs"].get("target") or []:
                _check_offsets(text, f"{where} target", ref)
        elif span["label"] == "QUANTITY":
            _check_numbers(where, span["attrs"])
            if span["attrs"].get("commitment"):
                _check_offsets(text, f"{where} commitment", span["attrs"]["commitment"])
    _check_layers(data["spans"])
    _check_links(data["spans"])
    for i, section in enumerate(data.get("sections") or []):
        if not 0 <= section["start"] <= section["end"] <= len(text):
            raise OffsetError(f"sections/{i}: offsets {section['start']}:{section['end']} fall outside the text")


def _check_numbers(where: str, attrs: dict[str, Any]) -> None:
    """A QUANTITY's numbers are exact decimals (58170000000, not 58170000000.00001)."""
    for key in NUMBER_FIELDS:
        if not is_exact(attrs.get(key)):
            raise SchemaError(f"{where}: {key} {attrs[key]!r} is not an exact decimal of at most 15 significant "
                              "digits (govreport_nlp.doc.attrs.exact_number gives it)")
    for value in attrs.get("terms") or []:
        if not is_exact(value):
            raise SchemaError(f"{where}: term {value!r} is not an exact decimal")


def _check_links(spans: list[dict[str, Any]]) -> None:
    """Each COMMITMENT target is a QUANTITY span whose `commitment` names that COMMITMENT,
    and each QUANTITY's `commitment` is a COMMITMENT listing it among its targets."""
    quantities = {(s["start"], s["end"]): s for s in spans if s["label"] == "QUANTITY"}
    targets: dict[tuple[int, int], tuple[int, int]] = {}
    for span in spans:
        if span["label"] != "COMMITMENT":
            continue
        for ref in span["attrs"].get("target") or []:
            at = (ref["start"], ref["end"])
            quantity = quantities.get(at)
            if quantity is None:
                raise SchemaError(f"COMMITMENT {span['text']!r}: target {ref.get('text')!r} at {at[0]}:{at[1]} "
                                  "is not a QUANTITY span of the document")
            targets[at] = (span["start"], span["end"])
    for at, quantity in quantities.items():
        link = quantity["attrs"].get("commitment")
        linked = (link["start"], link["end"]) if link else None
        if linked != targets.get(at):
            raise SchemaError(
                f"QUANTITY {quantity['text']!r} at {at[0]}:{at[1]}: its commitment is {linked}, but "
                f"{'the COMMITMENT at ' + str(targets[at]) if at in targets else 'no COMMITMENT'} lists it as "
                "a target (govreport_nlp.doc.attrs.link_targets sets it)"
            )


def _check_layers(spans: list[dict[str, Any]]) -> None:
    """Spans of one layer never overlap (layers overlap each other freely)."""
    last: dict[str, tuple[int, dict[str, Any]]] = {}
    for i in sorted(range(len(spans)), key=lambda i: (spans[i]["start"], spans[i]["end"])):
        span = spans[i]
        before = last.get(span["label"])
        if before is not None and span["start"] < before[1]["end"]:
            raise SchemaError(
                f"spans/{before[0]} and spans/{i}: two {span['label']} spans overlap "
                f"({before[1]['start']}:{before[1]['end']} {before[1]['text']!r} and "
                f"{span['start']}:{span['end']} {span['text']!r}); spans of one layer never overlap"
            )
        if before is None or span["end"] > before[1]["end"]:
            last[span["label"]] = (i, span)
