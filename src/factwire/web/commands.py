"""The ``factwire serve`` command."""

from __future__ import annotations

import os

import click

COMMANDS: list[click.Command] = []


@click.command()
@click.option("--db", default="factwire.db", show_default=True,
              help="Database: a SQLite file path or a SQLAlchemy URL.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes. 1 suits development; to serve many clients use about "
                   "one per CPU core (each process opens the store and keeps its own cache).")
@click.option("--access-log/--no-access-log", default=True, show_default=True,
              help="Log every request (a line each: costs some CPU under load).")
def serve(db: str, host: str, port: int, workers: int, access_log: bool) -> None:
    """Serve the web UI and REST API over a store.

    Example: FACTWIRE_TOKEN=s3cret factwire serve --db factwire.db --port 8000 --workers 2

    Pages at /, the API under /api (docs at /docs). Without FACTWIRE_TOKEN in the
    environment the server is read-only; with it, POST /api/articles with
    "Authorization: Bearer <token>" extracts and stores an article. Every worker process
    reads the same FACTWIRE_TOKEN and serves the same store. Answers are cached until the
    store changes: an article stored through one worker (or by `factwire ingest`) shows in
    the others within 2 seconds.
    """
    from factwire.errors import StoreError
    from factwire.web.app import DB_ENV, open_store
    from factwire.web.server import run

    try:
        open_store(db).close()  # a clear error now; migrations run once, before any worker
    except StoreError as error:
        raise click.ClickException(str(error)) from error
    os.environ[DB_ENV] = db  # the workers' app_from_env reads it (they inherit the environment)
    run(host, port, workers, access_log)


COMMANDS.append(serve)
