"""Label Studio: pre-annotated tasks, the labeling config that matches them, and the way back.

Label Studio 1.23 counts a text region's `start`/`end` in Unicode code points, as Python
does, so offsets are written unchanged. Each span becomes one `labels` region; its
attributes become per-region fields that share the region's id (choices for closed value
sets, text areas for the rest, numbers written as JSON so that 3110000000 and 31.1 come
back exactly), attributes without a field of their own travel as JSON in one
`<label>_extra` text area, and a COMMITMENT's target quantities become `target` relations.
`labeling_config()` generates the XML these fields need; Label Studio rejects predictions
whose choices its config does not list.

`from_label_studio` reads Label Studio's JSON export (corrected annotations) back into
`govreport-nlp/2` documents so that `govreport-nlp evaluate` can score the pipeline
against them.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import quoteattr

from ..doc.layers import LABELS
from ..errors import InputError, OffsetError
from .imported import TARGET_RELATION, attach_targets, imported_document, whole_offsets
from .json_doc import text_sha256
from .migrate import upgrade
from .schema import json_schema, validate

logger = logging.getLogger(__name__)

TEXT_NAME = "text"  # the <Text> tag and the task data key
LABELS_NAME = "label"  # the <Labels> tag
COLORS = {"PLACE": "#4e9a06", "PROGRAM": "#3465a4", "QUANTITY": "#c4a000", "COMMITMENT": "#cc0000"}


@dataclass(frozen=True)
class Field:
    """One per-region attribute field: which label shows it and how its value is written."""

    label: str
    attr: str
    kind: str  # "choices" (closed set from the JSON Schema), "text", "number" (JSON in a text area), "texts" (str|list)

    @property
    def name(self) -> str:
        return f"{self.label.lower()}_{self.attr}"


#: The attributes the gold set uses (corpus/gold), one field each; anything else goes to `<label>_extra`.
FIELDS: tuple[Field, ...] = (
    Field("PLACE", "kind", "choices"),
    Field("PLACE", "level", "choices"),
    Field("PLACE", "code", "text"),
    Field("PLACE", "full_name", "text"),
    Field("PROGRAM", "canonical", "text"),
    Field("PROGRAM", "title", "text"),
    Field("QUANTITY", "value", "number"),
    Field("QUANTITY", "unit", "text"),
    Field("QUANTITY", "comparator", "choices"),
    Field("QUANTITY", "kind", "choices"),
    Field("QUANTITY", "change", "choices"),
    Field("QUANTITY", "min", "number"),
    Field("QUANTITY", "max", "number"),
    Field("COMMITMENT", "strength", "choices"),
    Field("COMMITMENT", "indicator", "texts"),
    Field("COMMITMENT", "deadline", "text"),
)
#: Attributes carried by relations instead of fields.
RELATION_ATTRS = {"COMMITMENT": "target"}


def extra_name(label: str) -> str:
    return f"{label.lower()}_extra"


def choice_values(label: str, attr: str) -> list[str]:
    """The allowed values of a closed attribute, read from the published JSON Schema."""
    for rule in json_schema()["$defs"]["span"]["allOf"]:
        if rule["if"]["properties"]["label"]["const"] == label:
            enum = rule["then"]["properties"]["attrs"]["properties"][attr]["enum"]
            return [v for v in enum if v is not None]
    raise KeyError(f"{label}.{attr} has no enum in the schema")


def labeling_config() -> str:
    """The Label Studio labeling config (XML) for the tasks `to_label_studio` writes."""
    lines = ["<View>", f'  <Labels name="{LABELS_NAME}" toName="{TEXT_NAME}">']
    lines += [f'    <Label value="{label}" background="{COLORS[label]}"/>' for label in LABELS]
    lines += ["  </Labels>", f'  <Text name="{TEXT_NAME}" value="${TEXT_NAME}" granularity="symbol"/>']
    lines += ["  <Relations>", f'    <Relation value="{TARGET_RELATION}"/>', "  </Relations>"]
    for label in LABELS:
        lines.append(f'  <View visibleWhen="region-selected" whenTagName="{LABELS_NAME}" whenLabelValue="{label}">')
        lines.append(f'    <Header value="{label}"/>')
        for field in (f for f in FIELDS if f.label == label):
            common = f'name="{field.name}" toName="{TEXT_NAME}" perRegion="true"'
            if field.kind == "choices":
                lines.append(f'    <Header value="{field.attr}" size="6"/>')
                lines.append(f'    <Choices {common} choice="single-radio" showInline="true">')
                lines += [f"      <Choice value={quoteattr(v)}/>" for v in choice_values(label, field.attr)]
                lines.append("    </Choices>")
            else:
                hint = {"number": "a number", "texts": "one per line", "text": "text"}[field.kind]
                lines.append(f'    <Header value="{field.attr} ({hint})" size="6"/>')
                most = 8 if field.kind == "texts" else 1
                lines.append(f'    <TextArea {common} editable="true" maxSubmissions="{most}"/>')
        lines.append('    <Header value="other attributes (JSON)" size="6"/>')
        lines.append(f'    <TextArea name="{extra_name(label)}" toName="{TEXT_NAME}" perRegion="true" editable="true" '
                     'maxSubmissions="1"/>')
        lines.append("  </View>")
    lines.append("</View>")
    return "\n".join(lines) + "\n"


def _region_id(index: int) -> str:
    return f"s{index}"


def _field_result(field: Field, region: dict[str, Any], value: Any) -> dict[str, Any] | None:
    """The per-region result for one attribute value, or None when there is nothing to show."""
    if value is None:
        return None
    where = {"start": region["start"], "end": region["end"]}
    if field.kind == "choices":
        payload: dict[str, Any] = {"choices": [value]}
        kind = "choices"
    else:
        kind = "textarea"
        if field.kind == "number":
            payload = {"text": [json.dumps(value)]}
        elif field.kind == "texts" and isinstance(value, list):
            payload = {"text": [str(v) for v in value]}
        else:
            payload = {"text": [str(value)]}
    return {"id": region["id"], "from_name": field.name, "to_name": TEXT_NAME, "type": kind,
            "value": {**where, **payload}}


def _refs(value: Any) -> list[dict[str, Any]]:
    return value if isinstance(value, list) else [value] if value else []


def task_result(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Label Studio regions, per-region fields and relations for one document's spans."""
    text = data["text"]
    quantity_ids = {
        (s["start"], s["end"]): _region_id(i) for i, s in enumerate(data["spans"]) if s["label"] == "QUANTITY"
    }
    results: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []
    for index, span in enumerate(data["spans"]):
        start, end, region_id = span["start"], span["end"], _region_id(index)
        if text[start:end] != span["text"]:
            raise OffsetError(f"Label Studio export: text[{start}:{end}] is {text[start:end]!r}, not {span['text']!r}")
        labels: dict[str, Any] = {
            "id": region_id, "from_name": LABELS_NAME, "to_name": TEXT_NAME, "type": "labels",
            "value": {"start": start, "end": end, "text": span["text"], "labels": [span["label"]]},
        }
        if isinstance(span["attrs"].get("score"), (int, float)):
            labels["score"] = span["attrs"]["score"]
        results.append(labels)
        rest = dict(span["attrs"])
        for field in (f for f in FIELDS if f.label == span["label"]):
            if rest.get(field.attr) is None:
                continue  # an explicit null stays in the JSON field, so it comes back as null
            item = _field_result(field, {"id": region_id, "start": start, "end": end}, rest.pop(field.attr))
            if item is not None:
                results.append(item)
        relation_attr = RELATION_ATTRS.get(span["label"])
        refs = _refs(rest.get(relation_attr)) if relation_attr else []
        # A target that is one of the document's QUANTITY spans becomes a relation; any other stays in the JSON.
        if refs and all((r["start"], r["end"]) in quantity_ids for r in refs):
            del rest[str(relation_attr)]
            relations += [{"from_id": region_id, "to_id": quantity_ids[(r["start"], r["end"])], "type": "relation",
                           "direction": "right", "labels": [TARGET_RELATION]} for r in refs]
        if rest:
            results.append({"id": region_id, "from_name": extra_name(span["label"]), "to_name": TEXT_NAME,
                            "type": "textarea",
                            "value": {"start": start, "end": end, "text": [json.dumps(rest, ensure_ascii=False)]}})
    return results + relations


