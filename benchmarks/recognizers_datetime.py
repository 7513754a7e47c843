"""Microsoft Recognizers-Text DateTime spec (English DateTimeModel.json): factwire_times.

A case passes when factwire finds exactly the expected spans (offsets; the spec's leading
signal word such as "since" or "from" left out, as TimeML does, a leading "the" left out of
both sides, since TimeML keeps it and the spec does not, and a range's two ends joined) and each one's value is one the spec accepts: its TIMEX, or its resolved value
(date, "YYYY-MM-DDTHH:MM", clock time "THH:MM"; an hour written without minutes, "T15",
counts as "T15:00"), or for a range its start and end; factwire's calendar values also count in the spec's
"start/end" form ("2019-Q3" = "2019-07-01/2019-10-01") and durations in seconds ("PT90M" =
"5400", a year of 365 days, a month of 30, as the spec counts). Each
case's ReferenceDateTime is the anchor (publication date). Reported by the spec's first
result type ("none" = nothing should be found), for all cases and for those the spec does
not mark NotSupported for python.

    .venv/bin/python benchmarks/recognizers_datetime.py [--failures 30]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import Counter
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SPEC = SHARED / "eval" / "recognizers-text-en" / "DateTime" / "English" / "DateTimeModel.json"


def load_cases() -> list[dict]:
    """The spec's cases (a JSON array, UTF-8 with BOM)."""
    if not SPEC.exists():
        sys.exit(f"{SPEC} is absent: this benchmark needs the project's ../shared data")
    return json.loads(SPEC.read_text(encoding="utf-8-sig"))


def accepted_values(result: dict) -> set[str]:
    """Every value string the spec accepts for one expected result."""
    accepted = set()
    for value in result.get("Resolution", {}).get("values", []):
        accepted.add(value.get("timex", ""))
        for key in ("value", "start", "end"):
            if key in value:
                accepted.add(_iso(value[key]))
        if "start" in value and "end" in value:
            accepted.add(f"{_iso(value['start'])}/{_iso(value['end'])}")
    accepted.discard("")
    return accepted | {_HOUR_ONLY.sub(r"T\1:00", v) for v in accepted}


# the spec writes an hour without minutes as "T15" / "2016-11-07T22"; TIMEX3 allows both
_HOUR_ONLY = re.compile(r"T(\d\d)$")


def _iso(text: str) -> str:
    """"2016-11-07 17:00:00" -> "2016-11-07T17:00"; "07:00:00" -> "T07:00"."""
    if len(text) == 8 and text[2] == ":":
        return "T" + text[:5]
    if len(text) == 19:
        return text[:10] + "T" + text[11:16]
    return text


