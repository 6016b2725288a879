"""The `govreport-nlp/1` JSON contract: the published JSON Schema plus the offset check.

JSON Schema checks shapes and attribute values; the one rule it cannot express —
`text[start:end] == span["text"]` for every span and every reference — is checked here
too, so `validate` is the single gate for anything we export or import.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import Any

import jsonschema

from ..doc.layers import SCHEMA_ID
from ..errors import OffsetError, SchemaError

SCHEMA_FILE = "govreport-nlp-1.schema.json"


@lru_cache(maxsize=1)
def json_schema() -> dict[str, Any]:
    """The JSON Schema of `govreport-nlp/1` (also published as docs/schema.json)."""
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
    """Raise SchemaError or OffsetError unless `data` is a valid govreport-nlp/1 document.

    `schema=False` checks only the offsets (every span, reference and section selects
    its text): what our own exports need on the hot path, since the JSON Schema itself is
    enforced on everything we import and by the test suite on everything we produce.
    """
    if not isinstance(data, dict) or data.get("schema") != SCHEMA_ID:
        found = data.get("schema") if isinstance(data, dict) else type(data).__name__
        raise SchemaError(f"expected a JSON object with schema {SCHEMA_ID!r}, found {found!r}")
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
        target = span["attrs"].get("target") if span["label"] == "COMMITMENT" else None
        for ref in target if isinstance(target, list) else [target] if target else []:
            _check_offsets(text, f"{where} target", ref)
    _check_layers(data["spans"])
    for i, section in enumerate(data.get("sections") or []):
        if not 0 <= section["start"] <= section["end"] <= len(text):
            raise OffsetError(f"sections/{i}: offsets {section['start']}:{section['end']} fall outside the text")


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