def to_label_studio(docs: Iterable[dict[str, Any]], *, model_version: str | None = None) -> list[dict[str, Any]]:
    """Label Studio import tasks, one per document, each with our spans as a prediction.

    The whole `meta` travels in the task data (`govreport_meta`) so that the import
    restores it. `model_version` defaults to "govreport-nlp VERSION PIPELINE" from meta.
    A span whose offsets do not select its text raises OffsetError before anything is built.
    """
    tasks = []
    for data in docs:
        data = upgrade(data)
        validate(data, schema=False)
        meta = data["meta"]
        version = model_version or " ".join(
            str(v) for v in ("govreport-nlp", meta.get("version"), meta.get("pipeline")) if v
        )
        result = task_result(data)
        prediction: dict[str, Any] = {"model_version": version, "result": result}
        scores = [r["score"] for r in result if "score" in r]
        if scores:
            prediction["score"] = sum(scores) / len(scores)
        tasks.append({"data": {TEXT_NAME: data["text"], "id": meta.get("id"), "govreport_meta": meta},
                      "predictions": [prediction]})
    return tasks


# --- import --------------------------------------------------------------------------------------


def _field_value(field: Field, value: dict[str, Any]) -> Any:
    if field.kind == "choices":
        choices = value.get("choices") or []
        return choices[0] if choices else None
    texts = [t for t in value.get("text") or [] if t.strip()]
    if not texts:
        return None
    if field.kind == "number":
        try:
            return json.loads(texts[0])
        except json.JSONDecodeError as exc:
            raise InputError(f"{field.name}: {texts[0]!r} is not a number") from exc
    if field.kind == "texts":
        return texts[0].strip() if len(texts) == 1 else [t.strip() for t in texts]
    return texts[0].strip()


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A region without the white space an annotator's selection may include (our spans never have it)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _chosen_annotation(task: dict[str, Any], *, use_predictions: bool) -> list[dict[str, Any]] | None:
    """The result of the task's latest completed annotation (or its first prediction, if asked)."""
    done = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
    if done:
        latest = max(done, key=lambda a: (a.get("updated_at") or "", a.get("id") or 0))
        result: list[dict[str, Any]] = latest.get("result") or []
        return result
    if use_predictions and task.get("predictions"):
        prediction = task["predictions"][0]
        return list(prediction.get("result") or [])
    return None


