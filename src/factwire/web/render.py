"""Rendering: Jinja2 pages (autoescaped) and their JSON twins.

Every page answers in JSON too, datasette-style: the same path with ``.json`` appended, or
an ``Accept: application/json`` header.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from factwire.web import charts

TEMPLATES = Path(__file__).parent / "templates"

ENV = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                  undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
ENV.globals["type_colour"] = charts.type_colour
ENV.globals["swatch"] = charts.swatch


def wants_json(request: Request) -> bool:
    """Whether the client asked for the JSON twin of a page."""
    if request.url.path.endswith(".json"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def render(request: Request, template: str, context: dict, status: int = 200,
           headers: dict | None = None) -> HTMLResponse:
    """A page from its template; ``request`` and ``url_with`` are available to templates."""
    html = ENV.get_template(template).render(request=request, url_with=url_with(request),
                                             **context)
    return HTMLResponse(html, status_code=status, headers=headers)


def page_or_json(request: Request, template: str, data: dict, **extra) -> Response:
    """The JSON twin (``data`` only) or the page (``data`` and ``extra``, such as charts)."""
    if wants_json(request):
        return JSONResponse(jsonable_encoder(data))
    return render(request, template, {"data": data, **data, **extra})


def url_with(request: Request):
    """A template helper: this page's URL with some query parameters replaced."""
    def build(**changes) -> str:
        items = [(k, v) for k, v in request.query_params.multi_items() if k not in changes]
        items += [(k, v) for k, v in changes.items() if v is not None]
        query = urlencode(items)
        return request.url.path + (f"?{query}" if query else "")
    return build
