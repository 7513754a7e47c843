"""Store throughput and query latency on Reuters-21578 (../shared/bench/reuters21578).

    python benchmarks/store_reuters.py [--limit 1000] [--db /tmp/reuters.db] [--repeat 20]
                                       [--facts /tmp/reuters-facts.jsonl]

Extracts the stories (one core), stores and links them into a new SQLite file,
then times the five most common queries, each ``--repeat`` times with varied arguments:
merged events of a country in a week, events of a PLOVER type, full-text search, the claim
series of a subject, the contradictions about a country's subjects. Then, as reference
lines, entities by name, the unfiltered reads of every claim and every contradiction, and
the pages of 50 series / contradictions the web shows (factwire.store.read_claims). Prints
articles/s for extraction, for store + link, and end to end, and the median and p95 latency
of each query.

Articles are stored as ``factwire ingest`` stores them (chunks, each in one transaction; the
part of preparing each article that an ingest's workers do is left out of the writer's time),
or with ``--one-by-one``, ``Store.add`` article by article.

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


def store_all(facts: list, db: str, one_by_one: bool = False,
              ) -> tuple[float, int, float, float]:
    """(seconds, articles added, CPU seconds of the writer, CPU seconds of preparing the
    articles) to store ``facts`` in a new store.

    As ``factwire ingest`` stores them: chunks of ``CHUNK_ITEMS`` articles, each prepared
    (rows, MinHash, keys: the workers' part, not counted as the writer's) and written and
    linked in one transaction; ``one_by_one``: ``Store.add`` for each article instead.
    """
    from factwire.batch import ingest_items
    from factwire.store import Store

    with Store(db) as store:
        cpu, start = time.process_time(), time.perf_counter()
        if one_by_one:
            added = sum(store.add(f) for f in facts)
            return time.perf_counter() - start, added, time.process_time() - cpu, 0.0
        engine = Replay(facts)
        result = ingest_items([f.article for f in facts], store, engine, progress=False,
                              on_skip=lambda _: None)
        return (time.perf_counter() - start - engine.prepare_cpu, result.stored,
                time.process_time() - cpu - engine.prepare_cpu, engine.prepare_cpu)


class Replay:
    """An ingest engine that hands back the prepared facts of each chunk's articles."""

    def __init__(self, facts: list):
        self.facts = {}
        for f in facts:
            self.facts.setdefault(f.article.id, f)
        self.prepare_cpu = 0.0

    def extract(self, chunks, work=None):
        from factwire.store.write import prepare

        for chunk in chunks:
            cpu = time.process_time()
            prepared = [prepare(self.facts[a.id]) for a in chunk]
            self.prepare_cpu += time.process_time() - cpu
            yield prepared

    def close(self) -> None:
        pass


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
    parser.add_argument("--one-by-one", action="store_true",
                        help="store with Store.add, article by article (not as an ingest does: "
                             "chunks in one transaction each)")
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
    store_s, added, cpu, prepare_cpu = store_all(facts, db, args.one_by_one)
    n, per_words = len(facts), 1e6 / sum(len(f.article.text.split()) for f in facts)
    print(f"stories {n}  stored {added}  db {db}")
    if extract_s is not None:
        print(f"extract        {n / extract_s:8.1f} articles/s  ({extract_s:.1f} s)")
    how = "Store.add one by one" if args.one_by_one else "as an ingest's writer"
    print(f"store + link   {n / store_s:8.1f} articles/s  "
          f"({store_s:.1f} s; {how}: CPU {cpu * per_words:.1f} ms per 1000 words)")
    if not args.one_by_one:
        print(f"prepare        {prepare_cpu * per_words:8.1f} ms CPU per 1000 words (in an "
              "ingest, the workers' part)")
    if extract_s is not None:
        print(f"ingest total   {n / (extract_s + store_s):8.1f} articles/s")
    print_queries(db, facts, args.repeat)


def print_queries(db: str, facts: list, repeat: int) -> None:
    print(f"open store     {time_open(db) * 1000:8.1f} ms")
    for name, (median, p95, rows) in time_queries(db, facts, repeat).items():
        print(f"{name:24s} median {median:8.2f} ms   p95 {p95:8.2f} ms   ~{rows} rows")


if __name__ == "__main__":
    main()
