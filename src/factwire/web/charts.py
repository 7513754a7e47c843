"""Charts as server-rendered SVG (no JavaScript): events over time by type, figure series.

Every label is escaped; each bar and point has a ``<title>`` the browser shows on hover.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from markupsafe import Markup, escape

from factwire.model import PLOVER_TYPES

# One colour per PLOVER type (a qualitative palette, readable on white).
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#aec7e8", "#9467bd", "#8c564b", "#e377c2",
           "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39",
           "#7b4173", "#b2001a")
TYPE_COLOURS = dict(zip(PLOVER_TYPES, PALETTE, strict=True))
WIDTH, HEIGHT, MARGIN = 760, 260, 40


def type_colour(event_type: str) -> str:
    return TYPE_COLOURS.get(event_type, "#555555")


def _bucket(day: dt.date, unit: str) -> str:
    if unit == "year":
        return f"{day.year}"
    if unit == "month":
        return f"{day.year}-{day.month:02d}"
    return day.isoformat()


def _bucket_unit(days: list[dt.date]) -> str:
    span = (max(days) - min(days)).days if days else 0
    return "year" if span > 3 * 366 else "month" if span > 92 else "day"


def _all_buckets(days: list[dt.date], unit: str) -> list[str]:
    """Every bucket from the first day to the last, so empty periods show as gaps."""
    first, last = min(days), max(days)
    if unit == "year":
        return [str(y) for y in range(first.year, last.year + 1)]
    if unit == "month":
        months = (last.year - first.year) * 12 + last.month - first.month
        return [f"{first.year + (first.month - 1 + i) // 12}-{(first.month - 1 + i) % 12 + 1:02d}"
                for i in range(months + 1)]
    return [(first + dt.timedelta(days=i)).isoformat() for i in range((last - first).days + 1)]


def timeline(activity: list[tuple], title: str = "Events over time by type") -> Markup:
    """A stacked bar chart of events per period and PLOVER type; ``activity``: (date, type)."""
    days = [day for day, _ in activity if isinstance(day, dt.date)]
    if not days:
        return Markup('<p class="empty">No dated events.</p>')
    unit = _bucket_unit(days)
    counts: dict[str, Counter] = defaultdict(Counter)
    for day, event_type in activity:
        if isinstance(day, dt.date):
            counts[_bucket(day, unit)][event_type] += 1
    buckets = _all_buckets(days, unit)
    top = max(sum(c.values()) for c in counts.values())
    types = [t for t in PLOVER_TYPES if any(t in c for c in counts.values())]
    types += sorted({t for c in counts.values() for t in c} - set(types))
    plot_w, plot_h = WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN
    bar_w = plot_w / len(buckets)
    parts = [_svg_open(title), _axis(top, plot_h)]
    for i, bucket in enumerate(buckets):
        y = MARGIN + plot_h
        for event_type in types:
            n = counts[bucket][event_type] if bucket in counts else 0
            if not n:
                continue
            h = plot_h * n / top
            y -= h
            parts.append(
                f'<rect x="{MARGIN + i * bar_w + bar_w * 0.1:.1f}" y="{y:.1f}" '
                f'width="{max(bar_w * 0.8, 1):.1f}" height="{h:.1f}" '
                f'fill="{type_colour(event_type)}" class="bar" data-type="{escape(event_type)}">'
                f'<title>{escape(bucket)}: {n} {escape(event_type)}</title></rect>')
    parts.extend(_x_labels(buckets, bar_w))
    parts.append("</svg>")
    legend = "".join(f'<span class="legend-item">{swatch(t)}{escape(t)}</span>' for t in types)
    return Markup("".join(parts) + f'<div class="legend">{legend}</div>')


def swatch(event_type: str) -> Markup:
    """A small square in the type's colour (an SVG attribute: no inline style needed)."""
    return Markup(f'<svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect width="10" '
                  f'height="10" fill="{type_colour(event_type)}"/></svg>')


def _svg_open(title: str) -> str:
    return (f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
            f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(title)}">'
            f'<title>{escape(title)}</title>')


