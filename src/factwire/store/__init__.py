"""The store: articles and their facts in SQLite (default) or PostgreSQL, through SQLAlchemy.

>>> from factwire.store import Store
>>> store = Store("factwire.db")          # a path means a SQLite file
>>> store.add(facts)                      # False when the article is already stored
True
>>> store.events(since="2025-04-01", country="RUS")   # a DataFrame: one row per merged event
>>> store.event_reports(country="RUS")                 # [EventRecord]: each article's report
>>> store.claims(actor="Russia"), store.contradictions(), store.entities(type="PERSON")

Adding an article also links it across articles (factwire.link): its entities to global
entities, its near-duplicate original, its events to merged events, its figures to their
claim series, flagging contradictions. The schema is created and upgraded by Alembic
migrations (store/migrations) when a Store opens a database.

Beyond the Store's methods, the read queries take a session (``with store.reading() as
session``): pages of articles, entities, quotes, figures (:mod:`factwire.store.browse`),
merged events (:mod:`factwire.store.browse_events`), claim series and contradictions
(:mod:`factwire.store.read_claims`), all filtered by :class:`Params`.
"""

from factwire.store.database import Store
from factwire.store.filters import Params, Query
from factwire.store.read import EntityRef, EventRecord, Filters, QuantityRecord, QuoteRecord
from factwire.store.schema import SCHEMA_VERSION

__all__ = ["Store", "Filters", "Query", "Params", "EventRecord", "QuantityRecord",
           "QuoteRecord", "EntityRef", "SCHEMA_VERSION"]
