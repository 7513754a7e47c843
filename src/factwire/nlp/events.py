"""factwire_events: placeholder component (to be replaced by the real one)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from factwire.nlp import doc as _doc  # noqa: F401


class EventsComponent:
    """Finds events in a Doc: ``match(doc)`` then ``set_annotations(doc, found)``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> list:
        return []

    def set_annotations(self, doc: Doc, found: list) -> Doc:
        doc._.events = found
        return doc


@Language.factory("factwire_events", assigns=["doc._.events", ])
def make_events(nlp: Language, name: str) -> EventsComponent:
    return EventsComponent(nlp, name)
