"""Event location attachment on Halterman's (2019) dev set (../shared/eval/event-location-dev).

    .venv/bin/python benchmarks/event_location.py [--limit N] [--errors N] [--exclude SOURCE]

Each of the 4,953 records is a sentence with one VERB span (the event) and, when the event
has a place in the sentence, one or more LOCATION spans. factwire extracts each distinct
sentence once (``extract_articles``: the same cleaning, language check and components as
``factwire.extract``). For each record, factwire's events whose trigger overlaps the VERB
span are "its events"; the prediction is the ``location`` of the first of them that has
one (none if none has). A predicted place is right when a mention of one of its location
entities overlaps a gold LOCATION span.

Scores: accuracy over all records (the right place, or rightly none; a record with no
event for its verb counts as predicting none), and precision/recall/F1 of attachment
(TP: a right place; FP: a place where the gold has none or another one; FN: a gold place
not predicted or predicted wrong). Records with no event for the verb are counted apart,
and every system is scored again on the records that do have one.

Baselines from the same run, scored the same way: "first place" (the first GPE/LOC/FAC
entity mention in the sentence) and "nearest place" (the GPE/LOC/FAC mention with the
fewest characters between it and the VERB span). Also printed: how many records' gold
place any GPE/LOC/FAC mention overlaps, the ceiling of every system's recall here.

By source (news wire or collection), factwire's and the nearest place's accuracy and F1.
``--exclude Masdar_RA`` leaves a source out: its gold gives a place to 13% of its records
(the others: 36% to 91%), though most of its sentences name where people were killed.

The data's own faults, repaired or counted at load: 462 spans carry token indices where
character offsets belong (start == token_start, end == token_end); they are rebuilt from
the tokens. One span's token_end is past the sentence; it is found by its label text.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DATA = SHARED / "eval" / "event-location-dev" / "labeled_text.dev.jsonl"
PLACE_TYPES = ("GPE", "LOC", "FAC")
SYSTEMS = ("factwire", "first place", "nearest place")


@dataclass
class Record:
    """One annotated verb: its sentence, VERB span(s) and gold LOCATION spans."""

    text: str
    source: str
    verbs: list[tuple[int, int]]
    places: list[tuple[int, int]]
    predicted: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    has_event: bool = False
    place_found: bool = False


def _span(record: dict, span: dict) -> tuple[int, int] | None:
    """The span's character offsets, repaired where the file has token indices instead."""
    tokens, text = record["tokens"], record["text"]
    start, end = span["start"], span["end"]
    if span["token_end"] >= len(tokens):
        found = text.find(span.get("text") or "\0")
        return (found, found + len(span["text"])) if found >= 0 else None
    by_tokens = tokens[span["token_start"]]["start"], tokens[span["token_end"]]["end"]
    if (start, end) == (span["token_start"], span["token_end"]):
        return by_tokens
    return start, end


def read_records(path: Path, limit: int | None,
                 exclude: tuple[str, ...] = ()) -> tuple[list[Record], Counter]:
    """The records (but those of the ``exclude`` sources), and a count of the data's
    faults (module docstring)."""
    records, faults = [], Counter()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            raw = json.loads(line)
            if raw["source"] in exclude:
                continue
            spans = {"VERB": [], "LOCATION": []}
            for span in raw["spans"]:
                offsets = _span(raw, span)
                if offsets is None:
                    faults["span not found, dropped"] += 1
                    continue
                if offsets != (span["start"], span["end"]):
                    faults["span offsets rebuilt from tokens"] += 1
                spans[span["label"]].append(offsets)
            faults["records with several LOCATION spans"] += len(spans["LOCATION"]) > 1
            faults["records with several VERB spans"] += len(spans["VERB"]) > 1
            records.append(Record(raw["text"], raw["source"], spans["VERB"], spans["LOCATION"]))
            if limit and len(records) >= limit:
                break
    return records, faults


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


def predict(record: Record, facts) -> None:
    """Fill ``record.predicted``: each system's place mentions (empty: no place)."""
    entities = {entity.id: entity for entity in facts.entities} if facts else {}
    mentions = sorted((m.start, m.end) for e in entities.values() if e.type in PLACE_TYPES
                      for m in e.mentions)
    events = [event for event in (facts.events if facts else [])
              if any(_overlaps((event.trigger.start, event.trigger.end), verb)
                     for verb in record.verbs)]
    record.has_event = bool(events)
    record.place_found = any(_overlaps(m, g) for m in mentions for g in record.places)
    located = [event for event in events if event.location]
    record.predicted["factwire"] = [
        (m.start, m.end) for entity_id in (located[0].location if located else [])
        for m in entities[entity_id].mentions]
    record.predicted["first place"] = mentions[:1]
    verb = record.verbs[0] if record.verbs else (0, 0)
    record.predicted["nearest place"] = sorted(mentions, key=lambda m: _gap(m, verb))[:1]


