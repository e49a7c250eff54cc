"""HTML building blocks of the HTML report: escaping untrusted text, numbers, and static SVG (gauges, bar charts).

Every string from the report goes through :func:`esc`: control characters,
line and paragraph separators and the bidirectional embeddings, overrides and
isolates (which could reorder the page around them) become spaces, a lone
surrogate becomes U+FFFD, and the rest is escaped by :func:`html.escape` with
``quote=True`` (the form in which the redactor also looks for secrets).
Charts are plain SVG drawn from numbers: no script, no external resource, a
pattern as well as a colour for each series and the figures written out.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean(value: Any) -> str:
    """Text without what would break or reorder the page: controls, bidi embeddings and overrides, lone surrogates."""
    text = value if isinstance(value, str) else str(value)
    return _SURROGATE.sub("\ufffd", _UNSAFE.sub(" ", text))


def esc(value: Any) -> str:
    """Untrusted text for HTML content or a quoted attribute value."""
    return html.escape(clean(value), quote=True)


def bdi(value: Any) -> str:
    """Untrusted text in its own bidirectional island: a right-to-left name cannot flip its neighbours."""
    return f"<bdi>{esc(value)}</bdi>"


def num(value: float) -> str:
    """A coordinate: two decimals at most, no trailing zeros, the same text on every platform."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def score100(score: float | None) -> str:
    """A score of the report's 0-100 scale as people read it."""
    return "n/a" if score is None else f"{score:g}"


def pct(share: float) -> str:
    """A share as a percentage: one decimal under 10%, none above."""
    value = share * 100
    return f"{value:.1f}%" if 0 < value < 10 else f"{value:.0f}%"


def is_count(value: Any) -> bool:
    """A non-negative whole number (not a bool): what a chart may count."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def is_share(value: Any) -> bool:
    """A number in [0, 1] (not a bool)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 1


def band(score: float | None) -> str:
    """Lighthouse's bands, named: ``good`` from 90, ``average`` from 50, ``poor`` under, ``none`` without a score."""
    if score is None:
        return "none"
    return "good" if score >= 90 else "average" if score >= 50 else "poor"


BAND_WORDS = {"good": "good", "average": "needs work", "poor": "poor", "none": "not assessed"}


def gauge(score: float | None, label: str, grade: str | None = None, size: int = 120) -> str:
    """A ring filled to ``score`` of 100, the number inside and its band in words under it."""
    radius = 52
    circumference = 2 * math.pi * radius
    filled = 0.0 if score is None else max(0.0, min(score, 100.0)) / 100 * circumference
    kind = band(score)
    words = BAND_WORDS[kind] + (f", grade {grade}" if grade else "")
    alt = f"{label}: {score100(score)}{'' if score is None else ' of 100'}, {words}"
    grade_text = f'<text x="60" y="84" class="g-grade">{esc(grade)}</text>' if grade else ""
    return (
        f'<svg class="gauge gauge-{kind}" width="{size}" height="{size}" viewBox="0 0 120 120" role="img" '
        f'aria-label="{esc(alt)}"><title>{esc(alt)}</title>'
        '<circle cx="60" cy="60" r="52" class="g-track"/>'
        f'<circle cx="60" cy="60" r="52" class="g-fill" stroke-dasharray="{num(filled)} {num(circumference)}" '
        'transform="rotate(-90 60 60)"/>'
        f'<text x="60" y="{68 if not grade else 64}" class="g-score">{esc(score100(score))}</text>'
        f"{grade_text}</svg>"
    )


@dataclass(frozen=True)
class Series:
    """One series of a chart: its name and its pattern (a key of :data:`PATTERNS`, which also sets its colour)."""

    name: str
    pattern: str


PATTERNS = {
    "solid": '<rect width="8" height="8" class="pf"/>',
    "stripes": '<rect width="8" height="8" class="pb"/><path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" class="ps"/>',
    "dots": '<rect width="8" height="8" class="pb"/><circle cx="4" cy="4" r="1.6" class="pd"/>',
    "cross": '<rect width="8" height="8" class="pb"/><path d="M0,0 l8,8 M8,0 l-8,8" class="ps"/>',
    "lines": '<rect width="8" height="8" class="pb"/><path d="M0,4 h8" class="ps"/>',
}


def pattern_defs() -> str:
    """One hidden SVG with every fill pattern, which every chart of the page refers to."""
    defs = "".join(
        f'<pattern id="pat-{name}" class="pat-{name}" width="8" height="8" patternUnits="userSpaceOnUse">{body}'
        "</pattern>"
        for name, body in PATTERNS.items()
    )
    return f'<svg class="defs" width="0" height="0" aria-hidden="true" focusable="false"><defs>{defs}</defs></svg>'


def swatch(series: Series) -> str:
    return (
        f'<svg class="swatch s-{series.pattern}" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">'
        f'<rect x="0.5" y="0.5" width="13" height="13" fill="url(#pat-{series.pattern})" class="seg"/></svg>'
    )