def _axis(top: float, plot_h: float, low: float = 0.0) -> str:
    """The y axis with its lowest and highest value."""
    base = MARGIN + plot_h
    return (f'<line x1="{MARGIN}" y1="{MARGIN}" x2="{MARGIN}" y2="{base}" class="axis"/>'
            f'<line x1="{MARGIN}" y1="{base}" x2="{WIDTH - MARGIN}" y2="{base}" class="axis"/>'
            f'<text x="{MARGIN - 4}" y="{MARGIN + 4}" class="tick" text-anchor="end">'
            f'{escape(_short(top))}</text>'
            f'<text x="{MARGIN - 4}" y="{base}" class="tick" text-anchor="end">'
            f'{escape(_short(low))}</text>')


def _x_labels(labels: list[str], step: float) -> list[str]:
    """At most ~8 labels along the x axis."""
    every = max(1, len(labels) // 8)
    return [f'<text x="{MARGIN + i * step + step / 2:.1f}" y="{HEIGHT - MARGIN + 16}" '
            f'class="tick" text-anchor="middle">{escape(label)}</text>'
            for i, label in enumerate(labels) if i % every == 0]


def _short(value: float) -> str:
    for size, suffix in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.3g}"


def _claim_day(claim: dict) -> dt.date | None:
    text = (claim.get("date") or "").split("/")[0]
    for size in (10, 7, 4):
        try:
            return dt.date.fromisoformat(text[:size] if size == 10 else
                                         f"{text[:size]}{'-01' if size == 7 else '-01-01'}")
        except ValueError:
            continue
    return None


def _claim_value(claim: dict) -> float | None:
    for key in ("value", "low", "high"):
        if claim.get(key) is not None:
            return float(claim[key])
    return None


LABELLED_POINTS = 30  # more points than this: sources on hover only (labels would overlap)


def series_chart(series: dict) -> Markup:
    """Points of one figure series over time; contradicted figures are drawn as red rings,
    each point labelled with its source (on hover only when there are many)."""
    points = [(d, v, c) for c in series["claims"]
              if (d := _claim_day(c)) is not None and (v := _claim_value(c)) is not None]
    if not points:
        return Markup('<p class="empty">No dated figures to chart.</p>')
    days = [d for d, _, _ in points]
    values = [v for _, v, _ in points]
    first, span = min(days), max((max(days) - min(days)).days, 1)
    low, top = min(0.0, min(values)), max(values) or 1.0
    plot_w, plot_h = WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN
    title = f"{series['subject'] or ''}: {series['counted'] or ''}"
    parts = [_svg_open(title), _axis(top, plot_h, low)]
    coords = []

    def x_of(day: dt.date) -> float:
        return MARGIN + plot_w * ((day - first).days / span if len(set(days)) > 1 else 0.5)

    for day, value, claim in sorted(points, key=lambda p: p[0]):
        x = x_of(day)
        y = MARGIN + plot_h * (1 - (value - low) / ((top - low) or 1))
        coords.append(f"{x:.1f},{y:.1f}")
        mark = "contradicted" if claim.get("contradicted") else "point"
        label = (f"{claim.get('date') or ''}: {claim.get('approximate_text') or value} "
                 f"({claim.get('source') or 'unknown source'})")
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" class="{mark}">'
                     f"<title>{escape(label)}</title></circle>")
        if len(points) <= LABELLED_POINTS:
            right = x > WIDTH * 0.7  # label on the left of points near the right edge
            parts.append(f'<text x="{x - 7 if right else x + 7:.1f}" y="{y - 7:.1f}" '
                         f'class="point-label" text-anchor="{"end" if right else "start"}">'
                         f"{escape(claim.get('source') or '?')}</text>")
    parts.insert(2, f'<polyline points="{" ".join(coords)}" class="series-line"/>')
    for day in sorted({min(days), max(days)}):
        parts.append(f'<text x="{x_of(day):.1f}" y="{HEIGHT - MARGIN + 16}" class="tick" '
                     f'text-anchor="middle">{escape(day.isoformat())}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
