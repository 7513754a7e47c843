"""The store: exact round trip, idempotent re-adds, one transaction per article, queries."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import inspect

from factwire.errors import StoreError
from factwire.model import (
    Article,
    ArticleFacts,
    Entity,
    Event,
    Geo,
    Quantity,
    Quote,
    Removed,
    SentenceRef,
    TextSpan,
    Time,
)
from factwire.pipeline import article_id
from factwire.store import SCHEMA_VERSION, Store
from factwire.store.schema import FACT_TABLES, ArticleRow, EventRow
from tests.store_backends import BACKENDS, stores

MOSCOW_TEXT = (
    "Russia launched a spring conscription drive on Tuesday, the Kremlin said. "
    "The drive aims to draft 160,000 men, according to TASS. "
    '"We will defend our borders," Vladimir Putin said in Moscow. '
    "Lorem ipsum dolor sit amet."
)
KYIV_TEXT = (
    "Ukraine accused Russia of shelling Kharkiv <script>alert(1)</script> on Monday. "
    "Officials said at least 12 people were killed."
)


def span(text: str, words: str, nth: int = 0) -> TextSpan:
    """The TextSpan of the ``nth`` occurrence of ``words`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return TextSpan(start, start + len(words), words)


def entity(text: str, eid: str, name: str, type_: str, country: str | None, *words: str,
           **extra) -> Entity:
    return Entity(id=eid, name=name, type=type_, country=country,
                  mentions=[span(text, w) for w in words], **extra)


def moscow_facts() -> ArticleFacts:
    """A hand-built article: a mobilization, a figure from TASS, a quote by Putin."""
    t = MOSCOW_TEXT
    lorem = t.index("Lorem")
    first_end = t.index(".") + 1
    return ArticleFacts(
        article=Article(id=article_id(t), text=t, url="https://news.example/moscow",
                        title="Russia drafts 160,000", outlet="Example Wire",
                        published="2025-04-02", source_path="moscow.txt"),
        removed=[Removed(lorem, len(t), "placeholder")],
        entities=[
            entity(t, "e1", "Russia", "GPE", "RUS", "Russia"),
            entity(t, "e2", "Kremlin", "ORG", "RUS", "Kremlin"),
            entity(t, "e3", "TASS", "ORG", "RUS", "TASS"),
            entity(t, "e4", "Vladimir Putin", "PERSON", "RUS", "Vladimir Putin",
                   role="President"),
            entity(t, "e5", "Moscow", "GPE", "RUS", "Moscow",
                   geo=Geo(lat=55.75, lon=37.62, geonameid=524901, feature="city",
                           admin1="Moscow", country="RUS", precision="city")),
        ],
        times=[Time("t1", *_offsets(t, "Tuesday"), "Tuesday", "DATE", "2025-04-01")],
        quantities=[Quantity("q1", *_offsets(t, "160,000 men"), "160,000 men", 160000,
                             counted="men", subject="e1", time="t1", source="e3")],
        quotes=[Quote("u1", t.index('"We'), t.index(" in Moscow"), "direct", "e4",
                      "Vladimir Putin", "said", span(t, "We will defend our borders,"))],
        events=[Event("v1", "MOBILIZE", "troops", ["e1"], [], ["e5"], "t1", "planned", "e2",
                      ["q1"], span(t, "launched"), SentenceRef(0, first_end), 0.9)],
        warnings=["a warning kept verbatim"],
    )


def kyiv_facts() -> ArticleFacts:
    """A second article, a day earlier, with hostile markup in its text."""
    t = KYIV_TEXT
    return ArticleFacts(
        article=Article(id=article_id(t), text=t, url="javascript:alert(2)",
                        title="Shelling <b>Kharkiv</b>", outlet="Kyiv Desk",
                        published="2025-04-01"),
        entities=[
            entity(t, "e1", "Ukraine", "GPE", "UKR", "Ukraine"),
            entity(t, "e2", "Russia", "GPE", "RUS", "Russia"),
            entity(t, "e3", "Kharkiv", "GPE", "UKR", "Kharkiv"),
            entity(t, "e4", "Officials", "PERSON", None, "Officials", nominal=True),
        ],
        times=[Time("t1", *_offsets(t, "Monday"), "Monday", "DATE", "2025-03-31")],
        quantities=[Quantity("q1", *_offsets(t, "at least 12 people"), "at least 12 people",
                             12, comparator=">=", counted="people", source="e4")],
        quotes=[Quote("u1", t.index("Officials"), len(t), "indirect", None, "Officials",
                      "said", span(t, "at least 12 people were killed"), anonymous=True)],
        events=[
            Event("v1", "ACCUSE", "allege", ["e1"], ["e2"], [], None, "asserted", None, [],
                  span(t, "accused"), SentenceRef(0, t.index("Officials") - 1), 0.8),
            Event("v2", "ASSAULT", "heavy-weapons", ["e2"], [], ["e3"], "t1", "asserted",
                  "e1", [], span(t, "shelling"), SentenceRef(0, t.index("Officials") - 1),
                  0.7),
        ],
    )


def _offsets(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


@pytest.fixture
def store(tmp_path) -> Store:
    with Store(tmp_path / "test.db") as opened:
        yield opened


@pytest.fixture
def filled(store) -> Store:
    store.add(moscow_facts())
    store.add(kyiv_facts())
    return store


def test_stored_facts_read_back_identical(store):
    facts = moscow_facts()
    assert store.add(facts) is True
    assert store.facts(facts.article.id) == facts
    assert store.facts(facts.article.id).to_json() == facts.to_json()


def test_adding_the_same_article_again_changes_nothing(store):
    facts = moscow_facts()
    assert store.add(facts) is True
    counts = {table: store.count(table) for table in (ArticleRow, *FACT_TABLES)}
    assert store.add(moscow_facts()) is False
    assert {table: store.count(table) for table in counts} == counts
    assert store.count_articles() == 1


def test_every_fact_gets_a_row_with_its_offsets(store):
    store.add(moscow_facts())
    counts = {table.__tablename__: store.count(table) for table in FACT_TABLES}
    assert counts == {"removed_spans": 1, "entities": 5, "mentions": 5, "times": 1,
                      "quantities": 1, "quotes": 1, "events": 1, "event_args": 2,
                      "event_quantities": 1}


def test_a_failure_midway_leaves_no_trace_of_the_article(store):
    facts = moscow_facts()
    twin = dataclasses.replace(facts.events[0])
    facts.events.append(twin)  # same local id "v1": the events insert fails after others
    with pytest.raises(StoreError, match="nothing was written"):
        store.add(facts)
    assert not store.has(facts.article.id)
    assert all(store.count(table) == 0 for table in (ArticleRow, *FACT_TABLES))


def test_has_and_count_articles(filled):
    assert filled.has(article_id(MOSCOW_TEXT))
    assert not filled.has(article_id("never stored"))
    assert filled.count_articles() == 2
    assert filled.count_articles(since="2025-04-02") == 1


def test_facts_of_an_unknown_article_raise_key_error(store):
    with pytest.raises(KeyError):
        store.facts("0" * 64)


def test_sqlite_file_runs_in_wal_mode_with_foreign_keys(store):
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_schema_version_is_recorded_once(tmp_path):
    path = tmp_path / "v.db"
    Store(path).close()
    with Store(f"sqlite:///{path}") as reopened:
        assert inspect(reopened.engine).has_table("factwire_schema_version")
        with reopened.engine.connect() as connection:
            rows = connection.exec_driver_sql(
                "SELECT version FROM factwire_schema_version").all()
    assert rows == [(SCHEMA_VERSION,)]


def test_a_file_that_is_not_a_database_gives_a_store_error(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("just some notes, not SQLite\n" * 100)
    with pytest.raises(StoreError, match="notes.txt: cannot open the database"):
        Store(path)


def test_events_carry_names_countries_time_and_sentence(filled):
    (event,) = filled.event_reports(type="MOBILIZE")
    assert [(a.name, a.country) for a in event.actors] == [("Russia", "RUS")]
    assert [(p.name, p.country) for p in event.locations] == [("Moscow", "RUS")]
    assert event.recipients == []
    assert event.time_value == "2025-04-01"
    assert event.modality == "planned"
    assert event.sentence_text == MOSCOW_TEXT[:MOSCOW_TEXT.index(".") + 1]
    assert event.article.outlet == "Example Wire"


def test_events_filtered_by_period_and_type(filled):
    assert [e.type for e in filled.event_reports()] == ["ACCUSE", "ASSAULT", "MOBILIZE"]
    assert [e.type for e in filled.event_reports(until="2025-04-01")] == ["ACCUSE", "ASSAULT"]
    assert [e.type for e in filled.event_reports(type=["assault", "MOBILIZE"])] == [
        "ASSAULT", "MOBILIZE"]


def test_country_filter_matches_actor_recipient_or_location(filled):
    assert [e.type for e in filled.event_reports(country="UKR")] == ["ACCUSE", "ASSAULT"]
    assert [e.type for e in filled.event_reports(country="rus")] == ["ACCUSE", "ASSAULT", "MOBILIZE"]
    assert filled.event_reports(country="FRA") == []


def test_quantities_resolve_subject_source_and_time(filled):
    figures = {q.text: q for q in filled.quantities()}
    q = figures["160,000 men"]
    assert (q.value, q.counted, q.subject.name, q.source.name, q.time_value) == (
        160000, "men", "Russia", "TASS", "2025-04-01")
    assert figures["at least 12 people"].comparator == ">="
    assert figures["at least 12 people"].subject is None


def test_quotes_resolve_their_speaker(filled):
    quotes = {q.speaker_text: q for q in filled.quotes(since="2025-04-02")}
    assert list(quotes) == ["Vladimir Putin"]
    assert quotes["Vladimir Putin"].speaker.country == "RUS"
    assert quotes["Vladimir Putin"].content_text == "We will defend our borders,"


def test_quotes_by_speaker_name_ignore_case(filled):
    assert [q.quote_id for q in filled.quotes(speaker="vladimir putin")] == ["u1"]
    assert [q.kind for q in filled.quotes(speaker="Officials")] == ["indirect"]
    assert filled.quotes(speaker="Nobody") == []


def test_full_text_search_finds_articles_by_words(filled):
    assert filled.search("conscription") == [article_id(MOSCOW_TEXT)]
    assert filled.search("Kharkiv") == [article_id(KYIV_TEXT)]


def test_event_rows_keep_trigger_offsets(filled):
    with filled.engine.connect() as connection:
        row = connection.execute(
            EventRow.__table__.select().where(EventRow.type == "MOBILIZE")).one()
    assert MOSCOW_TEXT[row.trigger_start:row.trigger_end] == "launched"


def test_an_extracted_article_reads_back_identical(store):
    import factwire

    facts = factwire.extract("Russia launched a conscription drive on Tuesday, aiming to "
                             "draft 160,000 men, the Kremlin said.", published="2025-04-02")
    assert store.add(facts)
    assert store.facts(facts.article.id) == facts


def test_schema_and_queries_compile_for_postgresql():
    from sqlalchemy.dialects import postgresql
    from sqlalchemy.schema import CreateTable

    from factwire.store.read import Filters, event_conditions
    from factwire.store.schema import Base

    dialect = postgresql.dialect()
    ddl = [str(CreateTable(table).compile(dialect=dialect))
           for table in Base.metadata.sorted_tables]
    assert any('"end" INTEGER' in statement for statement in ddl)
    filters = Filters(country="RUS", types=("ASSAULT",))
    compiled = [str(condition.compile(dialect=dialect)) for condition in
                event_conditions(filters)]
    assert any("EXISTS" in sql for sql in compiled)


def test_errors_name_a_database_without_its_password():
    with pytest.raises(StoreError) as raised:
        Store("nosuchdialect://user:hunter2@db.example/factwire")
    assert "hunter2" not in str(raised.value)


def test_pages_of_articles_and_figures_are_read_without_the_web(filled):
    from factwire.store import Params
    from factwire.store.browse import list_articles, list_quantities, list_quotes

    with filled.reading() as session:
        total, newest = list_articles(session, Params(limit=1))
        assert (total, [a["title"] for a in newest]) == (2, ["Russia drafts 160,000"])
        assert list_articles(session, Params(country="UKR"))[0] == 1
        total, figures = list_quantities(session, Params(q="MEN"))
        assert (total, [f["text"] for f in figures]) == (1, ["160,000 men"])
        assert list_quotes(session, Params(actor="putin"))[0] == 1


def test_words_with_like_wildcards_match_literally(filled):
    from factwire.store import Params
    from factwire.store.browse import list_quantities

    with filled.reading() as session:
        assert list_quantities(session, Params(q="%"))[0] == 0
        assert list_quantities(session, Params(q="_en"))[0] == 0


def test_claim_reads_compile_for_postgresql():
    from sqlalchemy.dialects import postgresql

    from factwire.store import Params
    from factwire.store.read_claims import _contradiction_stmt, _members, _ranked_series

    p = Params(actor="Russia", country="RUS", q="troops", since=dt.date(2025, 1, 1))
    compiled = [str(stmt.compile(dialect=postgresql.dialect())) for stmt in (
        _members(p.query), _ranked_series(p.query, None), _contradiction_stmt(p.query))]
    assert all("lower(entity_aliases.alias)" in sql for sql in compiled)
    assert "EXISTS" in compiled[1]


@pytest.fixture(params=BACKENDS)
def any_store(request, tmp_path):
    """A new, empty Store on SQLite, and on PostgreSQL when FACTWIRE_TEST_PG is set."""
    yield from stores(request.param, tmp_path)


@pytest.fixture
def any_filled(any_store) -> Store:
    any_store.add(moscow_facts())
    any_store.add(kyiv_facts())
    return any_store


def test_events_by_country_are_counted_with_their_page(any_filled):
    filled = any_filled
    from factwire.store import Params
    from factwire.store.browse_events import list_events

    with filled.reading() as session:
        for country in ("RUS", "UKR", "FRA"):
            expected = len(filled.events(country=country))
            total, rows = list_events(session, Params(country=country))
            assert (total, len(rows)) == (expected, expected)
            assert all(country in row["countries"] for row in rows)
            assert list_events(session, Params(country=country, offset=50)) == (expected, [])
        assert list_events(session, Params(country="RUS", limit=1))[0] == \
            len(filled.events(country="RUS"))


def _series_with_sizes(store: Store, sizes: list[tuple[int, int]]) -> None:
    """Claim series (claims, contradictions), each of its own subject, written directly."""
    from sqlalchemy.orm import Session

    from factwire.store.schema import ClaimSeriesRow, GlobalEntityRow

    with Session(store.engine) as session, session.begin():
        for i, (claims, contradictions) in enumerate(sizes):
            subject = GlobalEntityRow(key=f"k{i}", name=f"Subject {i % 7}", type="GPE",
                                      articles=1)
            session.add(subject)
            session.flush()
            session.add(ClaimSeriesRow(key=f"s{i}", subject_id=subject.id, counted="troop",
                                       unit=None, claims=claims,
                                       contradictions=contradictions))


def test_first_claim_series_are_found_without_sorting_every_series(any_store):
    store = any_store
    from factwire.store.filters import Query, rows_of
    from factwire.store.read_claims import _among_first, _ranked_series

    _series_with_sizes(store, [(1 + i % 5, int(i % 9 == 0)) for i in range(60)])
    ranked = _ranked_series(Query(), None)
    with store.reading() as session:
        for offset, limit in ((0, 1), (0, 5), (5, 5), (3, 10), (20, 20), (55, 10), (70, 5)):
            page = ranked.limit(limit).offset(offset)
            conditions = _among_first(session, offset + limit)
            assert rows_of(session, page.where(*conditions)) == rows_of(session, page)
        assert _among_first(session, 3) != []  # the contradicted series alone suffice


def test_entities_list_reads_the_rank_index_without_sorting(filled):
    from sqlalchemy import desc, select

    from factwire.store import Params
    from factwire.store.browse import ENTITY_COLUMNS, list_entities
    from factwire.store.schema import GlobalEntityRow

    stmt = (select(*ENTITY_COLUMNS).order_by(desc(GlobalEntityRow.articles),
                                             GlobalEntityRow.name, GlobalEntityRow.id)
            .limit(50))
    with filled.reading() as session:
        sql = str(stmt.compile(compile_kwargs={"literal_binds": True}))
        plan = " ".join(r[3] for r in session.connection().exec_driver_sql(
            "EXPLAIN QUERY PLAN " + sql))
        total, rows = list_entities(session, Params(limit=3))
    assert "ix_global_entities_rank" in plan and "TEMP B-TREE" not in plan
    articles = [row["articles"] for row in rows]
    assert total > 3 and articles == sorted(articles, reverse=True)
    assert set(rows[0]) == {"id", "name", "type", "country", "articles", "aliases"}


def test_long_words_are_stored_whole_on_every_backend(any_store):
    """A change relative to a phrase and a very long name fit (PostgreSQL enforced
    VARCHAR(32) and VARCHAR(255) there before schema 6)."""
    facts = moscow_facts()
    relative = "change in accounting for investment tax credits of the previous year"
    long_name = "Vladimir " + "Vladimirovich " * 30 + "Putin"
    quantity = dataclasses.replace(facts.quantities[0], relative_to=relative)
    person = dataclasses.replace(facts.entities[3], name=long_name)
    facts = dataclasses.replace(facts, quantities=[quantity],
                                entities=[*facts.entities[:3], person, facts.entities[4]])
    assert any_store.add(facts) is True
    stored = any_store.facts(facts.article.id)
    assert stored.quantities[0].relative_to == relative
    assert stored.entities[3].name == long_name
