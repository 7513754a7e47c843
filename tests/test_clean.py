"""Filler detection: lorem ipsum and pseudo-Latin, placeholders, boilerplate lines."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factwire.clean import blank_out, find_filler
from factwire.model import Removed

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "seed" / "000_8d858b2339348b19.txt"

NEWS = (
    "Rescue teams pulled 14 survivors from the rubble on Tuesday, officials said.\n"
    "\"We are still hearing voices under the collapsed buildings,\" said Ana Ruiz, who leads "
    "one of the teams.\n"
    "According to the health ministry, at least 38 people were killed and nearly 400 injured, "
    "up from 25 dead reported on Monday.\n"
)


def removed_texts(text: str) -> list[tuple[str, str]]:
    return [(r.reason, text[r.start:r.end]) for r in find_filler(text)]


# --- lorem ipsum and other pseudo-Latin -----------------------------------------------------

@pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is absent")
def test_seed_last_paragraph_is_one_placeholder_span():
    text = SEED.read_text(encoding="utf-8")
    start = text.index("Lorem ipsum dolor sit amet")
    assert find_filler(text) == [Removed(start, len(text.rstrip()), "placeholder")]


def test_lorem_ipsum_paragraph_after_news_is_one_span():
    lorem = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. Integer posuere erat a "
             "ante venenatis dapibus. Donec id. Cras mattis consectetur purus sit amet.")
    text = NEWS + lorem + "\n"
    assert find_filler(text) == [Removed(len(NEWS), len(NEWS) + len(lorem), "placeholder")]


@pytest.mark.parametrize("filler", [
    "Sed ut perspiciatis unde omnis iste natus error sit voluptatem accusantium doloremque "
    "laudantium, totam rem aperiam, eaque ipsa quae ab illo inventore veritatis.",
    "At vero eos et accusamus et iusto odio dignissimos ducimus qui blanditiis praesentium "
    "voluptatum deleniti atque corrupti quos dolores et quas molestias excepturi sint.",
    "Pellentesque habitant morbi tristique senectus et netus et malesuada fames ac turpis "
    "egestas. Vestibulum tortor quam, feugiat vitae, ultricies eget, tempor sit amet, ante.",
    # Latin that is in no lorem ipsum word list: found by its endings and missing English.
    "Gallia est omnis divisa in partes tres, quarum unam incolunt Belgae, aliam Aquitani, "
    "tertiam qui ipsorum lingua Celtae, nostra Galli appellantur.",
])
def test_pseudo_latin_paragraphs_are_placeholder(filler):
    text = NEWS + filler
    assert removed_texts(text) == [("placeholder", filler)]


def test_hard_wrapped_lorem_ipsum_is_one_span():
    lorem = ("Lorem ipsum dolor sit amet, consectetur adipiscing\n"
             "elit, sed do eiusmod tempor incididunt ut labore et\n"
             "dolore magna aliqua. Ut enim ad minim veniam, quis\n"
             "nostrud exercitation ullamco laboris nisi ut aliquip.")
    text = NEWS + "\n" + lorem + "\n"
    assert removed_texts(text) == [("placeholder", lorem)]


def test_lorem_sentence_inside_an_english_paragraph_removes_only_that_sentence():
    text = ("The minister arrived in Geneva on Monday. Lorem ipsum dolor sit amet, "
            "consectetur adipiscing elit. Talks will resume on Thursday, officials said.")
    assert removed_texts(text) == [
        ("placeholder", "Lorem ipsum dolor sit amet, consectetur adipiscing elit.")]


def test_latin_motto_quoted_in_english_is_kept():
    text = ("The Marines' motto, semper fidelis, was painted on the wall of the base.\n"
            "Veni, vidi, vici.\n"
            "\"Si vis pacem, para bellum,\" the general told the academy's graduates on Friday.\n"
            "The treaty was signed in situ, ad hoc arrangements aside, per the agreement.")
    assert find_filler(text) == []


# --- placeholders ---------------------------------------------------------------------------

@pytest.mark.parametrize("placeholder", [
    "Add your text here",
    "Sample text",
    "Insert text here.",
    "Your content goes here",
    "[PLACEHOLDER]",
    "The minister said TK TK.",
    "Dear {{ first_name }}, thank you for reading.",
    "Click here to edit",
    "Double-click to edit this paragraph.",
    "This is a sample paragraph for the new template.",
    "The quick brown fox jumps over the lazy dog.",
    "Headline: [Insert headline]",
])
def test_placeholder_phrases_are_removed(placeholder):
    text = NEWS + placeholder + "\n"
    assert removed_texts(text) == [("placeholder", placeholder)]


def test_placeholder_inside_a_paragraph_removes_its_sentence():
    text = "Officials met on Monday. Add your text here. The talks ended on Tuesday."
    assert removed_texts(text) == [("placeholder", "Add your text here.")]


def test_news_sentences_about_samples_and_text_are_kept():
    text = ("The laboratory tested a blood sample on Tuesday.\n"
            "Lawmakers agreed to insert the text of the treaty into the law.\n"
            "The sample size of the survey was 1,200 adults.")
    assert find_filler(text) == []


# --- boilerplate lines ----------------------------------------------------------------------

def test_known_boilerplate_lines_are_removed():
    text = ("Advertisement\n" + NEWS + "Share this article\nSubscribe to our newsletter\n"
            "Read more: Floods in the north\n© 2025 Example Wire. All rights reserved.\n")
    assert removed_texts(text) == [
        ("boilerplate", "Advertisement"),
        ("boilerplate", "Share this article\nSubscribe to our newsletter\n"
                        "Read more: Floods in the north\n"
                        "© 2025 Example Wire. All rights reserved."),
    ]


def test_a_short_line_repeated_in_the_article_is_boilerplate():
    text = ("Download the Daily Brief app\n" + NEWS + "Download the Daily Brief app\n"
            "The ministry did not comment.\n")
    assert removed_texts(text) == [("boilerplate", "Download the Daily Brief app")] * 2


def test_end_of_a_hard_wrapped_sentence_is_not_a_share_button():
    text = ("The company said it would pay a dividend of 20 cents a\n"
            "share.\n"
            "    Net profit rose to 1.2 billion dollars, it said per\n"
            "share.\n")
    assert find_filler(text) == []


def test_repeated_table_lines_and_repeated_paragraphs_are_not_boilerplate():
    text = ("    Shr not given\n    Net 1,234 vs 1,100\n    Nine mths\n    Shr not given\n"
            "    Net 5,234 vs 4,100\n"
            "The spokesman said industrial firms with bank loans worth\n"
            "12 billion dollars would be affected.\n"
            "The spokesman said industrial firms with bank loans worth\n"
            "12 billion dollars would be affected.\n"
            "He said, \"I don't think it makes a lot of sense.\"\n"
            "He said, \"I don't think it makes a lot of sense.\"\n")
    assert find_filler(text) == []


def test_copyright_lines_need_a_year_and_table_notes_are_kept():
    assert find_filler("(C) - Sales made on exporters' own account.\n") == []


# --- the whole -----------------------------------------------------------------------------

def test_normal_english_news_has_no_filler():
    assert find_filler(NEWS) == []


def test_spans_are_sorted_non_overlapping_and_trimmed():
    text = ("  Lorem ipsum dolor sit amet, consectetur adipiscing elit.  \n\n"
            + NEWS + "\nAdvertisement\n\n   Sample text   \n")
    spans = find_filler(text)
    assert [r.reason for r in spans] == ["placeholder", "boilerplate", "placeholder"]
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))
    assert all(text[r.start:r.end] == text[r.start:r.end].strip() for r in spans)


def test_bundled_samples_have_filler_only_where_written():
    for line in (REPO / "samples" / "wire.jsonl").read_text(encoding="utf-8").splitlines():
        assert find_filler(json.loads(line)["text"]) == []


def test_blank_out_keeps_offsets_and_newlines():
    text = "ab\ncd ef"
    assert blank_out(text, [Removed(1, 5, "placeholder")]) == "a \n   ef"


def test_empty_text_has_no_filler():
    assert find_filler("") == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab ipsum lorem dolor sit amet.\n\r\t,!?\"'éß\u200b"
                                              "\u2028Advertisement{}[]TK")), max_size=400))
def test_spans_are_always_inside_the_text_sorted_and_trimmed(text):
    spans = find_filler(text)
    assert all(0 <= r.start < r.end <= len(text) for r in spans)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))
    assert all(text[r.start:r.end] == text[r.start:r.end].strip() for r in spans)


REUTERS = REPO.parent / "shared" / "bench" / "reuters21578"


def reuters_bodies(count: int) -> list[str]:
    """The first ``count`` story bodies of Reuters-21578 (real 1987 wire copy)."""
    bodies: list[str] = []
    for path in sorted(REUTERS.glob("reut2-*.sgm")):
        raw = path.read_text(encoding="latin-1")
        bodies += [html.unescape(m) for m in re.findall(r"<BODY>(.*?)</BODY>", raw, re.S)]
        if len(bodies) >= count:
            break
    return bodies[:count]


@pytest.mark.skipif(not REUTERS.exists(), reason="../shared/bench/reuters21578 is absent")
def test_no_filler_is_found_in_500_reuters_stories():
    flagged = {i: find_filler(body) for i, body in enumerate(reuters_bodies(500))}
    assert {i: spans for i, spans in flagged.items() if spans} == {}
