"""Charts of the reports, drawn on the server with matplotlib (no CDN, no JavaScript).

Two charts, used by the dashboard (inline SVG, so that they print) and the DOCX review
report (PNG): the monthly trend of a few percentage indicators (`trend_chart`) and the shares
of the final quality levels Tốt / Khá / Trung bình / Kém (`levels_chart`, rule QUAL-3).

Rendering uses matplotlib's object API (`matplotlib.figure.Figure` on the Agg/SVG canvases,
never pyplot, which keeps global state), DejaVu Sans (it has every Vietnamese glyph) drawn as
paths, so the SVG needs no font and refers to nothing outside itself; a fixed hash salt and no
date metadata make the output the same for the same numbers. Rendered charts are kept in
Django's cache under a hash of what is plotted (numbers, labels, format), so a dashboard shown
again does not draw again.
"""

import hashlib
import io
import json
import re
import threading

from django.core.cache import cache
from django.utils.translation import gettext as _

from chibo.evaluation.models import Level
from chibo.reports.indicators import BY_CODE

#: Codes of the trend chart's default lines (FREQ-1, ATT-1, QUAL-3).
TREND_CODES = ("months_held", "attendance_mean", "final_good")
#: The final levels of `levels_chart`, best first, with their bar colours.
LEVEL_CODES = ("good", "fair", "average", "poor")
LEVEL_COLOURS = ("#2e7d32", "#1f6fb2", "#e08a00", "#b0161b")
#: Line colours of the trend chart, in the order of the codes.
LINE_COLOURS = ("#b0161b", "#1f6fb2", "#2e7d32", "#7b3fa0", "#e08a00", "#555555")
#: Resolution of PNG charts (DOCX pictures).
PNG_DPI = 150
#: How long a rendered chart stays cached; its key changes with its numbers.
CACHE_SECONDS = 24 * 3600
#: Bump when the drawing code changes, so that cached charts are drawn again.
VERSION = 1

_RC = {
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "svg.fonttype": "path",
    "svg.hashsalt": "chibo-reports",
    "axes.spines.top": False,
    "axes.spines.right": False,
}
_SVG_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}
_PNG_METADATA = {"Software": None}
# rc_context changes matplotlib's process-wide settings: one chart at a time.
_LOCK = threading.Lock()


def month_label(month, same_year: bool) -> str:
    """A month on the chart's axis: "T10" within one year, "10/2026" across years."""
    if same_year:
        return _("M%(month)s") % {"month": month.month}
    return f"{month.month}/{month.year}"


def trend_chart(trend, codes=TREND_CODES, fmt: str = "svg") -> str | bytes:
    """A line chart of percentage indicators by month.

    `trend` is `Report.trend`: a list of (first day of the month, {code: Figure}); `codes`
    the indicators drawn (one line each, labelled with the indicator's label in the legend;
    a month without a value leaves a gap). `fmt` "svg" returns the SVG text (an `<svg>`
    element, ready to place inline in a page), "png" the PNG bytes (PNG_DPI). Raises
    KeyError for an unknown code and ValueError for another format.
    """
    months = [month for month, _figures in trend]
    same_year = len({m.year for m in months}) <= 1
    data = {
        "kind": "trend",
        "months": [month_label(m, same_year) for m in months],
        "series": [
            [str(BY_CODE[code].label), [figures[code].number for _m, figures in trend]]
            for code in codes
        ],
    }
    return _cached(data, fmt)


def levels_chart(figures, fmt: str = "svg") -> str | bytes:
    """A bar chart of the shares of the final levels Tốt / Khá / Trung bình / Kém among the
    meetings rated (indicators final_good … final_poor, rule QUAL-3), each bar labelled with
    its printed value ("66,7%"). `figures` is {code: Figure} (`Report.figures`); `fmt` as
    for `trend_chart`."""
    labels = dict(Level.choices)
    data = {
        "kind": "levels",
        "bars": [
            [str(labels[code]), figures[f"final_{code}"].number, figures[f"final_{code}"].text]
            for code in LEVEL_CODES
        ],
    }
    return _cached(data, fmt)


