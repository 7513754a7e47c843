"""Doc extensions shared by factwire's spaCy components, registered once at import.

Every component reads what earlier ones wrote here and adds its own list. Values are
factwire model objects (``factwire.model``) with character offsets into ``doc.text``.

- ``doc._.published``: ``datetime.date`` or None, set by the caller before the pipeline runs.
- ``doc._.outlet_country``: the outlet's country, ISO 3166-1 alpha-2 ("US") or None, set by
  the caller (``Article.outlet_country``, else the URL's country-code domain); a weak prior
  for ambiguous place names.
- ``doc._.removed``: ``list[Removed]`` filler spans (already blanked out of ``doc.text``).
- ``doc._.entities`` / ``doc._.entity_at``: entities and a token index -> entity id map.
- ``doc._.times`` / ``doc._.time_at``: times and a token index -> time id map.
- ``doc._.quantities``, ``doc._.quotes``, ``doc._.events``: the other facts.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

_DOC_LISTS = ("removed", "entities", "times", "quantities", "quotes", "events")
_DOC_MAPS = ("entity_at", "time_at")
_TEXT = "factwire_text"  # doc.user_data key of the text, see doc_text


def _register() -> None:
    for name in ("published", "outlet_country"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in _DOC_LISTS + _DOC_MAPS:
        if not Doc.has_extension(name):
            # a getter-less default would be shared between docs; components assign fresh
            # containers, and these defaults are only read when a component did not run
            Doc.set_extension(name, default=None)


_register()


def doc_text(doc: Doc) -> str:
    """``doc.text``, read once per Doc: spaCy rebuilds it from every token on each access,
    which costs more than whole components when done inside a loop."""
    text = doc.user_data.get(_TEXT)
    if text is None:  # the text never changes once tokenized (retokenizing keeps it)
        text = doc.user_data[_TEXT] = doc.text
    return text


def keep_text(doc: Doc, text: str) -> Doc:
    """Tell ``doc_text`` the text ``doc`` was made from (the tokenizer loses no character,
    so it is ``doc.text``): then it is never rebuilt from the tokens."""
    doc.user_data[_TEXT] = text
    return doc


def doc_list(doc: Doc, name: str) -> list:
    """The list a component stored under ``doc._.<name>``, or an empty list."""
    value = getattr(doc._, name)
    return value if value is not None else []


def doc_map(doc: Doc, name: str) -> dict:
    """The token index map stored under ``doc._.<name>``, or an empty dict."""
    value = getattr(doc._, name)
    return value if value is not None else {}


def entity_id_of(token: Token) -> str | None:
    """The id of the entity a token belongs to, if any."""
    return doc_map(token.doc, "entity_at").get(token.i)


def entity_by_id(doc: Doc, entity_id: str):
    """The ``Entity`` with this id, or None."""
    for entity in doc_list(doc, "entities"):
        if entity.id == entity_id:
            return entity
    return None


def time_id_of(token: Token) -> str | None:
    """The id of the time expression a token belongs to, if any."""
    return doc_map(token.doc, "time_at").get(token.i)


def char_span(doc: Doc, start: int, end: int) -> Span | None:
    """The token span covering characters [start, end), expanded to token boundaries."""
    return doc.char_span(start, end, alignment_mode="expand")


__all__ = ["doc_text", "keep_text", "doc_list", "doc_map", "entity_id_of", "entity_by_id",
           "time_id_of", "char_span", "Span"]
