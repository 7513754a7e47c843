"""factwire_quotes: quotes and attributions, and the source of every attributed figure.

``doc._.quotes`` gets one ``Quote`` per attribution relation, of three kinds:

- ``direct``: quoted words (curly or straight marks, split around the cue, running over
  sentences and paragraphs, or a partial quote inside reported speech);
- ``indirect``: "Russia maintains that conscripts are not deployed ...";
- ``according_to``: "According to South Korean intelligence, ...", and reported speech that
  credits a claim: "..., TASS reported", "officials say", "reports suggest ...".

``Quote.start``/``end`` cover the whole relation (source, cue, content, and for a partial
quote the clause it sits in); ``content`` is the quoted words, the reported clause, or the
rest of the sentence. The speaker is resolved across the article (see
``attribution_speaker``). Finding is in ``attribution_cues`` (the parse),
``attribution_marks`` and ``attribution_direct`` (quotation marks) and
``attribution_labels`` (a quote signed "― Name", a line labelled "NAME:"). A cue inside a
quote, or a pronoun's cue inside what another source is reported to say ("Clinton said she
thinks ..."), belongs to that report and is not a relation of its own.

For later components, ``attribution_for_span(doc, start, end)`` returns the ``Quote`` a
stretch of text is attributed by, or None: the narrowest quote whose content covers it, else
an ``according_to`` quote of the same sentence, else a quote whose extent covers it after
its cue (the clause around a partial quote). The events component can set ``Event.attributed_to = quote.speaker`` from it::

    quote = attribution_for_span(doc, trigger.start, trigger.end)
    attributed_to = quote.speaker if quote is not None else None

This component also sets ``Quantity.source`` (when still None) on every quantity of
``doc._.quantities`` that ``attribution_for_span`` finds a speaker for.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from factwire.model import Quote, TextSpan
from factwire.nlp import doc as _doc  # noqa: F401  (registers the Doc extensions)
from factwire.nlp.attribution import Attribution, speech_verbs
from factwire.nlp.attribution_cues import find_reported
from factwire.nlp.attribution_direct import attach_quotes
from factwire.nlp.attribution_labels import signed_quotes, speaker_labels
from factwire.nlp.attribution_marks import QuotedSpan, find_quoted
from factwire.nlp.attribution_speaker import (
    find_medium,
    is_anonymous,
    resolve_speaker,
    speaker_text,
)
from factwire.nlp.doc import doc_list, doc_text


def find_attributions(doc: Doc) -> list[Attribution]:
    """Every attribution relation in a parsed Doc, in text order (token-level records)."""
    quoted = find_quoted(doc_text(doc))
    attributions = attach_quotes(doc, find_reported(doc), quoted)
    unclaimed = [q for q in quoted if not any(_quotes(a, q) for a in attributions)]
    attributions += signed_quotes(doc, unclaimed) + speaker_labels(doc)
    for attribution in attributions:
        if attribution.kind == "indirect" and _credits_a_claim(attribution):
            attribution.kind = "according_to"
    attributions = [a for a in attributions if not _reported_within(a, attributions)]
    return sorted(_without_repeats(attributions), key=lambda a: a.extent())


def _reported_within(attribution: Attribution, attributions: list[Attribution]) -> bool:
    """A cue inside what another source is reported to say ("Clinton said she thinks ...")
    is part of that report, not a source the article cites."""
    cue = attribution.cue
    if cue is None or attribution.source is None or attribution.source.root.pos_ != "PRON":
        return False
    return any(other is not attribution and other.kind != "according_to"
               and not _same_speaker(attribution, other)
               and any(s <= cue.start_char < e for s, e in other.content + (
                   [other.clause] if other.clause else []))
               for other in attributions)


def _same_speaker(attribution: Attribution, other: Attribution) -> bool:
    """"He defended the remark, saying ...": a source going on about its own words; "He
    attacked rivals for taking donations, which he said ...": what a stance is taken on
    (the object of "attacked") is no report the second cue could belong to."""
    if other.source is not None and attribution.source.start == other.source.start:
        return True
    lemma = other.cue.root.lemma_.lower() if other.cue is not None else ""
    return other.kind != "direct" and lemma in speech_verbs() and (
        speech_verbs()[lemma].frame == "object" and speech_verbs()[lemma].kind == "stance")


def _quotes(attribution: Attribution, quoted: QuotedSpan) -> bool:
    return attribution.kind == "direct" and any(
        s < quoted.inner_end and e > quoted.inner_start for s, e in attribution.content)


def _credits_a_claim(attribution: Attribution) -> bool:
    """Reported speech that credits a claim rather than reports a statement: the claim comes
    first ("..., TASS reported", "The army has 5,000 tanks, officials say") or the source is
    nameless ("reports suggest ...", "officials attribute ...")."""
    cue = attribution.cue
    trailing = cue is not None and attribution.content_start < cue.start_char
    return trailing or is_anonymous(attribution)


def _without_repeats(attributions: list[Attribution]) -> list[Attribution]:
    """One relation per cue token (a cue the parse reaches twice is kept once)."""
    seen, kept = set(), []
    for attribution in attributions:
        key = (attribution.cue.start, attribution.cue.end) if attribution.cue else id(attribution)
        if key not in seen:
            seen.add(key)
            kept.append(attribution)
    return kept


def to_quote(doc: Doc, attribution: Attribution, number: int) -> Quote:
    """The contract's ``Quote`` for one attribution."""
    start, end = attribution.extent()
    content_start, content_end = attribution.content_start, attribution.content_end
    return Quote(
        id=f"u{number}",
        start=start,
        end=end,
        kind=attribution.kind,
        speaker=resolve_speaker(doc, attribution.speaker_head),
        speaker_text=speaker_text(attribution),
        cue=_cue_text(attribution),
        content=TextSpan(content_start, content_end, doc_text(doc)[content_start:content_end]),
        medium=find_medium(doc, attribution),
        anonymous=is_anonymous(attribution),
    )


