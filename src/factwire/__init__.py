"""factwire: news articles in, a source-attributed record of what happened out.

>>> import factwire
>>> facts = factwire.extract("Russia launched a conscription drive.", published="2025-04-02")
>>> facts.article.published
'2025-04-02'

The public names are imported on first use, so ``import factwire`` (and the CLI's start-up)
does not pay for spaCy or SQLAlchemy until they are needed.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_PUBLIC = {
    "extract": "factwire.pipeline",
    "extract_articles": "factwire.pipeline",
    "load": "factwire.nlp",
    "ArticleFacts": "factwire.model",
    "ExtractOptions": "factwire.options",
    "Store": "factwire.store",
}

__all__ = [*_PUBLIC, "__version__"]


def __getattr__(name: str):
    if name in _PUBLIC:
        return getattr(importlib.import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'factwire' has no attribute {name!r}")
