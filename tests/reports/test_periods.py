"""Report periods: reading them from query parameters, writing them back, their labels in
Vietnamese and English, the previous period, file-name slugs, and every refusal."""

import datetime

import pytest
from django.http import QueryDict
from django.utils import translation

from chibo.reports.periods import MAX_RANGE_MONTHS, Period, PeriodError, period_from_params

D = datetime.date
TODAY = D(2026, 11, 15)


def read(**params) -> Period:
    return period_from_params(params, TODAY)


# (parameters, kind, first month, last month, months, end, slug)
PERIODS = [
    ({"period": "month", "year": "2026", "month": "10"}, "month", D(2026, 10, 1),
     D(2026, 10, 1), 1, D(2026, 10, 31), "2026-10"),
    ({"period": "month", "year": "2026", "month": "11"}, "month", D(2026, 11, 1),
     D(2026, 11, 1), 1, D(2026, 11, 30), "2026-11"),  # the current month: allowed
    ({"period": "range", "from": "3/2026", "to": "08/2026"}, "range", D(2026, 3, 1),
     D(2026, 8, 1), 6, D(2026, 8, 31), "2026-03_2026-08"),  # month/year as people write it
    ({"period": "quarter", "year": "2026", "quarter": "3"}, "quarter", D(2026, 7, 1),
     D(2026, 9, 1), 3, D(2026, 9, 30), "2026-Q3"),
    ({"period": "quarter", "year": "2026", "quarter": "4"}, "quarter", D(2026, 10, 1),
     D(2026, 12, 1), 3, D(2026, 12, 31), "2026-Q4"),
    ({"period": "half", "year": "2026", "half": "1"}, "half", D(2026, 1, 1), D(2026, 6, 1), 6,
     D(2026, 6, 30), "2026-H1"),
    ({"period": "half", "year": "2025", "half": "2"}, "half", D(2025, 7, 1), D(2025, 12, 1), 6,
     D(2025, 12, 31), "2025-H2"),
    ({"period": "year", "year": "2024"}, "year", D(2024, 1, 1), D(2024, 12, 1), 12,
     D(2024, 12, 31), "2024"),
    ({"period": "range", "from": "2026-03", "to": "2026-08"}, "range", D(2026, 3, 1),
     D(2026, 8, 1), 6, D(2026, 8, 31), "2026-03_2026-08"),
    ({"period": "range", "from": "2025-11", "to": "2026-02"}, "range", D(2025, 11, 1),
     D(2026, 2, 1), 4, D(2026, 2, 28), "2025-11_2026-02"),
    ({"period": "range", "from": "2026-05", "to": "2026-05"}, "range", D(2026, 5, 1),
     D(2026, 5, 1), 1, D(2026, 5, 31), "2026-05_2026-05"),
]  # fmt: skip


@pytest.mark.parametrize(("params", "kind", "first", "last", "count", "end", "slug"), PERIODS)
def test_period_from_params(params, kind, first, last, count, end, slug):
    period = period_from_params(params, TODAY)
    assert period == Period(kind, first, last)
    assert len(period.months) == count
    assert period.months[0] == first and period.months[-1] == last
    assert period.end == end
    assert period.slug == slug
    assert period_from_params(period.params(), TODAY) == period  # round trip


def test_params_are_read_from_a_query_dict_and_trimmed():
    query = QueryDict("period=quarter&year=+2026+&quarter=3&unit=12")
    assert period_from_params(query, TODAY) == Period("quarter", D(2026, 7, 1), D(2026, 9, 1))
    assert period_from_params({"period": "year", "year": 2026}, TODAY).slug == "2026"


def test_params_are_minimal():
    assert read(period="month", year="2026", month="10").params() == {
        "period": "month", "year": "2026", "month": "10"
    }  # fmt: skip
    assert read(period="quarter", year="2026", quarter="3").params() == {
        "period": "quarter", "year": "2026", "quarter": "3"
    }  # fmt: skip
    assert read(period="half", year="2026", half="2").params() == {
        "period": "half", "year": "2026", "half": "2"
    }  # fmt: skip
    assert read(period="year", year="2026").params() == {"period": "year", "year": "2026"}
    assert read(period="range", **{"from": "2026-03", "to": "2026-08"}).params() == {
        "period": "range", "from": "2026-03", "to": "2026-08"
    }  # fmt: skip


def test_without_a_period_the_year_is_read():
    assert read(year="2025") == Period("year", D(2025, 1, 1), D(2025, 12, 1))


def test_without_any_parameter_the_current_year():
    """The docstring: "without `period`, the current year" (the unit panel calls
    `period_from_params({}, today)` for it)."""
    assert period_from_params({}, TODAY) == Period("year", D(2026, 1, 1), D(2026, 12, 1))
    assert read(period="year") == Period("year", D(2026, 1, 1), D(2026, 12, 1))


