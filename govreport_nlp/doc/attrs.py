"""One shape per span attribute (`govreport-nlp/2`), and exact decimal values.

Every attribute of every label has one JSON type: a list wherever there can be several
(a COMMITMENT's `indicator`, `indicator_key` and `target`), a value or null where there is
at most one. The attributes below are always present, so `jq '.attrs.target[0].text'`,
`pandas.json_normalize` and a DataFrame column see one type per field. Attributes a user
or an optional backend adds (HanLP's `source`) are kept as they are.

`canonical_attrs` gives that shape from any earlier one (the `govreport-nlp/1` forms: a
single `target` object, an `indicator` string, absent keys); it is applied where a layer
is written (`write_layer`), where a document is exported and where a `govreport-nlp/1`
document is upgraded, and it is idempotent.

Values are exact decimals. The rules compute in binary floating point, so 581.7亿元 came
out as 58170000000.00001; `exact_number` gives the decimal the report wrote, rounded to 15
significant digits — every decimal of up to 15 significant digits survives a round trip
through a double, and a report figure never has more. An integral value is an int. JSON
then holds the digits themselves (58170000000, 4.3): a number, not a string, so that jq,
DuckDB and pandas compute with it, and `json.loads(s, parse_float=decimal.Decimal)` reads
the exact decimal.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Context, Decimal, InvalidOperation
from typing import Any

#: Significant digits a value keeps (DBL_DIG: decimals this long round-trip through a double).
SIGNIFICANT_DIGITS = 15
_CONTEXT = Context(prec=SIGNIFICANT_DIGITS)

#: Attributes always present per label, with the value that stands for "none". A scalar is
#: null when unknown: the taggers always set `kind`, `strength`, `canonical`…, but a span a
#: person adds in a labeling tool has no attributes yet.
FIELDS: dict[str, dict[str, Any]] = {
    "PLACE": {"kind": None, "code": None, "level": None, "full_name": None, "candidates": []},
    "PROGRAM": {"canonical": None, "title": None},
    "QUANTITY": {
        "value": None, "unit": None, "comparator": None, "kind": None, "change": None,
        "min": None, "max": None, "terms": [],
    },
    "COMMITMENT": {
        "strength": None, "indicator": [], "indicator_key": [], "target": [], "deadline": None,
        "headline": False, "section": [],
    },
}  # fmt: skip
#: Attributes that are lists: a scalar of the older shape becomes a list of one.
LIST_FIELDS = frozenset({"indicator", "indicator_key", "target", "terms", "candidates", "section"})
#: QUANTITY attributes holding numbers.
NUMBER_FIELDS = ("value", "min", "max")


def exact_number(value: Any) -> Any:
    """`value` as the exact decimal it stands for: an int when integral, else the float
    whose shortest text is that decimal (58170000000.00001 → 58170000000, 0.30000000000000004
    → 0.3). Anything that is not a finite int or float is returned unchanged."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    if isinstance(value, int):
        return value
    text = repr(value)
    if "e" not in text and "n" not in text and len(text) - text.startswith("-") - ("." in text) <= SIGNIFICANT_DIGITS:
        # at most 15 digits (inf and nan have an n): the decimal is the float's shortest text,
        # which reads back as the same float, so the float stands for it (an int when integral)
        return int(value) if value.is_integer() else value
    try:
        decimal = _CONTEXT.create_decimal(text)
    except InvalidOperation:  # inf, nan: no decimal to give
        return value
    if not decimal.is_finite():
        return value
    if decimal == decimal.to_integral_value():
        return int(decimal)
    return float(decimal)


def exact_decimal(value: Any) -> Decimal | None:
    """The exact decimal of a JSON number as written by `exact_number` (None for non-numbers)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return Decimal(value) if isinstance(value, int) else Decimal(repr(value))


def is_exact(value: Any) -> bool:
    """Whether a number is an exact decimal in the sense of `exact_number` (at most 15
    significant digits after the decimal point; ints always)."""
    if isinstance(value, int) or not isinstance(value, float):
        return True
    return exact_number(value) == value and len(Decimal(repr(value)).as_tuple().digits) <= SIGNIFICANT_DIGITS


#: Per label, (key, default, is a list field) of its fields: `canonical_attrs` runs for
#: every span written and exported, tens of thousands per report.
_PLANS: dict[str, tuple[tuple[str, Any, bool], ...]] = {
    label: tuple((key, default, key in LIST_FIELDS) for key, default in fields.items())
    for label, fields in FIELDS.items()
}


def canonical_attrs(label: str, attrs: Any, *, copy: Callable[[Any], Any] | None = None) -> dict[str, Any]:
    """The attributes of a `label` span in the `govreport-nlp/2` shape (a new dict).

    Unknown labels and unknown keys pass through; a value of the wrong kind is left for the
    schema to report rather than guessed at. With `copy` (the export's deep JSON copy), every
    value is that copy of it: the same as `canonical_attrs(label, copy(attrs))`, in one pass.
    """
    if copy is not None and isinstance(attrs, Mapping) and not isinstance(attrs, dict):
        attrs = dict(attrs)
    given: dict[str, Any] = attrs if isinstance(attrs, dict) else {}
    plan = _PLANS.get(label)
    if plan is None:
        return dict(given) if copy is None else {key: copy(value) for key, value in given.items()}
    out: dict[str, Any] = {}
    get = given.get
    for key, default, is_list in plan:
        value = get(key, default)
        if copy is not None:
            value = copy(value)
            if is_list and isinstance(value, list):  # a new list already
                out[key] = value
                continue
        if is_list:  # a new list: the default is never shared, a tuple or a scalar becomes a list
            value = [] if value is None else list(value) if isinstance(value, (list, tuple)) else [value]
        elif value is None:
            value = default
        out[key] = value
    for key, value in given.items():
        if key not in out:
            out[key] = value if copy is None else copy(value)
    if label == "QUANTITY":
        for key in NUMBER_FIELDS:
            out[key] = exact_number(out[key])
        out["terms"] = [exact_number(v) for v in out["terms"]]
    elif label == "COMMITMENT":
        _pair_keys(out)
    return out


def _pair_keys(attrs: dict[str, Any]) -> None:
    """`indicator_key` as long as `indicator` (one key, or null, per indicator)."""
    indicators, keys = attrs["indicator"], attrs["indicator_key"]
    if len(keys) != len(indicators):
        if len(keys) == 1:
            keys = keys * len(indicators)
        attrs["indicator_key"] = (keys + [None] * len(indicators))[: len(indicators)]


def link_targets(spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give every QUANTITY span of a document (`govreport-nlp/2` span objects, changed in
    place) its `commitment`: a reference {start, end, text} to the COMMITMENT whose
    `target` lists it, or null. The two directions then say the same thing; a QUANTITY is
    the target of at most one COMMITMENT (a target lies inside its clause, and clauses of
    one layer never overlap)."""
    owner: dict[tuple[int, int], dict[str, Any]] = {}
    for span in spans:
        if span["label"] == "COMMITMENT":
            ref = {"start": span["start"], "end": span["end"], "text": span["text"]}
            for target in span["attrs"].get("target") or []:
                owner.setdefault((target["start"], target["end"]), ref)
    for span in spans:
        if span["label"] == "QUANTITY":
            found = owner.get((span["start"], span["end"]))
            span["attrs"]["commitment"] = dict(found) if found else None
    return spans
