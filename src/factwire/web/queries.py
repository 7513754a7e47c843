"""The store's read queries, as the web layer calls them: ``function(store, ...)``.

The queries live in factwire.store (:mod:`~factwire.store.browse`,
:mod:`~factwire.store.browse_events`, :mod:`~factwire.store.read_claims`) and take a read
session; each name here opens one on the store and calls the function of the same name.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from factwire.store import Store, browse, browse_events, read_claims
from factwire.store.browse import article_ref, entity_row, quote_row  # noqa: F401
from factwire.store.browse_events import ROLE_FIELDS, count_by_type, merged_row  # noqa: F401
from factwire.store.filters import Params  # noqa: F401
from factwire.store.read_claims import group_series  # noqa: F401


def on_store(read: Callable[..., Any]) -> Callable[..., Any]:
    """``read(session, ...)`` as ``read(store, ...)``: in a read session of the store."""
    @functools.wraps(read)
    def on(store: Store, *args: Any, **kwargs: Any) -> Any:
        with store.reading() as session:
            return read(session, *args, **kwargs)
    return on


data_version = on_store(browse.data_version)
list_articles = on_store(browse.list_articles)
articles_by_id = on_store(browse.articles_by_id)
article_links = on_store(browse.article_links)
list_entities = on_store(browse.list_entities)
entity_detail = on_store(browse.entity_detail)
entity_quotes = on_store(browse.entity_quotes)
list_quotes = on_store(browse.list_quotes)
list_quantities = on_store(browse.list_quantities)
list_events = on_store(browse_events.list_events)
event_detail = on_store(browse_events.event_detail)
event_activity = on_store(browse_events.event_activity)
entity_events = on_store(browse_events.entity_events)
top_actors = on_store(browse_events.top_actors)
# Stored claim series and contradictions, a page at a time: (total, rows).
claim_series = on_store(read_claims.claim_series_page)
list_contradictions = on_store(read_claims.contradictions_page)
