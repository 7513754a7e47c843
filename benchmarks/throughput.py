"""Words per second: bare spaCy (same model, same components) vs factwire extraction.

    python benchmarks/throughput.py [--stories 500]

Both run in this one process on the same Reuters-21578 texts (../shared/bench), one core.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.reuters import stories  # noqa: E402


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def time_bare_spacy(texts: list[str]) -> float:
    import spacy

    from factwire.nlp import MODEL

    nlp = spacy.load(MODEL, exclude=["senter"])
    list(nlp.pipe(texts[:20]))  # warm up
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    return time.perf_counter() - start


def time_factwire(stories_: list) -> tuple[float, int]:
    from factwire.model import Article
    from factwire.pipeline import article_id, extract_articles

    articles = [Article(id=article_id(s.text), text=s.text, published=s.published)
                for s in stories_]
    list(extract_articles(articles[:20]))  # warm up
    start = time.perf_counter()
    failed = sum(1 for r in extract_articles(articles) if isinstance(r, Exception))
    return time.perf_counter() - start, failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stories", type=int, default=500)
    args = parser.parse_args()
    chosen = list(stories(limit=args.stories))
    texts = [s.text for s in chosen]
    n_words = words(texts)
    bare = time_bare_spacy(texts)
    ours, failed = time_factwire(chosen)
    print(f"stories {len(texts)}  words {n_words}")
    print(f"bare spaCy   {n_words / bare:8.0f} words/s  ({bare:.1f} s)")
    print(f"factwire     {n_words / ours:8.0f} words/s  ({ours:.1f} s, {failed} refused)")
    print(f"ratio        {bare / ours:8.2f}  (target >= 0.75)")


if __name__ == "__main__":
    main()
