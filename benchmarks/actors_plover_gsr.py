"""Actor resolution on the PLOVER gold standard records (../shared/eval/plover-gsr).

For every source and target actor of every sentence, find its ``actorText`` in the
sentence, take the factwire entity its head token maps to (``doc._.entity_at``; else the
entity covering most of the actor's tokens), and compare:

- code: the entity's country, or IGO/NGO for international organizations, with the gold
  ``code`` (ISO3; the file's typos JAP and ITL are read as JPN and ITA);
- sector: the entity's PLOVER sector with the gold ``sector``'s first three letters, over
  actors whose gold sector maps onto factwire's sectors (GOV MIL REB POL MED BUS NGO IGO
  CVL COP JUD LEG; CIV->CVL, OPP/PTY->POL, UAF->REB, REF/LAB/EDU/SOC/AGR->CVL, JRN->MED,
  SPY->GOV, ELI->GOV); the others (MOS, REL, CRM, ***) are not scored.

An actor that factwire resolves to nothing counts as wrong. Targets: code >= 0.92,
sector >= 0.80.

    .venv/bin/python benchmarks/actors_plover_gsr.py [--errors]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GSR = SHARED / "eval" / "plover-gsr" / "PLOVER_GSR_CAMEO.txt"
CODE_FIXES = {"JAP": "JPN", "ITL": "ITA"}
SECTORS = {"GOV", "MIL", "REB", "POL", "MED", "BUS", "NGO", "IGO", "CVL", "COP", "JUD", "LEG"}
SECTOR_MAP = {"CIV": "CVL", "OPP": "POL", "PTY": "POL", "UAF": "REB", "REF": "CVL",
              "LAB": "CVL", "EDU": "CVL", "SOC": "CVL", "AGR": "CVL", "JRN": "MED",
              "SPY": "GOV", "ELI": "GOV"}


def load_records() -> list[dict]:
    if not GSR.exists():
        sys.exit(f"{GSR} is absent: this benchmark needs the project's ../shared data")
    return [r for r in json.loads(GSR.read_text()) if r.get("text") and "id" in r]


def actors(record: dict) -> list[dict]:
    found = []
    for role in ("source", "target"):
        value = record.get(role)
        for actor in value if isinstance(value, list) else []:
            if isinstance(actor, dict) and actor.get("actorText", "").strip():
                found.append(actor)
    return found


def locate(text: str, actor_text: str) -> tuple[int, int] | None:
    """Characters of the actor in the sentence, as a whole word, case-sensitive first;
    "U.S. ... negotiators" spans both parts."""
    parts = [p.strip() for p in actor_text.split("...") if p.strip()]
    first = _find(text, parts[0], 0)
    if first is None and len(parts) == 1 and len(parts[0].split()) > 1:
        # coders shorten coordinations: "US forces" for "US and British forces"
        words = parts[0].split()
        parts = [words[0], words[-1]]
        first = _find(text, parts[0], 0)
    if first is None:
        return None
    last = _find(text, parts[-1], first[0]) if len(parts) > 1 else first
    return (first[0], last[1]) if last else first


def _find(text: str, part: str, since: int) -> tuple[int, int] | None:
    words = [re.escape(word) for word in part.split()]
    pattern = r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)"
    for flags in (0, re.IGNORECASE):
        match = re.compile(pattern, flags).search(text, since)
        if match:
            return match.span()
    return None


def resolve(doc, start: int, end: int):
    """The entity of the actor's head token ("Rebels in the Ivory Coast" -> the rebels),
    else the entity covering most of its tokens."""
    span = doc.char_span(start, end, alignment_mode="expand")
    at = doc._.entity_at or {}
    if span.root.i in at:
        return _entity(doc, at[span.root.i])
    counts: dict[str, int] = {}
    for token in span:
        if token.i in at:
            counts[at[token.i]] = counts.get(at[token.i], 0) + 1
    if not counts:
        return None
    return _entity(doc, max(counts, key=lambda entity_id: counts[entity_id]))


def _entity(doc, entity_id: str):
    return next(e for e in doc._.entities if e.id == entity_id)


def predicted_code(entity) -> str | None:
    if entity is None:
        return None
    if entity.country:
        return entity.country
    return entity.sector if entity.sector in ("IGO", "NGO") else None


def gold_sector(actor: dict) -> str | None:
    sector = (actor.get("sector") or "")[:3].upper()
    sector = SECTOR_MAP.get(sector, sector)
    return sector if sector in SECTORS else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", action="store_true", help="print every miss")
    args = parser.parse_args()
    from factwire.nlp import load

    records = load_records()
    nlp = load()
    later = [name for name in nlp.pipe_names if name.startswith("factwire_")
             and name != "factwire_entities"]
    docs = []
    for record in records:
        doc = nlp.make_doc(record["text"])
        doc._.published = dt.date.fromisoformat(record.get("date") or "2000-01-01")
        doc._.removed = []
        docs.append(doc)
    with nlp.select_pipes(disable=later):
        docs = list(nlp.pipe(docs))
    score(records, docs, args.errors)


def score(records: list[dict], docs: list, show_errors: bool) -> None:
    code_ok = code_n = sector_ok = sector_n = missing = 0
    for record, doc in zip(records, docs, strict=True):
        for actor in actors(record):
            where = locate(record["text"], actor["actorText"])
            entity = resolve(doc, *where) if where else None
            missing += entity is None
            gold = CODE_FIXES.get(actor.get("code"), actor.get("code"))
            code_n += 1
            code_ok += predicted_code(entity) == gold
            sector = gold_sector(actor)
            if sector is not None:
                sector_n += 1
                sector_ok += entity is not None and entity.sector == sector
            wrong = predicted_code(entity) != gold or (
                sector is not None and (entity is None or entity.sector != sector))
            if show_errors and wrong:
                got = (entity.name, predicted_code(entity), entity.sector) if entity else None
                print(f"{record['id']}: {actor['actorText']!r} gold {gold}/{sector} got {got}")
    print(f"plover-gsr actors: code accuracy {code_ok / code_n:.3f} ({code_ok}/{code_n}), "
          f"sector accuracy {sector_ok / sector_n:.3f} ({sector_ok}/{sector_n}), "
          f"unresolved {missing}")


if __name__ == "__main__":
    main()
