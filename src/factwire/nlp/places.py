"""factwire_places: placeholder component (to be replaced by the real one)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from factwire.nlp import doc as _doc  # noqa: F401


class PlacesComponent:
    """Resolves places to coordinates: ``match(doc)`` then ``set_annotations(doc, found)``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> dict:
        return {}

    def set_annotations(self, doc: Doc, found: dict) -> Doc:
        return doc


@Language.factory("factwire_places", requires=["doc._.entities"])
def make_places(nlp: Language, name: str) -> PlacesComponent:
    return PlacesComponent(nlp, name)
