"""Read Reuters-21578 stories from ../shared/bench/reuters21578 (SGML, latin-1), lazily.

    from benchmarks.reuters import stories
    for story in stories(limit=100): story.text, story.published, story.title
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REUTERS = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "reuters21578"

_DOC = re.compile(r"<REUTERS[^>]*NEWID=\"(\d+)\"[^>]*>(.*?)</REUTERS>", re.S)
_FIELD = {name: re.compile(rf"<{name}>(.*?)</{name}>", re.S)
          for name in ("DATE", "TITLE", "BODY")}


@dataclass
class Story:
    id: str
    title: str | None
    published: str
    text: str


def _field(name: str, body: str) -> str | None:
    match = _FIELD[name].search(body)
    return html.unescape(match.group(1)) if match else None


def _date(raw: str) -> str:
    return dt.datetime.strptime(raw.strip().split(" ")[0], "%d-%b-%Y").date().isoformat()


def stories(limit: int | None = None) -> Iterator[Story]:
    """Stories that have a body, in file order; ``limit`` stops early."""
    if not REUTERS.exists():
        raise SystemExit(f"{REUTERS} is absent: this benchmark needs ../shared/bench")
    count = 0
    for path in sorted(REUTERS.glob("reut2-*.sgm")):
        for match in _DOC.finditer(path.read_text(encoding="latin-1")):
            body = _field("BODY", match.group(2))
            if not body:
                continue
            text = body.replace("\x03", "").strip()
            yield Story(match.group(1), _field("TITLE", match.group(2)),
                        _date(_field("DATE", match.group(2)) or ""), text)
            count += 1
            if limit is not None and count >= limit:
                return
