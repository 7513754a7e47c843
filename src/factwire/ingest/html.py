"""HTML pages: main text, title, date and outlet through trafilatura.

Trafilatura keeps template filler such as lorem ipsum in the main text: marking it is
``factwire.clean``'s job, not this reader's.
"""

from __future__ import annotations

import codecs
import re

import lxml.etree
import lxml.html
import trafilatura

from factwire.errors import DecodeError, EmptyInput, UnsupportedInput
from factwire.ingest.article import new_article, normalize_date
from factwire.ingest.decode import decode_text
from factwire.model import Article

MAX_REPLACED_SHARE = 0.005
# Control characters XML forbids (lxml refuses them); they are never visible text.
_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_PAGE = re.compile(r"<(html|body)[\s>]", re.IGNORECASE)
_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr",
           "section", "article", "pre", "figcaption", "dd", "dt")
# libxml2 (under lxml and trafilatura) stops building the tree 255 elements deep; below that
# depth a page's text is lost, so the page is refused as such rather than called empty.
MAX_DEPTH = 254
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^>]*?(/?)>")
# Void elements, and elements HTML closes implicitly: they add no depth when left open.
_FLAT = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
         "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""",
                           re.IGNORECASE)


def decode_html(data: bytes, name: str) -> str:
    """The page as text: in the charset its ``<meta>`` declares, else as any text file."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode_text(data, name)
    declared = _META_CHARSET.search(data[:4096])
    if declared is None:
        return decode_text(data, name)
    encoding = declared.group(1).decode("ascii").lower()
    try:
        codecs.lookup(encoding)
    except LookupError:
        return decode_text(data, name)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        # Browsers show a few bad bytes as U+FFFD (WHATWG encoding standard); so do we, but a
        # page that is mostly undecodable is in some other encoding than it says.
        text = data.decode(encoding, errors="replace")
        if text.count("\ufffd") > MAX_REPLACED_SHARE * len(text):
            raise DecodeError(f"{name}: declares charset {encoding} but byte {error.start:,} "
                              f"and many more are not valid {encoding}", source=name) from error
        return text


def read_html(html: str | bytes, name: str, published: str | None = None, *,
              meta: dict | None = None, line: int | None = None) -> Article:
    """The article in an HTML page; ``meta`` (url, title, outlet, source_id) overrides the page's.

    ``published`` (already normalized) overrides the page's own date. Raises ``EmptyInput``
    when the page holds no article text.
    """
    if isinstance(html, bytes):
        html = decode_html(html, name)
    html = _XML_INVALID.sub("", html)
    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_images=False,
        favor_recall=True, deduplicate=False)
    text = (document.text or "") if document is not None else ""
    if not text.strip() and not _PAGE.search(html[:4096]):
        text = fragment_text(html)  # a snippet (feed item, JSON record): no page to clean
    if not text.strip():
        if nesting_depth(html) > MAX_DEPTH:
            raise UnsupportedInput(f"{name}: the HTML nests elements more than {MAX_DEPTH} "
                                   "levels deep, too deep for the HTML parser to read its "
                                   "text; flatten the markup", source=name, line=line)
        raise EmptyInput(f"{name}: the HTML page holds no article text", source=name, line=line)
    meta = meta or {}
    page_date = normalize_date(document.date, name, line) if document and document.date else None
    document = document or _NO_METADATA
    return new_article(
        text, source_path=name, line=line,
        published=published or page_date,
        url=meta.get("url") or document.url,
        title=meta.get("title") or document.title,
        outlet=meta.get("outlet") or document.sitename,
        source_id=meta.get("source_id"),
    )


def nesting_depth(html: str) -> int:
    """How deep elements nest in ``html`` (counting stops just past ``MAX_DEPTH``).

    >>> nesting_depth("<div><p>a<br><b>b</b></div>")
    2
    """
    depth = deepest = 0
    for match in _TAG.finditer(html):
        closing, tag, self_closing = match.groups()
        if self_closing or tag.lower() in _FLAT:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            break
    return deepest


def _parse_fragment(html: str) -> lxml.html.HtmlElement | None:
    """The snippet's elements under one parent, or None when lxml finds nothing to parse."""
    try:
        return lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return None
    except AssertionError:
        # A snippet starting like a whole page ("<!doctype ...") is parsed as one, and lxml
        # asserts it has a <body>; broken markup can leave everything in <head> instead.
        try:
            return lxml.html.document_fromstring(html)
        except (lxml.etree.ParserError, ValueError):
            return None


class _NoMetadata:
    url = title = sitename = date = None


_NO_METADATA = _NoMetadata()


def fragment_text(html: str) -> str:
    """The text of an HTML snippet, one line per paragraph (scripts and styles dropped).

    >>> fragment_text("<p>Floods hit <b>the valley</b>.</p><p>Two died.</p><script>x</script>")
    'Floods hit the valley.\\nTwo died.'
    """
    root = _parse_fragment(html)
    if root is None:
        return ""
    for element in list(root.iter("script", "style", "noscript", "template")):
        element.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in "".join(root.itertext()).splitlines())
    return "\n".join(line for line in lines if line)
