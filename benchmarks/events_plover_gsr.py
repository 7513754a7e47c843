"""PLOVER event coding on the PLOVER gold standard records (../shared/eval/plover-gsr).

322 sentences from the CAMEO manual, each coded with one PLOVER 0.5 event (type, source and
target actor codes). We run the full factwire pipeline on each sentence and score:

- type accuracy of the sentence's main event (our top-level event: no parent, nearest the
  root of the parse, then the most confident);
- P/R/F1 of (type, actor country, recipient country) triples of that main event against the
  gold triples (every source x every target; no target -> None);
- type and triple precision of the main events with confidence >= 0.5 and < 0.5 (does
  ``confidence`` mean something?);
- the same triples over all our events with confidence >= 0.5 (the gold codes one event per
  sentence, so this precision counts other true events as errors);
- a confusion matrix of gold type x predicted main type.

PLOVER 0.5 labels map as DESIGN.md says: DEMAND -> REQUEST, DISAPPROVE -> ACCUSE,
INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT. An entity without a country whose sector is IGO or
NGO is scored with that code, as the gold codes international organizations; other gold
codes that are not countries (IMG, ISM...) cannot be matched and count as misses.
Announced, threatened and refused acts are scored as the component codes them: PLOVER codes
the statement ("will support" is an AGREE, "plans to impose" a THREATEN, "failed to reach"
a REJECT), and so does factwire (``event_intent``), with the act nested under it.

With ``--causes``, each wrong triple set of a main event of the right type is put down to
one cause per side (actor, recipient), from where the gold actor text sits in the sentence:
``wrong`` (we chose another entity), ``missing`` (we chose none though an entity covers the
gold text), ``extra`` (the gold has no recipient, we give one), ``country`` (we chose the
entity that covers the gold text, but its code differs: the entities component's job),
``no-entity`` (no entity covers the gold text: also the entities' job) and ``not-country``
(the gold code is a group such as IMG, which no country can match).

Run:  .venv/bin/python benchmarks/events_plover_gsr.py [--errors] [--causes]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GSR = SHARED / "eval" / "plover-gsr" / "PLOVER_GSR_CAMEO.txt"
LABELS_05 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
             "FIGHT": "ASSAULT"}
CODE_FIXES = {"JAP": "JPN", "ITL": "ITA"}  # the file's own misspellings of Japan, Italy


def gold_records() -> list[dict]:
    """The gold sentences (the DOCUMENT header left out)."""
    if not GSR.exists():
        sys.exit(f"{GSR} is absent: this benchmark needs the project's ../shared data")
    records = json.loads(GSR.read_text(encoding="utf-8"))
    return [r for r in records if r.get("event") != "DOCUMENT"]


def _codes(actors) -> list[str | None]:
    if not isinstance(actors, list) or not actors:
        return [None]
    codes = [CODE_FIXES.get(a.get("code"), a.get("code")) for a in actors]
    return [c or None for c in codes]


def gold_triples(record: dict) -> set[tuple]:
    """(type, source code, target code) for every source x target of a record."""
    event_type = LABELS_05.get(record["event"], record["event"])
    return {(event_type, s, t) for s in _codes(record.get("source"))
            for t in _codes(record.get("target"))}


def annotate(nlp, text: str, published: str | None):
    """Run the pipeline on one sentence (as ``extract`` does, without filler detection)."""
    doc = nlp.make_doc(text)
    doc._.published = dt.date.fromisoformat(published) if published else None
    doc._.removed = []
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def _depth(doc, event) -> int:
    """How deep the event sits in the parse; a nominal counts from its support verb
    ("staged mass demonstrations")."""
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    token = span.root
    while token.pos_ in ("NOUN", "PROPN") and token.dep_ == "conj":
        token = token.head  # "launched artillery, mortar and rocket fire"
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("dobj", "nsubjpass"):
        token = token.head
    return len(list(token.ancestors))


def main_event(doc):
    """The sentence's main event: top-level, nearest the root, most confident, first."""
    events = doc._.events or []
    if not events:
        return None
    top = [e for e in events if e.parent is None] or events
    return min(top, key=lambda e: (_depth(doc, e), -e.confidence, e.trigger.start))


def actor_code(entity) -> str | None:
    """The entity's country, or the gold's group code for an international organization."""
    if entity.country:
        return entity.country
    return entity.sector if entity.sector in ("IGO", "NGO") else None


def event_triples(doc, event, event_type: str | None = None) -> set[tuple]:
    """(type, actor code, recipient code) for every actor x recipient of an event."""
    countries = {e.id: actor_code(e) for e in doc._.entities or []}
    actors = [countries.get(a) for a in event.actor] or [None]
    targets = [countries.get(r) for r in event.recipient] or [None]
    return {(event_type or event.type, a, t) for a in actors for t in targets}


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _add(counts: Counter, prefix: str, ours: set, gold: set) -> None:
    counts[prefix + "tp"] += len(ours & gold)
    counts[prefix + "fp"] += len(ours - gold)
    counts[prefix + "fn"] += len(gold - ours)


_GROUP_CODES = {"IGO", "NGO"}


@lru_cache(maxsize=1)
def matchable_codes() -> frozenset[str]:
    """Codes our entities can carry: ISO countries (data/countries.tsv), IGO and NGO."""
    from importlib import resources

    text = resources.files("factwire.data").joinpath("countries.tsv").read_text("utf-8")
    return frozenset(_GROUP_CODES | {line.split("\t")[0] for line in text.splitlines()
                                     if line and not line.startswith("#")})


