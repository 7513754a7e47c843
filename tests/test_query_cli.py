"""The query commands (events, entities, claims, quotes, export, link) and the exports, on a
small hand-built store; and schema migrations of older databases."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, inspect

from factwire.cli import cli
from factwire.export import ExportError, export
from factwire.store import SCHEMA_VERSION, Store
from tests.test_link import RUSSIA_GEO, _entity, kharkiv_article, troops


@pytest.fixture
def db(tmp_path) -> str:
    path = str(tmp_path / "q.db")
    with Store(path) as store:
        for text, outlet, day in (("Russia shelled Kharkiv.", "Reuters", "2025-03-10"),
                                  ("Russia attacked Kharkiv.", "AP", "2025-03-11")):
            store.add(kharkiv_article(text, outlet, day,
                                      _entity("e1", "Russia", "GPE", "RUS", geo=RUSSIA_GEO)))
        store.add(troops("Russia has 1.5 million troops.", "Interfax", "2025-04-02", 1.5e6,
                         "Kremlin"))
        store.add(troops("Russia has 1.1 million.", "Meduza", "2025-04-03", 1.1e6, "ISW"))
    return path


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_events_command_prints_one_row_per_merged_event(db):
    out = run("events", "--db", db, "--country", "UKR", "--type", "ASSAULT")
    lines = out.splitlines()
    assert len(lines) == 2 and "Reuters; AP" in lines[1] and "Kharkiv" in lines[1]


def test_events_command_as_json_and_csv(db):
    (record,) = [json.loads(line) for line in
                 run("events", "--db", db, "--actor", "russia", "--format", "json").splitlines()]
    assert (record["type"], record["reports"], record["outlets"]) == (
        "ASSAULT", 2, ["Reuters", "AP"])
    (row,) = csv.DictReader(io.StringIO(run("events", "--db", db, "--format", "csv")))
    assert row["outlets"] == "Reuters; AP"


def test_filters_that_match_nothing_say_so(db):
    assert run("events", "--db", db, "--since", "2025-06-01") == "(nothing found)\n"
    assert run("events", "--db", db, "--q", "bombed") == "(nothing found)\n"


def test_claims_command_shows_contradictions(db):
    out = run("claims", "--db", db, "--contradictions", "--format", "json")
    (pair,) = [json.loads(line) for line in out.splitlines()]
    assert (pair["first_source"], pair["second_source"], pair["difference"]) == (
        "Kremlin", "ISW", 0.2667)


def test_entities_command_lists_global_entities(db):
    out = run("entities", "--db", db, "--format", "json", "--country", "RUS")
    names = [json.loads(line)["name"] for line in out.splitlines()]
    assert names == ["Russia"]


def test_export_writes_parquet_csv_jsonl_and_plover(db, tmp_path):
    with Store(db, create=False) as store:
        assert export(store, str(tmp_path / "e.parquet"), "parquet") == 1
        assert export(store, str(tmp_path / "c.csv"), "csv", table="claims") == 2
        stream = io.StringIO()
        assert export(store, stream, "plover") == 1
    frame = pd.read_parquet(tmp_path / "e.parquet")
    assert list(frame["outlets"].iloc[0]) == ["Reuters", "AP"]
    record = json.loads(stream.getvalue())
    assert {k: record[k] for k in ("Event Type", "Actor Country", "Recipient Name",
                                   "GeoNames ID", "Source")} == {
        "Event Type": "ASSAULT", "Actor Country": "RUS", "Recipient Name": "Kharkiv",
        "GeoNames ID": 706483, "Source": "Reuters;AP"}


def test_export_refuses_what_it_cannot_write(db):
    with Store(db, create=False) as store, pytest.raises(ExportError, match="events only"):
        export(store, io.StringIO(), "plover", table="claims")


def test_export_command_to_stdout(db):
    result = CliRunner().invoke(cli, ["export", "--db", db, "--format", "jsonl",
                                      "--table", "contradictions"])
    assert result.exit_code == 0 and "1 contradictions exported" in result.stderr


def test_link_rebuild_command(db):
    result = CliRunner().invoke(cli, ["link", "--rebuild", "--db", db])
    assert result.exit_code == 0 and "4 articles linked" in result.stderr


def test_a_database_made_before_migrations_is_adopted_and_upgraded(tmp_path):
    from alembic import command

    from factwire.store.engine import alembic_config

    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:  # the version-1 schema, as create_all made it
        command.upgrade(alembic_config(connection), "0001")
        connection.exec_driver_sql("DROP TABLE alembic_version")
    engine.dispose()
    with Store(path) as store:
        assert inspect(store.engine).has_table("merged_events")
        with store.engine.connect() as connection:
            version = connection.exec_driver_sql(
                "SELECT version FROM factwire_schema_version").scalar()
        assert version == SCHEMA_VERSION == 6
