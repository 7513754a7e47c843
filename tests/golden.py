"""Checks extracted facts against a golden file such as ../shared/golden/seed.expected.json.

The golden file states its matching rules: text fields match case-insensitively after
trimming, and an expected text must be contained in the extracted text or contain it.
Countries are ISO 3166-1 alpha-3. Every constraint of an item must hold for ONE fact.
Unknown keys in an item make the check fail loudly rather than pass silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

SECTIONS = ("removed", "entities", "times", "quantities", "quotes", "events")
IGNORED_KEYS = {"note"}


@dataclass
class ItemResult:
    section: str
    level: str  # required | stretch | forbidden
    item: dict
    passed: bool

    def label(self) -> str:
        body = {k: v for k, v in self.item.items() if k != "note"}
        return f"{self.section}/{self.level}: {body}"


def norm(text: Any) -> str:
    return str(text).strip().casefold()


def text_matches(expected: Any, actual: Any) -> bool:
    """The golden rule: case-insensitive, trimmed, containment either way."""
    if actual is None:
        return False
    e, a = norm(expected), norm(actual)
    if not e or not a:
        return e == a
    return e in a or a in e


def contains(actual: Any, expected: Any) -> bool:
    return actual is not None and norm(expected) in norm(actual)


class Facts:
    """Index over one article's facts (the JSON dict of ``factwire extract``)."""

    def __init__(self, data: dict) -> None:
        self.data = data
        self.text = data["article"]["text"]
        self.entities = {e["id"]: e for e in data["entities"]}
        self.times = {t["id"]: t for t in data["times"]}
        self.quantities = {q["id"]: q for q in data["quantities"]}

    def entity(self, entity_id: str | None) -> dict | None:
        return self.entities.get(entity_id) if entity_id else None

    def entity_is(self, entity_id: str | None, expected: str) -> bool:
        """By entity name, or by country code when ``expected`` is an ISO3 code."""
        entity = self.entity(entity_id)
        if entity is None:
            return False
        if text_matches(expected, entity["name"]):
            return True
        return len(expected) == 3 and expected.isupper() and entity.get("country") == expected

    def country_of(self, entity_id: str | None) -> str | None:
        entity = self.entity(entity_id)
        return entity.get("country") if entity else None

    def time_value(self, time_id: str | None) -> str | None:
        return self.times[time_id]["value"] if time_id in self.times else None

    def in_removed(self, start: int, end: int) -> bool:
        return any(start < r["end"] and end > r["start"] for r in self.data["removed"])


Check = Callable[[Facts, dict, Any], bool]


def _any_of(field: str) -> Check:
    return lambda f, fact, values: any(text_matches(v, fact.get(field)) for v in values)


def _entity_mention_texts(f: Facts, ent: dict) -> list[str]:
    return [ent["name"]] + [m["text"] for m in ent["mentions"]]


ENTITY_CHECKS: dict[str, Check] = {
    "name": lambda f, e, v: text_matches(v, e["name"]),
    "type": lambda f, e, v: e["type"] == v,
    "type_any_of": lambda f, e, v: e["type"] in v,
    "country": lambda f, e, v: e.get("country") == v,
    "mentions_at_least": lambda f, e, v: len(e["mentions"]) >= v,
    "role_contains": lambda f, e, v: contains(e.get("role"), v),
    "text_any_of": lambda f, e, v: any(
        contains(t, x) for t in _entity_mention_texts(f, e) for x in v),
}

TIME_CHECKS: dict[str, Check] = {
    "text": lambda f, t, v: text_matches(v, t["text"]),
    "value": lambda f, t, v: t["value"] == v,
    "value_any_of": lambda f, t, v: t["value"] in v,
}

QUANTITY_CHECKS: dict[str, Check] = {
    "text": lambda f, q, v: text_matches(v, q["text"]),
    "value": lambda f, q, v: q["value"] is not None and float(q["value"]) == float(v),
    "low": lambda f, q, v: q["low"] is not None and float(q["low"]) == float(v),
    "high": lambda f, q, v: q["high"] is not None and float(q["high"]) == float(v),
    "change": lambda f, q, v: q["change"] == v,
    "comparator": lambda f, q, v: q["comparator"] == v,
    "approximate": lambda f, q, v: q["approximate"] is v,
    "derived": lambda f, q, v: q["derived"] is v,
    "counted_contains": lambda f, q, v: contains(q.get("counted"), v),
    "time_value": lambda f, q, v: f.time_value(q.get("time")) == v,
    "source_country": lambda f, q, v: f.country_of(q.get("source")) == v,
    "subject_country": lambda f, q, v: f.country_of(q.get("subject")) == v,
}

