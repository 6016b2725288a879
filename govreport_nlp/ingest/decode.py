"""Decode report files and bytes into text, or fail with a clear error.

The decoded text is what every offset in our output refers to, so decoding must never
guess silently and never return mojibake. Reports reach us as UTF-8 (with or without a
BOM), UTF-16 (exported from Word, sometimes without a BOM), GBK/GB18030 (county portals)
and Big5 (Traditional-script sites). We try them in order of certainty:

1. a byte-order mark names the encoding;
2. NUL bytes are either UTF-16 (recognised by which half of each byte pair holds them) or binary;
3. bytes that are valid UTF-8 are UTF-8 (random GBK or Big5 text is practically never valid UTF-8);
4. otherwise GB18030 and Big5 are tried strictly, and when both decode, charset-normalizer,
   restricted to those two, chooses on a bounded sample. Input too short for it to tell
   GBK from Big5 reliably is refused rather than guessed.

Every reading that is not certain is checked for plausibility (control characters,
replacement characters, CJK content, a share of common Han characters) before it is accepted. The only repair we make is
documented in `Decoded.warnings`: a file cut in the middle of its last multibyte
character gets U+FFFD for that character, everything before it stays exact.
"""

from __future__ import annotations

import codecs
import functools
import itertools
import logging
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from ..errors import InputError

logger = logging.getLogger(__name__)

BOM_UTF8 = codecs.BOM_UTF8

# (byte-order mark, codec that decodes what follows it, the encoding we report)
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)
# The two legacy Chinese encodings we accept; GBK and GB2312 are decoded with their superset GB18030.
_LEGACY = ("gb18030", "big5")
SUPPORTED = "UTF-8, UTF-16, GB18030/GBK or Big5"

# How many bytes the sniffing and the charset detector look at: enough to be sure, bounded to stay fast.
SAMPLE_SIZE = 65536
# Below this many non-ASCII bytes (about 24 two-byte characters) charset-normalizer confuses GBK and Big5
# (measured on the county GBK reports and the Traditional seed: wrong answers at 12 characters, none from 16).
MIN_AMBIGUOUS_HIGH_BYTES = 48
# charset-normalizer's default limit on "chaos" (0.2) rejects real reports: unbroken runs of Han characters
# count as weird words (the 1982 national report in GB18030 scores 0.3 on some chunks). Latin-1 read as
# GB18030 scores 0.66, so 0.5 still refuses mojibake.
DETECTOR_MAX_CHAOS = 0.5
# Share of Han characters that must be frequent ones (see `_common_han`). On the paragraphs of all
# corpus reports and their Traditional conversions, 0.85 refuses 0.04% of real text and accepts 1.4% of
# wrong-codec readings with 4 or more Han characters (0.2% with 16 or more).
MIN_COMMON_HAN_SHARE = 0.85
# A plausibility check needs this many non-ASCII characters before it judges their mix.
MIN_NON_ASCII_TO_JUDGE = 16

