"""The ``factwire`` command: a thin shell over the library (extract, ingest, report).

Each command parses its options, calls one or two library functions and prints the result.
Expected errors (``FactwireError``) print as one line, without a traceback.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys

import click

from factwire import __version__
from factwire.batch import describe_error, error_line, extract_items, read_paths
from factwire.errors import FactwireError
from factwire.summary import facts_summary

# The store (SQLAlchemy, link/, scipy) and reports are imported by the commands that use
# them: `factwire extract` must start fast.

DATE = click.DateTime(formats=["%Y-%m-%d"])
DEFAULT_DB = "factwire.db"


class FactwireGroup(click.Group):
    """A click group that turns factwire's expected errors into one-line messages."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except FactwireError as error:
            raise click.ClickException(describe_error(error)) from error


def _iso(value: dt.datetime | None) -> str | None:
    return value.date().isoformat() if value else None


def _country(_ctx, _param, value: str | None) -> str | None:
    if value is None:
        return None
    if not re.fullmatch(r"[A-Za-z]{3}", value):
        raise click.BadParameter(f"{value!r}: use an ISO 3166-1 alpha-3 code such as RUS")
    return value.upper()


def _outlet_country(_ctx, _param, value: str | None) -> str | None:
    from factwire.ingest.article import normalize_country

    try:
        return normalize_country(value, "--outlet-country")
    except FactwireError as error:
        raise click.BadParameter(str(error)) from None


outlet_country_option = click.option(
    "--outlet-country", callback=_outlet_country, metavar="CODE",
    help="The outlet's country (ISO 3166-1, e.g. US or GBR) for articles whose input gives "
         "none: a weak prior for places with namesakes abroad.")

db_option = click.option("--db", default=DEFAULT_DB, show_default=True, envvar="FACTWIRE_DB",
                         help="Database: a SQLite file path or a SQLAlchemy URL.")


@click.group(cls=FactwireGroup)
@click.version_option(__version__, prog_name="factwire")
def cli() -> None:
    """factwire: news articles in; events, actors, figures, quotes and dates out,
    each with the words of the article that state it."""


@cli.command()
@click.argument("path")
@click.option("--published", type=DATE, help="Publication date (YYYY-MM-DD) to resolve "
              "relative dates against; overrides the input's own date.")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json",
              show_default=True, help="JSON (one object per article) or a readable summary.")
@outlet_country_option
def extract(path: str, published: dt.datetime | None, fmt: str,
            outlet_country: str | None) -> None:
    """Extract the facts of the article(s) in PATH (a file, a folder, or - for stdin).

    Example: factwire extract article.txt --published 2025-04-02 --format text

    JSON Lines input gives JSON Lines output in the same order; a record that fails gives
    {"error": ..., "line": N} in its place. Other failures are reported on stderr.
    """
    extracted = 0
    for item, outcome in extract_items(read_paths([path], _iso(published), outlet_country)):
        if isinstance(outcome, FactwireError):
            _print_failure(item, outcome, fmt)
            continue
        extracted += 1
        if fmt == "json":
            click.echo(outcome.to_json())
        else:
            click.echo(("\n" if extracted > 1 else "") + facts_summary(outcome), nl=False)
    if extracted == 0:
        sys.exit(1)


def _print_failure(item, error: FactwireError, fmt: str) -> None:
    """A failed JSON Lines record becomes an error line in place; anything else goes to stderr."""
    line = error_line(item, error)
    if fmt == "json" and line is not None:
        click.echo(json.dumps({"error": describe_error(error), "line": line},
                              ensure_ascii=False))
    else:
        click.echo(f"skipped {describe_error(error)}", err=True)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--published", type=DATE, help="Publication date (YYYY-MM-DD) for every "
              "article read; overrides the inputs' own dates.")
@click.option("--progress/--no-progress", default=True,
              help="Show a progress bar on stderr (only in a terminal).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes extracting in parallel on this machine (one per core).")
@click.option("--dask", "dask_address", metavar="ADDRESS",
              help="Extract on a Dask cluster: its scheduler (tcp://host:8786), or local:N "
                   "for N worker processes on this machine.")
@outlet_country_option
def ingest(paths: tuple[str, ...], db: str, published: dt.datetime | None,
           progress: bool, workers: int, dask_address: str | None,
           outlet_country: str | None) -> None:
    """Extract the articles under PATHS and store them with all their facts.

    Example: factwire ingest samples/ --db factwire.db --workers 4

    Articles already stored are left as they are, so an interrupted ingest resumes when run
    again. Each bad file or record is reported as "skipped <name>: <reason>"; the exit code
    is non-zero only when nothing was stored.
    """
    from factwire.batch import ingest_paths
    from factwire.store import Store

    if dask_address is not None and workers > 1:
        raise click.BadParameter("use either --workers or --dask, not both",
                                 param_hint="--workers")
    with Store(db) as store:
        result = ingest_paths(paths, store, published=_iso(published), progress=progress,
                              workers=workers, dask=dask_address,
                              outlet_country=outlet_country)
    click.echo(result.summary(), err=True)
    if result.processed == 0:
        sys.exit(1)


@cli.command()
@db_option
@click.option("--since", type=DATE, help="First publication date (YYYY-MM-DD), inclusive.")
@click.option("--until", type=DATE, help="Last publication date (YYYY-MM-DD), inclusive.")
@click.option("--country", callback=_country, help="Only events involving this country "
              "(ISO 3166-1 alpha-3, e.g. RUS), and figures and quotes from articles naming it.")
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md",
              show_default=True, help="Markdown or a standalone HTML page.")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8", lazy=True),
              help="Write the report to this file instead of standard output.")
def report(db: str, since: dt.datetime | None, until: dt.datetime | None,
           country: str | None, fmt: str, output) -> None:
    """Print a situation report: events by type, key figures, quotes by speaker.

    Example: factwire report --since 2025-04-01 --country RUS --format html -o report.html
    """
    from factwire.report import situation_report
    from factwire.store import Store

    if since and until and since > until:
        raise click.BadParameter("--since is after --until", param_hint="--since")
    with Store(db, create=False) as store:
        text = situation_report(store, since=_iso(since), until=_iso(until), country=country,
                                format=fmt)
    if output:
        with output:
            output.write(text)
        click.echo(f"report written to {output.name}", err=True)
    else:
        click.echo(text, nl=False)


def _register_commands() -> None:
    """Commands that live beside the features they expose (query and export, web)."""
    from factwire import cli_query
    from factwire.web import commands as web_commands

    for command in cli_query.COMMANDS + web_commands.COMMANDS:
        cli.add_command(command)


_register_commands()


def main() -> None:
    """Entry point of the ``factwire`` console script."""
    cli(prog_name="factwire")
