"""The ``factwire serve`` command."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []


@click.command()
@click.option("--db", default="factwire.db", show_default=True,
              help="Database: a SQLite file path or a SQLAlchemy URL.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
def serve(db: str, host: str, port: int) -> None:
    """Serve the web UI and REST API over a store.

    Example: FACTWIRE_TOKEN=s3cret factwire serve --db factwire.db --port 8000

    Pages at /, the API under /api (docs at /docs). Without FACTWIRE_TOKEN in the
    environment the server is read-only; with it, POST /api/articles with
    "Authorization: Bearer <token>" extracts and stores an article.
    """
    import uvicorn

    from factwire.errors import StoreError
    from factwire.web.app import create_app

    try:
        app = create_app(db)
    except StoreError as error:
        raise click.ClickException(str(error)) from error
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)


COMMANDS.append(serve)
