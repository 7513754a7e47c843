"""factwire_quotes: direct, indirect and "according to" attributions, speakers, sources."""

from __future__ import annotations

import json

import pytest

from factwire.model import Entity, Quantity, TextSpan
from factwire.nlp.attribution_marks import find_quoted
from factwire.nlp.quotes import attribution_for_span
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def parser():
    """The bundled model plus factwire_quotes alone: unit tests set entities by hand."""
    import spacy

    from factwire.nlp import MODEL

    base = spacy.load(MODEL, exclude=["senter"])
    base.add_pipe("factwire_quotes")
    return base


def annotate(nlp, text: str, entities: dict[str, tuple[str, list[str]]] | None = None,
             quantities: list[str] = ()):
    """Parse ``text``, set entities ({name: (type, [mention texts])}) and quantities by
    hand, then run the quotes component again on top of them."""
    doc = nlp(text)
    doc._.entities, doc._.entity_at = [], {}
    for number, (name, (kind, mentions)) in enumerate((entities or {}).items(), start=1):
        entity = Entity(id=f"e{number}", name=name, type=kind)
        for mention in mentions:
            start = text.index(mention)
            entity.mentions.append(TextSpan(start, start + len(mention), mention))
            for token in doc.char_span(start, start + len(mention), alignment_mode="expand"):
                doc._.entity_at[token.i] = entity.id
        doc._.entities.append(entity)
    doc._.quantities = []
    for number, figure in enumerate(quantities, start=1):
        start = text.index(figure)
        doc._.quantities.append(Quantity(id=f"q{number}", start=start,
                                         end=start + len(figure), text=figure, value=None))
    return nlp.get_pipe("factwire_quotes")(doc)


def only(doc):
    assert len(doc._.quotes) == 1, [(q.cue, q.content.text) for q in doc._.quotes]
    return doc._.quotes[0]


def test_direct_quote_with_trailing_cue(parser):
    doc = annotate(parser, "“The talks are over,” Smith said.", {"John Smith": ("PERSON", ["Smith"])})
    quote = only(doc)
    assert (quote.kind, quote.speaker, quote.speaker_text, quote.cue) == (
        "direct", "e1", "Smith", "said")
    assert quote.content.text == "The talks are over,"
    assert (quote.start, quote.end) == (1, 32)


def test_straight_quotes_with_leading_cue(parser):
    doc = annotate(parser, 'Smith said: "We are ready to sign the deal today."')
    quote = only(doc)
    assert (quote.kind, quote.speaker_text, quote.cue) == ("direct", "Smith", "said")
    assert quote.content.text == "We are ready to sign the deal today."


def test_quote_split_around_the_cue_is_one_quote(parser):
    doc = annotate(parser, "“We will win,” he said, “whatever it costs.”")
    quote = only(doc)
    assert quote.kind == "direct"
    assert quote.content.text == "We will win,” he said, “whatever it costs."


def test_quote_resumed_after_the_cue_sentence_is_the_same_quote(parser):
    doc = annotate(parser, "“We will win,” he said. “Whatever it costs.”")
    assert only(doc).content.text == "We will win,” he said. “Whatever it costs."


def test_multi_sentence_quote(parser):
    doc = annotate(parser, "“The army is ready. The reserves are ready too,” the general said.")
    assert only(doc).content.text == "The army is ready. The reserves are ready too,"


def test_quote_continued_in_the_next_paragraph(parser):
    text = ("“We have waited for years. Nobody listened.\n"
            "“Now the whole world is watching,” Smith told reporters.")
    quote = only(annotate(parser, text))
    assert (quote.kind, quote.speaker_text, quote.cue) == ("direct", "Smith", "told")
    assert quote.content.text == ("We have waited for years. Nobody listened.\n"
                                  "“Now the whole world is watching,")


def test_paragraph_opened_with_a_closing_mark_is_still_a_quote():
    assert [q.text for q in find_quoted("”Fear. I am afraid.” ― Ed")] == ["Fear. I am afraid."]


def test_unclosed_quote_not_continued_ends_with_its_paragraph():
    text = "He said “we are leaving.\nThe rest is narration."
    assert [q.text for q in find_quoted(text)] == ["we are leaving."]


