"""Geoparsing accuracy on GeoWebNews (../shared/eval/geowebnews), scored as Gritta et al. do.

    python benchmarks/geo_geowebnews.py [--limit N] [--gold-spans|--spans-only] [--misses FILE]

End to end: spaCy + factwire_entities + factwire_places read each article; every gold place
name of the 2,401-toponym geocoding set counts; one that factwire did not find (no place
entity mention overlaps it) or did not resolve counts as 20,039 km off (half the Earth's
circumference). Reported overall and by toponym type (Literal, Metonymic, demonyms...):
accuracy within 161 km (100 miles), mean and median error, and the AUC of the log error
curve (area under sorted log(1 + km), normalized by log(20,039); 0 is perfect).

The outlet's country is what the pipeline would read from each article's own link (its
country-code domain, ``factwire.geo.outlet.url_country``: 80 of the 200 links have one);
``--no-outlet`` leaves it out.

Beside it: the population baseline (the most populous gazetteer candidate of each gold
name, on the gold spans) and, with ``--gold-spans``, factwire's resolver on the gold spans
(each gold name handed to factwire_places as a GPE entity: resolution without recognition).
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from factwire.geo import distance_km
from factwire.geo.outlet import url_country

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
MISSED_KM = 20039.0
TARGET_TYPES = ("Literal", "Metonymic")


@dataclass
class GoldPlace:
    """One gold toponym: where it is in its article and where it is on Earth."""

    article: int
    start: int
    end: int
    surface: str
    lat: float
    lon: float
    kind: str


def summary(errors: list[float]) -> dict[str, float]:
    """Accuracy@161 km, mean and median error (km) and AUC of the log error curve."""
    if not errors:
        return {"n": 0}
    logs = sorted(math.log(error + 1) for error in errors)
    area = sum((a + b) / 2 for a, b in zip(logs, logs[1:], strict=False))
    auc = area / (math.log(MISSED_KM) * (len(logs) - 1)) if len(logs) > 1 else logs[0]
    return {"n": len(errors), "acc161": sum(e < 161 for e in errors) / len(errors),
            "mean": statistics.fmean(errors), "median": statistics.median(errors),
            "auc": auc}


def print_table(title: str, errors_by_kind: dict[str, list[float]]) -> None:
    """One block of results: overall, the target types together, then each type."""
    print(f"\n{title}")
    print(f"  {'type':26} {'n':>5} {'acc@161':>8} {'mean km':>9} {'median':>8} {'AUC':>6}")
    everything = [e for errors in errors_by_kind.values() for e in errors]
    target = [e for kind in TARGET_TYPES for e in errors_by_kind.get(kind, [])]
    rows = [("ALL", everything), ("Literal+Metonymic", target)]
    rows += sorted(errors_by_kind.items(), key=lambda item: -len(item[1]))
    for name, errors in rows:
        s = summary(errors)
        if s["n"]:
            print(f"  {name:26} {s['n']:5d} {s['acc161']:8.3f} {s['mean']:9.0f} "
                  f"{s['median']:8.0f} {s['auc']:6.3f}")


def pipeline():
    """spaCy's model + factwire_entities + factwire_places (the rest is not needed here)."""
    import spacy

    from factwire.nlp import MODEL, register_components

    register_components()
    nlp = spacy.load(MODEL, exclude=["senter"])
    nlp.add_pipe("factwire_entities")
    nlp.add_pipe("factwire_places")
    return nlp


def make_docs(nlp, texts: list[str], countries: list[str | None] | None):
    """The articles as Docs, each with its outlet's country (ISO alpha-2 or None)."""
    for number, text in enumerate(texts):
        doc = nlp.make_doc(text)
        doc._.outlet_country = countries[number] if countries else None
        yield doc


def predicted_errors(nlp, texts: list[str], gold: list[GoldPlace],
                     countries: list[str | None] | None = None) -> list[float]:
    """End to end: each gold place's error given the place entities factwire found.

    Each gold place also gets a note (``NOTES``): the entity that covered it, for
    ``--misses``.
    """
    by_article = defaultdict(list)
    for place in gold:
        by_article[place.article].append(place)
    errors = {}
    for number, doc in enumerate(nlp.pipe(make_docs(nlp, texts, countries), batch_size=8)):
        spans = [(m.start, m.end, entity) for entity in doc._.entities or []
                 for m in entity.mentions]
        for place in by_article[number]:
            errors[id(place)] = _error(place, spans)
    return [errors.get(id(place), MISSED_KM) for place in gold]


NOTES: dict[int, str] = {}


def _error(place: GoldPlace, spans) -> float:
    """The error of the entity whose mention overlaps the gold span most, then fits it best:
    "Kansas City" is the city's entity, not the state's one inside it."""
    overlaps = [(min(end, place.end) - max(start, place.start), end - start, entity)
                for start, end, entity in spans if start < place.end and place.start < end]
    overlaps.sort(key=lambda item: (-item[0], item[1]))  # then the closest fit
    hits = [entity for *_, entity in overlaps]
    NOTES[id(place)] = "; ".join(f"{e.type}:{e.name}:{e.country}:{e.geo}" for e in hits)
    hits = [entity.geo for entity in hits if entity.geo is not None]
    if not hits:
        return MISSED_KM
    return distance_km(place.lat, place.lon, hits[0].lat, hits[0].lon)