def _gold_entities(doc, record: dict, side: str) -> list[tuple[str | None, set[str]]]:
    """(gold code, ids of our entities covering its actor text) for one side."""
    actors = record.get(side)
    if not isinstance(actors, list):
        return []
    entity_at = doc._.entity_at or {}
    out = []
    lowered = record["text"].lower()
    for actor in actors:
        code = CODE_FIXES.get(actor.get("code"), actor.get("code")) or None
        text = (actor.get("actorText") or "").lower()
        at = lowered.find(text) if text else -1
        span = doc.char_span(at, at + len(text), alignment_mode="expand") if at >= 0 else None
        ids = {entity_at[t.i] for t in span if t.i in entity_at} if span is not None else set()
        out.append((code, ids))
    return out


def side_cause(doc, record: dict, side: str, ours: list[str]) -> str:
    """Why our actor (or recipient) codes differ from the gold's for one side."""
    codes = {e.id: actor_code(e) for e in doc._.entities or []}
    gold = _gold_entities(doc, record, side)
    if {codes.get(i) for i in ours} | ({None} if not ours else set()) == (
            {c for c, _ in gold} or {None}):
        return "ok"
    if not gold:
        return "extra"
    for code, ids in gold:
        if code in {codes.get(i) for i in ours}:
            continue
        if code not in matchable_codes():
            return "not-country"
        if not ids:
            return "no-entity"
        if ids & set(ours):
            return "country"
        return "wrong" if ours else "missing"
    return "extra"  # every gold code found, but we add others


def error_causes(doc, record: dict, main) -> tuple[str, str] | None:
    """(actor cause, recipient cause) of a main event of the right type with wrong triples."""
    return (side_cause(doc, record, "source", main.actor),
            side_cause(doc, record, "target", main.recipient))


def score(records: list[dict], nlp, show_errors: bool, causes: Counter | None = None) -> dict:
    """Counts and the confusion matrix over all records (and error causes, if asked)."""
    counts = Counter()
    confusion: Counter = Counter()
    for record in records:
        doc = annotate(nlp, record["text"], record.get("date"))
        gold = gold_triples(record)
        gold_type = next(iter(gold))[0]
        main = main_event(doc)
        predicted = main.type if main else "NONE"
        counts["sentences"] += 1
        counts["type_ok"] += predicted == gold_type
        ours = event_triples(doc, main) if main else set()
        _add(counts, "", ours, gold)
        confusion[(gold_type, predicted)] += 1
        band = "hi_" if main and main.confidence >= 0.5 else "lo_"
        counts[band + "n"] += 1
        counts[band + "type_ok"] += predicted == gold_type
        _add(counts, band, ours, gold)
        confident = set().union(*[event_triples(doc, e) for e in doc._.events or []
                                  if e.confidence >= 0.5] or [set()])
        counts["all_tp"] += len(confident & gold)
        counts["all_fp"] += len(confident - gold)
        counts["all_fn"] += len(gold - confident)
        if causes is not None and ours != gold:
            found = ("type", "type") if predicted != gold_type else error_causes(
                doc, record, main)
            causes[found] += 1
            if show_errors:
                print(f"  causes {found}")
        if show_errors and (predicted != gold_type or ours != gold):
            print(f"{record['id']}: gold {sorted(gold, key=str)} ours {sorted(ours, key=str)}"
                  f" [{main.trigger.text if main else '-'}] | {record['text'][:140]}")
    return {"counts": counts, "confusion": confusion}


def print_report(result: dict) -> None:
    """Print the scores and the confusion matrix."""
    c, confusion = result["counts"], result["confusion"]
    print(f"sentences: {c['sentences']}")
    print(f"main event type accuracy: {c['type_ok'] / c['sentences']:.3f}")
    p, r, f = prf(c["tp"], c["fp"], c["fn"])
    print(f"main event triples (type, actor country, recipient country): "
          f"P {p:.3f} R {r:.3f} F1 {f:.3f}")
    for band, label in (("hi_", ">= 0.5"), ("lo_", "< 0.5 (or no event)")):
        n = c[band + "n"]
        p, _, _ = prf(c[band + "tp"], c[band + "fp"], c[band + "fn"])
        print(f"main events with confidence {label}: {n} sentences; type precision "
              f"{c[band + 'type_ok'] / max(n, 1):.3f}, triple precision {p:.3f}")
    p, r, f = prf(c["all_tp"], c["all_fp"], c["all_fn"])
    print(f"all events with confidence >= 0.5, triples: P {p:.3f} R {r:.3f} F1 {f:.3f}")
    gold_types = sorted({g for g, _ in confusion})
    predicted = sorted({p for _, p in confusion})
    width = max(len(t) for t in gold_types + predicted) + 1
    print("\nconfusion (rows gold, columns predicted main type):")
    print(" " * width + "".join(f"{t[:5]:>6}" for t in predicted))
    for g in gold_types:
        print(f"{g:<{width}}" + "".join(f"{confusion[(g, p)] or '.':>6}" for p in predicted))


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print each wrong sentence")
    parser.add_argument("--causes", action="store_true", help="tally why triples are wrong")
    args = parser.parse_args()
    records = gold_records()
    from factwire.nlp import load

    causes = Counter() if args.causes else None
    print_report(score(records, load(), args.errors, causes))
    if causes:
        print_causes(causes)


def print_causes(causes: Counter) -> None:
    """The sentences with wrong triples by (actor cause, recipient cause), and per side."""
    print("\nwrong triples by cause (actor cause, recipient cause):")
    for key, n in causes.most_common():
        print(f"  {n:4d}  {key}")
    for side, index in (("actor", 0), ("recipient", 1)):
        tally = Counter()
        for key, n in causes.items():
            tally[key[index]] += n
        print(f"{side} side: " + ", ".join(f"{k} {n}" for k, n in tally.most_common()))


if __name__ == "__main__":
    main()