def test_partial_quote_inside_reported_speech(parser):
    text = ("President Donald Trump, who has sought to mediate an end to the war, recently "
            "acknowledged in an interview with Newsmax that Russia may be “dragging their "
            "feet” in negotiations.")
    doc = annotate(parser, text, {"Donald Trump": ("PERSON", ["President Donald Trump"]),
                               "Newsmax": ("ORG", ["Newsmax"]),
                               "Russia": ("GPE", ["Russia"])})
    quote = only(doc)
    assert (quote.kind, quote.speaker, quote.cue, quote.content.text) == (
        "direct", "e1", "acknowledged", "dragging their feet")
    assert quote.speaker_text == "President Donald Trump"
    assert quote.end == text.index(" in negotiations.") + len(" in negotiations")


def test_medium_in_an_interview_with(parser):
    text = "Trump acknowledged in an interview with Newsmax that Russia may be stalling."
    doc = annotate(parser, text, {"Donald Trump": ("PERSON", ["Trump"]),
                               "Newsmax": ("ORG", ["Newsmax"])})
    assert only(doc).medium == "e2"


def test_indirect_speech_with_that_clause(parser):
    text = "Russia maintains that conscripts are not deployed to active combat zones."
    doc = annotate(parser, text, {"Russia": ("GPE", ["Russia"])})
    quote = only(doc)
    assert (quote.kind, quote.speaker, quote.cue) == ("indirect", "e1", "maintains")
    assert quote.content.text == "that conscripts are not deployed to active combat zones"


def test_denial_takes_its_object_as_content(parser):
    quote = only(annotate(parser, "The ministry denied the report."))
    assert (quote.kind, quote.cue, quote.content.text) == ("indirect", "denied", "the report")


def test_according_to_at_start_sources_the_figures(parser):
    text = ("According to South Korean intelligence, North Korea recently sent an additional "
            "3,000 soldiers to support Russia’s war effort.")
    doc = annotate(parser, text, {"South Korean intelligence": ("ORG", ["South Korean intelligence"])},
                   quantities=["3,000 soldiers"])
    quote = only(doc)
    assert (quote.kind, quote.speaker, quote.cue) == ("according_to", "e1", "According to")
    assert quote.speaker_text == "South Korean intelligence"
    assert quote.content.text.startswith("North Korea recently sent")
    assert doc._.quantities[0].source == "e1"


def test_according_to_at_end_sources_every_figure_of_the_sentence(parser):
    text = ("Putin’s latest decree marks an increase of 10,000 recruits from last year’s spring "
            "draft and more than 15,000 from three years ago, according to Russian state media "
            "outlet TASS.")
    doc = annotate(parser, text, {"TASS": ("ORG", ["TASS"])},
                   quantities=["10,000 recruits", "more than 15,000"])
    quote = only(doc)
    assert (quote.kind, quote.speaker, quote.speaker_text) == (
        "according_to", "e1", "Russian state media outlet TASS")
    assert quote.content.text.endswith("from three years ago")
    assert [q.source for q in doc._.quantities] == ["e1", "e1"]


def test_trailing_outlet_reported_credits_the_claim(parser):
    text = "Some 3,000 soldiers crossed the border overnight, TASS reported."
    doc = annotate(parser, text, {"TASS": ("ORG", ["TASS"])}, quantities=["3,000 soldiers"])
    quote = only(doc)
    assert (quote.kind, quote.speaker, quote.cue) == ("according_to", "e1", "reported")
    assert quote.content.text == "Some 3,000 soldiers crossed the border overnight"
    assert doc._.quantities[0].source == "e1"


def test_he_resolves_to_the_last_person_named(parser):
    text = ("Kirill Dmitriev met Steve Witkoff in Washington. "
            "He said the talks had been useful.")
    doc = annotate(parser, text, {"Kirill Dmitriev": ("PERSON", ["Kirill Dmitriev"]),
                               "Steve Witkoff": ("PERSON", ["Steve Witkoff"]),
                               "Washington": ("GPE", ["Washington"])})
    quote = only(doc)
    assert (quote.speaker, quote.speaker_text) == ("e2", "He")


