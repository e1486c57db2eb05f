"""Report periods: a month, quarter, half-year, year or a range of whole months.

Reports count whole calendar months because the records they read are monthly (FREQ-1: one
regular meeting a month; the roll-ups are per cell and month). A period is read from query
parameters (`period_from_params`) and written back to them (`Period.params`), so a dashboard
link, an export request and an export file name all name the same period.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext as _

KINDS = ("month", "quarter", "half", "year", "range")
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class PeriodError(ValueError):
    """The period parameters are missing or malformed; the message is Vietnamese text."""


@dataclass(frozen=True)
class Period:
    """A run of whole months: `kind` (one of KINDS), `first` (first day of the first month)
    and `last` (first day of the last month), inclusive."""

    kind: str
    first: datetime.date
    last: datetime.date

    @property
    def end(self) -> datetime.date:
        """The last day of the period."""
        return self.last + relativedelta(months=1, days=-1)

    @property
    def months(self) -> list[datetime.date]:
        """The first day of every month of the period, in order."""
        count = (self.last.year - self.first.year) * 12 + self.last.month - self.first.month
        return [self.first + relativedelta(months=n) for n in range(count + 1)]

    def previous(self) -> "Period":
        """The period of the same kind and length just before this one."""
        length = len(self.months)
        return Period(
            self.kind,
            self.first - relativedelta(months=length),
            self.last - relativedelta(months=length),
        )

    def params(self) -> dict[str, str]:
        """The query parameters that name this period (read back by `period_from_params`)."""
        p = {"period": self.kind, "year": str(self.first.year)}
        if self.kind == "month":
            p["month"] = str(self.first.month)
        elif self.kind == "quarter":
            p["quarter"] = str((self.first.month - 1) // 3 + 1)
        elif self.kind == "half":
            p["half"] = str((self.first.month - 1) // 6 + 1)
        elif self.kind == "range":
            p = {"period": "range", "from": f"{self.first:%Y-%m}", "to": f"{self.last:%Y-%m}"}
        return p

    @property
    def query(self) -> str:
        """`params()` as a URL query string ("period=quarter&year=2026&quarter=3")."""
        return urlencode(self.params())

    @property
    def label(self) -> str:
        """The period in Vietnamese words: "Tháng 10/2026", "Quý III/2026", "6 tháng đầu năm
        2026", "Năm 2026", "Từ tháng 3/2026 đến tháng 8/2026"."""
        year = self.first.year
        if self.kind == "month":
            return _("Month %(month)s/%(year)s") % {"month": self.first.month, "year": year}
        if self.kind == "quarter":
            quarter = ROMAN[(self.first.month - 1) // 3 + 1]
            return _("Quarter %(quarter)s/%(year)s") % {"quarter": quarter, "year": year}
        if self.kind == "half":
            if self.first.month == 1:
                return _("First half of %(year)s") % {"year": year}
            return _("Second half of %(year)s") % {"year": year}
        if self.kind == "year":
            return _("Year %(year)s") % {"year": year}
        return _("From %(first)s to %(last)s") % {
            "first": f"{self.first.month}/{self.first.year}",
            "last": f"{self.last.month}/{self.last.year}",
        }

    @property
    def slug(self) -> str:
        """A short ASCII name for file names: "2026", "2026-Q3", "2026-H1", "2026-10",
        "2026-03_2026-08"."""
        if self.kind == "year":
            return f"{self.first.year}"
        if self.kind == "quarter":
            return f"{self.first.year}-Q{(self.first.month - 1) // 3 + 1}"
        if self.kind == "half":
            return f"{self.first.year}-H{(self.first.month - 1) // 6 + 1}"
        if self.kind == "month":
            return f"{self.first:%Y-%m}"
        return f"{self.first:%Y-%m}_{self.last:%Y-%m}"


#: Years a report may name (typos such as 2062 are refused with a message).
MIN_YEAR, MAX_YEARS_AHEAD = 2000, 1
#: Longest custom range, in months.
MAX_RANGE_MONTHS = 60


def _int(params, key: str, low: int, high: int, message: str) -> int:
    """params[key] as an int in [low, high], else PeriodError(message)."""
    try:
        value = int(str(params.get(key, "")).strip())
    except ValueError:
        raise PeriodError(message) from None
    if not low <= value <= high:
        raise PeriodError(message)
    return value


def _month(text: str, message: str) -> datetime.date:
    """A month written "YYYY-MM" (the browser's month field) or "MM/YYYY", "M/YYYY" (as
    people write it) → its first day, else PeriodError(message)."""
    text = str(text).strip()
    for pattern in ("%Y-%m", "%m/%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise PeriodError(message)


def period_from_params(params, today: datetime.date) -> Period:
    """The period named by query parameters (a QueryDict or dict), as written by
    `Period.params`; without `period`, the current year.

    Raises PeriodError with a Vietnamese message for an unknown kind, a year outside
    2000 … next year, a month, quarter or half out of range, a custom range that is
    malformed, reversed or longer than MAX_RANGE_MONTHS months, or a period that starts
    after the current month (nothing has happened in it yet).
    """
    period = _parse(params, today)
    if period.first > today.replace(day=1):
        raise PeriodError(_("This period has not started yet: choose one up to this month."))
    return period


def _parse(params, today: datetime.date) -> Period:
    """The period the parameters name (see `period_from_params`), future ones included."""
    kind = str(params.get("period") or "year")
    if kind not in KINDS:
        raise PeriodError(_("Choose a month, quarter, half-year, year or a range of months."))
    if kind == "range":
        message = _(
            "Enter the first and last month of the range as month/year (3/2026) or "
            "year-month (2026-03)."
        )
        first = _month(params.get("from", ""), message)
        last = _month(params.get("to", ""), message)
        if last < first:
            raise PeriodError(_("The last month of the range comes before the first."))
        period = Period("range", first, last)
        if len(period.months) > MAX_RANGE_MONTHS:
            raise PeriodError(
                _("A range may cover at most %(n)s months.") % {"n": MAX_RANGE_MONTHS}
            )
        if first.year < MIN_YEAR or last.year > today.year + MAX_YEARS_AHEAD:
            raise PeriodError(
                _("Choose a year between %(low)s and %(high)s.")
                % {"low": MIN_YEAR, "high": today.year + MAX_YEARS_AHEAD}
            )
        return period
    if not str(params.get("year") or "").strip():
        params = {**params, "year": today.year}
    year = _int(
        params, "year", MIN_YEAR, today.year + MAX_YEARS_AHEAD,
        _("Choose a year between %(low)s and %(high)s.")
        % {"low": MIN_YEAR, "high": today.year + MAX_YEARS_AHEAD},
    )  # fmt: skip
    if kind == "year":
        return Period("year", datetime.date(year, 1, 1), datetime.date(year, 12, 1))
    if kind == "half":
        half = _int(params, "half", 1, 2, _("Choose the first or the second half-year."))
        first = datetime.date(year, 6 * half - 5, 1)
        return Period("half", first, first + relativedelta(months=5))
    if kind == "quarter":
        quarter = _int(params, "quarter", 1, 4, _("Choose a quarter from I to IV."))
        first = datetime.date(year, 3 * quarter - 2, 1)
        return Period("quarter", first, first + relativedelta(months=2))
    month = _int(params, "month", 1, 12, _("Choose a month from 1 to 12."))
    first = datetime.date(year, month, 1)
    return Period("month", first, first)
