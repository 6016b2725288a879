"""govreport_nlp: structured, verifiable annotations of Chinese government work reports.

    >>> import govreport_nlp
    >>> nlp = govreport_nlp.load("jieba")
    >>> data = govreport_nlp.annotate("确保粮食产量保持在31.1亿斤以上。", nlp=nlp)
    >>> data["schema"]
    'govreport-nlp/1'
"""

from __future__ import annotations

from .annotate import annotate, annotate_many, process
from .doc.layers import LABELS, SCHEMA_ID, SPAN_GROUPS
from .errors import GovReportError, InputError, ModelNotFoundError, OffsetError, SchemaError
from .export import doc_to_json, json_schema, json_to_doc, validate
from .ingest import read_text
from .pipeline import SEGMENTERS, build, load, package_version

__version__ = package_version()

__all__ = [
    "LABELS",
    "SCHEMA_ID",
    "SEGMENTERS",
    "SPAN_GROUPS",
    "GovReportError",
    "InputError",
    "ModelNotFoundError",
    "OffsetError",
    "SchemaError",
    "__version__",
    "annotate",
    "annotate_many",
    "build",
    "doc_to_json",
    "json_schema",
    "json_to_doc",
    "load",
    "process",
    "read_text",
    "validate",
]