def test_the_ministry_resolves_to_the_named_ministry(parser):
    text = ("The Russian Defense Ministry held a briefing on Monday. "
            "The ministry said the drive would end in July.")
    doc = annotate(parser, text, {"Russian Defense Ministry": ("ORG", ["Russian Defense Ministry"])})
    quote = only(doc)
    assert (quote.speaker, quote.speaker_text) == ("e1", "The ministry")


def test_the_spokesman_resolves_to_the_person_with_that_role(parser):
    text = ("Kremlin spokesman Dmitry Peskov spoke on Monday. "
            "The spokesman said the talks would go on.")
    doc = parser(text)
    start = text.index("Dmitry Peskov")
    end = start + len("Dmitry Peskov")
    doc._.entities = [Entity(id="e1", name="Dmitry Peskov", type="PERSON", role="spokesman",
                             mentions=[TextSpan(start, end, "Dmitry Peskov")])]
    doc._.entity_at = {t.i: "e1" for t in doc.char_span(start, end)}
    quote = only(parser.get_pipe("factwire_quotes")(doc))
    assert (quote.speaker, quote.speaker_text) == ("e1", "The spokesman")


def test_anonymous_official_is_marked_anonymous(parser):
    text = ("A senior official, who spoke on condition of anonymity, said the talks had "
            "stalled.")
    quote = only(annotate(parser, text))
    assert (quote.anonymous, quote.speaker, quote.speaker_text) == (
        True, None, "A senior official")


def test_reports_suggest_is_an_anonymous_according_to(parser):
    text = "Reports suggest some are coerced into signing contracts."
    quote = only(annotate(parser, text))
    assert (quote.kind, quote.anonymous, quote.speaker_text, quote.cue) == (
        "according_to", True, "Reports", "suggest")
    assert quote.content.text == "some are coerced into signing contracts"


def test_quote_signed_with_a_dash(parser):
    quote = only(annotate(parser, "“He represents our greatest shame.” ― Sonya Herridge"))
    assert (quote.kind, quote.speaker_text, quote.cue, quote.content.text) == (
        "direct", "Sonya Herridge", "―", "He represents our greatest shame.")


def test_transcript_speaker_label_is_direct_speech(parser):
    quote = only(annotate(parser, "PENCE: Gennifer Flowers will not be attending the debate."))
    assert (quote.kind, quote.speaker_text, quote.cue, quote.content.text) == (
        "direct", "PENCE", ":", "Gennifer Flowers will not be attending the debate")


def test_a_line_label_that_names_nobody_is_not_a_speaker(parser):
    assert annotate(parser, "Update: The debate will start at nine.")._.quotes == []


def test_typewriter_quotes_are_quotes(parser):
    quote = only(annotate(parser, "''We have shown the world what we can do,'' Mr. Obama said."))
    assert (quote.kind, quote.content.text) == ("direct", "We have shown the world what we can do,")


def test_speech_quoted_inside_a_quote_is_not_a_new_source(parser):
    text = "“I say we will win, and I think we will,” Smith said."
    quote = only(annotate(parser, text))
    assert (quote.speaker_text, quote.cue) == ("Smith", "said")


def test_a_speaker_restating_his_own_belief_is_one_attribution(parser):
    quote = only(annotate(parser, "Clinton said she thinks America is strongest together."))
    assert (quote.cue, quote.content.text) == ("said", "she thinks America is strongest together")


def test_medium_is_the_outlet_told(parser):
    text = "Trump told CNN that the talks were going well."
    doc = annotate(parser, text, {"Donald Trump": ("PERSON", ["Trump"]), "CNN": ("ORG", ["CNN"])})
    assert (only(doc).medium, only(doc).speaker) == ("e2", "e1")


def test_promise_reports_what_was_promised(parser):
    quote = only(annotate(parser, "The governor promised to cut taxes next year."))
    assert (quote.cue, quote.content.text) == ("promised", "to cut taxes next year")


def test_scare_quotes_are_not_quotes(parser):
    assert annotate(parser, "The so-called “special operation” began in 2022.")._.quotes == []


def test_attribution_for_span_finds_the_quote_of_a_reported_clause(parser):
    text = "Russia maintains that conscripts are not deployed to combat zones."
    doc = annotate(parser, text, {"Russia": ("GPE", ["Russia"])})
    start = text.index("deployed")
    assert attribution_for_span(doc, start, start + len("deployed")).speaker == "e1"
    assert attribution_for_span(doc, 0, len("Russia")) is None


