"""The package map of docs/pipeline.md, kept true: which folder may import which.

Each rule names a group of modules and the modules they must never import (directly, at
any place in the file, lazy imports included). The imports are read from the source with
`ast`, so the test sees what a reader sees.
"""

from __future__ import annotations

import ast
import re
import warnings
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "govreport_nlp"

#: (modules the rule is about, as a regex on dotted names; modules they must not import).
RULES: list[tuple[str, str, tuple[str, ...]]] = [
    ("only the tokenizer of the Doc plumbing reads ingest (it normalises before it segments)",
     r"govreport_nlp\.doc\.(?!tokenizer$)[a-z_]+", ("govreport_nlp.ingest",)),
    ("ingest reads text, never annotations", r"govreport_nlp\.ingest(\..*)?",
     ("govreport_nlp.taggers", "govreport_nlp.export", "govreport_nlp.corpus", "govreport_nlp.doc",
      "govreport_nlp.cli", "govreport_nlp.annotate", "govreport_nlp.pipeline", "govreport_nlp.evaluate")),
    ("the Doc plumbing serves every tagger and knows none", r"govreport_nlp\.doc(\..*)?",
     ("govreport_nlp.taggers", "govreport_nlp.export", "govreport_nlp.corpus",
      "govreport_nlp.cli", "govreport_nlp.annotate", "govreport_nlp.pipeline", "govreport_nlp.evaluate")),
    ("taggers never import export, the corpus runner, the CLI or the doors",
     r"govreport_nlp\.taggers(\.[a-z_]+)*\.(component|rules|gazetteer|indicators|hanlp|structure|ents|lexicon|quoted|heads|"
     r"canonical|patterns)",
     ("govreport_nlp.export", "govreport_nlp.corpus", "govreport_nlp.cli", "govreport_nlp.annotate",
      "govreport_nlp.pipeline", "govreport_nlp.evaluate")),
    ("tables read exported JSON but never the CLI or the corpus runner",
     r"govreport_nlp\.taggers\.[a-z_]+\.(table|targets)",
     ("govreport_nlp.cli", "govreport_nlp.corpus", "govreport_nlp.evaluate")),
    ("a tagger's rules are pure Python: no spaCy",
     r"govreport_nlp\.taggers\.[a-z_]+\.rules|govreport_nlp\.taggers\.programs\.(lexicon|quoted|heads|canonical|patterns)",
     ("spacy", "govreport_nlp.doc")),
    ("export never imports a tagger, the corpus runner or the CLI", r"govreport_nlp\.export(\..*)?",
     ("govreport_nlp.taggers", "govreport_nlp.corpus", "govreport_nlp.cli", "govreport_nlp.annotate")),
    ("one tagger never imports another", r"govreport_nlp\.taggers\.(places|programs|quantities)(\..*)?",
     ("govreport_nlp.taggers.commitments",)),
]
for _me, _others in (("places", "programs|quantities|commitments"), ("programs", "places|quantities|commitments"),
                     ("quantities", "places|programs|commitments"), ("commitments", "places|programs|quantities")):
    RULES.append((f"the {_me} tagger imports no other tagger", rf"govreport_nlp\.taggers\.{_me}(\..*)?",
                  tuple(f"govreport_nlp.taggers.{o}" for o in _others.split("|"))))

#: What the package root may hold: the doors, and folders.
ROOT_MODULES = {"__init__.py", "annotate.py", "pipeline.py", "cli.py", "evaluate.py", "errors.py", "tables.py"}
FOLDERS = {"doc", "taggers", "ingest", "export", "corpus", "data"}


def module_name(path: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(PKG.parent).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    return ".".join(parts[:-1] if is_package else parts), is_package


def imports_of(path: Path) -> set[str]:
    """Absolute names a module imports (for `from X import a`, both X and X.a)."""
    name, is_package = module_name(path)
    package = name if is_package else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return found


MODULES = {module_name(p)[0]: p for p in sorted(PKG.rglob("*.py"))}


@pytest.mark.parametrize(("rule", "pattern", "forbidden"), RULES, ids=[r[0] for r in RULES])
def test_imports_follow_the_package_map(rule: str, pattern: str, forbidden: tuple[str, ...]) -> None:
    covered = [name for name in MODULES if re.fullmatch(pattern, name)]
    assert covered, f"no module matches {pattern}: the rule is stale"
    broken = [
        f"{name} imports {imported}"
        for name in covered
        for imported in sorted(imports_of(MODULES[name]))
        if any(imported == f or imported.startswith(f + ".") for f in forbidden)
    ]
    assert not broken, f"{rule}: " + "; ".join(broken)


def test_the_package_root_holds_only_the_doors_and_folders() -> None:
    modules = {p.name for p in PKG.glob("*.py")}
    folders = {  # caches, and a folder left with only caches (after a move, on a developer's machine), do not count
        p.name
        for p in PKG.iterdir()
        if p.is_dir() and p.name != "__pycache__" and any(f.name != "__pycache__" for f in p.iterdir())
    }
    assert modules == ROOT_MODULES
    assert folders == FOLDERS


def test_every_folder_is_in_the_documented_map() -> None:
    text = (PKG.parent / "docs" / "pipeline.md").read_text(encoding="utf-8")
    section = text.split("## Map of the package", 1)[1].split("\n## ", 1)[0]
    for folder in FOLDERS:
        assert f"`{folder}/`" in section, f"docs/pipeline.md's map does not mention {folder}/"
    for door in ROOT_MODULES - {"__init__.py"}:
        assert f"`{door}`" in section, f"docs/pipeline.md's map does not mention {door}"


@pytest.mark.parametrize(
    ("old", "new", "attribute"),
    [
        ("govreport_nlp.targets", "govreport_nlp.taggers.commitments.targets", "target_rows"),
        ("govreport_nlp.place_table", "govreport_nlp.taggers.places.table", "place_rows"),
        ("govreport_nlp.program_table", "govreport_nlp.taggers.programs.table", "program_rows"),
        ("govreport_nlp.components.places", "govreport_nlp.taggers.places.component", "PlaceTagger"),
        ("govreport_nlp.gazetteer", "govreport_nlp.taggers.places.gazetteer", "Gazetteer"),
    ],
)
def test_old_import_paths_work_for_one_release_with_a_warning(old: str, new: str, attribute: str) -> None:
    import importlib
    import sys

    sys.modules.pop(old, None)
    with pytest.warns(DeprecationWarning, match=re.escape(new)):
        moved = importlib.import_module(old)
    assert getattr(moved, attribute) is getattr(importlib.import_module(new), attribute)


def test_new_paths_import_without_deprecation_warnings() -> None:
    import importlib

    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        for name in MODULES:
            if name.endswith(".hanlp"):
                continue  # imports HanLP's optional dependencies lazily; covered by test_hanlp_backend
            importlib.import_module(name)
