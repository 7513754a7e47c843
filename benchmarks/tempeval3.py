"""TempEval-3 Task A on TimeBank + AQUAINT (../shared/eval/tempeval3-tbaq): factwire vs dateparser.

Scores as TempEval-3 does: strict (exact span) and relaxed (any overlap, one to one) span
P/R/F1, value accuracy over the relaxed matches, value F1 = relaxed F1 x value accuracy.
Each document's creation time (DCT) is its publication date. The DCT itself is not scored.
Values are compared after one notation fix that changes no meaning (``same_value``): ISO week
numbers are zero-padded ("2000-W7" in some gold files = "2000-W07") and an hour without
minutes gets them ("1989-11-06T17" = "1989-11-06T17:00"). The verbatim comparison is printed too.

    .venv/bin/python benchmarks/tempeval3.py              # spaCy model + factwire_times
    .venv/bin/python benchmarks/tempeval3.py --full       # the whole factwire.nlp.load()
    .venv/bin/python benchmarks/tempeval3.py --no-dateparser --errors 40
    .venv/bin/python benchmarks/tempeval3.py --no-dateparser --taxonomy   # wrong values by kind
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DATA = SHARED / "eval" / "tempeval3-tbaq"

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class Doc:
    name: str
    text: str
    dct: dt.date
    gold: list[tuple[int, int, str, str]]  # start, end, type, value


def read_tml(path: Path) -> Doc:
    """Plain text, DCT and gold TIMEX3 spans (character offsets) of one .tml file."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r"<DCT>\s*<TIMEX3[^>]*value=\"(\d{4}-\d\d-\d\d)", raw).group(1)
    body = raw[raw.index("<TEXT>") + len("<TEXT>"):raw.index("</TEXT>")]
    text, gold, pos, open_timex = [], [], 0, None
    last = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[last:m.start()])
        text.append(chunk)
        pos += len(chunk)
        last = m.end()
        if m.group(2) != "TIMEX3":
            continue
        if m.group(1):
            start, attrs = open_timex
            gold.append((start, pos, attrs.get("type", ""), attrs.get("value", "")))
        else:
            open_timex = (pos, dict(_ATTR.findall(m.group(3))))
    text.append(html.unescape(body[last:]))
    plain = "".join(text)
    return Doc(path.stem, plain, dt.date.fromisoformat(dct), gold)


def load_docs() -> list[Doc]:
    """All TimeBank and AQUAINT documents."""
    if not DATA.exists():
        sys.exit(f"{DATA} is absent: this benchmark needs the project's ../shared data")
    return [read_tml(p) for p in sorted(DATA.glob("*/*.tml"))]


def factwire_predict(docs: list[Doc], full: bool):
    """factwire's times for each document, DCT as published, and the seconds spent in
    the factwire_times component alone."""
    import spacy

    from factwire.nlp import MODEL, load
    from factwire.nlp import times as _times  # noqa: F401

    if full:
        nlp = load()
    else:
        nlp = spacy.load(MODEL, exclude=["senter"])
        nlp.add_pipe("factwire_times")
    component = nlp.get_pipe("factwire_times")
    out, in_component = [], 0.0
    for doc in docs:
        parsed = nlp.make_doc(doc.text)
        parsed._.published = doc.dct
        for _name, proc in nlp.pipeline:
            started = time.perf_counter()
            parsed = proc(parsed)
            if proc is component:
                in_component += time.perf_counter() - started
        out.append([(t.start, t.end, t.type, t.value) for t in parsed._.times])
    return out, in_component