# (kind, first, last) → (first, last) of the previous period of the same kind.
PREVIOUS = [
    ("month", D(2026, 10, 1), D(2026, 10, 1), D(2026, 9, 1), D(2026, 9, 1)),
    ("month", D(2026, 1, 1), D(2026, 1, 1), D(2025, 12, 1), D(2025, 12, 1)),
    ("quarter", D(2026, 7, 1), D(2026, 9, 1), D(2026, 4, 1), D(2026, 6, 1)),
    ("quarter", D(2026, 1, 1), D(2026, 3, 1), D(2025, 10, 1), D(2025, 12, 1)),
    ("half", D(2026, 1, 1), D(2026, 6, 1), D(2025, 7, 1), D(2025, 12, 1)),
    ("year", D(2026, 1, 1), D(2026, 12, 1), D(2025, 1, 1), D(2025, 12, 1)),
    # A range: the same number of months just before.
    ("range", D(2026, 3, 1), D(2026, 8, 1), D(2025, 9, 1), D(2026, 2, 1)),
]


@pytest.mark.parametrize(("kind", "first", "last", "before_first", "before_last"), PREVIOUS)
def test_previous(kind, first, last, before_first, before_last):
    assert Period(kind, first, last).previous() == Period(kind, before_first, before_last)


LABELS = [
    (Period("month", D(2026, 10, 1), D(2026, 10, 1)), "Month 10/2026", "Tháng 10/2026"),
    (Period("quarter", D(2026, 7, 1), D(2026, 9, 1)), "Quarter III/2026", "Quý III/2026"),
    (Period("quarter", D(2026, 10, 1), D(2026, 12, 1)), "Quarter IV/2026", "Quý IV/2026"),
    (Period("half", D(2026, 1, 1), D(2026, 6, 1)), "First half of 2026",
     "6 tháng đầu năm 2026"),
    (Period("half", D(2026, 7, 1), D(2026, 12, 1)), "Second half of 2026",
     "6 tháng cuối năm 2026"),
    (Period("year", D(2026, 1, 1), D(2026, 12, 1)), "Year 2026", "Năm 2026"),
    (Period("range", D(2026, 3, 1), D(2026, 8, 1)), "From 3/2026 to 8/2026",
     "Từ tháng 3/2026 đến tháng 8/2026"),
]  # fmt: skip


@pytest.mark.parametrize(("period", "english", "vietnamese"), LABELS)
def test_labels(period, english, vietnamese):
    with translation.override("en"):
        assert period.label == english
    with translation.override("vi"):
        assert period.label == vietnamese


# (parameters, English message)
REFUSED = [
    ({"period": "week", "year": "2026"},
     "Choose a month, quarter, half-year, year or a range of months."),
    ({"period": "year", "year": "1999"}, "Choose a year between 2000 and 2027."),
    ({"period": "year", "year": "2028"}, "Choose a year between 2000 and 2027."),
    ({"period": "year", "year": "2062x"}, "Choose a year between 2000 and 2027."),
    ({"period": "month", "year": "2026"}, "Choose a month from 1 to 12."),
    ({"period": "month", "year": "2026", "month": "0"}, "Choose a month from 1 to 12."),
    ({"period": "month", "year": "2026", "month": "13"}, "Choose a month from 1 to 12."),
    ({"period": "quarter", "year": "2026", "quarter": "5"}, "Choose a quarter from I to IV."),
    ({"period": "quarter", "year": "2026", "quarter": "III"}, "Choose a quarter from I to IV."),
    ({"period": "half", "year": "2026", "half": "0"},
     "Choose the first or the second half-year."),
    ({"period": "half", "year": "2026", "half": "3"},
     "Choose the first or the second half-year."),
    ({"period": "range", "from": "2026-03"},
     "Enter the first and last month of the range as month/year (3/2026) or year-month (2026-03)."),
    ({"period": "range", "from": "2026-13", "to": "2026-12"},
     "Enter the first and last month of the range as month/year (3/2026) or year-month (2026-03)."),
    ({"period": "range", "from": "03.2026", "to": "08.2026"},
     "Enter the first and last month of the range as month/year (3/2026) or year-month (2026-03)."),
    ({"period": "month", "year": "2026", "month": "12"},
     "This period has not started yet: choose one up to this month."),
    ({"period": "year", "year": "2027"},
     "This period has not started yet: choose one up to this month."),
    ({"period": "range", "from": "2026-08", "to": "2026-03"},
     "The last month of the range comes before the first."),
    ({"period": "range", "from": "2021-01", "to": "2026-01"},  # 61 months
     f"A range may cover at most {MAX_RANGE_MONTHS} months."),
    ({"period": "range", "from": "1999-11", "to": "2000-02"},
     "Choose a year between 2000 and 2027."),
    ({"period": "range", "from": "2027-11", "to": "2028-01"},
     "Choose a year between 2000 and 2027."),
]  # fmt: skip


@pytest.mark.parametrize(("params", "message"), REFUSED)
def test_refused(params, message):
    with translation.override("en"), pytest.raises(PeriodError) as error:
        period_from_params(params, TODAY)
    assert str(error.value) == message


def test_the_longest_range_is_accepted():
    period = read(period="range", **{"from": "2021-01", "to": "2025-12"})
    assert len(period.months) == MAX_RANGE_MONTHS == 60


def test_refusals_are_vietnamese_in_vietnamese():
    with translation.override("vi"), pytest.raises(PeriodError) as error:
        period_from_params({"period": "month", "year": "2026", "month": "13"}, TODAY)
    assert str(error.value) == "Chọn tháng từ 1 đến 12."