def test_seed_article_quotes(nlp):
    from factwire import extract
    from tests.golden import check

    golden = json.loads(shared_path("golden", "seed.expected.json").read_text())
    text = shared_path(golden["input"]).read_text(encoding="utf-8")
    facts = extract(text, published=golden["published"])
    failed = [r.label() for r in check(facts.to_dict(), golden)
              if r.section == "quotes" and not r.passed]
    assert failed == []


def test_seed_article_quote_cues_and_contents(nlp):
    from factwire import extract

    golden = json.loads(shared_path("golden", "seed.expected.json").read_text())
    text = shared_path(golden["input"]).read_text(encoding="utf-8")
    quotes = extract(text, published=golden["published"]).quotes
    found = {(q.kind, q.speaker_text, q.cue) for q in quotes}
    assert {("according_to", "Russian state media outlet TASS", "according to"),
            ("according_to", "Officials", "attribute"),
            ("indirect", "Russia", "maintains"),
            ("according_to", "reports", "suggest"),
            ("according_to", "South Korean intelligence", "According to"),
            ("direct", "President Donald Trump", "acknowledged")} <= found


@pytest.mark.parametrize("text", ["", "No one said anything of note here"])
def test_texts_without_attribution_give_no_quotes(parser, text):
    assert annotate(parser, text)._.quotes == []


def test_cue_without_a_parsed_clause_reports_the_rest_of_its_clause(parser):
    quote = only(annotate(parser, "Trump said after the convention he would not accept "
                                  "the endorsement."))
    assert (quote.kind, quote.speaker_text, quote.cue) == ("indirect", "Trump", "said")
    assert quote.content.text == "after the convention he would not accept the endorsement"


def test_calling_something_a_name_is_an_attribution(parser):
    quote = only(annotate(parser, "Smith called the plan a disaster for the region."))
    assert (quote.speaker_text, quote.cue, quote.content.text) == (
        "Smith", "called", "the plan a disaster for the region")


def test_headline_cue_at_the_end_credits_the_words_before_it(parser):
    quote = only(annotate(parser, "Clinton Hid Health Problems From Public, Former Doctor "
                                  "Says."))
    assert (quote.kind, quote.speaker_text, quote.cue, quote.content.text) == (
        "according_to", "Former Doctor", "Says", "Clinton Hid Health Problems From Public")


@pytest.mark.parametrize(("text", "cue", "content"), [
    ("The minister wants to cut fuel taxes next year.", "wants", "to cut fuel taxes next year"),
    ("The company plans to close two plants.", "plans", "to close two plants"),
])
def test_intentions_are_stances_of_their_subject(parser, text, cue, content):
    quote = only(annotate(parser, text))
    assert (quote.kind, quote.cue, quote.content.text) == ("indirect", cue, content)


@pytest.mark.parametrize(("text", "cue"), [
    ("Turnout is expected to rise sharply in the south.", "is expected"),
    ("The governor was accused of using public funds for his campaign.", "was accused"),
])
def test_passive_belief_or_charge_without_agent_is_anonymous(parser, text, cue):
    quote = only(annotate(parser, text))
    assert (quote.kind, quote.speaker, quote.speaker_text, quote.cue, quote.anonymous) == (
        "according_to", None, None, cue, True)
    assert quote.content.text == text[:-1]  # the subject and what is said of it


def test_first_person_belief_with_a_clause_is_the_writers_attribution(parser):
    quote = only(annotate(parser, "I know this hatred was wrong."))
    assert (quote.speaker_text, quote.cue, quote.content.text) == (
        "I", "know", "this hatred was wrong")


def test_speaking_about_a_topic_reports_the_topic(parser):
    quote = only(annotate(parser, "Mr. Obama spoke of the legacy of racism."))
    assert (quote.cue, quote.content.text) == ("spoke", "the legacy of racism")


@pytest.mark.parametrize("text", [
    "The war, you know, is over.",
    "The president spoke to reporters at the airport.",
    "They found themselves caught in the fighting.",
])
def test_hedges_audiences_and_reflexives_are_not_attributions(parser, text):
    assert annotate(parser, text)._.quotes == []


