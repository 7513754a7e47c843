"""Event coder logic on PETRARCH2's unit-test records (../shared/eval/petrarch2-unittest).

The records use invented actors (Arnor, Gondor, ...). We give factwire the names of the
unit tests' actor dictionary as entities (``ACTORS`` below, from petrarch2's
PETR.Validate.actors.txt, MIT), injected into ``doc._.entities`` / ``doc._.entity_at`` right
after factwire's own entities component, then run the rest of the pipeline.

Score: the share of expected codings whose CAMEO root maps (data/plover_cameo_roots.tsv) to
the type of one of our events in the sentence, with matching source (an actor's country
code) and target (a recipient's). For the mutual types CONSULT, AGREE and COOPERATE the
dyad may come in either order, or both sides may be coordinated actors (PETRARCH codes both
"meet" directions and "X and Y agree" as a dyad; we code one event).
A "---" side matches anything. Codings whose root has no PLOVER type (01, and the suite's
private codes such as 223 or 901) are left out and counted. Sentences marked "noevents"
count as right when we find no event with confidence >= 0.5. We also report the dyad
alone (the coder logic the suite tests: passives, compounds, possessives), any type.

Note: the suite's verb dictionary is its own (a test of coder logic, e.g. "delayed their
meeting" is coded 191), so a semantic coder cannot reach PETRARCH's own score.

Run:  .venv/bin/python benchmarks/events_petrarch2.py [--errors]
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
RECORDS = SHARED / "eval" / "petrarch2-unittest" / "PETR.UnitTest.records.xml"
MUTUAL = {"CONSULT", "AGREE", "COOPERATE"}

# name (words; a word without a trailing "_" also matches as a prefix, as in TABARI) -> code
ACTORS = {
    "hamas": "PSE", "israel": "ISR", "israeli": "ISR", "jordan": "JOR", "egyptian": "EGY",
    "palestinian": "PSE", "afghanistan": "AFG", "al-qaeda": "IMG", "amnesty international":
    "NGM", "aragorn": "RNG", "argentin": "ARG", "arnor": "ARN", "athens": "GRC",
    "australia": "AUS", "australian": "AUS", "bilbo": "HOB", "boromir": "---", "bree": "BRE",
    "budapest": "HUN", "bulgar": "BUL", "caras galadhon": "ELF", "calenardhon": "CAL",
    "calimehtar": "CAL", "central african republic": "CAF", "cyprus": "CYP", "czech": "CZE",
    "dagolath": "DAG", "telemar": "DAG", "denmark": "DNK", "danish": "DNK", "zealand": "DNK",
    "durthang orc": "MOR", "egypt": "UAR", "elrond": "ELF", "england": "UNK",
    "eriador": "ERI", "eriadori": "ERI", "eriadorian": "ERI", "ethiopia": "ETH",
    "europe": "EEC", "european union": "IGO", "fornost": "FOR", "france": "FRA",
    "french": "FRA", "frodo": "HOB", "galadriel": "ELF", "gandalf": "WIZ", "gollum": "HOB",
    "smeagol": "HOB", "gondor": "GON", "minas tirith": "GON", "anorien": "GON",
    "india": "IND", "indonesia": "INS", "interpol": "IGO", "iran": "IRN", "iraq": "IRQ",
    "italy": "ITA", "italian": "ITA", "ithilen": "ITH", "ivory coast": "IVO", "japan": "JAP",
    "kuwait": "KUW", "lebanon": "LEB", "libya": "LBY", "lithuania": "LTH", "lorien": "ELR",
    "luxembourg": "LUX", "mexico": "MEX", "mordor": "MOR", "barad-dur": "MOR",
    "new zealand": "NZE", "north korea": "PRK", "pyongyang": "PRK", "north yemen": "YEM",
    "norway": "NOR", "norwegian": "NOR", "oman": "MOM", "osgiliath": "OSG",
    "pakistan": "PAK", "pakistani": "PAK", "palestine": "PAL", "philippines": "PHL",
    "plo": "PAL", "dol amroth": "DOL", "quibbler": "HGW", "radagast": "RAD",
    "red cross": "NGO", "rohan": "ROH", "rohans": "ROH", "russia": "RUS", "russian": "RUS",
    "romania": "ROM", "romendacil": "BRE", "saudi": "SAU", "senegal": "SEN",
    "south korea": "KOR", "seoul": "KOR", "syria": "SYR", "taiwan": "ROC", "tunis": "TUN",
    "united nations": "UNO", "u.n.": "UNO", "security council": "UNO", "ussr": "USR",
    "uae": "UAE", "united arab emirates": "UAE", "united states": "USA", "usa": "USA",
    "u.s.": "USA", "washington": "USA", "white house": "USA", "world bank": "IBR",
    "yemen": "YEM", "zaire": "COD", "zambia": "ZAM", "zimbabwe": "ZBW", "sam gamgee": "HOB",
    "hamfast gamgee": "HOB", "cirith ungol": "MOR", "morgul orcs": "MRG",
    "elfstan fairbairn": "HOB", "doderic brandybuck": "SHR", "white downs": "SHR",
    "michel delving": "SHR", "tuckborough": "TOK", "the hermit kingdom": "PRK",
    "slinker": "HOB", "stinker": "HOB", "onodoher": "ONO", "ent": "ENT", "the shire": "FRO", "imf": "IMF",
    "monetary fund": "IMF", "the dark tower": "MOR", "the au": "IGO", "the ku": "USA",
}


def cameo_to_plover() -> dict[str, set[str]]:
    """CAMEO root ("04") -> PLOVER types, from data/plover_cameo_roots.tsv."""
    text = resources.files("factwire.data").joinpath("plover_cameo_roots.tsv").read_text()
    table = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            root, _, types = line.partition("\t")
            table[root.strip()] = {t for t in types.strip().split(",") if t}
    return table


def records() -> list[dict]:
    """The unit-test sentences with their expected codings."""
    if not RECORDS.exists():
        sys.exit(f"{RECORDS} is absent: this benchmark needs the project's ../shared data")
    out = []
    for sentence in ET.parse(RECORDS).getroot().iter("Sentence"):
        text = " ".join((sentence.findtext("Text") or "").split())
        codings = [(c.get("sourcecode", ""), c.get("targetcode", ""), c.get("eventcode", ""))
                   for c in sentence.iter("EventCoding") if c.get("eventcode")]
        no_events = any(c.get("noevents") for c in sentence.iter("EventCoding"))
        out.append({"id": sentence.get("id"), "text": text, "codings": codings,
                    "noevents": no_events})
    return out


def _name_matches(tokens, start: int, words: list[str]) -> bool:
    for offset, word in enumerate(words):
        if start + offset >= len(tokens):
            return False
        token = tokens[start + offset].lower_
        exact = word.endswith("_")
        if not (token == word.rstrip("_") or (not exact and len(word) > 3
                                               and token.startswith(word))):
            return False
    return True


def _with_same_entity(doc, span, entity_at):
    """Widen a name to the factwire mention it sits in ("the Calenardhon government")."""
    start, end = span.start, span.end
    own = {entity_at.get(t.i) for t in span} - {None}
    while start > 0 and entity_at.get(start - 1) in own:
        start -= 1
    while end < len(doc) and entity_at.get(end) in own:
        end += 1
    return doc[start:end]


def inject_actors(doc) -> None:
    """Add the dictionary's actors as entities (they win over factwire's own there)."""
    from factwire.model import Entity, TextSpan

    entity_at = dict(doc._.entity_at or {})
    entities = list(doc._.entities or [])
    by_code: dict[str, Entity] = {}
    names = sorted(ACTORS, key=lambda n: -len(n.split()))
    for i in range(len(doc)):
        if i in entity_at and entity_at[i].startswith("p"):
            continue
        for name in names:
            words = name.split()
            if not _name_matches(doc, i, words):
                continue
            code = ACTORS[name]
            entity = by_code.get(code)
            if entity is None:
                entity = Entity(id=f"p{len(by_code) + 1}", name=code, type="GPE",
                                country=None if code == "---" else code)
                by_code[code] = entity
                entities.append(entity)
            span = _with_same_entity(doc, doc[i:i + len(words)], entity_at)
            entity.mentions.append(TextSpan(span.start_char, span.end_char, span.text))
            entity_at.update({t.i: entity.id for t in span})
            break
    doc._.entities, doc._.entity_at = entities, entity_at


def annotate(nlp, text: str):
    """Run the pipeline, with the dictionary's actors injected after the entities."""
    doc = nlp.make_doc(text)
    doc._.removed = []
    for name, component in nlp.pipeline:
        doc = component(doc)
        if name == "factwire_entities":
            inject_actors(doc)
    return doc


