"""The store: articles and their facts in SQLite (default) or PostgreSQL, through SQLAlchemy.

>>> from factwire.store import Store
>>> store = Store("factwire.db")          # a path means a SQLite file
>>> store.add(facts)                      # False when the article is already stored
True
>>> store.events(since="2025-04-01", country="RUS")
[EventRecord(...)]
"""

from factwire.store.database import Store
from factwire.store.read import EntityRef, EventRecord, Filters, QuantityRecord, QuoteRecord
from factwire.store.schema import SCHEMA_VERSION

__all__ = ["Store", "Filters", "EventRecord", "QuantityRecord", "QuoteRecord", "EntityRef",
           "SCHEMA_VERSION"]
