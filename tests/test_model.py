"""The data contract: field names and JSON round trips."""

from __future__ import annotations

from factwire.model import (
    Article,
    ArticleFacts,
    Entity,
    Event,
    Geo,
    Quantity,
    Quote,
    Removed,
    SentenceRef,
    TextSpan,
    Time,
)


def sample_facts() -> ArticleFacts:
    text = "Russia sent 3,000 troops on Tuesday, TASS said."
    return ArticleFacts(
        article=Article(id="abc", text=text, published="2025-04-02", outlet="Wire"),
        removed=[Removed(40, 47, "placeholder")],
        entities=[Entity("e1", "Russia", "GPE", "RUS", mentions=[TextSpan(0, 6, "Russia")],
                         geo=Geo(55.75, 37.62, 2017370, "country", None, "RUS", "country")),
                  Entity("e2", "TASS", "ORG", "RUS", sector="MED",
                         mentions=[TextSpan(37, 41, "TASS")])],
        times=[Time("t1", 28, 35, "Tuesday", "DATE", "2025-04-01")],
        quantities=[Quantity("q1", 12, 24, "3,000 troops", 3000, counted="troops",
                             subject="e1", time="t1", source="e2"),
                    Quantity("q2", 12, 24, "3,000 troops", 2000, derived=True,
                             from_=["q1"])],
        quotes=[Quote("u1", 0, 47, "indirect", "e2", "TASS", "said",
                      TextSpan(0, 35, text[:35]))],
        events=[Event("v1", "MOBILIZE", "troops", ["e1"], [], [], "t1", "asserted", "e2",
                      ["q1"], TextSpan(7, 11, "sent"), SentenceRef(0, 47), 0.8)],
    )


def test_json_round_trip_is_lossless():
    facts = sample_facts()
    assert ArticleFacts.from_json(facts.to_json()) == facts


def test_contract_top_level_keys_in_order():
    assert list(sample_facts().to_dict()) == [
        "factwire", "article", "removed", "entities", "times", "quantities", "quotes",
        "events", "warnings"]


def test_quantity_from_is_written_as_from():
    data = sample_facts().to_dict()["quantities"][1]
    assert data["from"] == ["q1"] and "from_" not in data


def test_contract_field_names_of_each_fact():
    data = sample_facts().to_dict()
    assert {"id", "name", "type", "country", "role", "mentions"} <= set(data["entities"][0])
    assert {"id", "start", "end", "text", "type", "value"} <= set(data["times"][0])
    assert {"value", "low", "high", "approximate", "comparator", "change", "unit", "counted",
            "subject", "time", "source", "derived"} <= set(data["quantities"][0])
    assert {"kind", "speaker", "speaker_text", "cue", "content", "medium"} <= set(
        data["quotes"][0])
    assert {"type", "mode", "actor", "recipient", "location", "time", "modality",
            "attributed_to", "quantities", "trigger", "sentence", "confidence"} <= set(
        data["events"][0])
