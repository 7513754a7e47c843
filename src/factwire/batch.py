"""Batches: read many inputs, extract their facts, store them, and account for every item.

A bad file or record never stops a batch: its error is reported and counted, and the rest
goes on. Extraction runs in this process, in N worker processes (``workers=N``) or on a Dask
cluster (``dask="tcp://scheduler:8786"`` or ``"local:N"``); whatever runs it, this process is
the one writer of the store. Whatever depends on one article alone (its table rows, its facts
as JSON, its MinHash signature, its entities' keys) is made where it is extracted
(``prepare_chunk``), so the writer only inserts and links. Inputs stream: a bounded number of
chunks is in flight at any time, so memory does not grow with the corpus. A chunk of articles
is stored in one transaction (or, if that fails, each article in its own), keyed by content
hash, and articles already stored are not extracted again: a batch that was killed resumes
where it stopped when run again.

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
    from factwire.store.linking import MemberCache
    from factwire.store.write import Prepared

Item = Article | FactwireError
Outcome = ArticleFacts | FactwireError | None  # None: skipped (already stored)
# The unit of work of an engine: a chunk of articles (and the options) -> one outcome each.
Work = Callable[..., list]

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

    def extract(self, chunks: Iterable[list[Article]], work: Work = ...) -> Iterator[list]:
        """The outcomes of each chunk, chunk by chunk, in any order of chunks: ``work``
        (a module-level function, ``extract_chunk`` by default: facts or errors) run on
        each."""

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


def read_paths(paths: Iterable[str], published: str | None = None,
               outlet_country: str | None = None) -> Iterator[Item]:
    """Articles (or errors) from files, folders or ``-`` (stdin), in order.

    ``outlet_country`` (ISO 3166-1 alpha-2): the outlet's country of every article whose input
    does not give one.
    """
    for path in paths:
        for item in ingest.read_path(path, published=published):
            if outlet_country and isinstance(item, Article) and not item.outlet_country:
                item.outlet_country = outlet_country
            yield item


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


def prepare_chunk(articles: list[Article], options: ExtractOptions | None = None,
                  nlp: Language | None = None) -> list[Prepared | FactwireError]:
    """``extract_chunk``, then each article's rows and links made ready for the store's
    writer (:func:`factwire.store.write.prepare`): what an ingest's engines run."""
    from factwire.store.write import prepare

    return [outcome if isinstance(outcome, FactwireError) else _prepare(prepare, outcome)
            for outcome in extract_chunk(articles, options, nlp)]


def _prepare(prepare: Callable[[ArticleFacts], Prepared], facts: ArticleFacts
             ) -> Prepared | FactwireError:
    try:
        return prepare(facts)
    except Exception as crash:  # noqa: BLE001 - reported as this article's failure
        return _crash_error(facts.article, "preparing its facts for the store", crash)


def _crash_error(article: Article, step: str, crash: Exception) -> FactwireError:
    name = article.source_path or article.id[:12]
    error = FactwireError(f"{name}: {step} crashed ({type(crash).__name__}: {crash}); "
                          "this is a factwire bug, please report it with the article")
    error.__cause__ = crash
    return error


def _extract_alone(article: Article, options, nlp) -> ArticleFacts | FactwireError:
    try:
        return next(pipeline.extract_articles([article], options=options, nlp=nlp))
    except Exception as crash:  # noqa: BLE001 - reported as this article's failure
        return _crash_error(article, "extraction", crash)


class InProcess:
    """The engine that extracts in this process (``workers=1``)."""

    def __init__(self, options: ExtractOptions | None = None, nlp: Language | None = None):
        self.options, self.nlp = options, nlp

    def extract(self, chunks: Iterable[list[Article]], work: Work = extract_chunk
                ) -> Iterator[list]:
        for chunk in chunks:
            yield work(chunk, self.options, self.nlp)

    def warm_up(self) -> None:
        """Load the pipeline, and the tables its components load on first use, now rather
        than with the first chunk."""
        self.nlp = pipeline.warm_up(self.nlp)

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
                 workers: int = 1, dask: str | None = None,
                 outlet_country: str | None = None) -> IngestResult:
    """Read, extract and store every article under ``paths``; count and report each outcome.

    Articles already stored are not extracted again. Each failure is passed to ``on_skip``
    as one line naming the input (default: printed to stderr as "skipped <name>: <reason>").
    The progress bar (stderr) shows only when ``progress`` and stderr is a terminal.
    ``workers``/``dask``: where extraction runs (see ``open_engine``); storing is here.
    ``outlet_country``: as for ``read_paths``.
    """
    engine = open_engine(workers, dask, options=options, nlp=nlp)
    try:
        return ingest_items(read_paths(paths, published, outlet_country), store, engine,
                            progress=progress,
                            on_skip=on_skip)
    finally:
        engine.close()