def legend(series: Sequence[Series]) -> str:
    items = "".join(f"<li>{swatch(s)} {esc(s.name)}</li>" for s in series)
    return f'<ul class="legend">{items}</ul>'


@dataclass(frozen=True)
class Row:
    """One bar: its label, one value per series, and a note after the bar (``of 374 followers``)."""

    label: str
    values: Sequence[float]
    note: str = ""


LABEL_WIDTH = 150
CHART_WIDTH = 640
BAR_HEIGHT = 22
ROW_GAP = 14


def stacked_bars(title: str, series: Sequence[Series], rows: Sequence[Row], whole: str = "share") -> str:
    """Horizontal bars, one per row, split into the series; ``whole="share"`` makes every bar 100% wide,
    ``"count"`` scales bars to the longest one. Each segment wide enough shows its figure."""
    plot = CHART_WIDTH - LABEL_WIDTH - 10
    longest = max((sum(row.values) for row in rows), default=0) or 1
    parts = []
    for index, row in enumerate(rows):
        y = index * (BAR_HEIGHT + ROW_GAP + 14)
        total = sum(row.values)
        scale = (plot / total if total else 0) if whole == "share" else plot / longest
        parts.append(f'<text x="0" y="{y + 15}" class="c-label">{esc(_cut(row.label, 22))}</text>')
        x = float(LABEL_WIDTH)
        for value, item in zip(row.values, series, strict=True):
            width = value * scale
            if width <= 0:
                continue
            figure = pct(value / total) if whole == "share" else f"{value:g}"
            tip = f"{row.label}: {item.name} {figure}"
            parts.append(
                f'<rect x="{num(x)}" y="{y}" width="{num(width)}" height="{BAR_HEIGHT}" '
                f'fill="url(#pat-{item.pattern})" class="seg s-{item.pattern}"><title>{esc(tip)}</title></rect>'
            )
            if width >= 8 * len(figure) + 6:
                parts.append(f'<text x="{num(x + width / 2)}" y="{y + 15}" class="c-fig">{esc(figure)}</text>')
            x += width
        if total == 0:
            parts.append(f'<text x="{LABEL_WIDTH}" y="{y + 15}" class="c-note">none</text>')
        if row.note:
            parts.append(f'<text x="{LABEL_WIDTH}" y="{y + BAR_HEIGHT + 12}" class="c-note">{esc(row.note)}</text>')
    height = max(len(rows) * (BAR_HEIGHT + ROW_GAP + 14) - ROW_GAP, 1)
    return _svg(title, height, "".join(parts))


def columns(title: str, values: Sequence[int], first: str, last: str, top: int = 0, height: int = 96) -> str:
    """A column per value (posts per week, oldest first), every figure written, a zero drawn as a mark on the axis;
    ``top`` is the value of a full column (so that small multiples share one scale), the largest value by default."""
    plot_h = height - 34
    step = (CHART_WIDTH - 20) / max(len(values), 1)
    width = max(step * 0.7, 2)
    top = max(top, *values, 1)
    parts = [f'<line x1="0" y1="{plot_h + 14}" x2="{CHART_WIDTH}" y2="{plot_h + 14}" class="c-axis"/>']
    for index, value in enumerate(values):
        x = 10 + index * step + (step - width) / 2
        bar = value / top * plot_h
        y = plot_h + 14 - bar
        if value:
            parts.append(
                f'<rect x="{num(x)}" y="{num(y)}" width="{num(width)}" height="{num(bar)}" fill="url(#pat-solid)" '
                f'class="seg s-solid"><title>{esc(f"week {index + 1}: {value}")}</title></rect>'
            )
        else:
            parts.append(
                f'<rect x="{num(x)}" y="{plot_h + 11}" width="{num(width)}" height="3" class="c-zero">'
                f"<title>week {index + 1}: 0</title></rect>"
            )
        parts.append(f'<text x="{num(x + width / 2)}" y="{num(y - 3)}" class="c-col">{value}</text>')
    parts.append(f'<text x="0" y="{height - 4}" class="c-note">{esc(first)}</text>')
    parts.append(f'<text x="{CHART_WIDTH}" y="{height - 4}" class="c-note c-end">{esc(last)}</text>')
    return _svg(title, height, "".join(parts))


def _svg(title: str, height: int, body: str) -> str:
    return (
        f'<svg class="chart" viewBox="0 0 {CHART_WIDTH} {height}" width="100%" role="img" '
        f'aria-label="{esc(title)}" preserveAspectRatio="xMinYMin meet"><title>{esc(title)}</title>{body}</svg>'
    )


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def table(head: Sequence[str], rows: Sequence[Sequence[Any]], caption: str) -> str:
    """A data table: the chart's text alternative (cells are escaped)."""
    th = "".join(f'<th scope="col">{esc(h)}</th>' for h in head)
    body = "".join("<tr>" + "".join(f"<td>{bdi(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    return (
        f'<div class="scroll"><table class="data"><caption>{esc(caption)}</caption>'
        f"<thead><tr>{th}</tr></thead><tbody>{body}</tbody></table></div>"
    )
