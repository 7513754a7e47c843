"""Language identification: ISO 639-1 codes, None when too short or unclear."""

from __future__ import annotations

import time

import pytest

from factwire.language import detect_language, text_sample
from tests.test_clean import REUTERS, reuters_bodies

TEXTS = {
    "en": "Rescue teams pulled 14 survivors from the rubble on Tuesday, officials said, as the "
          "death toll from the earthquake rose to 38.",
    "fr": "Les équipes de secours ont retiré mardi 14 survivants des décombres, selon les "
          "autorités, alors que le bilan du séisme est passé à 38 morts.",
    "de": "Rettungskräfte haben am Dienstag 14 Überlebende aus den Trümmern geborgen, teilten "
          "die Behörden mit, die Zahl der Toten stieg auf 38.",
    "ru": "Спасатели во вторник извлекли из-под завалов 14 выживших, сообщили власти, число "
          "погибших в результате землетрясения возросло до 38.",
    "es": "Los equipos de rescate sacaron el martes a 14 supervivientes de los escombros, "
          "según las autoridades, y el número de muertos subió a 38.",
}


@pytest.mark.parametrize("code", sorted(TEXTS))
def test_news_sentence_language_is_detected(code):
    assert detect_language(TEXTS[code]) == code


@pytest.mark.parametrize("text", ["", "   ", "Too short.", "Reuter", "12 34 56 78 90"])
def test_too_short_text_is_none(text):
    assert detect_language(text) is None


def test_wire_table_of_figures_is_never_called_foreign():
    table = ("Shr profit 14 cts vs profit one ct\n    Net profit 502,251 vs profit 22,012\n"
             "    Sales 4,715,846 vs 3,731,900\n    Avg shrs 3,489,342 vs 3,288,720\n")
    assert detect_language(table) in ("en", None)


def test_short_dividend_notice_is_never_called_foreign():
    assert detect_language("Semi-annual div four cts vs four cts\n    Pay April 30\n"
                           "    Record April 9\n Reuter\n") in ("en", None)


def test_blanked_filler_is_skipped_in_the_sample():
    text = " " * 5000 + "\n" + TEXTS["en"]
    assert text_sample(text).startswith("Rescue teams pulled")
    assert detect_language(text) == "en"


def test_long_text_is_classified_from_a_sample_quickly():
    detect_language(TEXTS["en"])  # builds the detector
    long_text = TEXTS["fr"] * 5000
    started = time.perf_counter()
    assert detect_language(long_text) == "fr"
    assert time.perf_counter() - started < 0.5


@pytest.mark.skipif(not REUTERS.exists(), reason="../shared/bench/reuters21578 is absent")
def test_500_reuters_stories_are_never_called_foreign():
    found = [detect_language(body) for body in reuters_bodies(500)]
    assert [code for code in found if code not in ("en", None)] == []
    assert found.count("en") >= 480
