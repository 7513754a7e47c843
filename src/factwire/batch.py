"""Batches: read many inputs, extract their facts, store them, and account for every item.

A bad file or record never stops a batch: its error is reported and counted, and the rest
goes on. Results keep the input order, errors in their place.

>>> result = ingest_paths(["samples/"], Store("factwire.db"))  # doctest: +SKIP
>>> result.summary()
'9 stored, 0 already present, 0 failed'
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice

from spacy.language import Language
from tqdm import tqdm

from factwire import ingest, pipeline
from factwire.errors import FactwireError, StoreError
from factwire.model import Article, ArticleFacts
from factwire.options import ExtractOptions
from factwire.store import Store

Item = Article | FactwireError
Outcome = ArticleFacts | FactwireError | None  # None: skipped (already stored)

# Items read ahead and extracted together: enough for nlp.pipe batches, little memory.
CHUNK_ITEMS = 64


@dataclass
class IngestResult:
    """What a batch did: articles stored, already present, failed, and why each failed."""

    stored: int = 0
    present: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def processed(self) -> int:
        """Articles now in the store, new or not."""
        return self.stored + self.present

    def summary(self) -> str:
        return f"{self.stored} stored, {self.present} already present, {self.failed} failed"


def describe_error(error: FactwireError) -> str:
    """The error as one line that starts with the input it is about."""
    message = " ".join(str(error).split()) or type(error).__name__
    source = getattr(error, "source", None)
    if source and not message.startswith(source):
        message = f"{source}: {message}"
    return message


def error_line(item: Item, error: FactwireError) -> int | None:
    """The JSON Lines line number an error belongs to, if it belongs to one."""
    line = getattr(error, "line", None)
    if line is None and isinstance(item, Article) and item.source_path:
        match = re.search(r":(\d+)$", item.source_path)  # readers name records "file:line"
        line = int(match.group(1)) if match else None
    return line


def read_paths(paths: Iterable[str], published: str | None = None) -> Iterator[Item]:
    """Articles (or errors) from files, folders or ``-`` (stdin), in order."""
    for path in paths:
        yield from ingest.read_path(path, published=published)


def extract_items(items: Iterable[Item], *, skip: Callable[[Article], bool] | None = None,
                  options: ExtractOptions | None = None, nlp: Language | None = None,
                  ) -> Iterator[tuple[Item, Outcome]]:
    """(item, facts or error or None) for each input item, in input order.

    Read errors pass through as their own outcome; articles for which ``skip`` is true are
    not extracted (outcome None); the rest go through ``extract_articles`` in chunks.
    """
    iterator = iter(items)
    while chunk := list(islice(iterator, CHUNK_ITEMS)):
        outcomes: list[Outcome] = []
        todo: list[Article] = []
        for item in chunk:
            if isinstance(item, FactwireError):
                outcomes.append(item)
            elif skip is not None and skip(item):
                outcomes.append(None)
            else:
                outcomes.append(item)  # placeholder, replaced by its facts below
                todo.append(item)
        extracted = iter(_extract_chunk(todo, options, nlp))
        for item, outcome in zip(chunk, outcomes, strict=True):
            if isinstance(outcome, Article):
                outcome = next(extracted)
            yield item, outcome


def _extract_chunk(articles: list[Article], options, nlp) -> list[ArticleFacts | FactwireError]:
    """Facts of a chunk's articles; if an extractor crashes, each article on its own.

    A crash is a factwire bug, not bad input: the article that triggers it gets an error
    naming the exception (chained to it), and the other articles of the batch go on.
    """
    if not articles:
        return []  # nothing to extract: do not load the model
    try:
        return list(pipeline.extract_articles(articles, options=options, nlp=nlp))
    except Exception:  # noqa: BLE001 - the culprit is found below, article by article
        return [_extract_alone(article, options, nlp) for article in articles]


def _extract_alone(article: Article, options, nlp) -> ArticleFacts | FactwireError:
    try:
        return next(pipeline.extract_articles([article], options=options, nlp=nlp))
    except Exception as crash:  # noqa: BLE001 - reported as this article's failure
        name = article.source_path or article.id[:12]
        error = FactwireError(f"{name}: extraction crashed ({type(crash).__name__}: {crash}); "
                              "this is a factwire bug, please report it with the article")
        error.__cause__ = crash
        return error


def _report_skip(message: str) -> None:
    tqdm.write(f"skipped {message}", file=sys.stderr)


def ingest_paths(paths: Sequence[str], store: Store, published: str | None = None,
                 progress: bool = True, *, on_skip: Callable[[str], None] | None = None,
                 options: ExtractOptions | None = None, nlp: Language | None = None,
                 ) -> IngestResult:
    """Read, extract and store every article under ``paths``; count and report each outcome.

    Articles already stored are not extracted again. Each failure is passed to ``on_skip``
    as one line naming the input (default: printed to stderr as "skipped <name>: <reason>").
    The progress bar (stderr) shows only when ``progress`` and stderr is a terminal.
    """
    result = IngestResult()
    report = on_skip or _report_skip
    outcomes = extract_items(read_paths(paths, published), skip=lambda a: store.has(a.id),
                             options=options, nlp=nlp)
    bar = tqdm(outcomes, desc="ingest", unit=" articles", file=sys.stderr,
               disable=None if progress else True)
    with bar:
        for _, outcome in bar:
            if outcome is None:
                result.present += 1
            elif isinstance(outcome, FactwireError):
                _fail(result, describe_error(outcome), report)
            else:
                _store(store, outcome, result, report)
    return result


def _store(store: Store, facts: ArticleFacts, result: IngestResult, report) -> None:
    try:
        added = store.add(facts)
    except StoreError as error:
        name = facts.article.source_path or facts.article.id[:12]
        _fail(result, f"{name}: {describe_error(error)}", report)
        return
    if added:
        result.stored += 1
    else:
        result.present += 1


def _fail(result: IngestResult, message: str, report: Callable[[str], None]) -> None:
    result.failed += 1
    result.errors.append(message)
    report(message)