def _interval(value: str) -> str | None:
    """The days a calendar DATE value covers, as the spec writes them ("start/end", end
    excluded): "2019-Q3" -> "2019-07-01/2019-10-01"; None for other values."""
    m = re.fullmatch(r"(\d{4})(?:-(?:(\d\d)|Q([1-4])|H([12])|W(\d\d)))?", value)
    if m:
        year = int(m.group(1))
        if m.group(5):  # ISO week
            start = dt.date.fromisocalendar(year, int(m.group(5)), 1)
            return f"{start}/{start + dt.timedelta(days=7)}"
        first, months = (int(m.group(2)), 1) if m.group(2) else (
            (3 * int(m.group(3)) - 2, 3) if m.group(3) else (
                (6 * int(m.group(4)) - 5, 6) if m.group(4) else (1, 12)))
        start = dt.date(year, first, 1)
        end_month = first + months
        end = dt.date(year + (end_month - 1) // 12, (end_month - 1) % 12 + 1, 1)
        return f"{start}/{end}"
    m = re.fullmatch(r"(\d\d)", value)  # century "20" = 2000-2099
    if m:
        return f"{int(value) * 100:04d}-01-01/{int(value) * 100 + 100:04d}-01-01"
    return None


_SECONDS = {"Y": 365 * 86400, "M": 30 * 86400, "W": 7 * 86400, "D": 86400}
_CLOCK_SECONDS = {"H": 3600, "M": 60, "S": 1}


def _duration_seconds(value: str) -> str | None:
    """A TIMEX3 duration in seconds as the spec counts them (a year of 365 days, a month of
    30): "PT90M" -> "5400"; None for other or vague values."""
    m = re.fullmatch(r"P((?:\d+(?:\.\d+)?[YMWD])*)(?:T((?:\d+(?:\.\d+)?[HMS])+))?", value)
    if not m or value == "P":
        return None
    total = sum(float(n) * _SECONDS[u] for n, u in re.findall(r"([\d.]+)([YMWD])", m.group(1)))
    total += sum(float(n) * _CLOCK_SECONDS[u]
                 for n, u in re.findall(r"([\d.]+)([HMS])", m.group(2) or ""))
    return f"{int(total)}" if total == int(total) else None


def our_values(time) -> set[str]:
    """A factwire Time's value in the forms the spec writes: the value itself, a clock
    time without its day, a range's ends, a calendar unit's days, a duration's seconds."""
    values = {time.value}
    values.add(_interval(time.value) or "")
    values.add(_duration_seconds(time.value) or "")
    if time.value and "T" in time.value:
        values.add("T" + time.value.split("T", 1)[1])
    if time.begin and time.until:
        values.add(f"{time.begin}/{time.until}")
        if "T" in time.begin and "T" in time.until:  # clock range on the anchor day
            values.add(f"T{time.begin.split('T', 1)[1]}/T{time.until.split('T', 1)[1]}")
    values.discard("")
    return values


# TimeML leaves the signal word out of the expression ("since [August]"); the spec keeps it
SIGNAL = re.compile(r"^(?:since|from|between|in|on|at|for|by|until|till|through|during|"
                    r"before|after|within|around|about)\s+", re.IGNORECASE)


# TimeML puts a leading article inside the expression ("the next quarter"); the spec does not
_ARTICLE = re.compile(r"the\s+", re.IGNORECASE)


def expected_span(text: str, result: dict, signals: bool) -> tuple[int, int]:
    """The spec's span (its End is inclusive), without a leading signal word or article
    if asked."""
    start, end = result["Start"], result["End"] + 1
    if signals:
        cut = SIGNAL.match(text[start:end])
        if cut and cut.end() < end - start:
            start += cut.end()
        start = _without_article(text, start, end)
    return start, end


def _without_article(text: str, start: int, end: int) -> int:
    cut = _ARTICLE.match(text, start)
    return cut.end() if cut and cut.end() < end else start


def case_passes(nlp, case: dict, signals: bool = False) -> bool:
    """True when spans and values match the spec's results exactly."""
    reference = case.get("Context", {}).get("ReferenceDateTime", "2016-11-07T00:00:00")
    doc = nlp.make_doc(case["Input"])
    doc._.published = dt.date.fromisoformat(reference[:10])
    times = nlp(doc)._.times
    key = {id(t): (_without_article(case["Input"], t.start, t.end) if signals else t.start,
                   t.end) for t in times}
    found = {key[id(t)]: t for t in times}
    expected = {expected_span(case["Input"], r, signals): r for r in case["Results"]}
    if signals:
        found = _join_ranges(times, expected, found, key)
    if set(found) != set(expected):
        return False
    return all(our_values(found[k]) & accepted_values(expected[k]) for k in expected)


def _join_ranges(times, expected: dict, found: dict, key: dict) -> dict:
    """Two found ends of one range inside one expected span count as that span."""
    joined = dict(found)
    for start, end in expected:
        inside = [t for t in times if start <= t.start and t.end <= end]
        if len(inside) == 2 and inside[0].begin and inside[0].until:
            for t in inside:
                joined.pop(key[id(t)], None)
            joined[(start, end)] = inside[0]
    return joined


def category(case: dict) -> str:
    results = case["Results"]
    return results[0].get("TypeName", "?").removeprefix("datetimeV2.") if results else "none"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", type=int, default=0, help="print this many failures")
    args = parser.parse_args()
    import spacy

    from factwire.nlp import MODEL
    from factwire.nlp import times as _times  # noqa: F401

    nlp = spacy.load(MODEL, exclude=["senter"])
    nlp.add_pipe("factwire_times")
    cases = load_cases()
    total, passed, total_py, passed_py = Counter(), Counter(), Counter(), Counter()
    strict = Counter()
    shown = 0
    for case in cases:
        cat, ok = category(case), case_passes(nlp, case, signals=True)
        strict[cat] += case_passes(nlp, case)
        total[cat] += 1
        passed[cat] += ok
        if "python" not in case.get("NotSupported", "").lower():
            total_py[cat] += 1
            passed_py[cat] += ok
        if not ok and shown < args.failures:
            shown += 1
            doc = nlp.make_doc(case["Input"])
            ref = case.get("Context", {}).get("ReferenceDateTime", "2016-11-07")[:10]
            doc._.published = dt.date.fromisoformat(ref)
            got = [(t.text, t.value) for t in nlp(doc)._.times]
            want = [(r["Text"], sorted(accepted_values(r))) for r in case["Results"]]
            print(f"FAIL {case['Input']!r} ref={ref}\n  got  {got}\n  want {want}")
    print(f"Recognizers-Text DateTimeModel.json: {len(cases)} cases")
    print(f"{'category':15} {'all':>14} {'python-supported':>18}")
    for cat in sorted(total, key=lambda c: -total[c]):
        print(f"{cat:15} {passed[cat]:4}/{total[cat]:<4} {passed[cat] / total[cat]:.3f} "
              f"{passed_py[cat]:4}/{total_py[cat]:<4} "
              f"{passed_py[cat] / total_py[cat] if total_py[cat] else 0:.3f}")
    n, p = sum(total.values()), sum(passed.values())
    n_py, p_py = sum(total_py.values()), sum(passed_py.values())
    print(f"{'overall':15} {p:4}/{n:<4} {p / n:.3f} {p_py:4}/{n_py:<4} {p_py / n_py:.3f}")
    print(f"(spans compared without a leading signal word, a range's two ends joined; with the "
          f"spec's spans verbatim: {sum(strict.values())}/{n} = {sum(strict.values()) / n:.3f})")


if __name__ == "__main__":
    main()
