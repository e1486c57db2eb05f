"""Server-drawn charts (issue 5: "charts that render without any CDN … and print well"):
self-contained SVG, PNG for the DOCX, the same output for the same numbers, cached."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.utils import translation

from chibo.reports import charts
from chibo.reports.charts import levels_chart, month_label, trend_chart
from chibo.reports.indicators import evaluate

D = datetime.date
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def trend(months):
    """A trend as `Report.trend`: one held month in two, attendance 3/4, levels alternating."""
    rows = []
    for n, month in enumerate(months):
        sums = {
            "month_due": 1, "month_held": n % 2, "held": 1, "att_meetings": 1,
            "att_rate_sum": 0.75, "final_good": n % 2, "final_fair": 1 - n % 2,
        }  # fmt: skip
        rows.append((month, evaluate(sums)))
    return rows


YEAR = trend([D(2026, m, 1) for m in range(1, 13)])
ACROSS = trend([D(2026, 11, 1), D(2026, 12, 1), D(2027, 1, 1)])
#: Final levels: 2 Tốt, 1 Khá, 1 Kém of 4 rated.
LEVELS = evaluate({"held": 4, "final_good": 2, "final_fair": 1, "final_poor": 1})


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def refs(svg: str) -> set[str]:
    """Every http(s) address in the SVG."""
    return set(re.findall(r"https?://[^\"'\s)<>]+", svg))


@pytest.mark.parametrize(
    "svg",
    [lambda: trend_chart(YEAR), lambda: trend_chart(ACROSS), lambda: levels_chart(LEVELS)],
)
def test_svg_is_self_contained(svg):
    text = svg()
    assert text.startswith('<svg role="img"') and text.rstrip().endswith("</svg>")
    assert refs(text) == {"http://www.w3.org/2000/svg"}  # only the SVG namespace
    assert "xlink" not in text and "<image" not in text and "@import" not in text
    assert "<text" not in text  # glyphs drawn as paths: no font needed to print
    hrefs = re.findall(r'href="([^"]*)"', text)
    assert hrefs and all(h.startswith("#") for h in hrefs)  # only references inside itself
    ids = set(re.findall(r'\bid="([^"]+)"', text))
    assert all(h[1:] in ids for h in hrefs)


def test_charts_of_one_page_do_not_share_ids():
    trend_ids = set(re.findall(r'\bid="([^"]+)"', trend_chart(YEAR)))
    level_ids = set(re.findall(r'\bid="([^"]+)"', levels_chart(LEVELS)))
    assert trend_ids and level_ids and not trend_ids & level_ids


def test_png_for_documents():
    png = trend_chart(YEAR, fmt="png")
    assert isinstance(png, bytes) and png.startswith(PNG_SIGNATURE)
    png = levels_chart(LEVELS, fmt="png")
    assert png.startswith(PNG_SIGNATURE)
    # 150 dpi: the levels chart is 4.8 × 3.0 inches → 720 × 450 pixels (IHDR width, height).
    assert int.from_bytes(png[16:20], "big") == 720 and int.from_bytes(png[20:24], "big") == 450


def test_same_numbers_same_output():
    first = trend_chart(YEAR)
    cache.clear()
    assert trend_chart(YEAR) == first
    cache.clear()
    assert levels_chart(LEVELS, fmt="png") == levels_chart(LEVELS, fmt="png")
    assert trend_chart(ACROSS) != first


def test_charts_are_cached_by_their_numbers(monkeypatch):
    first = trend_chart(YEAR)
    monkeypatch.setattr(charts, "_draw_trend", lambda data: pytest.fail("drawn again"))
    assert trend_chart(YEAR) == first  # from the cache
    other = trend(list(reversed([m for m, _f in YEAR])))  # other numbers: drawn
    with pytest.raises(pytest.fail.Exception):
        trend_chart(other)


def test_other_codes_and_bad_input():
    svg = trend_chart(YEAR, codes=("attendance_over", "tasks_on_time", "minutes_on_time"))
    assert svg.startswith("<svg")
    with pytest.raises(KeyError):
        trend_chart(YEAR, codes=("nope",))
    with pytest.raises(ValueError):
        levels_chart(LEVELS, fmt="gif")


def test_empty_values_do_not_break_the_chart():
    empty = [(D(2026, 1, 1), evaluate({})), (D(2026, 2, 1), evaluate({}))]
    assert trend_chart(empty).startswith("<svg")
    assert levels_chart(evaluate({})).startswith("<svg")


def test_month_labels():
    assert month_label(D(2026, 10, 1), same_year=False) == "10/2026"
    with translation.override("en"):
        assert month_label(D(2026, 10, 1), same_year=True) == "M10"
