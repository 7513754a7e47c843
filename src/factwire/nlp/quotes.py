"""factwire_quotes: placeholder component (to be replaced by the real one)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from factwire.nlp import doc as _doc  # noqa: F401


class QuotesComponent:
    """Finds quotes in a Doc: ``match(doc)`` then ``set_annotations(doc, found)``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> list:
        return []

    def set_annotations(self, doc: Doc, found: list) -> Doc:
        doc._.quotes = found
        return doc


@Language.factory("factwire_quotes", assigns=["doc._.quotes", ])
def make_quotes(nlp: Language, name: str) -> QuotesComponent:
    return QuotesComponent(nlp, name)