_ASCII_BYTES = bytes(range(128))
# One byte from each range that decides validity in UTF-8, UTF-16, GB18030 and Big5 continuations.
_TAIL_BYTES = (0x00, 0x30, 0x39, 0x40, 0x7E, 0x80, 0x81, 0x90, 0xA0, 0xA1, 0xBF, 0xDC, 0xFE)
# C0 and C1 controls other than the whitespace ones text files carry (tab, LF, VT, FF, CR).
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_ASCII_TEXT = re.compile("[\t\n\r\x20-\x7e]")
_CONTROL_BYTES = re.compile(b"[\x00-\x08\x0e-\x1f\x7f]")
# What non-ASCII text in a Chinese report is made of: Han characters, CJK and full-width punctuation,
# general punctuation (quotes, dashes), circled and Roman numerals, symbols such as · × ÷ °.
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
_CJK_LIKE = re.compile(
    "[\u00b0\u00b7\u00d7\u00f7\u2000-\u206f\u2100-\u218f\u2460-\u24ff\u2500-\u25ff\u3000-\u33ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]"
)


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the codec that produced it and any best-effort repair made on the way."""

    text: str  # the decoded text: every offset the library exports points into this
    encoding: str  # lower-case Python codec name: utf-8, utf-8-sig, utf-16-le, utf-16-be, gb18030, big5
    warnings: tuple[str, ...] = ()  # documented best-effort repairs, e.g. a truncated final multibyte character


@dataclass(frozen=True)
class _Reading:
    """A strict decoding that may have stopped before an incomplete final character."""

    text: str
    pending: bytes  # the bytes of an incomplete final character, empty when the input ended cleanly


def _read_strictly(data: bytes, codec: str) -> _Reading:
    """Decode strictly, but leave an incomplete final character aside instead of failing on it.

    An incremental decoder with final=False raises on every invalid byte and keeps only a valid
    prefix of a character at the very end pending: exactly the truncation we tolerate.
    """
    decoder = codecs.getincrementaldecoder(codec)("strict")
    text = decoder.decode(data, final=False)
    pending = bytes(decoder.getstate()[0])
    if pending and not _completable(pending, codec):
        start = len(data) - len(pending)
        raise UnicodeDecodeError(codec, data, start, len(data), "invalid bytes at the end of the input")
    return _Reading(text, pending)


def _completable(pending: bytes, codec: str) -> bool:
    """True when some continuation would make `pending` a whole character: a real truncation.

    Needed because the CJK incremental decoders keep any failing tail pending (even 0xFF, which
    starts no character), and UTF-8's keeps the start of a surrogate. Validity depends only on
    byte ranges, so one byte from each range the codecs distinguish stands for its range.
    """
    for size in range(1, 4):
        for tail in itertools.product(_TAIL_BYTES, repeat=size):
            try:
                (pending + bytes(tail)).decode(codec)
            except UnicodeDecodeError:
                continue
            return True
    return False


def _finish(reading: _Reading, encoding: str, data_len: int, name: str) -> Decoded:
    """Turn an accepted reading into `Decoded`, replacing a cut final character and saying so."""
    if not reading.pending:
        return Decoded(reading.text, encoding)
    offset = data_len - len(reading.pending)
    warning = (
        f"truncated input: the last character is incomplete ({encoding} bytes {reading.pending!r} at byte {offset}) "
        "and was replaced by U+FFFD; all text before it is exact"
    )
    logger.warning("%s: %s", name, warning)
    return Decoded(reading.text + "\ufffd", encoding, (warning,))


def _implausible(text: str, *, judge_script: bool, min_non_ascii: int = MIN_NON_ASCII_TO_JUDGE) -> str | None:
    """Why a decoding is not report text, or None when it is plausible.

    Control characters betray binary data in any encoding. For readings that were inferred rather
    than certain (no BOM, not UTF-8), replacement characters, unassigned or private-use code points
    Han characters that are mostly rare ones, and non-ASCII text that is not CJK betray the wrong codec:
    mojibake. The mix of non-ASCII characters is judged once there are `min_non_ascii` of them.
    """
    if "\x00" in text:
        return "NUL characters"
    controls = len(_CONTROL_CHARS.findall(text))
    if controls * 100 > len(text):
        return f"{controls} control characters in {len(text)}"
    if not judge_script:
        return None
    if "\ufffd" in text:
        return "replacement characters (U+FFFD)"
    sample = text[:SAMPLE_SIZE]
    han = _HAN.findall(sample)
    common = sum(1 for c in han if c in _common_han())
    if common < MIN_COMMON_HAN_SHARE * len(han):
        return f"only {common} of {len(han)} Han characters are common ones"
    non_ascii = len(sample) - sum(1 for c in sample if c < "\x80")
    if non_ascii < min_non_ascii:
        return None
    cjk = len(_CJK_LIKE.findall(sample))
    if cjk * 2 < non_ascii:
        return f"only {cjk} of {non_ascii} non-ASCII characters are Chinese script or punctuation"
    odd = sum(1 for c in sample if c >= "\x80" and unicodedata.category(c) in ("Cn", "Co", "Cs"))
    if odd * 50 > non_ascii:
        return f"{odd} unassigned or private-use characters"
    return None


@functools.lru_cache(maxsize=1)
def _common_han() -> frozenset[str]:
    """The frequent Han characters of both scripts: GB2312 level 1 (3,755) and Big5 level 1 (5,401).

    Both standards order their first level by frequency, so the codecs themselves give us the list.
    A wrong codec turns text into a salad of rare characters (軙糴瞐, 豎鑎艩), real reports are
    at least 98% common characters (whole national and county reports).
    """
    gb2312 = [(bytes((lead, trail)), "gb2312") for lead in range(0xB0, 0xD8) for trail in range(0xA1, 0xFF)]
    big5_trails = (*range(0x40, 0x7F), *range(0xA1, 0xFF))
    big5 = [(bytes((lead, trail)), "big5") for lead in range(0xA4, 0xC7) for trail in big5_trails]
    chars: set[str] = set()
    big5_level1 = [(raw, codec) for raw, codec in big5 if raw <= b"\xc6\x7e"]
    for raw, codec in [*gb2312, *big5_level1]:
        try:
            chars.add(raw.decode(codec))
        except UnicodeDecodeError:
            continue
    return frozenset(chars)


def _chinese(text: str) -> bool:
    """Mostly Chinese script: a Han character at least, and four in five characters (white
    space aside) Chinese script or punctuation."""
    sample = text[:SAMPLE_SIZE]
    visible = len(sample) - sum(1 for c in sample if c.isspace())
    return bool(_HAN.search(sample)) and len(_CJK_LIKE.findall(sample)) * 5 >= visible * 4


def _utf16_readings(data: bytes, *, need_ascii: bool) -> list[tuple[str, _Reading]]:
    """The plausible UTF-16 readings of BOM-less bytes, the likelier byte order first.

    In UTF-16 every ASCII character (newlines, digits, Latin letters) has a NUL high byte: in the
    second byte of each pair for little-endian, the first for big-endian; CJK characters of the form
    U+xx00 (一 is U+4E00) put NULs in the other half, and most CJK characters none at all. So both
    orders are tried and the text decides: a reading must hold ASCII text (what NULs come from) or
    be mostly Chinese, and its non-ASCII characters are judged however few they are:
    b"\x00\x01binary\x00" must not become "Ā楢慮祲". `need_ascii=False`: bytes without NULs,
    which only Chinese text can explain.
    """
    sample = data[:SAMPLE_SIZE]
    first_half, second_half = sample[0::2].count(0), sample[1::2].count(0)
    order = ("utf-16-le", "utf-16-be") if second_half >= first_half else ("utf-16-be", "utf-16-le")
    found = []
    for codec in order:
        try:
            reading = _read_strictly(data, codec)
        except UnicodeDecodeError:
            continue
        if reading.pending or _implausible(reading.text, judge_script=True, min_non_ascii=1) is not None:
            continue
        has_ascii = _ASCII_TEXT.search(reading.text) is not None
        if (need_ascii and has_ascii) or _chinese(reading.text):
            found.append((codec, reading))
    return found


#: Fewer characters than this cannot tell the two UTF-16 byte orders apart when both read as text.
MIN_UTF16_CHARS = 8


def _utf16_without_bom(data: bytes, *, need_ascii: bool = True) -> tuple[str, _Reading] | None:
    """The UTF-16 reading of BOM-less bytes, or None when no byte order gives report text, or
    when both do and the text is too short to choose (b"\x00N": 一 little-endian, N big-endian)."""
    found = _utf16_readings(data, need_ascii=need_ascii)
    if len(found) == 1 or (found and len(found[0][1].text) >= MIN_UTF16_CHARS):
        return found[0]
    return None


def _utf16_ambiguous(data: bytes, name: str) -> InputError | None:
    """The error for bytes too short to tell the UTF-16 byte order, when that is the problem."""
    found = _utf16_readings(data, need_ascii=True)
    if len(found) < 2:
        return None
    readings = " or ".join(f"{reading.text!r} ({codec.upper()})" for codec, reading in found)
    return InputError(
        f"{name}: too short to tell how it is encoded: it reads as {readings}; "
        "save it as UTF-8, or UTF-16 with a byte-order mark"
    )


def _binary_reason(data: bytes) -> str | None:
    """Why bytes are binary rather than text in an encoding we accept, or None."""
    if b"\x00" in data:
        return None if _utf16_without_bom(data) else "NUL bytes that do not fit UTF-16"
    sample = data[:SAMPLE_SIZE]
    controls = len(_CONTROL_BYTES.findall(sample))
    if controls * 100 > len(sample):
        return f"{controls} control bytes in the first {len(sample)}"
    return None


def looks_binary(data: bytes) -> bool:
    """True for bytes that cannot be a text report: NULs that are not UTF-16, or many control bytes.

    Bytes below 0x20 never occur inside UTF-8, GB18030 or Big5 multibyte characters, so in those
    encodings they are control characters whatever the encoding turns out to be.
    """
    return _binary_reason(data) is not None


def _binary_error(name: str, reason: str) -> InputError:
    return InputError(
        f"{name}: looks like binary data ({reason}), not a text report; "
        f"pass the report as a plain-text file in {SUPPORTED}"
    )


def _with_bom(data: bytes, bom: bytes, codec: str, encoding: str, name: str) -> Decoded:
    """Decode what follows a byte-order mark: the mark is an encoding declaration, not text."""
    try:
        reading = _read_strictly(data[len(bom) :], codec)
    except UnicodeDecodeError as exc:
        at = exc.start + len(bom)
        raise InputError(
            f"{name}: starts with a {codec.upper()} byte-order mark but is not valid {codec.upper()} at byte {at} "
            f"({data[at : at + 4]!r}); the file is damaged there: re-export it from its source"
        ) from exc
    reason = _implausible(reading.text, judge_script=False)
    if reason:
        raise _binary_error(name, reason)
    return _finish(reading, encoding, len(data), name)


def _damaged_utf8(data: bytes) -> bool:
    """True when bytes are overwhelmingly valid UTF-8 with a few bad bytes: a damaged UTF-8 file.

    GBK text read as UTF-8 has about four invalid sequences for each valid one (county reports),
    so ten valid multibyte characters per error cannot be a legacy encoding: reading it as
    GB18030 would only produce mojibake.
    """
    sample = data[:SAMPLE_SIZE].decode("utf-8", errors="replace")
    errors = sample.count("\ufffd")
    valid = len(sample) - sum(1 for c in sample if c < "\x80") - errors
    return valid >= 4 and valid >= 10 * errors


def _detector_sample(data: bytes) -> bytes:
    """A bounded prefix for the detector that does not cut a GB18030 or Big5 character in two.

    Bytes below 0x30 are never part of a multibyte character in either encoding, so cutting just
    after one is safe; charset-normalizer drops a codec that fails on a cut character.
    """
    if len(data) <= SAMPLE_SIZE:
        return data
    window = data[:SAMPLE_SIZE]
    for index in range(len(window) - 1, max(len(window) - 4096, 0), -1):
        if window[index] < 0x30:
            return window[: index + 1]
    return data


def _detect(sample: bytes, candidates: list[str]) -> list[str]:
    """charset-normalizer's ranking of the candidate codecs, best first; empty when none reads as text."""
    ranked: list[str] = []
    for match in from_bytes(sample, cp_isolation=candidates, threshold=DETECTOR_MAX_CHAOS):
        codec = codecs.lookup(match.encoding).name
        if codec in candidates and codec not in ranked:
            ranked.append(codec)
    return ranked


