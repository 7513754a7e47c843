"""Peak resident memory of `factwire ingest`, on a quarter of a corpus and on all of it.

    python benchmarks/memory.py [--stories 2000] [--workers 1] [--dask local:2]

Writes the first N Reuters-21578 stories (../shared/bench/reuters21578) as JSON Lines, then
runs `factwire ingest` on the first quarter and on all of them, each into a fresh store,
sampling the resident memory of the command and all its descendants (the fork server and the
workers it forks) every 0.2 s: RSS summed over them counts the pages they share once per
process; PSS counts them once. Streaming means the peak must not grow with the corpus.
Target: <= 1.5 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.reuters import stories  # noqa: E402

MB = 1024 * 1024


def write_corpus(path: Path, chosen: list) -> int:
    """The stories as JSON Lines; returns their word count."""
    with path.open("w", encoding="utf-8") as out:
        for story in chosen:
            out.write(json.dumps({"id": story.id, "text": story.text,
                                  "published": story.published}) + "\n")
    return sum(len(s.text.split()) for s in chosen)


def tree_rss(process: psutil.Process) -> tuple[int, int, int]:
    """(resident bytes of the process and its descendants, of the largest one of them, and
    their proportional set size: pages shared between them, as a fork server's with its
    workers, counted once in all instead of once in each)."""
    sizes, shared = [], 0
    for member in [process, *process.children(recursive=True)]:
        try:
            info = member.memory_full_info()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        sizes.append(info.rss)
        shared += getattr(info, "pss", info.rss)  # PSS: Linux only
    return sum(sizes), max(sizes, default=0), shared


def measure(corpus: Path, db: Path, extra: list[str]) -> tuple[float, int, int]:
    """(seconds, peak total RSS, peak RSS of one process, peak total PSS) of one ingest."""
    command = [sys.executable, "-m", "factwire", "ingest", str(corpus), "--db", str(db),
               "--no-progress", *extra]
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    process = psutil.Process(child.pid)
    peak_total = peak_one = peak_pss = 0
    while child.poll() is None:
        try:
            total, one, pss = tree_rss(process)
        except psutil.NoSuchProcess:
            break
        peak_total, peak_one, peak_pss = max(peak_total, total), max(peak_one, one), max(
            peak_pss, pss)
        time.sleep(0.2)
    seconds = time.perf_counter() - start
    summary = child.stderr.read().decode().strip().splitlines()[-1:]
    if child.returncode != 0:
        raise SystemExit(f"ingest failed: {summary}")
    print(f"    {' '.join(summary)}")
    return seconds, peak_total, peak_one, peak_pss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=None, help="default: all")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--dask", default=None, help="e.g. local:2")
    args = parser.parse_args()
    extra = ["--dask", args.dask] if args.dask else ["--workers", str(args.workers)]
    chosen = list(stories(limit=args.stories))
    with tempfile.TemporaryDirectory() as folder:
        for label, part in (("quarter", chosen[: len(chosen) // 4]), ("all", chosen)):
            corpus = Path(folder) / f"{label}.jsonl"
            n_words = write_corpus(corpus, part)
            print(f"{label}: {len(part)} stories, {n_words} words, {' '.join(extra)}, "
                  f"load average {' '.join(f'{v:.1f}' for v in os.getloadavg())}")
            seconds, total, one, pss = measure(corpus, Path(folder) / f"{label}.db", extra)
            print(f"    {seconds:.0f} s wall ({n_words / seconds:.0f} words/s with start-up), "
                  f"peak RSS {total / MB:.0f} MB in all processes, {one / MB:.0f} MB in the "
                  f"largest; peak PSS {pss / MB:.0f} MB in all (shared pages counted once)")


if __name__ == "__main__":
    main()
