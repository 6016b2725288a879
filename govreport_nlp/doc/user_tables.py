"""Tables a user adds to a component (`nlp.add_pipe(..., config={"lexicon": "my.tsv"})`).

A factory option names a file; the component reads it, merges its rows with the bundled
table and saves the merged table with the pipeline (`nlp.to_disk`), so `spacy.load` of the
saved pipeline needs the file no more. The factory runs before `from_disk`, so a file that
is missing when a saved pipeline is loaded elsewhere is not an error by itself: the
component remembers it and refuses to run (`ConfigError`) only if no saved table replaced it.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ConfigError


class UserTables:
    """The user files a component was configured with, and those it could not find."""

    def __init__(self, component: str) -> None:
        self.component = component
        self.missing: list[str] = []

    def read(self, path: str | Path | None, what: str) -> str:
        """The file's text ("" when no file is configured or it is missing, remembered)."""
        if not path:
            return ""
        file = Path(path)
        if not file.exists():
            self.missing.append(f"{what} {file}")
            return ""
        try:
            return file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{self.component}: cannot read the {what} {file} as UTF-8 text ({exc})") from exc

    def loaded(self) -> None:
        """A saved table replaced what the files would have given."""
        self.missing.clear()

    def check(self) -> None:
        if self.missing:
            raise ConfigError(f"{self.component}: no such file: {', '.join(self.missing)} (the option names a "
                              "TSV file of rows in the bundled table's format)")