def task_to_json(task: dict[str, Any], *, use_predictions: bool = False) -> dict[str, Any] | None:
    """One Label Studio task (as exported) as a `govreport-nlp/2` document; None if it has no annotation."""
    result = _chosen_annotation(task, use_predictions=use_predictions)
    if result is None:
        return None
    data = task.get("data") or {}
    text = data.get(TEXT_NAME)
    if not isinstance(text, str):
        raise InputError(f"task {task.get('id')}: no {TEXT_NAME!r} in its data")
    meta = dict(data.get("govreport_meta") or {"id": data.get("id") or str(task.get("id"))})
    meta["sha256"] = text_sha256(text)
    fields = {f.name: f for f in FIELDS}
    extra_names = {extra_name(label): label for label in LABELS}
    regions: dict[str, dict[str, Any]] = {}
    # (region id, label of the field, attributes, from the JSON field?)
    attrs: list[tuple[str, str, dict[str, Any], bool]] = []
    relations: list[tuple[str, str]] = []
    for item in result:
        if item.get("type") == "relation":
            if TARGET_RELATION in (item.get("labels") or [TARGET_RELATION]):
                relations.append((str(item["from_id"]), str(item["to_id"])))
            continue
        value = item.get("value") or {}
        region_id = str(item.get("id"))
        name = item.get("from_name")
        if item.get("type") == "labels" and not value.get("labels"):
            raise InputError(f"task {task.get('id')}, region {region_id}: a labels region without a label")
        if item.get("type") == "labels":
            where = f"task {task.get('id')}, region {region_id}"
            raw_start, raw_end = whole_offsets(value.get("start"), value.get("end"), len(text), where)
            if "text" in value and text[raw_start:raw_end] != value["text"]:
                raise OffsetError(f"task {task.get('id')}: region {region_id} says {value['text']!r} but "
                                  f"text[{raw_start}:{raw_end}] is {text[raw_start:raw_end]!r}")
            start, end = _trimmed(text, raw_start, raw_end)
            if start < end:
                regions[region_id] = {"label": value["labels"][0], "start": start, "end": end,
                                      "text": text[start:end], "attrs": {}}
        elif name in fields:
            field = fields[name]
            attr_value = _field_value(field, value)
            if attr_value is not None:
                attrs.append((region_id, field.label, {field.attr: attr_value}, False))
        elif name in extra_names:
            texts = [t for t in value.get("text") or [] if t.strip()]
            if texts:
                try:
                    attrs.append((region_id, extra_names[name], json.loads(texts[0]), True))
                except json.JSONDecodeError as exc:
                    raise InputError(f"task {task.get('id')}: {name} is not JSON: {texts[0]!r}") from exc
    # The JSON field first, so that a value typed into an attribute's own field wins over it.
    attrs.sort(key=lambda item: not item[3])
    for region_id, label, values, _ in attrs:
        # A field of another label is left over from before the annotator changed the label: dropped.
        if region_id in regions and regions[region_id]["label"] == label:
            regions[region_id]["attrs"].update(values)
    links = [(regions[a], regions[b]) for a, b in relations if a in regions and b in regions]
    for attr in sorted(set(RELATION_ATTRS.values())):
        attach_targets(((a, b) for a, b in links if RELATION_ATTRS.get(a["label"]) == attr), attr)
    return imported_document(text, meta, regions.values())


def from_label_studio(tasks: Iterable[dict[str, Any]], *, use_predictions: bool = False) -> list[dict[str, Any]]:
    """Documents from a Label Studio JSON export; tasks nobody annotated are skipped (logged).

    `use_predictions=True` takes a task's first prediction when it has no annotation.
    Regions are trimmed of white space at their ends; a region whose `text` disagrees
    with the task text raises OffsetError; every document is validated.
    """
    docs = []
    for task in tasks:
        try:
            doc = task_to_json(task, use_predictions=use_predictions)
        except (KeyError, IndexError, TypeError, ValueError, AttributeError, RecursionError) as exc:
            what = f"field {exc} missing" if isinstance(exc, KeyError) else f"{type(exc).__name__}: {exc}"
            task_id = task.get("id") if isinstance(task, dict) else None
            raise InputError(f"task {task_id}: cannot be read ({what})") from exc
        if doc is None:
            logger.warning("task %s has no completed annotation: skipped", task.get("id"))
            continue
        docs.append(doc)
    return docs
