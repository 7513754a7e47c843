"""Query and export commands over the store: events, entities, claims, quotes, export, link.

Each command is registered into the main ``factwire`` CLI (see cli.py).
"""

from __future__ import annotations

import datetime as dt

import click

from factwire.cli import DATE, _country, _iso, db_option

COMMANDS: list[click.Command] = []

FORMAT = click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]),
                      default="table", show_default=True, help="Aligned table, JSON Lines or CSV.")
SINCE = click.option("--since", type=DATE, help="First date (YYYY-MM-DD) of the event or figure, "
                     "inclusive.")
UNTIL = click.option("--until", type=DATE, help="Last date (YYYY-MM-DD), inclusive.")
COUNTRY = click.option("--country", callback=_country,
                       help="ISO 3166-1 alpha-3 code, e.g. RUS.")
ACTOR = click.option("--actor", help="A name or alias of an actor, e.g. 'Putin'.")
TEXT = click.option("--q", "q", metavar="TEXT", help="Words to look for.")
PLACE_COUNTRY = click.option("--place-country", callback=_country,
                             help="ISO 3166-1 alpha-3 code of the event's place, e.g. UKR.")
ADMIN1 = click.option("--admin1", help="First-level area of the event's place, e.g. Kursk "
                      "(any case).")


def _bbox(ctx, param, value):
    """``--bbox`` checked: four numbers in range, else a usage error."""
    from factwire.store.filters import PlaceFilterError, parse_bbox

    try:
        return parse_bbox(value)
    except PlaceFilterError as error:
        raise click.BadParameter(str(error).removeprefix("bbox: ")) from None


BBOX = click.option("--bbox", callback=_bbox, metavar="MIN_LON,MIN_LAT,MAX_LON,MAX_LAT",
                    help="Box around the event's place, e.g. 30,45,40,55 (min_lon > max_lon "
                    "crosses the antimeridian).")


def command(function):
    """Register a click command in COMMANDS."""
    built = click.command()(function)
    COMMANDS.append(built)
    return built


def _open(db: str):
    from factwire.store import Store

    return Store(db, create=False)


def _day(value: dt.datetime | None) -> str | None:
    return _iso(value)


@db_option
@SINCE
@UNTIL
@COUNTRY
@ACTOR
@click.option("--type", "types", multiple=True, help="PLOVER type (repeatable), e.g. ASSAULT.")
@TEXT
@PLACE_COUNTRY
@ADMIN1
@BBOX
@FORMAT
def events(db, since, until, country, actor, types, q, place_country, admin1, bbox,
           fmt) -> None:
    """Events across articles: one row per event, with its reports, outlets and place.

    Example: factwire events --country RUS --type ASSAULT --since 2025-03-01 --format csv

    Example: factwire events --place-country RUS --admin1 Kursk --bbox 30,45,40,55
    """
    from factwire.export import render
    from factwire.store.frames import events as events_frame

    with _open(db) as store:
        found = events_frame(store, _day(since), _day(until), country, list(types), actor, q,
                             place_country=place_country, admin1=admin1, bbox=bbox)
        click.echo(render(found, fmt, "events"), nl=False)


@db_option
@COUNTRY
@click.option("--type", "type_", help="Entity type: PERSON, ORG, GPE, LOC or FAC.")
@TEXT
@FORMAT
def entities(db, country, type_, q, fmt) -> None:
    """Actors and places across articles, most reported first, with their aliases.

    Example: factwire entities --type PERSON --q putin
    """
    from factwire.export import render

    with _open(db) as store:
        click.echo(render(store.entities(country, type_, q), fmt, "entities"), nl=False)


@db_option
@SINCE
@UNTIL
@COUNTRY
@ACTOR
@TEXT
@click.option("--contradictions", is_flag=True,
              help="Only pairs of sources that disagree on a figure.")
@FORMAT
def claims(db, since, until, country, actor, q, contradictions, fmt) -> None:
    """Figures as series (subject, counted thing) in time order, with their sources.

    Example: factwire claims --actor Russia --q troops --contradictions
    """
    from factwire.export import render

    with _open(db) as store:
        method = store.contradictions if contradictions else store.claims
        table = "contradictions" if contradictions else "claims"
        click.echo(render(method(_day(since), _day(until), country, actor, q), fmt, table),
                   nl=False)


@db_option
@SINCE
@UNTIL
@COUNTRY
@ACTOR
@FORMAT
def quotes(db, since, until, country, actor, fmt) -> None:
    """Quotes with their speakers; --actor: the speaker's name.

    Example: factwire quotes --actor "Vladimir Putin" --format json
    """
    from factwire.export import render

    with _open(db) as store:
        found = store.quotes_frame(_day(since), _day(until), country, actor)
        click.echo(render(found, fmt, "quotes"), nl=False)


@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "plover"]),
              default="jsonl", show_default=True, help="Output format.")
@click.option("--table", default="events", show_default=True,
              type=click.Choice(["events", "claims", "contradictions", "entities", "quotes"]))
@click.option("-o", "--output", default="-", show_default=True,
              help="Output file; - is standard output (not for parquet).")
@SINCE
@UNTIL
@COUNTRY
@click.option("--type", "types", multiple=True, help="PLOVER type (events only).")
@PLACE_COUNTRY
@ADMIN1
@BBOX
def export(db, fmt, table, output, since, until, country, types, place_country, admin1,
           bbox) -> None:
    """Export events (or another table) as JSON Lines, CSV, Parquet or PLOVER JSON.

    Events carry their place: latitude, longitude, GeoNames id, feature, admin1, country and
    precision. --place-country, --admin1 and --bbox select events by their place.

    Example: factwire export --format plover --country RUS -o events.jsonl
    """
    from factwire.export import export as write

    filters = {"since": _day(since), "until": _day(until), "country": country}
    if types:
        filters["type"] = list(types)
    if place_country or admin1 or bbox:
        if table != "events":
            raise click.UsageError("--place-country, --admin1 and --bbox filter events only")
        filters.update(place_country=place_country, admin1=admin1, bbox=bbox)
    with _open(db) as store:
        count = write(store, output, fmt, table, **filters)
    click.echo(f"{count} {table} exported", err=True)


@db_option
@click.option("--rebuild", is_flag=True, required=True,
              help="Drop every cross-article link and link all articles again.")
def link(db, rebuild) -> None:
    """Link all stored articles again (after the linking rules changed).

    Example: factwire link --rebuild --db factwire.db
    """
    with _open(db) as store:
        click.echo(f"{store.relink()} articles linked", err=True)


for _function in (events, entities, claims, quotes, export, link):
    command(_function)