def _side_ok(expected: str, ours: list[str | None]) -> bool:
    root = expected[:3]
    return root == "---" or root in ours


def coding_found(doc, coding: tuple[str, str, str], types: set[str] | None) -> bool:
    """Whether one of our events codes this dyad (with a type in ``types``, unless None)."""
    source, target, _ = coding
    countries = {e.id: e.country for e in doc._.entities or []}
    for event in doc._.events or []:
        if types is not None and event.type not in types:
            continue
        actors = [countries.get(a) for a in event.actor]
        recipients = [countries.get(r) for r in event.recipient]
        if _side_ok(source, actors) and _side_ok(target, recipients):
            return True
        if event.type in MUTUAL and _side_ok(target, actors) and (
                _side_ok(source, recipients) or _side_ok(source, actors)):
            return True  # either order, or both in a compound subject ("X and Y agree")
    return False


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print each missed coding")
    args = parser.parse_args()
    data = records()
    table = cameo_to_plover()
    from factwire.nlp import load

    nlp = load()
    scored = found = dyads = skipped = quiet_ok = quiet = 0
    for record in data:
        doc = annotate(nlp, record["text"])
        if record["noevents"] and not record["codings"]:
            quiet += 1
            quiet_ok += not any(e.confidence >= 0.5 for e in doc._.events or [])
            continue
        for coding in record["codings"]:
            if not table.get(coding[2][:2]):
                skipped += 1
                continue
            scored += 1
            hit = coding_found(doc, coding, table[coding[2][:2]])
            found += hit
            dyads += coding_found(doc, coding, None)
            if args.errors and not hit:
                ours = [(e.type, e.trigger.text, e.actor, e.recipient) for e in doc._.events]
                print(f"{record['id']}: {coding} ours {ours} | {record['text'][:120]}")
    print(f"sentences: {len(data)}; expected codings scored: {scored} "
          f"(left out, root without a PLOVER type: {skipped})")
    print(f"codings found (type, source and target): {found}/{scored} = {found / scored:.3f}")
    print(f"dyad only (source and target of some event, any type): {dyads}/{scored} = "
          f"{dyads / scored:.3f}")
    print(f"no-event sentences with no event of confidence >= 0.5: {quiet_ok}/{quiet}")


if __name__ == "__main__":
    main()
