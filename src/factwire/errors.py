"""factwire's errors: each names the input and says what to do about it."""

from __future__ import annotations


class FactwireError(Exception):
    """Base class of every error factwire raises on purpose.

    ``source`` names the input (a file, ``<stdin>``, ``file.jsonl:3``) and ``line`` the
    1-based line of a JSON Lines record, when the error belongs to one record.

    >>> error = MalformedRecord("a.jsonl:2: not JSON", source="a.jsonl", line=2)
    >>> (str(error), error.line)
    ('a.jsonl:2: not JSON', 2)
    """

    code = "E000"

    def __init__(self, message: str = "", *, source: str | None = None,
                 line: int | None = None):
        super().__init__(message)
        self.source = source
        self.line = line

    def __reduce__(self):
        # Keep source and line across pickling (batches send errors between processes).
        return (_rebuild, (type(self), str(self), self.source, self.line))


def _rebuild(cls: type, message: str, source: str | None, line: int | None):
    return cls(message, source=source, line=line)


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


class UnreadableInput(FactwireError):
    """The input could not be opened or read (missing, no permission, I/O error)."""

    code = "E008"


class MalformedRecord(FactwireError):
    """A JSON Lines record (or other structured record) is not valid."""

    code = "E007"


class StoreError(FactwireError):
    """The store could not be opened or written (locked, full, wrong schema)."""

    code = "E010"
