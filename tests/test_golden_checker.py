"""The golden checker must be able to fail: wrong facts fail, right facts pass."""

from __future__ import annotations

import pytest

from tests.golden import check, tally

TEXT = "Russia sent 3,000 troops on Tuesday. Lorem ipsum dolor sit amet."
EXPECTED = {
    "removed": {"required": [{"reason_any_of": ["placeholder"], "covers_text": "Lorem ipsum"}]},
    "entities": {"required": [{"name": "Russia", "type": "GPE", "country": "RUS"}],
                 "forbidden": [{"text_any_of": ["Lorem"]}]},
    "times": {"required": [{"text": "Tuesday", "value": "2025-04-01"}]},
    "quantities": {"required": [{"text": "3,000", "value": 3000, "counted_contains": "troops"}]},
    "quotes": {},
    "events": {"required": [{"type": "MOBILIZE", "actor_country": "RUS",
                             "quantity_value": 3000}],
               "forbidden": [{"from_removed_text": True}]},
}


def facts(**overrides) -> dict:
    data = {
        "article": {"text": TEXT},
        "removed": [{"start": 37, "end": 64, "reason": "placeholder"}],
        "entities": [{"id": "e1", "name": "Russia", "type": "GPE", "country": "RUS",
                      "mentions": [{"start": 0, "end": 6, "text": "Russia"}]}],
        "times": [{"id": "t1", "start": 28, "end": 35, "text": "Tuesday", "type": "DATE",
                   "value": "2025-04-01"}],
        "quantities": [{"id": "q1", "start": 12, "end": 24, "text": "3,000 troops",
                        "value": 3000, "low": None, "high": None, "counted": "troops"}],
        "quotes": [],
        "events": [{"id": "v1", "type": "MOBILIZE", "actor": ["e1"], "quantities": ["q1"],
                    "trigger": {"start": 7, "end": 11, "text": "sent"}}],
    }
    data.update(overrides)
    return data


def test_right_facts_pass_every_item():
    assert tally(check(facts(), EXPECTED)) == {
        "required": (5, 5), "forbidden": (2, 2), "stretch": (0, 0)}


@pytest.mark.parametrize("override", [
    {"removed": []},
    {"times": [{"id": "t1", "start": 28, "end": 35, "text": "Tuesday", "type": "DATE",
                "value": "2025-04-08"}]},
    {"quantities": [{"id": "q1", "start": 12, "end": 24, "text": "3,000 troops",
                     "value": 300, "counted": "troops"}]},
    {"entities": [{"id": "e1", "name": "Russia", "type": "ORG", "country": "RUS",
                   "mentions": []}]},
])
def test_a_wrong_fact_fails_a_required_item(override):
    passed, total = tally(check(facts(**override), EXPECTED))["required"]
    assert passed < total


def test_a_fact_from_filler_fails_the_forbidden_items():
    lorem = {"id": "e2", "name": "Lorem", "type": "PERSON", "country": None,
             "mentions": [{"start": 37, "end": 42, "text": "Lorem"}]}
    event = {"id": "v2", "type": "ASSAULT", "actor": [], "quantities": [],
             "trigger": {"start": 43, "end": 48, "text": "ipsum"}}
    data = facts()
    data["entities"].append(lorem)
    data["events"].append(event)
    assert tally(check(data, EXPECTED))["forbidden"] == (0, 2)


def test_unknown_golden_key_is_an_error_not_a_pass():
    with pytest.raises(KeyError):
        check(facts(), {"times": {"required": [{"txet": "Tuesday"}]}})
