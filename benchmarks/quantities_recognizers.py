"""Pass rates of factwire's numbers and quantities on Microsoft Recognizers-Text English specs.

    python benchmarks/quantities_recognizers.py [--only] [-v]

Reads ../shared/eval/recognizers-text-en:
- ``Number/English/NumberModel.json``: a case passes when the values found equal the
  gold values (as a multiset). Scored for factwire's number reader (``find_numbers``,
  ordinals left out), for the full quantities component (a range gives its two ends), and
  for quantulum3.
- ``NumberWithUnit/English/{Age,Currency,Dimension,Temperature}Model.json``: a case passes
  when the (value, unit) pairs of that kind equal the gold ones. Recognizers has no rate
  units, so a rate where the gold has none is compared by its first unit ("500,000 barrels
  a day": bbl/day vs Barrel). Recognizers' "Degree" is a temperature of unstated scale in
  the Temperature model (factwire: degT) and an angle in the Dimension model (deg); each
  model counts the predictions of its own dimension. "numbers-only" leaves out cases whose
  gold lists bare unit names without a number ("convert 10 celsius to fahrenheit": the
  target of a conversion): a numeric claim carries a figure, so factwire's contract has no
  quantity for a unit name alone and those cases cannot pass; "all" counts them as failures.
Rates are given over all cases and over those the Recognizers Python port itself supports
(no "python" in ``NotSupported``). ``--only``: spaCy + factwire_quantities alone.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "eval" / "recognizers-text-en"
sys.path.insert(0, str(REPO / "benchmarks"))

from quantities_quantulum3 import (  # noqa: E402
    UNIT_NAMES,
    _same_value,
    load_nlp,
    quantulum_parser,
)

UNIT_MODELS = ("AgeModel", "CurrencyModel", "DimensionModel", "TemperatureModel")
# Recognizers' unit names -> factwire's
RECOGNIZER_UNITS = {
    "Year": "year", "Month": "month", "Week": "week", "Day": "day", "Age": "year",
    "Dollar": "USD", "Pound": "GBP", "Cent": "cent", "Pence": "pence", "Penny": "pence",
    "Euro": "EUR", "Franc": "CHF", "Rupee": "INR", "Finnish markka": "FIM", "Peseta": "ESP",
    "Netherlands guilder": "NLG", "Sen": "sen",
    "Mile": "mi", "Meter": "m", "Foot": "ft", "Gallon": "gal", "Metric ton": "t",
    "Kilometer per hour": "km/h", "Kilogram": "kg", "Microgram": "ug", "Inch": "in",
    "Square meter": "m2", "Ton": "ton", "Kilometer": "km", "Millimeter": "mm",
    "Picometer": "pm", "Milliliter": "ml", "Barrel": "bbl", "Ounce": "oz", "Acre": "acre",
    "Cubic foot": "ft3", "Bit": "bit", "Mile per hour": "mph", "Square kilometer": "km2",
    "Decimeter": "dm", "Megabit": "Mbit", "Megabyte": "MB", "Gram": "g",
    "C": "degC", "F": "degF", "Degree": "deg", "Radian": "rad",
    "Meter per millisecond": "m/ms", "Centimeter per millisecond": "cm/ms",
    "Kilometer per millisecond": "km/ms",
}
# Recognizers writes "Degree" for a temperature whose scale is left out ("the temperature is
# 98 degrees") and for an angle; factwire tells them apart: degT and deg
MODEL_UNITS = {"TemperatureModel": {"Degree": "degT"}}
# units Recognizers names more broadly than factwire ("Ton" is any ton)
EQUIVALENT = {"ton": {"t", "ton"}, "Tablespoon": {"tbsp"}, "Teaspoon": {"tsp"}, "Cup": {"cup"},
              "Bitcoin": {"XBT"}}
DIMENSIONS = {"AgeModel": {"time"}, "CurrencyModel": {"money"},
              "TemperatureModel": {"temperature"}}


def read_cases(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8-sig"))


def python_supported(case: dict) -> bool:
    return "python" not in (case.get("NotSupported") or "").lower()


def same_values(gold: list[float], pred: list[float]) -> bool:
    if len(gold) != len(pred):
        return False
    free = list(pred)
    for value in gold:
        hit = next((i for i, p in enumerate(free) if _same_value(value, p)), None)
        if hit is None:
            return False
        del free[hit]
    return True


def same_pairs(gold: list[tuple], pred: list[tuple]) -> bool:
    if len(gold) != len(pred):
        return False
    free = list(pred)
    for value, unit in gold:
        units = EQUIVALENT.get(unit, {unit})
        hit = next((i for i, (v, u) in enumerate(free)
                    if _same_unit(u, units) and (value is None or _same_value(value, v))),
                   None)
        if hit is None:
            return False
        del free[hit]
    return True


def _same_unit(pred: str | None, gold: set[str]) -> bool:
    """Recognizers has no rates: "500,000 barrels a day" is gold Barrel, so a rate
    predicted where the gold unit is none is compared by what it counts (bbl/day -> bbl)."""
    if pred in gold:
        return True
    return pred is not None and "/" in pred and not any("/" in g for g in gold) and \
        pred.split("/")[0] in gold


def quantity_values(nlp, text: str) -> list[float]:
    out: list[float] = []
    for q in nlp(text)._.quantities:
        if q.derived:
            continue
        out += [q.value] if q.value is not None else [v for v in (q.low, q.high) if v is not None]
    return out


def reader_values(text: str) -> list[float]:
    from factwire.nlp.numbers import find_numbers

    return [n.value for n in find_numbers(text) if n.kind != "ordinal" and n.value is not None]


def rate(results: list[tuple]) -> str:
    """ "passed/total = rate" over all cases, the Python-supported ones and (unit models)
    the cases whose gold mentions all carry a number (factwire extracts figures, not bare
    unit names such as "convert to fahrenheit")."""
    def part(name: str, oks: list[bool]) -> str:
        return f"{name} {sum(oks)}/{len(oks)} = {sum(oks) / max(1, len(oks)):.3f}"
    out = [part("all", [r[0] for r in results]),
           part("python-supported", [r[0] for r in results if r[1]])]
    if all(len(r) > 2 for r in results):
        out.append(part("numbers-only", [r[0] for r in results if r[2]]))
    return "   ".join(out)


def number_model(nlp, parser, verbose: bool) -> None:
    cases = read_cases(DATA / "Number" / "English" / "NumberModel.json")
    systems = {"factwire numbers.find_numbers": reader_values,
               "factwire quantities": lambda t: quantity_values(nlp, t)}
    if parser is not None:
        systems["quantulum3"] = lambda t: [q.value for q in parser.parse(t)]
    for name, predict in systems.items():
        results = []
        for case in cases:
            gold = [float(r["Resolution"]["value"]) for r in case["Results"]
                    if r["Resolution"].get("value") is not None]
            try:
                pred = predict(case["Input"])
            except Exception as error:  # quantulum3 raises on some inputs: count as a fail
                pred = [f"error {error!r}"]
            ok = isinstance(pred, list) and all(isinstance(p, float | int) for p in pred) and \
                same_values(gold, pred)
            results.append((ok, python_supported(case)))
            if verbose and not ok and name.startswith("factwire q"):
                print(f"  {case['Input'][:80]!r} gold {gold} pred {pred}")
        print(f"NumberModel  {name:32} {rate(results)}")


def in_model(model: str, unit: str | None) -> bool:
    from factwire.nlp.units import dimension_of

    if unit is None:
        return False
    dimension = dimension_of(unit) or ""
    if model == "DimensionModel":
        return dimension not in ("money", "time", "temperature", "ratio", "count")
    return dimension in DIMENSIONS[model]


def gold_pairs(case: dict, model: str) -> list[tuple]:
    out = []
    for r in case["Results"]:
        res = r["Resolution"]
        name = res.get("unit")
        unit = res.get("isoCurrency") or MODEL_UNITS.get(model, {}).get(name) or \
            RECOGNIZER_UNITS.get(name, name)
        if model == "DimensionModel" and res.get("unit") == "Pound":
            unit = "lb"
        value = res.get("value")
        out.append((float(value) if value is not None else None, unit))
    return out


def unit_models(nlp, parser, verbose: bool) -> None:
    for model in UNIT_MODELS:
        cases = read_cases(DATA / "NumberWithUnit" / "English" / f"{model}.json")
        mine, theirs = [], []
        for case in cases:
            gold = gold_pairs(case, model)
            pred = [(q.value, q.unit) for q in nlp(case["Input"])._.quantities
                    if not q.derived and q.value is not None and in_model(model, q.unit)]
            ok = same_pairs(gold, pred)
            valued = all(value is not None for value, _ in gold)
            mine.append((ok, python_supported(case), valued))
            if verbose and not ok:
                print(f"  [{model}] {case['Input'][:80]!r} gold {gold} pred {pred}")
            if parser is not None:
                theirs.append((_quantulum_ok(parser, model, case, gold),
                               python_supported(case), valued))
        print(f"{model:16} factwire   {rate(mine)}")
        if parser is not None:
            print(f"{model:16} quantulum3 {rate(theirs)}")


def _quantulum_ok(parser, model: str, case: dict, gold: list) -> bool:
    try:
        found = parser.parse(case["Input"])
    except Exception:  # quantulum3 raises on some inputs: count as a fail
        return False
    pred = []
    for q in found:
        unit = UNIT_NAMES.get(q.unit.name, q.unit.name)
        if model == "CurrencyModel" and q.unit.currency_code:
            unit = q.unit.currency_code
        if in_model(model, unit):
            pred.append((q.value, unit))
    return same_pairs(gold, pred)


def main() -> int:
    if not DATA.exists():
        print(f"{DATA} is absent: this benchmark needs the project's ../shared data",
              file=sys.stderr)
        return 2
    verbose = "-v" in sys.argv
    nlp = load_nlp("--only" in sys.argv)
    parser = quantulum_parser()
    if parser is not None:
        from importlib.metadata import version
        print(f"quantulum3 {version('quantulum3')} (classifier off)")
    number_model(nlp, parser, verbose)
    unit_models(nlp, parser, verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