def _cached(data: dict, fmt: str) -> str | bytes:
    """The chart of `data` in `fmt`, from the cache or drawn (and cached)."""
    if fmt not in ("svg", "png"):
        raise ValueError(f"unknown chart format {fmt!r}")
    text = json.dumps([VERSION, fmt, data], ensure_ascii=False, sort_keys=True)
    key = "chibo:chart:" + hashlib.sha256(text.encode()).hexdigest()
    found = cache.get(key)
    if found is not None:
        return found
    draw = _draw_trend if data["kind"] == "trend" else _draw_levels
    with _LOCK:
        import matplotlib

        with matplotlib.rc_context(_RC):
            figure = draw(data)
            result = _svg(figure, data["kind"]) if fmt == "svg" else _png(figure)
    cache.set(key, result, CACHE_SECONDS)
    return result


def _percent_axis(ax) -> None:
    """A 0–100 % value axis with light horizontal grid lines."""
    from matplotlib.ticker import FuncFormatter, MultipleLocator

    ax.set_ylim(0, 105)
    ax.yaxis.set_major_locator(MultipleLocator(20))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _pos: f"{y:.0f}%"))
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)


def _draw_trend(data: dict):
    """The trend chart's Figure."""
    from matplotlib.figure import Figure

    months, series = data["months"], data["series"]
    figure = Figure(figsize=(6.4, 3.0 + 0.22 * len(series)), layout="constrained")
    ax = figure.add_subplot()
    x = list(range(len(months)))
    for n, (label, values) in enumerate(series):
        y = [float("nan") if v is None else v for v in values]
        ax.plot(x, y, marker="o", markersize=4, linewidth=1.8, label=label,
                color=LINE_COLOURS[n % len(LINE_COLOURS)])  # fmt: skip
    ax.set_xticks(x, months)
    if len(months) > 12:  # at most 12 labels, slanted: "10/2026" is wider than "T10"
        for n, tick in enumerate(ax.get_xticklabels()):
            tick.set_visible(n % -(-len(months) // 12) == 0)
            tick.set_rotation(45)
            tick.set_horizontalalignment("right")
    ax.set_xlim(-0.5, max(len(months) - 0.5, 0.5))
    _percent_axis(ax)
    figure.legend(loc="outside lower center", ncols=1, frameon=False)
    return figure


def _draw_levels(data: dict):
    """The levels chart's Figure."""
    from matplotlib.figure import Figure

    bars = data["bars"]
    figure = Figure(figsize=(4.8, 3.0), layout="constrained")
    ax = figure.add_subplot()
    x = list(range(len(bars)))
    heights = [value or 0 for _label, value, _text in bars]
    drawn = ax.bar(x, heights, color=LEVEL_COLOURS, width=0.6)
    ax.bar_label(drawn, labels=[text for _label, _value, text in bars], padding=2)
    ax.set_xticks(x, [label for label, _value, _text in bars])
    _percent_axis(ax)
    return figure


def _svg(figure, prefix: str) -> str:
    """The figure as an inline-ready `<svg>` element: no XML prolog or DOCTYPE, SVG 2 `href`
    instead of `xlink:href` (no namespace but the SVG one), every id prefixed with `prefix`
    so that two charts on one page do not share ids."""
    out = io.StringIO()
    figure.savefig(out, format="svg", metadata=_SVG_METADATA)
    svg = out.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = svg.replace(' xmlns:xlink="http://www.w3.org/1999/xlink"', "")
    svg = svg.replace("xlink:href=", "href=")
    svg = re.sub(r'\bid="', f'id="{prefix}-', svg)
    svg = svg.replace('href="#', f'href="#{prefix}-').replace("url(#", f"url(#{prefix}-")
    return svg.replace("<svg ", '<svg role="img" focusable="false" ', 1)


def _png(figure) -> bytes:
    """The figure as PNG bytes at PNG_DPI, on a white background."""
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=PNG_DPI, metadata=_PNG_METADATA, facecolor="white")
    return out.getvalue()