def ingest_items(items: Iterable[Item], store: Store, engine: Engine, *, progress: bool = True,
                 on_skip: Callable[[str], None] | None = None) -> IngestResult:
    """Extract ``items`` with ``engine`` and store the facts here, as each chunk comes back."""
    from factwire.store.linking import MemberCache

    result = IngestResult()
    report = on_skip or _report_skip
    cache = MemberCache()  # this writer's: validated against the database, like the Store's
    bar = tqdm(desc="ingest", unit=" articles", file=sys.stderr, dynamic_ncols=True,
               disable=None if progress else True)
    with bar:
        todo = _new_articles(items, store, result, report, bar)
        for outcomes in engine.extract(_chunks(todo, CHUNK_ITEMS), work=prepare_chunk):
            ready = []
            for outcome in outcomes:
                if isinstance(outcome, FactwireError):
                    _fail(result, describe_error(outcome), report)
                else:
                    ready.append(outcome)
            _store_chunk(store, ready, cache, result, report)
            bar.update(len(outcomes))
    return result


def _new_articles(items: Iterable[Item], store: Store, result: IngestResult,
                  report: Callable[[str], None], bar: tqdm) -> Iterator[Article]:
    """The articles not stored yet; read errors and stored articles are counted on the way.

    Which are stored is asked once per ``CHUNK_ITEMS`` items.
    """
    from factwire.store.write import stored_ids

    iterator = iter(items)
    while group := list(islice(iterator, CHUNK_ITEMS)):
        ids = [item.id for item in group if isinstance(item, Article)]
        with store.engine.connect() as connection:
            stored = stored_ids(connection, ids) if ids else set()
        for item in group:
            if isinstance(item, FactwireError):
                _fail(result, describe_error(item), report)
                bar.update()
            elif item.id in stored:
                result.present += 1
                bar.update()
            else:
                yield item


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _store_chunk(store: Store, chunk: list[Prepared], cache: MemberCache,
                 result: IngestResult, report: Callable[[str], None]) -> None:
    """Store a chunk's articles in one transaction, but for those stored since they were
    read (the same article earlier in the input, or stored by another writer); if that
    fails, each article in its own (``Store.add``: an article another writer stored
    meanwhile is present, one that cannot be stored is reported, the others are stored)."""
    from sqlalchemy.exc import IntegrityError, OperationalError

    from factwire.store.linking import store_chunk
    from factwire.store.write import stored_ids

    if not chunk:
        return
    with store.engine.connect() as connection:
        seen = stored_ids(connection, list(dict.fromkeys(p.id for p in chunk)))
    todo = []
    for prepared in chunk:
        if prepared.id in seen:
            result.present += 1
        else:
            seen.add(prepared.id)
            todo.append(prepared)
    if not todo:
        return
    try:
        with store.engine.begin() as connection:
            store_chunk(connection, todo, cache)
    except (IntegrityError, OperationalError):  # the errors Store.add reports, article by article
        cache.clear()  # it may hold rows of the rolled-back transaction
        for prepared in todo:
            _store(store, prepared, result, report)
        return
    except BaseException:
        cache.clear()
        raise
    result.stored += len(todo)


def _store(store: Store, prepared: Prepared, result: IngestResult, report) -> None:
    try:
        added = store.add(prepared.facts())
    except StoreError as error:
        _fail(result, f"{prepared.name}: {describe_error(error)}", report)
        return
    if added:
        result.stored += 1
    else:
        result.present += 1


def _fail(result: IngestResult, message: str, report: Callable[[str], None]) -> None:
    result.failed += 1
    result.errors.append(message)
    report(message)
