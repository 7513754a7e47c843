"""Store throughput and query latency on Reuters-21578 (../shared/bench/reuters21578).

    python benchmarks/store_reuters.py [--limit 1000] [--db /tmp/reuters.db] [--repeat 20]

Extracts the stories (one core), stores and links them one by one into a new SQLite file,
then times the five most common queries, each ``--repeat`` times with varied arguments:
merged events of a country in a week, events of a PLOVER type, full-text search, the claim
series of a subject, entities by name. Prints articles/s for extraction, for store + link,
and end to end, and the median and p95 latency of each query.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.reuters import stories  # noqa: E402

COUNTRIES = ("USA", "GBR", "JPN", "FRA", "DEU", "CAN", "BRA", "CHN", "IRN", "IRQ")
TYPES = ("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "SANCTION", "ASSAULT")
WORDS = ("oil", "coffee", "dollar", "interest rates", "wheat", "merger", "tariff", "strike",
         "OPEC", "bank")
SUBJECTS = ("U.S.", "Japan", "Brazil", "Britain", "OPEC", "Canada", "France", "China",
            "Mexico", "Iran")


def extract(limit: int | None) -> tuple[list, float]:
    from factwire.model import Article
    from factwire.pipeline import article_id, extract_articles

    articles = [Article(id=article_id(s.text), text=s.text, published=s.published,
                        title=s.title, outlet="Reuters", source_id=s.id)
                for s in stories(limit=limit)]
    start = time.perf_counter()
    facts = [r for r in extract_articles(articles) if not isinstance(r, Exception)]
    return facts, time.perf_counter() - start


def store_all(facts: list, db: str) -> tuple[float, int]:
    from factwire.store import Store

    with Store(db) as store:
        start = time.perf_counter()
        added = sum(store.add(f) for f in facts)
        return time.perf_counter() - start, added


def week_of(facts: list, i: int) -> tuple[str, str]:
    import datetime as dt

    day = dt.date.fromisoformat(facts[(i * 37) % len(facts)].article.published)
    return day.isoformat(), (day + dt.timedelta(days=6)).isoformat()


def queries(facts: list) -> dict[str, Callable]:
    return {
        "events(country, week)": lambda s, i: s.events(*week_of(facts, i),
                                                       country=COUNTRIES[i % 10]),
        "events(type)": lambda s, i: s.events(type=TYPES[i % 10]),
        "search(words)": lambda s, i: s.search(WORDS[i % 10]),
        "claims(actor)": lambda s, i: s.claims(actor=SUBJECTS[i % 10]),
        "entities(q)": lambda s, i: s.entities(q=SUBJECTS[i % 10]),
    }


def time_queries(db: str, facts: list, repeat: int) -> dict[str, tuple[float, float, int]]:
    from factwire.store import Store

    out = {}
    with Store(db, create=False) as store:
        for name, run in queries(facts).items():
            run(store, 0)  # warm up
            times, rows = [], 0
            for i in range(repeat):
                start = time.perf_counter()
                rows += len(run(store, i))
                times.append(time.perf_counter() - start)
            p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
            out[name] = (statistics.median(times) * 1000, p95 * 1000, rows // repeat)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="stories (default: all)")
    parser.add_argument("--db", help="SQLite file to create (default: a temporary one)")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    db = args.db or str(Path(tempfile.mkdtemp()) / "reuters.db")
    if Path(db).exists():
        raise SystemExit(f"{db} exists: give a new path")
    facts, extract_s = extract(args.limit)
    store_s, added = store_all(facts, db)
    n = len(facts)
    print(f"stories {n}  stored {added}  db {db}")
    print(f"extract        {n / extract_s:8.1f} articles/s  ({extract_s:.1f} s)")
    print(f"store + link   {n / store_s:8.1f} articles/s  ({store_s:.1f} s)")
    print(f"ingest total   {n / (extract_s + store_s):8.1f} articles/s")
    for name, (median, p95, rows) in time_queries(db, facts, args.repeat).items():
        print(f"{name:24s} median {median:8.2f} ms   p95 {p95:8.2f} ms   ~{rows} rows")


if __name__ == "__main__":
    main()
