"""factwire's errors: each names the input and says what to do about it."""

from __future__ import annotations


class FactwireError(Exception):
    """Base class of every error factwire raises on purpose."""

    code = "E000"


class UnsupportedInput(FactwireError):
    """The input's format is not one factwire reads (PDF, images, archives...)."""

    code = "E001"


class EmptyInput(FactwireError):
    """The input holds no text (empty file, whitespace only, HTML without an article)."""

    code = "E002"


class BinaryInput(FactwireError):
    """The input is binary data, not text."""

    code = "E003"


class DecodeError(FactwireError):
    """The input's bytes could not be decoded as text in any known encoding."""

    code = "E004"


class NotEnglish(FactwireError):
    """The article is in a language factwire does not extract from (English only, for now)."""

    code = "E005"


class InputTooLarge(FactwireError):
    """The input is over the size limit for one article."""

    code = "E006"


class MalformedRecord(FactwireError):
    """A JSON Lines record (or other structured record) is not valid."""

    code = "E007"


class StoreError(FactwireError):
    """The store could not be opened or written (locked, full, wrong schema)."""

    code = "E010"
