"""Ingest, filler and language detection on trafilatura-eval's web pages.

    python benchmarks/filler_web.py

For each page of ../shared/eval/trafilatura-eval, counts read errors, pages with a date, and
how many gold 'with' segments (real content) fall inside a removed span (false positives) and
how many 'without' segments (boilerplate trafilatura kept) were removed.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factwire.clean import find_filler  # noqa: E402
from factwire.errors import FactwireError  # noqa: E402
from factwire.ingest import read_path  # noqa: E402

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "trafilatura-eval"


def overlaps(removed, start: int, end: int) -> bool:
    return any(r.start < end and start < r.end for r in removed)


def segment_counts(text: str, removed, segments: list[str]) -> tuple[int, int]:
    present = inside = 0
    for segment in segments:
        index = text.find(segment.strip())
        if index < 0:
            continue
        present += 1
        inside += overlaps(removed, index, index + len(segment.strip()))
    return present, inside


def main() -> None:
    if not EVAL.exists():
        raise SystemExit(f"{EVAL} is absent: this benchmark needs ../shared/eval")
    gold = {v["file"]: v for v in json.loads((EVAL / "evaldata.json").read_text()).values()}
    start = time.perf_counter()
    errors, reasons, totals = Counter(), Counter(), Counter()
    for path in sorted((EVAL / "html").iterdir()):
        for item in read_path(path):
            if isinstance(item, FactwireError):
                errors[type(item).__name__] += 1
                continue
            totals["pages"] += 1
            totals["dated"] += bool(item.published)
            removed = find_filler(item.text)
            reasons.update(r.reason for r in removed)
            page = gold.get(path.name.removesuffix(".gz"), {})
            present, inside = segment_counts(item.text, removed, page.get("with", []))
            totals["with"] += present
            totals["with_removed"] += inside
            present, inside = segment_counts(item.text, removed, page.get("without", []))
            totals["without"] += present
            totals["without_removed"] += inside
    print(f"{totals['pages']} pages read, errors {dict(errors)}, {totals['dated']} with a date; "
          f"removed spans {dict(reasons)}; content segments inside removed "
          f"{totals['with_removed']}/{totals['with']}; boilerplate segments removed "
          f"{totals['without_removed']}/{totals['without']}; {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