def outcome(record: Record, system: str) -> str:
    """tp (right place), tn (rightly none), fp (a place where none is), wrong (another
    place: both a FP and a FN), fn (no place where one is)."""
    predicted = record.predicted[system]
    if not record.places:
        return "fp" if predicted else "tn"
    if not predicted:
        return "fn"
    hit = any(_overlaps(p, g) for p in predicted for g in record.places)
    return "tp" if hit else "wrong"


def scores(records: list[Record], system: str) -> dict[str, float]:
    counts = Counter(outcome(record, system) for record in records)
    tp, fp = counts["tp"], counts["fp"] + counts["wrong"]
    fn = counts["fn"] + counts["wrong"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"n": len(records), "acc": (counts["tp"] + counts["tn"]) / max(1, len(records)),
            "p": precision, "r": recall, "f1": f1, **counts}


def print_table(title: str, records: list[Record]) -> None:
    print(f"\n{title}")
    print(f"  {'system':14} {'n':>5} {'acc':>6} {'P':>6} {'R':>6} {'F1':>6}"
          f" {'tp':>5} {'tn':>5} {'wrong':>5} {'fp':>5} {'fn':>5}")
    for system in SYSTEMS:
        s = scores(records, system)
        print(f"  {system:14} {s['n']:5d} {s['acc']:6.3f} {s['p']:6.3f} {s['r']:6.3f} "
              f"{s['f1']:6.3f} {s['tp']:5d} {s['tn']:5d} {s['wrong']:5d} {s['fp']:5d} "
              f"{s['fn']:5d}")


def print_sources(records: list[Record]) -> None:
    print("\nBy source")
    print(f"  {'source':14} {'n':>5} {'gold%':>6} {'no event':>8} {'acc':>6} {'F1':>6}"
          f" {'near acc':>8} {'near F1':>7}")
    for source in sorted({record.source for record in records}):
        mine = [record for record in records if record.source == source]
        ours, near = scores(mine, "factwire"), scores(mine, "nearest place")
        gold = sum(bool(record.places) for record in mine) / len(mine)
        missing = sum(not record.has_event for record in mine)
        print(f"  {source:14} {len(mine):5d} {gold:6.2f} {missing:8d} {ours['acc']:6.3f} "
              f"{ours['f1']:6.3f} {near['acc']:8.3f} {near['f1']:7.3f}")


def print_errors(records: list[Record], limit: int) -> None:
    """Up to ``limit`` factwire errors of each kind, on records with an event."""
    for kind in ("wrong", "fp", "fn"):
        print(f"\nfactwire errors: {kind}")
        shown = [r for r in records if r.has_event and outcome(r, "factwire") == kind]
        for record in shown[:limit]:
            text = record.text
            show = ", ".join(text[a:b] for a, b in record.predicted["factwire"]) or "-"
            gold = ", ".join(text[a:b] for a, b in record.places) or "-"
            verb = ", ".join(text[a:b] for a, b in record.verbs)
            print(f"  [{record.source}] {' '.join(text.split())}\n"
                  f"    verb: {verb} | gold: {gold} | factwire: {show}")


def extract_all(records: list[Record]) -> int:
    """Run factwire once per distinct sentence and fill every record's predictions; return
    how many sentences factwire refused (their records predict no place)."""
    from factwire.errors import FactwireError
    from factwire.pipeline import extract_articles, make_article

    texts = list(dict.fromkeys(record.text for record in records))
    facts = {}
    articles = (make_article(text) for text in texts)
    for text, result in zip(texts, extract_articles(articles), strict=True):
        facts[text] = None if isinstance(result, FactwireError) else result
    for record in records:
        predict(record, facts[record.text])
    return sum(value is None for value in facts.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N records")
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="print N factwire errors of each kind")
    parser.add_argument("--exclude", action="append", default=[], metavar="SOURCE",
                        help="leave out a source's records (repeatable)")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"{DATA} is absent: this benchmark needs the project's ../shared data",
              file=sys.stderr)
        return 2
    records, faults = read_records(DATA, args.limit, tuple(args.exclude))
    refused = extract_all(records)
    with_event = [record for record in records if record.has_event]
    gold = [record for record in records if record.places]
    print(f"records: {len(records)} ({len(gold)} with a gold place), distinct sentences: "
          f"{len({r.text for r in records})}, refused by factwire: {refused}")
    print(f"no event for the verb: {len(records) - len(with_event)} "
          f"({len([r for r in gold if not r.has_event])} of them with a gold place)")
    found = sum(record.place_found for record in gold)
    print(f"records whose gold place some GPE/LOC/FAC mention overlaps: {found} of "
          f"{len(gold)} ({found / max(1, len(gold)):.3f}): the ceiling of recall")
    for fault, count in sorted(faults.items()):
        print(f"data: {fault}: {count}")
    print_table("All records", records)
    print_table("Records with a factwire event for the verb", with_event)
    print_sources(records)
    if args.errors:
        print_errors(records, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
