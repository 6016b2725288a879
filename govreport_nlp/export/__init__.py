"""Exports of annotated documents; `govreport-nlp/2` JSON is the contract the others build on."""

from __future__ import annotations

from .json_doc import as_json, doc_to_json, json_to_doc, text_sha256
from .migrate import upgrade
from .schema import json_schema, validate

__all__ = ["as_json", "doc_to_json", "json_schema", "json_to_doc", "text_sha256", "upgrade", "validate"]