def dateparser_predict(docs: list[Doc]) -> list[list[tuple[int, int, str, str]]]:
    """dateparser.search_dates with RELATIVE_BASE = DCT; values as ISO days."""
    from dateparser.search import search_dates

    out = []
    for doc in docs:
        base = dt.datetime.combine(doc.dct, dt.time())
        found = search_dates(doc.text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
        spans, pos = [], 0
        for sub, when in found:
            start = doc.text.find(sub, pos)
            if start < 0:
                continue
            pos = start + len(sub)
            spans.append((start, pos, "DATE", when.date().isoformat()))
        out.append(spans)
    return out


_WEEK = re.compile(r"-W(\d)(?!\d)")
_HOUR = re.compile(r"T(\d\d)$")


def canonical_value(value: str) -> str:
    """The same TIMEX3 value in one notation: "2000-W7" -> "2000-W07", "T17" -> "T17:00"."""
    return _HOUR.sub(r"T\1:00", _WEEK.sub(r"-W0\1", value))


def same_value(gold: str, ours: str) -> bool:
    """True when two TIMEX3 values denote the same thing, notation aside."""
    return gold == ours or canonical_value(gold) == canonical_value(ours)


def score(docs, predictions) -> dict:
    """Strict/relaxed P/R/F1, value accuracy and value F1 over all documents."""
    n_gold = n_pred = strict = relaxed = value_ok = type_ok = verbatim = 0
    for doc, pred in zip(docs, predictions, strict=True):
        n_gold += len(doc.gold)
        n_pred += len(pred)
        strict += len({(s, e) for s, e, _, _ in pred} & {(s, e) for s, e, _, _ in doc.gold})
        for g, p in relaxed_pairs(doc.gold, pred):
            relaxed += 1
            value_ok += same_value(g[3], p[3])
            verbatim += g[3] == p[3]
            type_ok += g[2] == p[2]
    res = {}
    for name, hits in (("strict", strict), ("relaxed", relaxed)):
        p = hits / n_pred if n_pred else 0.0
        r = hits / n_gold if n_gold else 0.0
        res[name] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    res["value_acc"] = value_ok / relaxed if relaxed else 0.0
    res["value_acc_verbatim"] = verbatim / relaxed if relaxed else 0.0
    res["type_acc"] = type_ok / relaxed if relaxed else 0.0
    res["value_f1"] = res["relaxed"][2] * res["value_acc"]
    res["counts"] = (n_gold, n_pred, relaxed)
    return res


def relaxed_pairs(gold, pred):
    """One-to-one overlapping (gold, predicted) pairs, exact matches first, then in order."""
    used_g, used_p, pairs = set(), set(), []
    for exact in (True, False):
        for i, g in enumerate(gold):
            if i in used_g:
                continue
            for j, p in enumerate(pred):
                if j in used_p:
                    continue
                if (g[0], g[1]) == (p[0], p[1]) if exact else (p[0] < g[1] and g[0] < p[1]):
                    used_g.add(i)
                    used_p.add(j)
                    pairs.append((g, p))
                    break
    return pairs


def print_errors(docs, predictions, limit: int) -> None:
    """Misses, false alarms and wrong values, for tuning."""
    shown = 0
    for doc, pred in zip(docs, predictions, strict=True):
        pairs = relaxed_pairs(doc.gold, pred)
        got_g = {g for g, _ in pairs}
        got_p = {p for _, p in pairs}
        lines = [f"MISS {doc.text[g[0]:g[1]]!r} {g[2]} {g[3]}" for g in doc.gold if g not in got_g]
        lines += [f"FALSE {doc.text[p[0]:p[1]]!r} {p[2]} {p[3]}" for p in pred if p not in got_p]
        lines += [f"VALUE {doc.text[g[0]:g[1]]!r}/{doc.text[p[0]:p[1]]!r} gold {g[2]} {g[3]} "
                  f"got {p[2]} {p[3]}" for g, p in pairs if not same_value(g[3], p[3])]
        lines += [f"SPAN {doc.text[g[0]:g[1]]!r} got {doc.text[p[0]:p[1]]!r}"
                  for g, p in pairs if (g[0], g[1]) != (p[0], p[1])]
        for line in lines:
            if shown >= limit:
                return
            print(f"{doc.name} dct={doc.dct} {line}")
            shown += 1


_REFS = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}
_WEEKDAY = r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
_MONTH = r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# (class, test on the lower-cased words of both spans, gold value + predicted value), in order
_CLASSES = [
    ("quarters / year-back in reports",
     lambda t, v: bool(re.search(r"quarter|period|year[- ](?:ago|earlier)|a year (?:ago|earlier)"
                                 r"|last year's", t)) or "Q" in v),
    ("weekday + part of day (TIME vs DATE)",
     lambda t, v: bool(re.search(_WEEKDAY, t) and re.search(r"morning|afternoon|evening|night", t)
                       or re.search(r"T(?:MO|AF|EV|NI)", v))),
    ("weekday: which week (tense, reference time)", lambda t, v: bool(re.search(_WEEKDAY, t))),
    ("weeks (ISO number vs WXX)", lambda t, v: bool(re.search(r"\bweeks?\b", t))),
    ("clock time: which day", lambda t, v: bool(re.search(r"\d+:\d\d|a\.m|p\.m|noon|midnight", t))),
    ("month/day without year: which year",
     lambda t, v: bool(re.search(_MONTH, t) and not re.search(r"\b(?:1[5-9]|20)\d\d\b", t))),
    ("written year/decade/century: granularity",
     lambda t, v: bool(re.search(r"\b(?:1[5-9]|20)\d\d'?s?\b|decade|century|'\d0s", t))
     and "ago" not in t),
    ("counted from the story (reference time)",
     lambda t, v: bool(re.search(r"day|following|previous|later|earlier|that", t))),
    ("this/last/next year, month, season, N ago",
     lambda t, v: bool(re.search(r"year|month|spring|summer|fall|autumn|winter|ago", t))),
]


