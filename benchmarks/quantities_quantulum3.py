"""Value and value+unit F1 of factwire's quantities on quantulum3's English test sentences.

    python benchmarks/quantities_quantulum3.py [--only] [-v]

Reads ../shared/eval/quantulum3/tests/{quantities.json, quantities.ambiguity.json}. A
predicted quantity matches a gold one when the values agree (relative tolerance 1e-6; a
range counts as its midpoint, as quantulum3 writes ranges) and, for value+unit, the units
agree after mapping quantulum3's unit names to factwire's symbols. quantulum3 writes counts
by the dozen as a unit ("a dozen" is 1 dozen, "a gross" 1 gross); factwire writes the count
(12, 144), so both the gold and quantulum3's output are read as counts.

Each file is scored twice:
- "all gold": every item quantulum3's gold lists;
- "contract gold": without the items factwire's contract (issue 5) says are not quantities:
  bare years ("in 1979", "the 1960s") and bare integers inside names, i.e. written right
  after a capitalized word that does not start the sentence or after a code with digits
  ("Voyager 2", '"English 101"', "South 32 Ltd", "Core i7 860 Processor", "Bahco 9031
  Ergo"). This is the number to compare with the targets; the first shows what the
  contract gives up.
quantulum3 itself (benchmark-only dependency, classifier off) is scored beside factwire
when installed. ``--only``: run spaCy + factwire_quantities alone (faster; no
times/entities components).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "eval" / "quantulum3" / "tests"
FILES = ("quantities.json", "quantities.ambiguity.json")

# quantulum3's canonical unit names -> factwire's unit symbols
UNIT_NAMES = {
    "dimensionless": None, "metre": "m", "kilometre": "km", "centimetre": "cm",
    "millimetre": "mm", "nanometre": "nm", "picometre": "pm", "attometre": "am",
    "mile": "mi", "inch": "in", "foot": "ft", "square kilometre": "km2", "square mile": "mi2",
    "cubic kilometre": "km3", "cubic centimetre": "ml", "litre": "l", "centilitre": "cl",
    "gallon": "gal", "kilogram": "kg", "milligram": "mg", "pound-mass": "lb", "tonne": "t",
    "degree Celsius": "degC", "degree fahrenheit": "degF", "degree Fahrenheit": "degF",
    "kelvin": "K", "percentage": "percent", "pound sterling": "GBP", "dollar": "USD",
    "euro": "EUR", "cent": "cent", "penny": "pence", "week": "week", "day": "day",
    "year": "year", "month": "month", "hour": "hour", "minute": "minute",
    "electronvolt": "eV", "teraelectronvolt": "TeV", "watt hour": "Wh",
    "megawatt hour": "MWh", "gigahertz": "GHz", "megabyte": "MB", "exabyte": "EB",
    "kilometre per hour": "km/h", "dollar per hour": "USD/hour",
    "dollar per kilogram": "USD/kg", "milligray": "mGy", "gray": "Gy", "watt": "W",
    "british thermal unit": "BTU", "cup": "cup", "tablespoon": "tbsp", "dozen": None,
    "count per week": "times/week", "litre per kilometre": "l/km", "bit": "bit",
    "kilobit per second": "kbit/s", "watt per minute": "W/minute", "ton per day": "t/day",
    "kilometre per square second": "km/s2", "kilogram per cubic centimetre": "kg/cm3",
    "dime": "dime", "inverse second": "1/s", "minute of arc": None, "second of arc": None,
    "byte": "B", "kilobyte": "kB", "gigabyte": "GB", "terabyte": "TB", "kibibyte": "KiB",
    "kilobit": "kbit", "megabit": "Mbit", "gigabit": "Gbit",
}


def load_nlp(only: bool):
    """The full factwire pipeline, or spaCy + factwire_quantities only."""
    from factwire.nlp import MODEL, load, register_components

    if not only:
        return load()
    import spacy

    register_components()
    nlp = spacy.load(MODEL, exclude=["senter"])
    nlp.add_pipe("factwire_quantities")
    return nlp


def factwire_predictions(nlp, text: str) -> list[tuple[float, str | None]]:
    out = []
    for q in nlp(text)._.quantities:
        if q.derived:
            continue
        value = q.value
        if value is None and q.low is not None and q.high is not None:
            value = (q.low + q.high) / 2
        if value is not None:
            out.append((value, q.unit))
    return out


def quantulum_parser():
    try:
        import quantulum3.classifier
        from quantulum3 import parser
    except ImportError:
        return None
    quantulum3.classifier.USE_CLF = False
    return parser


# quantulum3's units that are counts: one dozen is twelve things
COUNT_UNITS = {"dozen": 12, "gross": 144, "baker's dozen": 13}


def as_pair(value: float, unit_name: str) -> tuple[float, str | None]:
    """(value, factwire unit) of a quantulum3 value and unit name; dozens become counts."""
    if unit_name in COUNT_UNITS:
        return value * COUNT_UNITS[unit_name], None
    return value, UNIT_NAMES.get(unit_name, unit_name)


def quantulum_predictions(parser, text: str) -> list[tuple[float, str | None]]:
    return [as_pair(q.value, q.unit.name) for q in parser.parse(text)]


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def matched(gold: list, pred: list, with_unit: bool) -> int:
    """How many gold items a prediction matches (each prediction used once)."""
    free = list(pred)
    hits = 0
    for value, unit in gold:
        for i, (pv, pu) in enumerate(free):
            if _same_value(value, pv) and (not with_unit or pu == unit):
                hits += 1
                del free[i]
                break
    return hits


def f1(hits: int, n_gold: int, n_pred: int) -> tuple[float, float, float]:
    p = hits / n_pred if n_pred else 0.0
    r = hits / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def is_year(result: dict) -> bool:
    """quantulum3 counts bare years ("in 1979") as numbers; factwire leaves them to times."""
    value = result["value"]
    return result["unit"] == "dimensionless" and float(value).is_integer() and \
        1000 <= value <= 2100 and result["surface"].strip().isdigit()


def in_name(text: str, result: dict) -> bool:
    """A bare integer inside a name: after a capitalized word that does not start the
    sentence ("Voyager 2", "South 32 Ltd"), after a code with digits ("i7 860"), or between
    two capitalized words ("Bahco 9031 Ergo")."""
    surface = result["surface"].strip()
    if result["unit"] != "dimensionless" or not surface.isdigit():
        return False
    for found in re.finditer(rf"(?<![\w.]){re.escape(surface)}(?![\w.])", text):
        before = re.search(r"(^|[.!?]\s+)?([\w-]+)[\"']?\s*[\"']?$", text[:found.start()])
        after = re.match(r"\s+([A-Z])", text[found.end():])
        if before is None:
            continue
        word, starts = before.group(2), before.group(1) is not None
        if (word[0].isupper() and (not starts or after)) or \
                (re.search(r"[a-z]\d", word) is not None):
            return True
    return False


def score(cases: list, predict, verbose: bool, name: str, contract: bool = False) -> dict:
    totals = {"gold": 0, "pred": 0, "value": 0, "unit": 0}
    for case in cases:
        gold = [as_pair(r["value"], r["unit"]) for r in case["res"]
                if not (contract and (is_year(r) or in_name(case["req"], r)))]
        pred = predict(case["req"])
        totals["gold"] += len(gold)
        totals["pred"] += len(pred)
        totals["value"] += matched(gold, pred, False)
        hits = matched(gold, pred, True)
        totals["unit"] += hits
        if verbose and (hits != len(gold) or len(pred) != len(gold)):
            print(f"  [{name}] {case['req'][:90]!r}\n      gold {gold}\n      pred {pred}")
    return totals


def report(label: str, totals: dict) -> None:
    _, _, value_f1 = f1(totals["value"], totals["gold"], totals["pred"])
    p, r, unit_f1 = f1(totals["unit"], totals["gold"], totals["pred"])
    print(f"{label:49} gold {totals['gold']:3} pred {totals['pred']:3}  value F1 {value_f1:.3f}"
          f"  value+unit P {p:.3f} R {r:.3f} F1 {unit_f1:.3f}")


def main() -> int:
    if not DATA.exists():
        print(f"{DATA} is absent: this benchmark needs the project's ../shared data",
              file=sys.stderr)
        return 2
    verbose, only = "-v" in sys.argv, "--only" in sys.argv
    nlp = load_nlp(only)
    parser = quantulum_parser()
    if parser is None:
        print("quantulum3 is not installed: scoring factwire only")
    else:
        from importlib.metadata import version
        print(f"quantulum3 {version('quantulum3')} (classifier off)")
    for name in FILES:
        cases = json.loads((DATA / name).read_text(encoding="utf-8"))
        predict = {"factwire": lambda t: factwire_predictions(nlp, t)}
        if parser is not None:
            predict["quantulum3"] = lambda t: quantulum_predictions(parser, t)
        for label, contract in (("all gold", False), ("contract gold", True)):
            for system, run in predict.items():
                shown = verbose and contract and system == "factwire"
                report(f"{system:10} {name} {label}", score(cases, run, shown, system, contract))
    return 0


if __name__ == "__main__":
    sys.exit(main())