def _legacy(data: bytes, name: str, utf8_error: UnicodeDecodeError) -> Decoded:
    """Decode bytes that are not UTF-8 as GB18030 or Big5, choosing with charset-normalizer."""
    readings: dict[str, _Reading] = {}
    failures = [f"UTF-8 fails at byte {utf8_error.start}"]
    for codec in _LEGACY:
        try:
            readings[codec] = _read_strictly(data, codec)
        except UnicodeDecodeError as exc:
            failures.append(f"{codec.upper()} at byte {exc.start}")
    if not readings:
        raise InputError(
            f"{name}: cannot be decoded as {SUPPORTED} ({', '.join(failures)}); "
            "if it is text, convert it to UTF-8 first, e.g. `iconv -f ENCODING -t UTF-8 FILE`"
        )
    pending = max(len(reading.pending) for reading in readings.values())
    sample = _detector_sample(data[: len(data) - pending])
    if len(readings) > 1 and len(sample.translate(None, _ASCII_BYTES)) < MIN_AMBIGUOUS_HIGH_BYTES:
        raise InputError(
            f"{name}: too short to tell GBK/GB18030 from Big5 (both decode it); "
            "save it as UTF-8, e.g. `iconv -f GB18030 -t UTF-8` or `iconv -f BIG5 -t UTF-8`"
        )
    ranked = _detect(sample, list(readings))
    if not ranked:
        raise InputError(
            f"{name}: decodes as {' and '.join(c.upper() for c in readings)} but does not read as text in "
            f"{'either' if len(readings) > 1 else 'it'}; pass the report as plain text in {SUPPORTED}"
        )
    codec = ranked[0]
    reason = _implausible(readings[codec].text, judge_script=True)
    if reason:
        raise InputError(
            f"{name}: the best reading, {codec.upper()}, is not plausible report text ({reason}); "
            f"convert the file to UTF-8 from its real encoding first"
        )
    return _finish(readings[codec], codec, len(data), name)


