"""Microsoft Recognizers-Text DateTime spec (English DateTimeModel.json): factwire_times.

A case passes when factwire finds exactly the expected expressions and each one's value is
one the spec accepts. Each case's ReferenceDateTime is the anchor (publication date).

Spans. The spec's span (its End is inclusive) is compared with factwire's, with two
differences of annotation style forgiven, because factwire writes TimeML (TempEval-3 scores
it as such): a signal word ("since", "from", "in", "between", "as early as", "no later
than", ...; "or later" at the end) and a leading "the" are left out of the spec's span, and
"the" out of factwire's; and where TimeML writes a range as its parts ("from [5] to [6pm]",
"[Monday] [8]-[9am]", "[today] before [4pm]"), the expressions inside one expected span
count as that span when one of them carries the range (begin and/or until). A span
equal to the spec's verbatim span ("at the moment", signal word included) matches too.
Nothing else: a missing or an extra expression fails the case.

Values. A point (date, time, duration, set) matches its TIMEX or its resolved value (an
hour without minutes, "T15", is "T15:00"; a clock time may be given without its day);
factwire's calendar values also count as the days they cover ("2019-Q3" =
"2019-07-01/2019-10-01", the decade "199" = "1990-01-01/2000-01-01") and durations as
seconds ("PT90M" = "5400", a year of 365 days, a month of 30, as the spec counts), a
duration in quarters as months ("P1Q" = "P3M"). A bounded range ("start/end" in the spec) needs both ends
from factwire's begin and until: begin's first day, and until's first day or the day after
it (the spec ends "from 10/1 to 11/7" on 11/7 but "the next 3 days" on the day after them);
one end alone does not pass, nor does the whole unit's TIMEX for a part of it ("the end of
2000", Mod "end"). An open range (Mod "since"/"after"/"before"/"until": only a start or
only an end) needs factwire's begin alone or until alone on that boundary or its TIMEX. A
range whose two ends are one day ("in 2 weeks": begin = until) counts as that day.

Reported by the spec's first result type ("none" = nothing should be found), for all cases
and for those the spec does not mark NotSupported for python; the spec's spans verbatim
(no signal word left out, no joining) are printed too.

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
    """Every value string the spec accepts for one expected result.

    A point (date, time, duration, set) is its TIMEX or its resolved value; a bounded range
    is its TIMEX or "start/end" (one end alone is not enough); an open range (the spec's Mod
    "since"/"after"/"before"/"until", with only a start or only an end) is ">start" or
    "<end", or its TIMEX marked the same way (">2018" for "after 2018"). A part of a unit
    ("the end of 2000": Mod "end") is only its start and end, not the whole unit's TIMEX."""
    accepted = set()
    for value in result.get("Resolution", {}).get("values", []):
        timex = value.get("timex", "")
        if value.get("Mod", "approx") != "approx" and "start" in value and "end" in value:
            timex = ""
        if "start" in value and "end" in value:
            accepted.update({timex, f"{_iso(value['start'])}/{_iso(value['end'])}"})
        elif "start" in value:
            accepted.update({f">{timex}", f">{_iso(value['start'])}"})
        elif "end" in value:
            accepted.update({f"<{timex}", f"<{_iso(value['end'])}"})
        else:
            accepted.update({timex, _iso(value.get("value", ""))})
    accepted -= {"", ">", "<", "not resolved"}
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


