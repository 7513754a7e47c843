"""Batches: read many inputs, extract their facts, store them, and account for every item.

A bad file or record never stops a batch: its error is reported and counted, and the rest
goes on. Extraction runs in this process, in N worker processes (``workers=N``) or on a Dask
cluster (``dask="tcp://scheduler:8786"`` or ``"local:N"``); whatever runs it, this process is
the one writer of the store. Inputs stream: a bounded number of chunks is in flight at any
time, so memory does not grow with the corpus. An article is stored in one transaction, keyed
by its content hash, and articles already stored are not extracted again: a batch that was
killed resumes where it stopped when run again.

>>> result = ingest_paths(["samples/"], Store("factwire.db"), workers=2)  # doctest: +SKIP
>>> result.summary()
'9 stored, 0 already present, 0 failed'
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Protocol

from tqdm import tqdm

from factwire import ingest, pipeline
from factwire.errors import FactwireError, StoreError
from factwire.model import Article, ArticleFacts
from factwire.options import ExtractOptions

if TYPE_CHECKING:  # the store (SQLAlchemy) is imported only by those who store
    from spacy.language import Language

    from factwire.store import Store

Item = Article | FactwireError
Outcome = ArticleFacts | FactwireError | None  # None: skipped (already stored)

# Articles sent to a worker at a time: one nlp.pipe batch; small enough that work spreads
# evenly over the workers and little is in memory or lost with a dead worker.
CHUNK_ITEMS = 16


class BatchError(FactwireError):
    """The machinery of a batch failed (a worker process died, the cluster is unreachable).

    Articles stored before the failure stay stored; run the same command again to resume.
    """

    code = "E020"


class Engine(Protocol):
    """Where chunks of articles are extracted: here, in worker processes, or on Dask."""

    def extract(self, chunks: Iterable[list[Article]]
                ) -> Iterator[list[ArticleFacts | FactwireError]]:
        """The outcomes of each chunk, chunk by chunk, in any order of chunks."""

    def close(self) -> None:
        """Stop the workers this engine started."""


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
    not extracted (outcome None); the rest go through ``extract_chunk`` in chunks.
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
        extracted = iter(extract_chunk(todo, options, nlp))
        for item, outcome in zip(chunk, outcomes, strict=True):
            if isinstance(outcome, Article):
                outcome = next(extracted)
            yield item, outcome


def extract_chunk(articles: list[Article], options: ExtractOptions | None = None,
                  nlp: Language | None = None) -> list[ArticleFacts | FactwireError]:
    """Facts of a chunk's articles, in order; if an extractor crashes, each article alone.

    This is the unit of work a worker process or a Dask worker runs; with ``nlp`` None it
    uses the process's own pipeline, loaded once (``factwire.nlp.load`` is cached). A crash
    is a factwire bug, not bad input: the article that triggers it gets an error naming the
    exception (chained to it), and the other articles of the chunk go on.
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


class InProcess:
    """The engine that extracts in this process (``workers=1``)."""

    def __init__(self, options: ExtractOptions | None = None, nlp: Language | None = None):
        self.options, self.nlp = options, nlp

    def extract(self, chunks: Iterable[list[Article]]
                ) -> Iterator[list[ArticleFacts | FactwireError]]:
        for chunk in chunks:
            yield extract_chunk(chunk, self.options, self.nlp)

    def warm_up(self) -> None:
        """Load the pipeline now rather than with the first chunk."""
        if self.nlp is None:
            self.nlp = pipeline.load()

    def close(self) -> None:
        pass


def open_engine(workers: int = 1, dask: str | None = None, *,
                options: ExtractOptions | None = None, nlp: Language | None = None) -> Engine:
    """The engine for ``workers`` local processes, or for the Dask cluster at ``dask``.

    ``dask``: a scheduler address (``tcp://10.0.0.5:8786``) or ``local:N`` for a cluster of N
    worker processes on this machine.
    """
    if dask is not None:
        from factwire.batch_dask import DaskEngine

        return DaskEngine(dask, options=options)
    if workers > 1:
        from factwire.batch_workers import WorkerPool

        return WorkerPool(workers, options=options)
    return InProcess(options, nlp)


def _report_skip(message: str) -> None:
    tqdm.write(f"skipped {message}", file=sys.stderr)


def ingest_paths(paths: Sequence[str], store: Store, published: str | None = None,
                 progress: bool = True, *, on_skip: Callable[[str], None] | None = None,
                 options: ExtractOptions | None = None, nlp: Language | None = None,
                 workers: int = 1, dask: str | None = None) -> IngestResult:
    """Read, extract and store every article under ``paths``; count and report each outcome.

    Articles already stored are not extracted again. Each failure is passed to ``on_skip``
    as one line naming the input (default: printed to stderr as "skipped <name>: <reason>").
    The progress bar (stderr) shows only when ``progress`` and stderr is a terminal.
    ``workers``/``dask``: where extraction runs (see ``open_engine``); storing is here.
    """
    engine = open_engine(workers, dask, options=options, nlp=nlp)
    try:
        return ingest_items(read_paths(paths, published), store, engine, progress=progress,
                            on_skip=on_skip)
    finally:
        engine.close()


def ingest_items(items: Iterable[Item], store: Store, engine: Engine, *, progress: bool = True,
                 on_skip: Callable[[str], None] | None = None) -> IngestResult:
    """Extract ``items`` with ``engine`` and store the facts here, as each chunk comes back."""
    result = IngestResult()
    report = on_skip or _report_skip
    bar = tqdm(desc="ingest", unit=" articles", file=sys.stderr, dynamic_ncols=True,
               disable=None if progress else True)
    with bar:
        todo = _new_articles(items, store, result, report, bar)
        for outcomes in engine.extract(_chunks(todo, CHUNK_ITEMS)):
            for outcome in outcomes:
                if isinstance(outcome, FactwireError):
                    _fail(result, describe_error(outcome), report)
                else:
                    _store(store, outcome, result, report)
                bar.update()
    return result


def _new_articles(items: Iterable[Item], store: Store, result: IngestResult,
                  report: Callable[[str], None], bar: tqdm) -> Iterator[Article]:
    """The articles not stored yet; read errors and stored articles are counted on the way."""
    for item in items:
        if isinstance(item, FactwireError):
            _fail(result, describe_error(item), report)
            bar.update()
        elif store.has(item.id):
            result.present += 1
            bar.update()
        else:
            yield item


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while chunk := list(islice(iterator, size)):
        yield chunk


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
