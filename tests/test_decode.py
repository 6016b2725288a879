"""Decoding report bytes: every encoding our users have, exact text or a clear InputError.

The cases are real reports: the national corpus (UTF-8), the county reports (GBK, CRLF,
full-width spaces), the bundled seeds re-encoded as UTF-8 with BOM, UTF-16 and Big5.
"""

from __future__ import annotations

import random
import re

import pytest
from paths import COUNTY, NATIONAL, REPORTS, SHARED, needs_shared

from govreport_nlp.errors import InputError
from govreport_nlp.ingest.decode import Decoded, decode, decode_bytes, looks_binary, read_document, read_text

BUNDLED = sorted(REPORTS.glob("*.txt"))
TRADITIONAL = (REPORTS / "jinzhong-traditional.txt").read_text(encoding="utf-8")
# Big5 cannot encode a few characters of the Traditional seed (鈎, a variant of 鉤): they are dropped from the
# Big5 sample, and the test below checks that this removes almost nothing.
BIG5_TEXT = "".join(c for c in TRADITIONAL if c.encode("big5", errors="ignore"))
# A real paragraph with digits and a newline: the ASCII whose NUL bytes reveal BOM-less UTF-16.
PARAGRAPH = (REPORTS / "changzhi-2023.txt").read_text(encoding="utf-8").split("\n")[4] + "\n"


def paragraphs(text: str, *, min_len: int = 30) -> list[str]:
    return [p for p in re.split(r"[\r\n]+", text) if len(p.strip()) >= min_len]


