"""False positives of filler and language detection on real wire stories.

    python benchmarks/filler_language.py [--stories 500]

Reuters-21578 bodies (../shared/bench) hold no filler and are English: every removed span and
every non-English verdict printed here is a false positive.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.reuters import stories  # noqa: E402
from factwire.clean import find_filler  # noqa: E402
from factwire.language import detect_language  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stories", type=int, default=500)
    args = parser.parse_args()
    texts = [s.text for s in stories(limit=args.stories)]
    start = time.perf_counter()
    with_filler = 0
    for text in texts:
        removed = find_filler(text)
        with_filler += bool(removed)
        for span in removed:
            print("FILLER", span.reason, repr(text[span.start:span.end][:100]))
    filler_s = time.perf_counter() - start
    languages = Counter()
    for text in texts:
        language = detect_language(text)
        languages[language] += 1
        if language not in ("en", None):
            print("LANGUAGE", language, repr(text[:120]))
    language_s = time.perf_counter() - filler_s - start
    chars = sum(map(len, texts))
    print(f"{len(texts)} stories, {chars:,} chars: {with_filler} with filler found "
          f"({filler_s:.2f} s); languages {dict(languages)} ({language_s:.2f} s)")


if __name__ == "__main__":
    main()
