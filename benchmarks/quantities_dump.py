"""Dump and time factwire_quantities alone on parsed Reuters-21578 stories, and diff dumps.

    python benchmarks/quantities_dump.py build DOCS.pickle [--stories 2000]
    python benchmarks/quantities_dump.py run DOCS.pickle OUT.jsonl [--repeat 3] [--profile]
    python benchmarks/quantities_dump.py diff BEFORE.jsonl AFTER.jsonl [-v]

``build`` runs the whole pipeline once over the first N stories (../shared/bench/reuters21578)
and pickles the Docs: the quantities component reads only what the components before it
wrote (entities, times, removed filler), so later runs measure it alone, on the same input
whatever the other components become. ``run`` clears ``doc._.quantities``, runs
``factwire_quantities`` on every Doc, prints its CPU cost in ms per 1000 words (best of
``--repeat`` passes) and writes one JSON line per story with its quantities. ``diff`` counts
the stories and quantities that differ between two dumps (the proof that a speed change
kept the outputs). ``source`` is set later by factwire_quotes, so it is None here.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import pickle
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.reuters import stories  # noqa: E402


def build(path: Path, limit: int) -> None:
    from factwire.nlp import load
    from factwire.pipeline import ExtractOptions, _prepare, make_article

    nlp = load()
    options = ExtractOptions()
    docs = []
    for story in stories(limit=limit):
        article, doc = _prepare(make_article(story.text, story.published), options, nlp)
        if doc is not None:
            doc.user_data["story_id"] = story.id
            docs.append(doc)
    docs = list(nlp.pipe(docs, batch_size=64))
    with path.open("wb") as out:
        pickle.dump(docs, out, protocol=pickle.HIGHEST_PROTOCOL)
    print(f"{len(docs)} docs, {sum(len(d) for d in docs):,} tokens -> {path}")


def run(path: Path, out_path: Path, repeat: int, profile: bool) -> None:
    from factwire.nlp import load

    with path.open("rb") as handle:
        docs = pickle.load(handle)
    component = load().get_pipe("factwire_quantities")
    n_words = sum(len(doc.user_data["factwire_text"].split()) for doc in docs)
    for doc in docs[:20]:  # warm the lexicons
        component(doc)
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for doc in docs:
            component(doc)
        best = min(best, time.process_time() - start)
    print(f"factwire_quantities: {len(docs)} docs, {n_words:,} words, best of {repeat}: "
          f"{1000 * best / n_words * 1000:.2f} ms CPU per 1000 words")
    if profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        for doc in docs:
            component(doc)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
    with out_path.open("w", encoding="utf-8") as out:
        for doc in docs:
            found = [dataclasses.asdict(q) for q in doc._.quantities]
            out.write(json.dumps({"id": doc.user_data["story_id"], "quantities": found},
                                 sort_keys=True) + "\n")


def diff(before: Path, after: Path, verbose: bool) -> int:
    old = [json.loads(line) for line in before.read_text(encoding="utf-8").splitlines()]
    new = [json.loads(line) for line in after.read_text(encoding="utf-8").splitlines()]
    if [r["id"] for r in old] != [r["id"] for r in new]:
        print("the dumps are of different stories")
        return 2
    stories_changed = quantities_changed = total = 0
    for a, b in zip(old, new, strict=True):
        total += len(a["quantities"])
        if a == b:
            continue
        stories_changed += 1
        olds = [_comparable(q, a["quantities"]) for q in a["quantities"]]
        news = [_comparable(q, b["quantities"]) for q in b["quantities"]]
        gone = [q for q in olds if q not in news]
        added = [q for q in news if q not in olds]
        quantities_changed += max(len(gone), len(added))
        if verbose:
            print(f"story {a['id']}:")
            for q in gone:
                print(f"  - {q}")
            for q in added:
                print(f"  + {q}")
    print(f"{len(old)} stories, {total} quantities before: {stories_changed} stories and "
          f"{quantities_changed} quantities differ")
    return 0 if stories_changed == 0 else 1


def _comparable(q: dict, others: list[dict]) -> str:
    """A quantity as JSON with ids replaced by spans, so that a quantity found or lost
    before it (which renumbers the ids) does not count as a change of this one."""
    spans = {o["id"]: f"{o['start']}-{o['end']}" for o in others}
    q = dict(q, id=spans[q["id"]], from_=[spans.get(i, i) for i in q["from_"]],
             relative_to=spans.get(q["relative_to"], q["relative_to"]))
    return json.dumps(q, sort_keys=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build")
    b.add_argument("docs", type=Path)
    b.add_argument("--stories", type=int, default=2000)
    r = sub.add_parser("run")
    r.add_argument("docs", type=Path)
    r.add_argument("out", type=Path)
    r.add_argument("--repeat", type=int, default=3)
    r.add_argument("--profile", action="store_true")
    d = sub.add_parser("diff")
    d.add_argument("before", type=Path)
    d.add_argument("after", type=Path)
    d.add_argument("-v", action="store_true")
    args = parser.parse_args()
    if args.command == "build":
        build(args.docs, args.stories)
        return 0
    if args.command == "run":
        run(args.docs, args.out, args.repeat, args.profile)
        return 0
    return diff(args.before, args.after, args.v)


if __name__ == "__main__":
    sys.exit(main())