def _interval(value: str) -> tuple[str, str] | None:
    """The days a calendar DATE value covers, as the spec writes them (start, end excluded):
    "2019-Q3" -> ("2019-07-01", "2019-10-01"); a day or a clock time is its own start, its
    end the next day or minute; None for other values."""
    weekend = re.fullmatch(r"(\d{4})-W(\d\d)-WE", value)
    if weekend:  # Saturday and Sunday
        start = dt.date.fromisocalendar(int(weekend.group(1)), int(weekend.group(2)), 6)
        return str(start), str(start + dt.timedelta(days=2))
    m = re.fullmatch(r"(\d{4})(?:-(?:(\d\d)|Q([1-4])|H([12])|W(\d\d)))?", value)
    if m:
        year = int(m.group(1))
        if m.group(5):  # ISO week
            start = dt.date.fromisocalendar(year, int(m.group(5)), 1)
            return str(start), str(start + dt.timedelta(days=7))
        first, months = (int(m.group(2)), 1) if m.group(2) else (
            (3 * int(m.group(3)) - 2, 3) if m.group(3) else (
                (6 * int(m.group(4)) - 5, 6) if m.group(4) else (1, 12)))
        start = dt.date(year, first, 1)
        end_month = first + months
        end = dt.date(year + (end_month - 1) // 12, (end_month - 1) % 12 + 1, 1)
        return str(start), str(end)
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:  # "2019-02-29" is no day: it covers none
            return None
        return value, str(day + dt.timedelta(days=1))
    if re.fullmatch(r"(?:\d{4}-\d\d-\d\d)?T\d\d:\d\d", value):
        return value, value
    if re.fullmatch(r"\d{3}", value):  # decade "199" = 1990-1999
        return f"{int(value) * 10:04d}-01-01", f"{int(value) * 10 + 10:04d}-01-01"
    if re.fullmatch(r"\d\d", value):  # century "20" = 2000-2099
        return f"{int(value) * 100:04d}-01-01", f"{int(value) * 100 + 100:04d}-01-01"
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
    time without its day, a calendar unit's days, a duration's seconds; a range's ends as
    "start/end" (the spec's end is the first day of the last unit in "from 10/1 to 11/7"
    but the day after the range in "the next 3 days": either counts), an open range's one
    end as ">start" or "<end", and a range of a single point as that point."""
    values = {time.value, _duration_seconds(time.value or "") or ""}
    quarters = re.fullmatch(r"P(\d+)Q", time.value or "")
    if quarters:  # TIMEX3 writes a quarter as "Q" or as three months
        values.add(f"P{3 * int(quarters.group(1))}M")
    span = _interval(time.value or "")
    if span and time.type == "DATE" and not time.begin and not time.until:
        values.add("/".join(span))
    if time.value and "T" in time.value:
        values.add("T" + time.value.split("T", 1)[1])
    begin, until = _interval(time.begin or ""), _interval(time.until or "")
    if begin and until:
        for end in until:
            values.add(f"{begin[0]}/{end}")
            if "T" in begin[0] and "T" in end:  # clock range on the anchor day
                values.add(f"T{begin[0].split('T', 1)[1]}/T{end.split('T', 1)[1]}")
        if time.begin == time.until:
            values.add(time.begin)
    elif begin:
        values.update({f">{time.begin}", f">{begin[0]}", f">{begin[1]}"})
    elif until:
        values.update({f"<{time.until}", f"<{until[0]}", f"<{until[1]}"})
    for mark in (">", "<"):  # an open range of a clock time, without its day
        values |= {f"{mark}T{v.split('T', 1)[1]}" for v in values if v.startswith(mark) and "T" in v}
    values.discard("")
    return values


# TimeML leaves the signal word out of the expression ("since [August]"); the spec keeps it
SIGNAL = re.compile(r"^(?:since|from|between|in|on|at|for|by|until|till|through|during|"
                    r"before|after|within|around|about|starting(?:\s+on|\s+from)?|beginning"
                    r"(?:\s+on)?|as\s+early\s+as|as\s+late\s+as|no\s+later\s+than|"
                    r"not\s+later\s+than|later\s+than|no\s+earlier\s+than|earlier\s+than|"
                    r"any\s*time\s+from)\s+", re.IGNORECASE)
# ... and a trailing one: "[2018] or later", "[1/1/2016] and after"
TRAILING = re.compile(r"\s+(?:or|and)\s+(?:later|after|earlier|before)$|\s+onwards?$",
                      re.IGNORECASE)


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
        tail = TRAILING.search(text[start:end])
        end = start + tail.start() if tail else end
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
    verbatim = {expected_span(case["Input"], r, False): expected_span(case["Input"], r, signals)
                for r in case["Results"]}
    # a span equal to the spec's own (signal word included: "at the moment") is that span
    key = {id(t): verbatim.get((t.start, t.end)) or (
        _without_article(case["Input"], t.start, t.end) if signals else t.start, t.end)
        for t in times}
    found = {key[id(t)]: t for t in times}
    expected = {expected_span(case["Input"], r, signals): r for r in case["Results"]}
    if signals:
        found = _join_ranges(times, expected, found, key)
    if set(found) != set(expected):
        return False
    return all(our_values(found[k]) & accepted_values(expected[k]) for k in expected)


def _join_ranges(times, expected: dict, found: dict, key: dict) -> dict:
    """The found expressions inside one expected span count as that span when one of them
    carries a range (TimeML writes "Monday 8-9am" as "Monday", "8" and "9am", and "today
    before 4pm" as "today" and "4pm" with until, the spec each as one range); that one's
    value is compared."""
    joined = dict(found)
    for start, end in expected:
        # (a leading "the" of a found expression is left out here too, as for every span)
        inside = [t for t in times if start <= key[id(t)][0] and key[id(t)][1] <= end]
        ranged = [t for t in inside if t.begin and t.until] or \
            [t for t in inside if t.begin or t.until]
        if len(inside) >= 2 and ranged:
            for t in inside:
                joined.pop(key[id(t)], None)
            joined[(start, end)] = ranged[0]
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
