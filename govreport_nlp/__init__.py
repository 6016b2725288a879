"""govreport_nlp: structured, verifiable annotations of Chinese government work reports.

    >>> import govreport_nlp
    >>> nlp = govreport_nlp.load("jieba")
    >>> data = govreport_nlp.annotate("确保粮食产量保持在31.1亿斤以上。", nlp=nlp)
    >>> data["schema"]
    'govreport-nlp/2'
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import types
import warnings

from .annotate import annotate, annotate_many, process
from .doc.layers import LABELS, SCHEMA_ID, SPAN_GROUPS
from .errors import GovReportError, InputError, ModelNotFoundError, OffsetError, SchemaError
from .export import doc_to_json, json_schema, json_to_doc, upgrade, validate
from .export.html import LABEL_COLOURS, render
from .ingest import read_text
from .pipeline import SEGMENTERS, build, load, package_version
from .tables import to_dataframe

__version__ = package_version()

__all__ = [
    "LABELS",
    "LABEL_COLOURS",
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
    "render",
    "to_dataframe",
    "upgrade",
    "validate",
]


#: Modules of release 0.1 that moved (old name -> new name, under this package). Their old
#: import paths keep working for one release, with a DeprecationWarning on import.
MOVED_MODULES: dict[str, str] = {
    "targets": "taggers.commitments.targets",
    "place_table": "taggers.places.table",
    "program_table": "taggers.programs.table",
    "components": "taggers",
    "components.structure": "taggers.structure",
    "components.ents": "taggers.ents",
    "components.places": "taggers.places.component",
    "components.programs": "taggers.programs.component",
    "components.quantities": "taggers.quantities.component",
    "components.commitments": "taggers.commitments.component",
    "place_rules": "taggers.places.rules",
    "program_rules": "taggers.programs.rules",
    "quantity_rules": "taggers.quantities.rules",
    "commitment_rules": "taggers.commitments.rules",
    "indicators": "taggers.commitments.indicators",
    "gazetteer": "taggers.places.gazetteer",
    "gazetteer.index": "taggers.places.gazetteer",
    "hanlp_backend": "taggers.places.hanlp",
    "layers": "doc.layers",
    "tokens": "doc.tokens",
    "char_tokenizer": "doc.char_tokenizer",
    "pkuseg_model": "doc.pkuseg_model",
}


class _MovedModuleFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves an old module path as a thin proxy of the module's new home.

    The proxy forwards attribute access, so `from govreport_nlp.targets import target_rows`
    gets the very function `govreport_nlp.taggers.commitments.targets` defines, and the
    new module keeps its own name and spec.
    """

    def find_spec(
        self, fullname: str, path: object = None, target: object = None
    ) -> importlib.machinery.ModuleSpec | None:
        old = fullname.removeprefix(__name__ + ".")
        if old == fullname or old not in MOVED_MODULES:
            return None
        return importlib.machinery.ModuleSpec(fullname, self, is_package=True)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        new_name = f"{__name__}.{MOVED_MODULES[spec.name.removeprefix(__name__ + '.')]}"
        warnings.warn(
            f"{spec.name} has moved to {new_name}; the old path will be removed in the next release",
            DeprecationWarning,
            stacklevel=2,
        )
        new = importlib.import_module(new_name)
        proxy = types.ModuleType(spec.name, new.__doc__)
        proxy.__path__ = []  # old sub-modules come from this finder, never from the new folders
        proxy.__getattr__ = lambda name: getattr(new, name)  # type: ignore[method-assign]
        proxy.__dir__ = lambda: dir(new)  # type: ignore[method-assign]
        return proxy

    def exec_module(self, module: types.ModuleType) -> None:
        """Nothing to run: the proxy forwards to the module that was imported."""


if not any(isinstance(finder, _MovedModuleFinder) for finder in sys.meta_path):
    sys.meta_path.insert(0, _MovedModuleFinder())
