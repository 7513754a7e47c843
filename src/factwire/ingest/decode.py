"""Bytes to text: UTF-8 first, UTF-16/32 by BOM (or by its NUL pattern), then detection.

The decoded text is the input unchanged except for a leading byte-order mark, so character
offsets into it index the original file.

>>> decode_text("Caf\\u00e9".encode("utf-8-sig"), "a.txt")
'Café'
>>> decode_text("Caf\\u00e9 au lait".encode("utf-16"), "a.txt")
'Café au lait'
"""

from __future__ import annotations

import re

import charset_normalizer

from factwire.errors import BinaryInput, DecodeError

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# C0 control bytes that never occur in text (tab, newlines, form feed and ESC are allowed).
_CONTROL = re.compile(rb"[\x01-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}"
                             rb"|[\xf0-\xf4][\x80-\xbf]{3}")
_SAMPLE = 65536
_HIGH = re.compile(rb"[\x80-\xff]")
_WESTERN_SYMBOLS = set("’‘“”„–—…€£¥©®°·«»§¶¿¡×½¼¾ªº¢µ")
# Never a match for data without NUL bytes (already handled above).
_MULTIBYTE_WITH_NULS = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be",
                        "utf_32_le", "utf_7"]
MAX_CONTROL_SHARE = 0.05


def decode_text(data: bytes, name: str) -> str:
    """``data`` decoded, without its BOM; raises ``BinaryInput`` or ``DecodeError``."""
    by_bom = _decode_by_bom(data, name)
    if by_bom is not None:
        return by_bom
    if b"\x00" in data:
        return _decode_utf16_without_bom(data, name)
    _check_control_bytes(data, name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if _mostly_utf8(data):
            raise DecodeError(
                f"{name}: invalid UTF-8 at byte {error.start:,} in text that is otherwise "
                "UTF-8 (mixed encodings?); re-save it as UTF-8", source=name) from error
    return _decode_detected(data, name)


def _mostly_utf8(data: bytes) -> bool:
    """True when most non-ASCII bytes form valid UTF-8 sequences (a few bad bytes in UTF-8).

    A legacy single-byte text forms such sequences only by chance, for a minority of its bytes.
    """
    sample = data[:_SAMPLE]
    high = len(_HIGH.findall(sample))
    in_utf8 = sum(len(m) for m in _UTF8_MULTIBYTE.findall(sample))
    return high > 0 and in_utf8 >= 0.5 * high


def _decode_by_bom(data: bytes, name: str) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as error:
                raise DecodeError(f"{name}: starts with a {encoding.upper()} byte-order mark "
                                  f"but is not valid {encoding.upper()} (byte {error.start:,})",
                                  source=name) from error
    return None


def utf16_byte_order(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when ``data`` looks like BOM-less UTF-16, else None.

    Text in a Latin script as UTF-16 has a NUL in every other byte; binary data does not.
    """
    sample = data[: min(len(data), 8192) // 2 * 2]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_zeros = sample[0::2].count(0) / pairs
    odd_zeros = sample[1::2].count(0) / pairs
    if odd_zeros > 0.3 and even_zeros < 0.02:
        return "utf-16-le"
    if even_zeros > 0.3 and odd_zeros < 0.02:
        return "utf-16-be"
    return None


def _decode_utf16_without_bom(data: bytes, name: str) -> str:
    encoding = utf16_byte_order(data)
    if encoding is None:
        raise BinaryInput(f"{name}: binary data (NUL bytes), not text", source=name)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise DecodeError(f"{name}: looks like {encoding.upper()} without a byte-order mark "
                          f"but does not decode as it (byte {error.start:,})",
                          source=name) from error


def _check_control_bytes(data: bytes, name: str) -> None:
    sample = data[:_SAMPLE]
    if sample and len(_CONTROL.findall(sample)) / len(sample) > MAX_CONTROL_SHARE:
        raise BinaryInput(f"{name}: binary data (many control bytes), not text", source=name)


def _decode_detected(data: bytes, name: str) -> str:
    """Text in a legacy encoding (Latin-1, Windows-1252, KOI8-R...), found by detection."""
    western = _decode_western(data)
    if western is not None:
        return western
    best = charset_normalizer.from_bytes(data, cp_exclusion=_MULTIBYTE_WITH_NULS).best()
    if best is None:
        raise DecodeError(f"{name}: not valid UTF-8 and no other text encoding fits; "
                          "re-save it as UTF-8", source=name)
    return str(best)


def _decode_western(data: bytes) -> str | None:
    """Windows-1252 / Latin-1 text: few high bytes, each a letter or common symbol.

    Short Western texts defeat statistical detection ("Café" looks like anything), while
    Cyrillic or Greek single-byte texts are mostly high bytes, so the share tells them apart.
    """
    high = _HIGH.findall(data[:_SAMPLE])
    if len(high) > max(2, 0.3 * len(re.findall(rb"[A-Za-z]", data[:_SAMPLE]))):
        return None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    odd = [c for c in text if ord(c) >= 0x80 and not c.isalpha() and c not in _WESTERN_SYMBOLS]
    return None if odd else text