def test_seeming_is_an_impression_credited_to_no_one(parser):
    quote = only(annotate(parser, "The plan seems to have failed."))
    assert (quote.kind, quote.speaker_text, quote.cue, quote.anonymous) == (
        "according_to", None, "seems", True)
    assert quote.content.text == "The plan seems to have failed"


def test_critical_of_states_the_subjects_stance(parser):
    doc = annotate(parser, "Sanders has been critical of the deal.",
                   {"Bernie Sanders": ("PERSON", ["Sanders"])})
    quote = only(doc)
    assert (quote.kind, quote.speaker, quote.cue, quote.content.text) == (
        "indirect", "e1", "critical", "the deal")


def test_made_it_clear_that_is_a_cue_of_the_maker(parser):
    doc = annotate(parser, "Trump made it clear that he would not pay.",
                   {"Donald Trump": ("PERSON", ["Trump"])})
    quote = only(doc)
    assert (quote.speaker, quote.speaker_text, quote.cue, quote.content.text) == (
        "e1", "Trump", "made it clear", "that he would not pay")


def test_confident_that_reports_a_belief(parser):
    quote = only(annotate(parser, "Obama is confident that the bill will pass."))
    assert (quote.speaker_text, quote.cue, quote.content.text) == (
        "Obama", "confident", "that the bill will pass")


def test_it_is_clear_that_credits_no_one(parser):
    quote = only(annotate(parser, "It is clear that the plan failed."))
    assert (quote.kind, quote.speaker_text, quote.anonymous, quote.content.text) == (
        "according_to", None, True, "that the plan failed")


def test_an_adjective_without_a_topic_is_no_cue(parser):
    assert annotate(parser, "The road is clear.")._.quotes == []


def test_a_participle_after_the_object_is_the_same_speakers_words(parser):
    doc = annotate(parser, "He then defended the remark, saying, “I don’t think this is "
                           "a ridiculous idea.”")
    assert [(q.cue, q.content.text) for q in doc._.quotes] == [
        ("defended", "the remark"), ("saying", "I don’t think this is a ridiculous idea.")]


def test_a_meeting_to_discuss_a_topic_is_a_discussion(parser):
    quote = only(annotate(parser, "European leaders gathered Friday to discuss the crisis."))
    assert (quote.speaker_text, quote.cue, quote.content.text) == (
        "European leaders", "to discuss", "the crisis")


def test_disputed_is_a_stance_on_its_object(parser):
    quote = only(annotate(parser, "The ministry disputed the figures."))
    assert (quote.speaker_text, quote.cue, quote.content.text) == (
        "The ministry", "disputed", "the figures")


def test_a_cue_inside_anothers_report_is_part_of_it(parser):
    doc = annotate(parser, "Officials said Kim wants to resume talks.")
    assert [(q.cue, q.content.text) for q in doc._.quotes] == [
        ("said", "Kim wants to resume talks")]


def test_a_report_of_a_report_is_kept(parser):
    doc = annotate(parser, "The paper said the minister said the talks were over.")
    assert [q.cue for q in doc._.quotes] == ["said", "said"]


def test_a_gerund_after_a_preposition_is_said_by_the_clauses_subject(parser):
    quote = only(annotate(parser, "After saying her right foot was swollen, she was "
                                  "whisked off to the hospital."))
    assert (quote.speaker_text, quote.cue, quote.content.text) == (
        "she", "saying", "her right foot was swollen")


def test_seeing_something_as_something_is_a_view(parser):
    quote = only(annotate(parser, "Grassley sees the program as an opportunity."))
    assert (quote.speaker_text, quote.cue, quote.content.text) == (
        "Grassley", "sees", "the program as an opportunity")


def test_seeing_a_thing_is_no_view(parser):
    assert annotate(parser, "Grassley saw the tanks on Monday.")._.quotes == []


def test_making_the_case_that_credits_the_maker(parser):
    quote = only(annotate(parser, "Obama made the case that the deal would hold."))
    assert (quote.speaker_text, quote.cue, quote.content.text) == (
        "Obama", "made the case", "that the deal would hold")


def test_a_stance_objects_relative_clause_keeps_its_own_cue(parser):
    doc = annotate(parser, "He attacked other candidates for accepting his donations, "
                           "which he said were accompanied by leverage.")
    assert [q.cue for q in doc._.quotes] == ["attacked", "said"]