def gold_span_errors(nlp, texts: list[str], gold: list[GoldPlace],
                     countries: list[str | None] | None = None) -> list[float]:
    """factwire_places alone: each article's gold names handed to it as GPE entities."""
    from factwire.model import Entity, TextSpan

    places = nlp.get_pipe("factwire_places")
    by_article = defaultdict(list)
    for place in gold:
        by_article[place.article].append(place)
    errors = {}
    for number, doc in enumerate(make_docs(nlp, texts, countries)):
        entities: dict[str, Entity] = {}
        for place in by_article[number]:
            entity = entities.setdefault(place.surface, Entity(
                id=f"e{len(entities) + 1}", name=place.surface, type="GPE"))
            entity.mentions.append(TextSpan(place.start, place.end, place.surface))
        doc._.entities = list(entities.values())
        places(doc)
        for place in by_article[number]:
            entity = entities[place.surface]
            geo = entity.geo
            NOTES[id(place)] = f"{entity.name}:{geo}"
            errors[id(place)] = (MISSED_KM if geo is None else
                                 distance_km(place.lat, place.lon, geo.lat, geo.lon))
    return [errors[id(place)] for place in gold]


def population_errors(gold: list[GoldPlace]) -> list[float]:
    """The population baseline: the most populous candidate of each gold name."""
    from factwire.geo import load_index

    index = load_index()
    errors = []
    for place in gold:
        found = [named.place for named in index.lookup(place.surface)]
        if not found:
            errors.append(MISSED_KM)
            continue
        best = max(found, key=lambda p: (p.feature == "country", p.population))
        errors.append(distance_km(place.lat, place.lon, best.lat, best.lon))
    return errors


def by_kind(gold: list[GoldPlace], errors: list[float]) -> dict[str, list[float]]:
    grouped = defaultdict(list)
    for place, error in zip(gold, errors, strict=True):
        grouped[place.kind].append(error)
    return grouped


def read_geowebnews(folder: Path) -> tuple[list[str], list[GoldPlace], list[str | None]]:
    """Article texts, the geocoding gold (gwn_full_geocoding_gold.txt), typed from GWN.xml,
    and each article's link."""
    root = ET.parse(folder / "GWN.xml").getroot()
    texts, kinds, links = [], {}, []
    for number, article in enumerate(root.iter("article")):
        texts.append(article.findtext("text") or "")
        links.append(article.findtext("link"))
        for toponym in article.iter("toponym"):
            key = (number, int(toponym.findtext("start")), int(toponym.findtext("end")))
            kinds[key] = toponym.findtext("type") or "?"
    gold = []
    lines = (folder / "gwn_full_geocoding_gold.txt").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        for entry in filter(None, line.strip().split("||")):
            _, surface, lat, lon, start, end = entry.split(",,")[:6]
            start, end = int(start), int(end)
            gold.append(GoldPlace(number, start, end, surface, float(lat), float(lon),
                                  kinds.get((number, start, end), "?")))
    return texts, gold, links


def write_misses(path: Path, texts, gold, errors) -> None:
    """Each gold place factwire got wrong (> 161 km), with its context, for error analysis."""
    with path.open("w", encoding="utf-8") as out:
        for place, error in zip(gold, errors, strict=True):
            if error >= 161:
                text = texts[place.article]
                context = text[max(0, place.start - 60):place.end + 60].replace("\n", " ")
                out.write(f"{place.article}\t{place.kind}\t{place.surface}\t{error:.0f}\t"
                          f"{place.lat},{place.lon}\t{context}\t{NOTES.get(id(place))}\n")


def run(texts: list[str], gold: list[GoldPlace], args,
        countries: list[str | None] | None = None) -> int:
    """Score and print; shared by the GeoWebNews and LGL benchmarks. ``countries``: each
    article's outlet country (ISO alpha-2 or None), left out with ``--no-outlet``."""
    if args.limit:
        gold = [place for place in gold if place.article < args.limit]
        texts = texts[:args.limit]
    countries = None if args.no_outlet or not countries else countries[:len(texts)]
    if countries:
        known = Counter(country for country in countries if country)
        print(f"outlet country given for {sum(known.values())} of {len(texts)} articles: "
              + ", ".join(f"{code} {n}" for code, n in known.most_common()))
    else:
        print("outlet country: not given")
    nlp = pipeline()
    if not args.spans_only:
        errors = predicted_errors(nlp, texts, gold, countries)
        print_table(f"factwire end to end ({len(texts)} articles, {len(gold)} gold places)",
                    by_kind(gold, errors))
        if args.misses:
            write_misses(Path(args.misses), texts, gold, errors)
    print_table("population baseline (most populous candidate, gold spans)",
                by_kind(gold, population_errors(gold)))
    if args.gold_spans or args.spans_only:
        spans = gold_span_errors(nlp, texts, gold, countries)
        print_table("factwire_places on gold spans (resolution only)", by_kind(gold, spans))
        if args.misses:
            write_misses(Path(args.misses + ".spans"), texts, gold, spans)
    return 0


def arguments(description: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--gold-spans", action="store_true",
                        help="also score factwire_places on the gold spans")
    parser.add_argument("--spans-only", action="store_true",
                        help="only the gold-span scores (no recognition: fast)")
    parser.add_argument("--no-outlet", action="store_true",
                        help="do not give factwire the outlet's country")
    parser.add_argument("--misses", help="write the places off by 161 km or more to FILE "
                        "(and FILE.spans for the gold-span run)")
    return parser.parse_args()


def main() -> int:
    args = arguments(__doc__.splitlines()[0])
    folder = SHARED / "eval" / "geowebnews"
    if not folder.exists():
        print(f"{folder} is absent: this benchmark needs the project's ../shared data",
              file=sys.stderr)
        return 2
    texts, gold, links = read_geowebnews(folder)
    return run(texts, gold, args, [url_country(link) for link in links])


if __name__ == "__main__":
    sys.exit(main())
