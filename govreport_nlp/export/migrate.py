"""Reading older documents: `upgrade` turns a `govreport-nlp/1` document into `govreport-nlp/2`.

Every reader calls it before anything else (`json_to_doc`, `as_json` and so the tables and
the view, `read_jsonl` and so `evaluate`, the labeling exports, the corpus tables), and
`govreport-nlp migrate` rewrites a JSONL file. What changes from /1 to /2
(docs/pipeline.md "From govreport-nlp/1 to /2"):

- every attribute has one type, and the attributes of a label are always present
  (`doc.attrs.FIELDS`): a COMMITMENT's `target`, `indicator` and `indicator_key` are
  lists (a /1 object or string becomes a list of one, null an empty list), `section` a
  list, `headline` a boolean, `deadline` a string or null; a PLACE's `code`, `level`,
  `full_name` a string or null, `candidates` a list; a PROGRAM's `title` a string or null;
  a QUANTITY's `min` and `max` a number or null, `terms` a list;
- numbers are exact decimals (58170000000.00001 becomes 58170000000);
- every QUANTITY has `commitment`: the COMMITMENT whose target it is, or null.

Nothing else changes: the text, the offsets, the spans and `meta` stay as they were.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import Any

import jsonschema

from ..doc.attrs import canonical_attrs, link_targets
from ..doc.layers import SCHEMA_ID
from ..errors import SchemaError

SCHEMA_1 = "govreport-nlp/1"
SCHEMA_1_FILE = "govreport-nlp-1.schema.json"


@lru_cache(maxsize=1)
def _validator_1() -> jsonschema.protocols.Validator:
    schema = json.loads(files(__package__).joinpath(SCHEMA_1_FILE).read_text(encoding="utf-8"))
    validator: jsonschema.protocols.Validator = jsonschema.validators.validator_for(schema)(schema)
    return validator


def upgrade(data: Any) -> Any:
    """`data` as a `govreport-nlp/2` document: a /2 document is returned as it is, a /1
    document is checked against the /1 schema and converted (a new dict; `data` is not
    changed). Anything else is returned unchanged, for `validate` to refuse with its reason."""
    if not isinstance(data, dict) or data.get("schema") != SCHEMA_1:
        return data
    errors = sorted(_validator_1().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        path = "/".join(str(p) for p in errors[0].absolute_path) or "(document)"
        raise SchemaError(f"not a valid {SCHEMA_1} document, so it cannot be upgraded: {path}: {errors[0].message}")
    spans = [{**span, "attrs": canonical_attrs(span["label"], span["attrs"])} for span in data["spans"]]
    return {**data, "schema": SCHEMA_ID, "spans": link_targets(spans)}
