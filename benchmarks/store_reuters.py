"""Store throughput and query latency on Reuters-21578 (../shared/bench/reuters21578).

    python benchmarks/store_reuters.py [--limit 1000] [--db /tmp/reuters.db] [--repeat 20]
                                       [--facts /tmp/reuters-facts.jsonl]

Extracts the stories (one core), stores and links them one by one into a new SQLite file,
then times the five most common queries, each ``--repeat`` times with varied arguments:
merged events of a country in a week, events of a PLOVER type, full-text search, the claim
series of a subject, the contradictions about a country's subjects. Then, as reference
lines, entities by name, the unfiltered reads of every claim and every contradiction, and
the pages of 50 series / contradictions the web shows (factwire.store.read_claims). Prints
articles/s for extraction, for store + link, and end to end, and the median and p95 latency
of each query.

``--facts FILE``: extracted facts as JSON Lines; written after extracting when the file is
absent, read instead of extracting when it exists (to compare two store versions on the
same facts without extracting twice; extraction is then not timed).
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


def load_or_extract(limit: int | None, path: str | None) -> tuple[list, float | None]:
    """Facts from ``path`` when it exists (extraction not timed), else extracted (and saved
    to ``path`` when given)."""
    from factwire.model import ArticleFacts

    if path and Path(path).exists():
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        facts = [ArticleFacts.from_json(line) for line in lines]
        return (facts[:limit] if limit else facts), None
    facts, seconds = extract(limit)
    if path:
        Path(path).write_text("".join(f.to_json() + "\n" for f in facts), encoding="utf-8")
    return facts, seconds


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
    """The five most common queries, then the reference reads."""
    return {
        "events(country, week)": lambda s, i: s.events(*week_of(facts, i),
                                                       country=COUNTRIES[i % 10]),
        "events(type)": lambda s, i: s.events(type=TYPES[i % 10]),
        "search(words)": lambda s, i: s.search(WORDS[i % 10]),
        "claims(actor)": lambda s, i: s.claims(actor=SUBJECTS[i % 10]),
        "contradictions(country)": lambda s, i: s.contradictions(country=COUNTRIES[i % 10]),
        "entities(q)": lambda s, i: s.entities(q=SUBJECTS[i % 10]),
        "claims() all": lambda s, i: s.claims(),
        "contradictions() all": lambda s, i: s.contradictions(),
        **paged(),
    }


def paged() -> dict[str, Callable]:
    """The web's claims and contradictions pages (50 rows), where the store has them."""
    try:
        from factwire.store import Params
        from factwire.store.read_claims import claim_series_page, contradictions_page
    except ImportError:  # a factwire from before stored claims
        return {}

    def page(read, **params):
        def run(store, i):
            with store.reading() as session:
                return read(session, Params(offset=50 * (i % 3), **params))[1]
        return run

    return {"claim series page": page(claim_series_page),
            "contradictions page": page(contradictions_page)}


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


def time_open(db: str) -> float:
    """Seconds to open the store (schema check; a migration when the file is older)."""
    from factwire.store import Store

    start = time.perf_counter()
    Store(db, create=False).close()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="stories (default: all)")
    parser.add_argument("--db", help="SQLite file to create (default: a temporary one)")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--facts", help="JSON Lines of extracted facts: read, or written")
    parser.add_argument("--queries-only", action="store_true",
                        help="only time the queries, on the existing --db (a store this script "
                             "wrote from the same --facts; it is migrated when opened)")
    args = parser.parse_args()
    db = args.db or str(Path(tempfile.mkdtemp()) / "reuters.db")
    if args.queries_only:
        if not (args.db and args.facts and Path(db).exists()):
            raise SystemExit("--queries-only needs an existing --db and its --facts")
        facts, _ = load_or_extract(args.limit, args.facts)
        print(f"stories {len(facts)}  db {db} (queries only)")
        print_queries(db, facts, args.repeat)
        return
    if Path(db).exists():
        raise SystemExit(f"{db} exists: give a new path")
    facts, extract_s = load_or_extract(args.limit, args.facts)
    store_s, added = store_all(facts, db)
    n = len(facts)
    print(f"stories {n}  stored {added}  db {db}")
    if extract_s is not None:
        print(f"extract        {n / extract_s:8.1f} articles/s  ({extract_s:.1f} s)")
    print(f"store + link   {n / store_s:8.1f} articles/s  ({store_s:.1f} s)")
    if extract_s is not None:
        print(f"ingest total   {n / (extract_s + store_s):8.1f} articles/s")
    print_queries(db, facts, args.repeat)


def print_queries(db: str, facts: list, repeat: int) -> None:
    print(f"open store     {time_open(db) * 1000:8.1f} ms")
    for name, (median, p95, rows) in time_queries(db, facts, repeat).items():
        print(f"{name:24s} median {median:8.2f} ms   p95 {p95:8.2f} ms   ~{rows} rows")


if __name__ == "__main__":
    main()