def error_class(text: str, gold: tuple, ours: tuple) -> str:
    """What kind of expression a wrong value belongs to (``--taxonomy``)."""
    if gold[3] in _REFS or ours[3] in _REFS:
        return "PRESENT_REF/PAST_REF/FUTURE_REF vs a value"
    if "DURATION" in (gold[2], ours[2]) or gold[3].startswith("P") or ours[3].startswith("P"):
        both = gold[3].startswith("P") and ours[3].startswith("P")
        return "duration: amount or unit" if both else "duration vs date"
    words = text.lower()
    for name, test in _CLASSES:
        if test(words, gold[3] + ours[3]):
            return name
    return "other"


def print_taxonomy(docs, predictions) -> None:
    """Wrong values on matched spans, counted by kind of expression."""
    counts: dict[str, int] = {}
    unspecified = 0
    for doc, pred in zip(docs, predictions, strict=True):
        for g, p in relaxed_pairs(doc.gold, pred):
            if same_value(g[3], p[3]):
                continue
            kind = error_class(doc.text[g[0]:g[1]] + " " + doc.text[p[0]:p[1]], g, p)
            counts[kind] = counts.get(kind, 0) + 1
            unspecified += "X" in g[3] and "X" not in p[3] and not g[3].startswith("P")
    print(f"wrong values: {sum(counts.values())} ({unspecified} where the gold value leaves a "
          "part unspecified, WXX / -XX / 198X / QX, and factwire's is specific)")
    for kind, n in sorted(counts.items(), key=lambda item: -item[1]):
        print(f"{n:5d}  {kind}")


def report(name: str, res: dict, seconds: float, n_docs: int) -> str:
    """One line of scores and documents per second."""
    s, r = res["strict"], res["relaxed"]
    return (f"{name:10} strict P/R/F1 {s[0]:.3f}/{s[1]:.3f}/{s[2]:.3f}  relaxed P/R/F1 "
            f"{r[0]:.3f}/{r[1]:.3f}/{r[2]:.3f}  value acc {res['value_acc']:.3f}  value F1 "
            f"{res['value_f1']:.3f} (verbatim values: acc {res['value_acc_verbatim']:.3f}, F1 "
            f"{r[2] * res['value_acc_verbatim']:.3f})  type acc {res['type_acc']:.3f}  "
            f"(gold {res['counts'][0]}, predicted {res['counts'][1]})  "
            f"{n_docs / seconds:.1f} docs/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="run factwire.nlp.load()")
    parser.add_argument("--no-dateparser", action="store_true")
    parser.add_argument("--errors", type=int, default=0, help="print this many errors")
    parser.add_argument("--taxonomy", action="store_true", help="count wrong values by kind")
    args = parser.parse_args()
    docs = load_docs()
    start = time.perf_counter()
    ours, in_component = factwire_predict(docs, args.full)
    lines = [report("factwire", score(docs, ours), time.perf_counter() - start, len(docs)),
             f"{'':10} (spaCy included; the factwire_times component alone: "
             f"{len(docs) / in_component:.0f} docs/s, {in_component:.2f} s)"]
    if not args.no_dateparser:
        start = time.perf_counter()
        theirs = dateparser_predict(docs)
        lines.append(report("dateparser", score(docs, theirs), time.perf_counter() - start,
                            len(docs)))
    if args.errors:
        print_errors(docs, ours, args.errors)
    if args.taxonomy:
        print_taxonomy(docs, ours)
    print(f"TempEval-3 Task A on {len(docs)} TBAQ documents (DCT as publication date)")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
