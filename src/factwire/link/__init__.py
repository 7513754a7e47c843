"""Across articles: one entity per real actor, one event per happening, series of figures.

Pure functions over plain data (no database): the store calls them as each article is added.

- :mod:`factwire.link.entities`: the global key of an entity, and people met by their aliases
  ("Putin" and "Vladimir Putin").
- :mod:`factwire.link.dedup`: near-duplicate articles (wire copies) by MinHash.
- :mod:`factwire.link.dates`: a TIMEX3 value as the interval of days it covers.
- :mod:`factwire.link.events`: when two event reports tell the same event (the merge rule).
- :mod:`factwire.link.claims`: figures about the same subject and counted thing as a series,
  and contradictions between sources.
"""
