"""Decode report files and bytes into text, or fail with a clear error.

The decoded text is what every offset in our output refers to, so decoding must never
guess silently: undecodable or binary input raises `InputError` naming the source.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError

BOM_UTF8 = b"\xef\xbb\xbf"


def looks_binary(data: bytes) -> bool:
    """NUL bytes do not occur in text encodings we accept (UTF-16 is detected first)."""
    return b"\x00" in data[:65536]


def decode_bytes(data: bytes, *, name: str = "<bytes>") -> str:
    """Decode UTF-8 (a leading BOM is an encoding mark, not text, and is dropped)."""
    if looks_binary(data):
        raise InputError(f"{name}: looks like binary data (NUL bytes), not a text report")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not valid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 4]!r}); "
            "convert it to UTF-8 first, e.g. `iconv -f GB18030 -t UTF-8`"
        ) from exc


def read_text(source: str | Path | bytes) -> str:
    """Text of a file path or of raw bytes."""
    if isinstance(source, bytes):
        return decode_bytes(source)
    path = Path(source)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    return decode_bytes(data, name=str(path))
