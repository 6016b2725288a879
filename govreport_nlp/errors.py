"""Errors the library raises on purpose, each with a code and what the user can do.

Codes are stable so that users can search for them; the message says what went wrong
and the next step, in the style of spaCy's `Errors`.
"""

from __future__ import annotations


class GovReportError(Exception):
    """Base class: every error raised on purpose by govreport_nlp."""

    code = "G000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")

    def __reduce__(self) -> tuple[object, tuple[type[GovReportError], tuple[object, ...]]]:
        # Pickled as it is (worker processes send errors back), not through __init__, which
        # would put the code in front of the message a second time.
        return _restore, (type(self), self.args)


def _restore(cls: type[GovReportError], args: tuple[object, ...]) -> GovReportError:
    error = cls.__new__(cls)
    error.args = args
    return error


class ModelNotFoundError(GovReportError):
    """The built pipeline for a segmenter is not on disk."""

    code = "G001"


class ModelBuildError(GovReportError):
    """Fetching or assembling the segmentation model failed."""

    code = "G002"


class SchemaError(GovReportError):
    """A JSON document does not follow the govreport-nlp/2 schema (nor an older one it upgrades from)."""

    code = "G003"


class OffsetError(GovReportError):
    """A span's offsets do not select its text: the one invariant we never break."""

    code = "G004"


class InputError(GovReportError):
    """Input that cannot be read as report text (binary data, undecodable bytes...)."""

    code = "G005"


class ConfigError(GovReportError):
    """An option with a value the library does not know."""

    code = "G006"


class CorpusError(GovReportError):
    """A corpus run cannot start: its output folder is in use or holds something else."""

    code = "G007"


class TimeLimitError(GovReportError):
    """One document of a corpus run took longer than the per-document time limit."""

    code = "G008"


class ExtensionError(GovReportError):
    """Another library registered one of our spaCy extension names (`Doc._.govreport_*`)."""

    code = "G009"