def decode(data: bytes, *, name: str = "<bytes>") -> Decoded:
    """Decode report bytes into the text all offsets refer to, with the encoding that was used.

    Raises InputError, naming `name`, for binary data, undecodable bytes, a damaged UTF-8 file
    and input too short to tell GBK from Big5.
    """
    if not data:
        return Decoded("", "utf-8")
    for bom, codec, encoding in _BOMS:
        if data.startswith(bom):
            return _with_bom(data, bom, codec, encoding, name)
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise _utf16_ambiguous(data, name) or _binary_error(name, "NUL bytes that do not fit UTF-16")
        return _finish(utf16[1], utf16[0], len(data), name)
    reason = _binary_reason(data)
    if reason:
        chinese = _utf16_without_bom(data, need_ascii=False)  # UTF-16 Chinese needs no NULs: 中国 is 2D 4E FD 56
        if chinese is not None:
            return _finish(chinese[1], chinese[0], len(data), name)
        raise _binary_error(name, reason)
    try:
        reading = _read_strictly(data, "utf-8")
    except UnicodeDecodeError as exc:
        if _damaged_utf8(data):
            raise InputError(
                f"{name}: not valid UTF-8 at byte {exc.start} ({data[exc.start : exc.start + 4]!r}) although the rest "
                "is UTF-8: the file is damaged there; re-export it, or repair it knowing that dropping bytes "
                "(`iconv -f UTF-8 -t UTF-8 -c`) changes the text"
            ) from exc
        try:
            legacy = _legacy(data, name, exc)
        except InputError:
            legacy = None
        # BOM-less UTF-16 of Chinese text only, which neither reads as GB18030/Big5 nor as a
        # whole one (a cut last character is what UTF-16 bytes read as GB18030 often end in)
        chinese = _utf16_without_bom(data, need_ascii=False) if legacy is None or legacy.warnings else None
        if chinese is not None:
            return _finish(chinese[1], chinese[0], len(data), name)
        if legacy is None:
            return _legacy(data, name, exc)  # raises the legacy reading's error again
        return legacy
    reason = _implausible(reading.text, judge_script=False)
    if reason:
        raise _binary_error(name, reason)
    return _finish(reading, "utf-8", len(data), name)


def read_document(source: str | Path | bytes) -> Decoded:
    """Decode a file path (str or Path) or raw bytes; unreadable paths raise InputError with the OS reason."""
    if isinstance(source, bytes):
        return decode(source)
    path = Path(source)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc}); check the path and its permissions") from exc
    return decode(data, name=str(path))


def decode_bytes(data: bytes, *, name: str = "<bytes>") -> str:
    """Text of report bytes; see `decode` for the encodings accepted and the errors raised."""
    return decode(data, name=name).text


def read_text(source: str | Path | bytes) -> str:
    """Text of a file path or of raw bytes; see `read_document`."""
    return read_document(source).text
