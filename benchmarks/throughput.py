"""Words per second of bare spaCy and of factwire, per component, and with 1-2 workers.

    python benchmarks/throughput.py [--stories 500] [--engines] [--workers 1 2]

One run, on the same Reuters-21578 texts (../shared/bench/reuters21578):

1. bare spaCy (the same model and components factwire loads) and factwire's extraction, each
   in this one process, and their ratio (target: factwire >= 0.75 of bare spaCy);
2. the cost of each step in ms per 1000 words (spaCy's components, factwire's cleaning,
   language check and components, collecting the facts);
3. with ``--engines``: ingesting into a fresh store through 1 and 2 worker processes
   (``--workers``) and through a Dask LocalCluster (``--dask local:N``); workers load their
   pipeline before the clock starts. Target: 2 workers >= 1.7x one worker.

The machine's load average is printed with the results: other work on it skews them.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.reuters import stories  # noqa: E402


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def load_average() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def time_bare_spacy(texts: list[str], batch_size: int) -> tuple[float, float]:
    import spacy

    from factwire.nlp import MODEL

    nlp = spacy.load(MODEL, exclude=["senter"])
    list(nlp.pipe(texts[:20]))  # warm up
    start, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - start, time.process_time() - cpu


def articles_of(chosen: list) -> list:
    from factwire.pipeline import make_article

    return [make_article(s.text, s.published) for s in chosen]


def time_factwire(chosen: list) -> tuple[float, float, int]:
    from factwire.pipeline import extract_articles

    articles = articles_of(chosen)
    list(extract_articles(articles_of(chosen[:20])))  # warm up
    start, cpu = time.perf_counter(), time.process_time()
    failed = sum(1 for r in extract_articles(articles) if isinstance(r, Exception))
    return time.perf_counter() - start, time.process_time() - cpu, failed


def component_costs(chosen: list, batch_size: int) -> dict[str, float]:
    """Seconds spent in each step of extraction, over all the texts."""
    from factwire.clean import blank_out, find_filler
    from factwire.language import detect_language
    from factwire.nlp import load
    from factwire.pipeline import _parse_date, collect

    nlp = load()
    articles = articles_of(chosen)
    costs: dict[str, float] = {}
    start = time.perf_counter()
    removed = [find_filler(a.text) for a in articles]
    kept = [blank_out(a.text, r) for a, r in zip(articles, removed, strict=True)]
    costs["clean (find_filler + blank_out)"] = time.perf_counter() - start
    start = time.perf_counter()
    for text in kept:
        detect_language(text)
    costs["language check (lingua)"] = time.perf_counter() - start
    start = time.perf_counter()
    docs = [nlp.make_doc(text) for text in kept]
    for doc, article, spans in zip(docs, articles, removed, strict=True):
        doc._.published, doc._.removed = _parse_date(article.published), spans
    costs["tokenizer (make_doc)"] = time.perf_counter() - start
    for name, proc in nlp.pipeline:
        start = time.perf_counter()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(doc) for doc in docs]
        costs[name] = time.perf_counter() - start
    start = time.perf_counter()
    for article, doc in zip(articles, docs, strict=True):
        collect(article, doc)
    costs["collect facts"] = time.perf_counter() - start
    return costs


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds (user + system) used so far by this process, and by its child processes."""
    import psutil

    me = psutil.Process()
    own = sum(me.cpu_times()[:2])
    children = 0.0
    for child in me.children(recursive=True):
        try:
            children += sum(child.cpu_times()[:2])
        except psutil.NoSuchProcess:
            continue
    return own, children