def _cue_text(attribution: Attribution) -> str | None:
    # the tokenizer may glue a signature dash to the closing mark: "”―"
    return attribution.cue.text.strip("“”\"' ") if attribution.cue is not None else None


def attribution_for_span(doc: Doc, start: int, end: int,
                         quotes: list[Quote] | None = None) -> Quote | None:
    """The quote that attributes characters [start, end), or None.

    >>> quote = attribution_for_span(doc, 120, 135)  # doctest: +SKIP
    """
    quotes = doc_list(doc, "quotes") if quotes is None else quotes
    in_content = [q for q in quotes
                  if q.content is not None and q.content.start <= start and end <= q.content.end]
    if in_content:
        return min(in_content, key=lambda q: q.content.end - q.content.start)
    according = [q for q in quotes if q.kind == "according_to"]
    sentence = doc.char_span(start, end, alignment_mode="expand") if according else None
    if sentence is not None:
        sent = sentence[0].sent
        for quote in according:
            if sent.start_char <= quote.start < sent.end_char:
                return quote
    covering = [q for q in quotes if _after_cue(doc, q) <= start and end <= q.end]
    return min(covering, key=lambda q: q.end - q.start) if covering else None


def _after_cue(doc: Doc, quote: Quote) -> int:
    """Where the words after a quote's cue begin (the cue is not part of what was said)."""
    at = doc_text(doc).find(quote.cue, quote.start, quote.end) if quote.cue else -1
    return at + len(quote.cue) if at >= 0 else quote.end


def attribute_quantities(doc: Doc, quotes: list[Quote]) -> None:
    """Set ``source`` on each quantity that an attribution covers and that has none yet."""
    for quantity in doc_list(doc, "quantities"):
        if quantity.source is not None:
            continue
        quote = attribution_for_span(doc, quantity.start, quantity.end, quotes)
        if quote is not None and quote.speaker is not None:
            quantity.source = quote.speaker


class QuotesComponent:
    """Finds quotes in a Doc: ``match(doc)`` then ``set_annotations(doc, found)``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> list[Attribution]:
        """The attribution relations of the Doc, in text order."""
        return find_attributions(doc)

    def set_annotations(self, doc: Doc, found: list[Attribution]) -> Doc:
        """Write ``doc._.quotes`` and the ``source`` of attributed quantities."""
        quotes = [to_quote(doc, a, n) for n, a in enumerate(found, start=1)]
        doc._.quotes = quotes
        attribute_quantities(doc, quotes)
        return doc


@Language.factory("factwire_quotes", assigns=["doc._.quotes"],
                  requires=["token.dep", "token.lemma"])
def make_quotes(nlp: Language, name: str) -> QuotesComponent:
    """The ``factwire_quotes`` pipeline component."""
    return QuotesComponent(nlp, name)
