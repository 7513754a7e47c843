"""factwire: news articles in, a source-attributed record of what happened out.

>>> import factwire
>>> facts = factwire.extract("Russia launched a conscription drive.", published="2025-04-02")
>>> facts.article.published
'2025-04-02'
"""

from factwire.model import ArticleFacts
from factwire.nlp import load
from factwire.options import ExtractOptions
from factwire.pipeline import extract, extract_articles

__version__ = "0.1.0"

__all__ = ["extract", "extract_articles", "load", "ArticleFacts", "ExtractOptions",
           "__version__"]