def time_engine(make_engine, chosen: list) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds here, CPU seconds in workers) to ingest ``chosen`` into a
    fresh store, workers already loaded."""
    from factwire.batch import ingest_items
    from factwire.store import Store

    engine = make_engine()
    try:
        engine.warm_up()
        with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "b.db") as store:
            own, children = cpu_seconds()
            start = time.perf_counter()
            result = ingest_items(articles_of(chosen), store, engine, progress=False,
                                  on_skip=lambda _: None)
            elapsed = time.perf_counter() - start
            own_after, children_after = cpu_seconds()
    finally:
        engine.close()
    assert result.processed + result.failed == len(chosen), result.summary()
    return elapsed, own_after - own, children_after - children


def engines(counts: list[int]) -> dict:
    from factwire.batch import InProcess
    from factwire.batch_workers import WorkerPool

    made = {"in-process": InProcess}
    for n in counts:
        made[f"workers:{n}"] = lambda n=n: WorkerPool(n)
    try:
        from factwire.batch_dask import DaskEngine
    except ImportError:
        return made
    for n in counts:
        made[f"dask local:{n}"] = lambda n=n: DaskEngine(f"local:{n}")
    return made


def report_single(chosen: list, batch_size: int) -> None:
    texts = [s.text for s in chosen]
    n_words = words(texts)
    print(f"stories {len(texts)}  words {n_words}  load average {load_average()}")
    bare, bare_cpu = time_bare_spacy(texts, batch_size)
    ours, ours_cpu, failed = time_factwire(chosen)
    print(f"bare spaCy   {n_words / bare:8.0f} words/s  ({bare:.1f} s wall; "
          f"{n_words / bare_cpu:.0f} words per CPU second)")
    print(f"factwire     {n_words / ours:8.0f} words/s  ({ours:.1f} s wall, {failed} refused; "
          f"{n_words / ours_cpu:.0f} words per CPU second)")
    print(f"ratio        {bare / ours:8.2f} wall, {bare_cpu / ours_cpu:.2f} CPU  (target >= 0.75)"
          f"   load average {load_average()}")
    print("\ncost per step, ms per 1000 words:")
    costs = component_costs(chosen, batch_size)
    spacy_names = {"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner",
                   "tokenizer (make_doc)"}
    for name, seconds in costs.items():
        print(f"  {name:34s} {1e6 * seconds / n_words:8.1f}")
    ours = sum(v for k, v in costs.items() if k not in spacy_names)
    theirs = sum(v for k, v in costs.items() if k in spacy_names)
    print(f"  {'spaCy (tokenizer + components)':34s} {1e6 * theirs / n_words:8.1f}")
    print(f"  {'factwire (all the rest)':34s} {1e6 * ours / n_words:8.1f}")


def idle_speed(n_words: int, here: float, workers: float, n: int, cores: int) -> float:
    """Words/s this run would reach alone on ``cores`` cores: the writer, the workers and
    the cores each bound it (CPU seconds measured, so other load on the machine cancels)."""
    bound = here if n == 0 else max(here, workers / n)
    return n_words / max(bound, (here + workers) / cores)


def report_engines(chosen: list, counts: list[int], cores: int) -> None:
    n_words = words([s.text for s in chosen])
    print(f"\ningest {len(chosen)} stories ({n_words} words) into a fresh store "
          "(in-process is `--workers 1`; workers:N is N worker processes, as `--workers N` "
          "for N > 1; the writer is this process):")
    print(f"  {'':28s} {'words/s':>8s} {'wall':>7s} {'CPU ms/1000 words':>22s} "
          f"{'alone on ' + str(cores) + ' cores':>16s}")
    print(f"  {'':28s} {'':8s} {'':7s} {'writer':>10s} {'workers':>11s}")
    speeds: dict[str, float] = {}
    for name, make in engines(counts).items():
        seconds, here, workers = time_engine(make, chosen)
        n = 0 if name.startswith("in-process") else int(name[-1])
        speeds[name] = idle_speed(n_words, here, workers, n, cores)
        print(f"  {name:28s} {n_words / seconds:8.0f} {seconds:6.1f}s "
              f"{1e6 * here / n_words:10.0f} {1e6 * workers / n_words:11.0f} "
              f"{speeds[name]:12.0f} words/s  "
              f"load average {load_average()}")
    base = speeds["in-process"]
    for kind in ("workers:", "dask local:"):
        one, two = speeds.get(f"{kind}1"), speeds.get(f"{kind}2")
        if one and two:
            print(f"  {kind.strip(':')}: 2 vs 1 workers {two / one:.2f}x, 2 workers vs one "
                  f"process {two / base:.2f}x  (alone on {cores} cores; target >= 1.7)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=500)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--engines", action="store_true",
                        help="also time ingesting through worker processes and Dask")
    parser.add_argument("--only-engines", action="store_true",
                        help="time only the engines (skip the one-process comparison)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--cores", type=int, default=os.cpu_count(),
                        help="cores to project the speed alone on (default: this machine's)")
    args = parser.parse_args()
    chosen = list(stories(limit=args.stories))
    if not args.only_engines:
        report_single(chosen, args.batch_size)
    if args.engines or args.only_engines:
        report_engines(chosen, args.workers, args.cores)


if __name__ == "__main__":
    main()
