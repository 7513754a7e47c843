"""From article text to ArticleFacts: clean, annotate with spaCy, collect the facts.

>>> facts = extract("Russia launched a drive on Tuesday.", published="2025-04-02")
>>> facts.article.published
'2025-04-02'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from factwire.clean import blank_out, find_filler
from factwire.errors import EmptyInput, FactwireError, InputTooLarge, NotEnglish
from factwire.geo.outlet import outlet_country
from factwire.ingest.article import article_id
from factwire.language import detect_language
from factwire.model import Article, ArticleFacts, Removed
from factwire.nlp import load
from factwire.nlp.doc import keep_text
from factwire.options import ExtractOptions


def make_article(text: str, published: str | dt.date | None = None, **meta) -> Article:
    """An ``Article`` for ``text`` with its content-hash id and optional metadata."""
    if isinstance(published, dt.date):
        published = published.isoformat()
    return Article(id=article_id(text), text=text, published=published, **meta)


def extract(text: str, published: str | dt.date | None = None, *,
            options: ExtractOptions | None = None, nlp: Language | None = None,
            **meta) -> ArticleFacts:
    """Every fact in one article. ``meta``: url, title, outlet, source_id, outlet_country.

    Raises a ``FactwireError`` subclass for input that cannot be an article.
    """
    article = make_article(text, published, **meta)
    result = next(iter(extract_articles([article], options=options, nlp=nlp)))
    if isinstance(result, FactwireError):
        raise result
    return result


# Names a place, a time, figures, a quote and an event: every component's lazily loaded
# tables (gazetteer, time grammar, unit and trigger lexicons) are read while extracting it.
WARM_UP_TEXT = ("Russian forces shelled Kharkiv on Tuesday, killing 5 people and wounding more "
                "than 20, officials in Kyiv said. \"We will rebuild,\" the mayor said.")


def warm_up(nlp: Language | None = None) -> Language:
    """Load the pipeline and everything its components load on first use, by extracting one
    short built-in text; returns the pipeline. Workers call it before taking articles, so that
    the first ones are not slower than the rest and a missing table fails at start-up."""
    nlp = nlp or load()
    extract(WARM_UP_TEXT, "2025-04-02", nlp=nlp)
    return nlp


def extract_articles(articles: Iterable[Article], *, options: ExtractOptions | None = None,
                     nlp: Language | None = None) -> Iterator[ArticleFacts | FactwireError]:
    """Facts for each article, in order; an article that fails yields its error instead.

    A single-article caller (``extract``) gets the error raised; batches get it yielded so
    they can report it and go on.
    """
    options = options or ExtractOptions()
    nlp = nlp or load()
    prepared = (_prepare(article, options, nlp) for article in articles)
    for item, doc in _pipe(prepared, nlp, options.batch_size):
        if isinstance(item, FactwireError):
            yield item
        else:
            yield collect(item, doc)


def _pipe(prepared, nlp: Language, batch_size: int):
    """Run ``nlp.pipe`` over the prepared docs, passing errors through in order."""
    batch: list = []
    for item in prepared:
        batch.append(item)
        if len(batch) >= batch_size:
            yield from _run_batch(batch, nlp)
            batch = []
    if batch:
        yield from _run_batch(batch, nlp)


def _run_batch(batch, nlp: Language):
    docs = [doc for _, doc in batch if doc is not None]
    parsed = iter(nlp.pipe(docs, batch_size=max(1, len(docs))))
    for item, doc in batch:
        yield item, (next(parsed) if doc is not None else None)


def _prepare(article: Article, options: ExtractOptions, nlp: Language):
    """Check the article, find its filler, and make the Doc the components will fill."""
    try:
        removed = check_article(article, options)
    except FactwireError as error:
        return error, None
    text = blank_out(article.text, removed)
    doc = keep_text(nlp.make_doc(text), text)
    doc._.published = _parse_date(article.published)
    doc._.outlet_country = outlet_country(article.outlet_country, article.url)
    doc._.removed = removed
    return article, doc


def check_article(article: Article, options: ExtractOptions) -> list[Removed]:
    """Raise if the article cannot be extracted from; else return its filler spans."""
    name = article.source_path or article.source_id or article.id[:12]
    if len(article.text) > options.max_chars:
        raise InputTooLarge(f"{name}: {len(article.text):,} characters is over the limit of "
                            f"{options.max_chars:,} for one article; split it into articles")
    removed = find_filler(article.text)
    kept = blank_out(article.text, removed)
    if not kept.strip():
        raise EmptyInput(f"{name}: no article text (empty, or only filler)")
    if options.require_english:
        language = detect_language(kept)
        article.language = language
        if language not in (None, "en"):
            raise NotEnglish(f"{name}: the text is in language '{language}'; factwire "
                             "extracts from English articles only")
    return removed


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    return dt.date.fromisoformat(value[:10])


def collect(article: Article, doc: Doc) -> ArticleFacts:
    """The ArticleFacts of an annotated Doc; facts inside removed spans are dropped."""
    removed = doc._.removed or []
    facts = ArticleFacts(
        article=article,
        removed=list(removed),
        entities=list(doc._.entities or []),
        times=list(doc._.times or []),
        quantities=list(doc._.quantities or []),
        quotes=list(doc._.quotes or []),
        events=list(doc._.events or []),
    )
    return drop_facts_in_removed(facts)


def _inside(start: int, end: int, removed: list[Removed]) -> bool:
    return any(start < r.end and end > r.start for r in removed)


def drop_facts_in_removed(facts: ArticleFacts) -> ArticleFacts:
    """Remove every fact that overlaps filler (a last guard; components skip it already)."""
    removed = facts.removed
    if not removed:
        return facts
    for entity in facts.entities:
        entity.mentions = [m for m in entity.mentions if not _inside(m.start, m.end, removed)]
    facts.entities = [e for e in facts.entities if e.mentions or e.nominal]
    facts.times = [t for t in facts.times if not _inside(t.start, t.end, removed)]
    facts.quantities = [q for q in facts.quantities
                        if q.derived or not _inside(q.start, q.end, removed)]
    facts.quotes = [q for q in facts.quotes if not _inside(q.start, q.end, removed)]
    facts.events = [e for e in facts.events
                    if not _inside(e.trigger.start, e.trigger.end, removed)]
    return facts
