"""The extract pipeline: filler is blanked before parsing, errors are specific."""

from __future__ import annotations

import pytest

import factwire
from factwire.clean import blank_out
from factwire.errors import EmptyInput, InputTooLarge
from factwire.model import Article, Removed
from factwire.options import ExtractOptions
from factwire.pipeline import article_id, extract_articles


def test_article_id_is_sha256_of_text():
    assert article_id("abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")


def test_blank_out_keeps_offsets_and_newlines():
    text = "Keep this.\nLorem ipsum.\nKeep."
    blanked = blank_out(text, [Removed(11, 23, "placeholder")])
    assert len(blanked) == len(text)
    assert blanked == "Keep this.\n" + " " * 12 + "\nKeep."


def test_extract_returns_the_text_unchanged_with_published():
    text = "Officials in Kenya said  the   rains\r\nhad stopped.\n"
    facts = factwire.extract(text, published="2025-04-02")
    assert facts.article.text == text
    assert facts.article.published == "2025-04-02"
    assert facts.article.id == article_id(text)


def test_empty_text_is_an_empty_input_error():
    with pytest.raises(EmptyInput):
        factwire.extract("   \n ")


def test_too_long_text_is_refused_by_the_size_limit():
    with pytest.raises(InputTooLarge):
        factwire.extract("word " * 100, options=ExtractOptions(max_chars=50))


def test_a_batch_yields_errors_in_place_and_goes_on():
    articles = [Article(id=article_id(t), text=t) for t in
                ["Rain fell in Paris on Monday.", "", "Prices rose 3 percent in May."]]
    out = list(extract_articles(articles))
    assert isinstance(out[1], EmptyInput)
    assert out[0].article.text.startswith("Rain") and out[2].article.text.startswith("Prices")


def test_the_warm_up_text_exercises_every_component():
    from factwire.nlp import COMPONENTS
    from factwire.pipeline import WARM_UP_TEXT, warm_up

    nlp = warm_up()
    assert [name for name, _ in COMPONENTS] == [n for n in nlp.pipe_names
                                                if n.startswith("factwire_")]
    facts = factwire.extract(WARM_UP_TEXT, "2025-04-02", nlp=nlp)
    assert [p.name for p in facts.entities if p.geo] == ["Russia", "Kharkiv", "Kyiv"]
    assert [t.value for t in facts.times] == ["2025-04-01"]
    assert [q.value for q in facts.quantities] == [5, 20]
    assert [q.kind for q in facts.quotes] == ["according_to", "direct"]
    assert "ASSAULT" in {e.type for e in facts.events}