def decodes_as(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def high_bytes(data: bytes) -> int:
    return sum(1 for b in data if b >= 0x80)


def test_shared_corpus_is_all_there():
    if not SHARED.exists():
        pytest.skip("shared/ corpus not on this machine")
    assert (len(NATIONAL), len(COUNTY)) == (52, 8)


@needs_shared
@pytest.mark.parametrize("path", NATIONAL, ids=lambda p: p.stem)
def test_national_reports_are_utf8(path):
    data = path.read_bytes()
    assert decode(data, name=path.name) == Decoded(data.decode("utf-8"), "utf-8")


@needs_shared
@pytest.mark.parametrize("path", COUNTY, ids=lambda p: p.stem)
def test_county_reports_are_gbk_read_as_gb18030_with_crlf_and_full_width_spaces_kept(path):
    data = path.read_bytes()
    decoded = read_document(path)
    assert decoded == Decoded(data.decode("gbk"), "gb18030")
    assert "\r\n" in decoded.text


@needs_shared
def test_county_full_width_spaces_are_kept():
    kept = [decode(path.read_bytes()).text.count("\u3000") for path in COUNTY]
    assert kept == [path.read_bytes().decode("gbk").count("\u3000") for path in COUNTY] and sum(kept) > 100


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
@pytest.mark.parametrize(
    ("prefix", "codec", "encoding"),
    [
        (b"", "utf-8", "utf-8"),
        (b"\xef\xbb\xbf", "utf-8", "utf-8-sig"),
        (b"\xff\xfe", "utf-16-le", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be", "utf-16-be"),
        (b"", "utf-16-le", "utf-16-le"),
        (b"", "utf-16-be", "utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be"],
)
def test_bundled_reports_in_unicode_encodings(path, prefix, codec, encoding):
    text = path.read_text(encoding="utf-8")
    assert decode(prefix + text.encode(codec)) == Decoded(text, encoding)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_a_paragraph_in_utf16_without_bom(codec):
    assert re.search(r"\d", PARAGRAPH) and len(PARAGRAPH) > 100
    assert decode(PARAGRAPH.encode(codec)) == Decoded(PARAGRAPH, codec)


def test_big5_traditional_seed_decodes_as_big5_not_gb18030():
    dropped = set(TRADITIONAL) - set(BIG5_TEXT)
    assert dropped == {"鈎"} and len(BIG5_TEXT) > 0.99 * len(TRADITIONAL)
    data = BIG5_TEXT.encode("big5")
    assert decodes_as(data, "gb18030")  # the classic confusion: GB18030 reads Big5 bytes without an error
    assert decode(data) == Decoded(BIG5_TEXT, "big5")


# Paragraphs that decode without error in BOTH encodings, long enough to be told apart: the detector decides.
BIG5_AMBIGUOUS = [p for p in paragraphs(BIG5_TEXT, min_len=40) if decodes_as(p.encode("big5"), "gb18030")][:12]
GBK_AMBIGUOUS = [
    p
    for path in COUNTY
    for p in paragraphs(path.read_bytes().decode("gbk"), min_len=40)
    if decodes_as(p.encode("gbk"), "big5") and high_bytes(p.encode("gbk")) >= 48
][:12]


@pytest.mark.parametrize("paragraph", BIG5_AMBIGUOUS, ids=lambda p: p[:8])
def test_big5_paragraphs_that_gb18030_also_reads(paragraph):
    assert decode(paragraph.encode("big5")) == Decoded(paragraph, "big5")


@needs_shared
@pytest.mark.parametrize("paragraph", GBK_AMBIGUOUS, ids=lambda p: p[:8])
def test_gbk_paragraphs_that_big5_also_reads(paragraph):
    assert decode(paragraph.encode("gbk")) == Decoded(paragraph, "gb18030")


def test_ambiguity_cases_exist():
    assert len(BIG5_AMBIGUOUS) >= 10
    if SHARED.exists():
        assert len(GBK_AMBIGUOUS) >= 5


def test_gb18030_only_characters():
    text = PARAGRAPH.replace("全市", "全市𠮷䶮", 1) + "价格以€计。\n"
    data = text.encode("gb18030")
    with pytest.raises(UnicodeEncodeError):
        text.encode("gbk")
    assert b"\x95\x34\xb2\x35" in data  # 𠮷 is a four-byte GB18030 sequence
    assert decode(data) == Decoded(text, "gb18030")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", Decoded("", "utf-8")),
        (b"\xef\xbb\xbf", Decoded("", "utf-8-sig")),
        (" \r\n\u3000\t\n".encode(), Decoded(" \r\n\u3000\t\n", "utf-8")),
        (b"\xff\xfe" + " \r\n\u3000\t\n".encode("utf-16-le"), Decoded(" \r\n\u3000\t\n", "utf-16-le")),
        ("  \r\n".encode("utf-16-le"), Decoded("  \r\n", "utf-16-le")),
    ],
    ids=["empty", "bom-only", "whitespace-utf8", "whitespace-utf16-bom", "whitespace-utf16"],
)
def test_empty_and_whitespace_only(data, expected):
    assert decode(data) == expected


PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x02\x00\x00\x00\x01\x80\x08\x06\x00\x00\x00\xa1\xd9\xc0\xfb"
BINARY = {
    "png-header": PNG_HEADER,
    "random-4k": random.Random(20240305).randbytes(4096),
    "random-64": random.Random(7).randbytes(64),
    "nul-and-text": b"\x00\x01binary\x00",
    "control-bytes": bytes(range(1, 32)) * 10,
}


@pytest.mark.parametrize("data", BINARY.values(), ids=BINARY.keys())
def test_binary_data_is_refused(data):
    assert looks_binary(data)
    with pytest.raises(InputError, match=r"G005.*scan\.bin: looks like binary data.*plain-text file"):
        decode(data, name="scan.bin")


@pytest.mark.parametrize(
    "data",
    [PARAGRAPH.encode("utf-16-le"), PARAGRAPH.encode("gb18030"), BIG5_TEXT.encode("big5"), PARAGRAPH.encode()],
    ids=["utf16le", "gb18030", "big5", "utf8"],
)
def test_text_is_not_binary(data):
    assert not looks_binary(data)


def truncated_cases() -> list[tuple[str, bytes, int]]:
    """(codec, full bytes, bytes cut from the end): each cut falls inside the last character."""
    text = PARAGRAPH.rstrip("\n")
    assert text.endswith("。")
    four_byte = text + "𠮷"
    return [
        ("utf-8", text.encode(), 1),
        ("utf-8", text.encode(), 2),
        ("gb18030", text.encode("gb18030"), 1),
        ("gb18030", four_byte.encode("gb18030"), 1),
        ("gb18030", four_byte.encode("gb18030"), 2),
        ("gb18030", four_byte.encode("gb18030"), 3),
    ]


@pytest.mark.parametrize(("codec", "data", "cut"), truncated_cases(), ids=lambda v: str(v)[:12])
def test_truncated_final_character_is_replaced_with_a_warning(codec, data, cut):
    full = decode(data).text
    decoded = decode(data[:-cut], name="cut.txt")
    assert decoded.encoding == codec
    assert decoded.text == full[:-1] + "\ufffd"
    (warning,) = decoded.warnings
    assert "truncated" in warning and f"at byte {len(data) - (len(full[-1].encode(codec)))}" in warning


@needs_shared
@pytest.mark.parametrize("path", COUNTY[:3], ids=lambda p: p.stem)
def test_truncated_county_report(path):
    text = re.sub(r"[\x00-\x7f]+\Z", "", path.read_bytes().decode("gbk"))  # end on a two-byte character
    data = text.encode("gbk")
    decoded = decode(data[:-1])
    assert decoded.text == text[:-1] + "\ufffd" and decoded.encoding == "gb18030" and len(decoded.warnings) == 1


def test_complete_input_has_no_warning():
    assert decode(PARAGRAPH.encode("gb18030")).warnings == ()


def invalid_cases() -> dict[str, bytes]:
    utf8 = TRADITIONAL.encode()
    gbk = PARAGRAPH.encode("gbk") * 3
    middle = len(utf8) // 2
    while utf8[middle] & 0xC0 == 0x80:  # to a character boundary, so that only the inserted byte is bad
        middle += 1
    return {
        "utf8-mid": utf8[:middle] + b"\xff" + utf8[middle:],
        "gbk-mid": gbk[: len(gbk) // 2 - 1] + b"\xff\xff" + gbk[len(gbk) // 2 + 1 :],
        "gbk-0xff-at-end": gbk + b"\xff",  # 0xFF starts no GB18030 character: not a truncation
        "utf8-surrogate-start-at-end": utf8 + b"\xed\xa0",  # would be a surrogate: not a truncation
        "latin1": "Grüße aus Köln, schöne Tür, Übergabe der Unterlagen".encode("latin-1"),
    }


@pytest.mark.parametrize("data", invalid_cases().values(), ids=invalid_cases().keys())
def test_invalid_bytes_are_an_error_not_a_repair(data):
    with pytest.raises(InputError, match=r"G005.*report\.txt: "):
        decode(data, name="report.txt")


def test_damaged_utf8_names_the_byte():
    data = TRADITIONAL.encode()
    at = len(TRADITIONAL[:1000].encode())
    damaged = data[:at] + b"\xff" + data[at:]
    with pytest.raises(InputError, match=rf"not valid UTF-8 at byte {at} .*damaged"):
        decode(damaged, name="x.txt")


@pytest.mark.parametrize("text", ["晋中市", "海拉尔区", "晋中市政府工作报告"])
def test_gbk_too_short_to_tell_from_big5_is_refused(text):
    data = text.encode("gbk")
    assert decodes_as(data, "big5") and decodes_as(data, "gb18030")
    with pytest.raises(InputError, match="too short to tell GBK/GB18030 from Big5"):
        decode(data, name="short.txt")


def test_short_gbk_that_only_gb18030_reads():
    data = "海拉尔区人民政府".encode("gbk")
    assert not decodes_as(data, "big5")  # 人 is C8CB, a row Big5 leaves empty
    assert decode(data) == Decoded("海拉尔区人民政府", "gb18030")


def test_files_and_bytes(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(BIG5_TEXT.encode("big5"))
    expected = Decoded(BIG5_TEXT, "big5")
    assert read_document(path) == read_document(str(path)) == read_document(path.read_bytes()) == expected
    assert read_text(path) == decode_bytes(path.read_bytes(), name="x") == BIG5_TEXT


def test_missing_and_unreadable_paths(tmp_path):
    missing = tmp_path / "nowhere" / "report.txt"
    with pytest.raises(InputError, match=re.escape(str(missing)) + r": cannot read \(No such file or directory\)"):
        read_document(missing)
    with pytest.raises(InputError, match=re.escape(str(tmp_path)) + r": cannot read \(Is a directory\)"):
        read_text(str(tmp_path))


def test_error_names_the_source(tmp_path):
    path = tmp_path / "scan.png"
    path.write_bytes(PNG_HEADER)
    with pytest.raises(InputError, match=re.escape(str(path)) + ": looks like binary data"):
        read_document(path)
    with pytest.raises(InputError, match="<stdin>: looks like binary"):
        decode_bytes(PNG_HEADER, name="<stdin>")


MEGABYTE_INPUTS = {
    "utf8": (TRADITIONAL * 30).encode(),
    "big5": (BIG5_TEXT * 41).encode("big5"),
    "gb18030": (PARAGRAPH * 2000).encode("gb18030"),
    "utf16le": (PARAGRAPH * 1700).encode("utf-16-le"),
}


@pytest.mark.parametrize("data", MEGABYTE_INPUTS.values(), ids=MEGABYTE_INPUTS.keys())
def test_a_megabyte_decodes_in_its_own_encoding_without_warnings(data):
    # how fast (CPU time against a yardstick, growth with size): benchmarks/ingest.py
    assert len(data) >= 1_000_000
    decoded = decode(data)
    assert not decoded.warnings and decoded.encoding != "utf-8-sig"