QUOTE_CHECKS: dict[str, Check] = {
    "speaker": lambda f, u, v: f.entity_is(u.get("speaker"), v),
    "speaker_contains": lambda f, u, v: contains(u.get("speaker_text"), v) or contains(
        (f.entity(u.get("speaker")) or {}).get("name"), v),
    "cue": lambda f, u, v: text_matches(v, u.get("cue")),
    "kind": lambda f, u, v: u["kind"] == v,
    "content_contains": lambda f, u, v: u.get("content") is not None
    and contains(u["content"]["text"], v),
    "medium": lambda f, u, v: f.entity_is(u.get("medium"), v),
}


def _event_any(ids_field: str, test: Callable[[Facts, str, Any], bool]) -> Check:
    return lambda f, e, v: any(test(f, i, v) for i in e.get(ids_field) or [])


def _event_any_of(ids_field: str) -> Check:
    return lambda f, e, vs: any(f.entity_is(i, v) for i in e.get(ids_field) or [] for v in vs)


EVENT_CHECKS: dict[str, Check] = {
    "type": lambda f, e, v: e["type"] == v,
    "mode": lambda f, e, v: e.get("mode") == v,
    "modality": lambda f, e, v: e["modality"] == v,
    "actor": _event_any("actor", Facts.entity_is),
    "actor_country": _event_any("actor", lambda f, i, v: f.country_of(i) == v),
    "recipient_country": _event_any("recipient", lambda f, i, v: f.country_of(i) == v),
    "recipient_any_of": _event_any_of("recipient"),
    "location": _event_any("location", Facts.entity_is),
    "location_any_of": _event_any_of("location"),
    "time_value": lambda f, e, v: f.time_value(e.get("time")) == v,
    "quantity_value": lambda f, e, v: any(
        f.quantities[q]["value"] is not None and float(f.quantities[q]["value"]) == float(v)
        for q in e.get("quantities") or [] if q in f.quantities),
    "attributed_to_country": lambda f, e, v: f.country_of(e.get("attributed_to")) == v,
    "trigger_any_of": lambda f, e, v: any(text_matches(x, e["trigger"]["text"]) for x in v),
    "from_removed_text": lambda f, e, v: f.in_removed(
        e["trigger"]["start"], e["trigger"]["end"]) is v,
}

REMOVED_CHECKS: dict[str, Check] = {
    "reason_any_of": lambda f, r, v: r["reason"] in v,
    "covers_text": lambda f, r, v: contains(f.text[r["start"]:r["end"]], v),
}

CHECKS = {"removed": REMOVED_CHECKS, "entities": ENTITY_CHECKS, "times": TIME_CHECKS,
          "quantities": QUANTITY_CHECKS, "quotes": QUOTE_CHECKS, "events": EVENT_CHECKS}


def matches(facts: Facts, section: str, fact: dict, item: dict) -> bool:
    checks = CHECKS[section]
    for key, expected in item.items():
        if key in IGNORED_KEYS:
            continue
        if key not in checks:
            raise KeyError(f"golden item key {key!r} in {section} has no check: {item}")
        if not checks[key](facts, fact, expected):
            return False
    return True


def found(facts: Facts, section: str, item: dict) -> bool:
    return any(matches(facts, section, fact, item) for fact in facts.data[section])


def check(data: dict, expected: dict) -> list[ItemResult]:
    """Every golden item with whether it passed (forbidden items pass when absent)."""
    facts = Facts(data)
    results = []
    for section in SECTIONS:
        spec = expected.get(section, {})
        for level in ("required", "stretch", "forbidden"):
            for item in spec.get(level, []):
                hit = found(facts, section, item)
                passed = (not hit) if level == "forbidden" else hit
                results.append(ItemResult(section, level, item, passed))
    return results


def tally(results: list[ItemResult]) -> dict[str, tuple[int, int]]:
    """(passed, total) per level."""
    out: dict[str, tuple[int, int]] = {}
    for level in ("required", "forbidden", "stretch"):
        items = [r for r in results if r.level == level]
        out[level] = (sum(r.passed for r in items), len(items))
    return out
