"""The Vietnamese date field forgives separators and always means day/month/year."""

import datetime

import pytest
from django import forms
from django.utils import translation

from chibo.core.forms import DateField


@pytest.mark.parametrize(
    "typed",
    [
        "05/03/2026",
        "5/3/2026",
        "05-03-2026",
        "05.03.2026",
        "05 03 2026",
        "05032026",
        "05/03/26",
        " 5 / 3 / 2026 ",
        "2026-03-05",
    ],
)
def test_typed_dates_mean_day_month_year(typed):
    with translation.override("vi"):
        assert DateField().clean(typed) == datetime.date(2026, 3, 5)


FORMAT = "Hãy nhập ngày theo dạng ngày/tháng/năm, ví dụ 05/03/2026."


@pytest.mark.parametrize(
    "typed,message",
    [
        ("31/02/2026", "Không có ngày này trong lịch (31/02/2026)."),
        ("13/13/2026", "Không có ngày này trong lịch (13/13/2026)."),
        ("ngày mai", FORMAT),
        ("2026/03", FORMAT),
    ],
)
def test_impossible_dates_get_a_vietnamese_message(typed, message):
    with translation.override("vi"), pytest.raises(forms.ValidationError) as error:
        DateField().clean(typed)
    assert error.value.messages == [message]


def test_the_box_shows_day_month_year():
    rendered = DateField().widget.render("d", datetime.date(2026, 3, 5))
    assert 'value="05/03/2026"' in rendered
    assert 'placeholder="dd/mm/yyyy"' in rendered
