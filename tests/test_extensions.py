"""Our spaCy extensions: one prefix (`govreport_`), typed accessors, a clear error on a clash,
and another library's `Doc._.meta` never in our way.

spaCy's extension registry is process-wide, so the clashes run in a fresh interpreter.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from spacy.tokens import Doc, Span

import govreport_nlp
from govreport_nlp.doc.layers import _EXTENSIONS, EXTENSION_PREFIX

SENTENCE = "确保粮食产量保持在31.1亿斤以上，推进长治“百乡千村”治理行动。"


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=300)


def test_every_extension_we_register_has_our_prefix():
    ours = [name for _, name, _, _ in _EXTENSIONS]
    assert len(ours) == 8 and all(name.startswith(EXTENSION_PREFIX) for name in ours), ours
    assert all(Doc.has_extension(name) or Span.has_extension(name) for name in ours)


def test_typed_accessors_read_one_attribute_each(nlp_char):
    doc = nlp_char(SENTENCE)
    (quantity,) = doc.spans["quantity"]
    assert quantity._.govreport_value == 3110000000 and quantity._.govreport_attrs["unit"] == "斤"
    assert [p._.govreport_code for p in doc.spans["place"]] == ["140400"]
    assert [p._.govreport_canonical for p in doc.spans["program"]] == ["百乡千村"]
    assert quantity._.govreport_code is None  # an accessor of another label gives None
    assert doc._.govreport_meta["script"] == "simplified"


def test_the_old_names_still_read_while_free_but_warn(nlp_char):
    doc = nlp_char(SENTENCE)
    with pytest.warns(DeprecationWarning, match="govreport_attrs"):
        assert doc.spans["quantity"][0]._.attrs == doc.spans["quantity"][0]._.govreport_attrs
    with pytest.warns(DeprecationWarning, match="govreport_meta"):
        assert doc._.meta == doc._.govreport_meta


def test_another_library_holding_our_old_generic_names_does_not_break_annotate():
    result = run_python(
        """
        from spacy.tokens import Doc, Span
        Doc.set_extension("meta", default="theirs")
        Doc.set_extension("source", getter=lambda doc: "their source")
        Span.set_extension("attrs", default=())
        import govreport_nlp
        data = govreport_nlp.annotate("确保粮食产量保持在31.1亿斤以上。")
        doc = govreport_nlp.load()("确保粮食产量保持在31.1亿斤以上。")
        assert [s["text"] for s in data["spans"] if s["label"] == "QUANTITY"] == ["31.1亿斤以上"]
        assert doc._.meta == "theirs" and doc._.source == "their source"  # theirs stays theirs
        assert doc.spans["quantity"][0]._.attrs == () and doc.spans["quantity"][0]._.govreport_value == 3110000000
        print("ok")
        """
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


def test_a_clash_on_one_of_our_names_is_a_clear_error():
    result = run_python(
        """
        from spacy.tokens import Doc
        Doc.set_extension("govreport_meta", default=None)
        try:
            import govreport_nlp
        except Exception as exc:
            print(type(exc).__name__, exc)
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ExtensionError [G009] Doc._.govreport_meta is already registered by another")


def test_registering_twice_is_harmless():
    govreport_nlp.doc.layers.register_extensions()
    govreport_nlp.doc.layers.register_extensions()
