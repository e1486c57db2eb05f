"""Template filters and tags of the dashboards: who sees the nav's "Báo cáo" link, reading a
figure by code, and the change of a figure against the previous period."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from chibo.evaluation.models import Level
from chibo.org.selectors import grants_of
from chibo.reports.indicators import BY_CODE
from chibo.reports.permissions import REPORT_ROLES

register = template.Library()

_LEVELS = dict(Level.choices)


@register.filter
def views_reports(user) -> bool:
    """True if `user` is a superuser or holds a REPORT_ROLES grant anywhere (issue 5: reports
    are for the units' leaders and superiors, not plain members), for the nav's "Báo cáo"
    link. Reads `org.selectors.grants_of`, cached on the user for the request (free on the
    pages that already read the grants; one query on the others)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser and user.is_active:
        return True
    return any(grant.role in REPORT_ROLES for grant in grants_of(user))


@register.filter
def figure(figures, code):
    """`figures[code]`: the Figure of the indicator `code` ({{ figures|figure:code }});
    None when the mapping or the code is missing."""
    if not figures:
        return None
    return figures.get(code)


@register.filter
def detail(fig) -> str:
    """ "numerator/denominator" of a share or ratio with both parts known ("" otherwise: a
    count, nothing to divide by, or a mean of rates such as ATT-1, whose numerator is a sum
    of fractions)."""
    if fig is None or fig.numerator is None or not fig.denominator:
        return ""
    return fig.detail


@register.filter
def level_label(code) -> str:
    """The label of a quality level code ("good" → "Tốt"); "—" when there is none."""
    return _LEVELS.get(code, "—") if code else "—"


def change_of(code: str, now, before, comparable: bool = True) -> dict | None:
    """The change of the indicator `code` from `before` to `now` (two Figures), as printed:
    the difference of the printed values (`Figure.number`), one decimal for shares (in
    percentage points) and ratios, whole for counts. Returns None when either value is
    missing, else {"text": "+5,0", "unit": "points" label or "", "arrow": "▲"/"▼"/"=",
    "tone": "good"/"bad"/"same"/"plain", "label": words for screen readers}; "good" follows
    the indicator's `higher_is_better`; "plain" (up or down, no verdict) when it is None
    (Khá). None also for a count compared with a period of fewer or more judged months
    (`comparable` False): the difference says nothing."""
    if now is None or before is None or now.number is None or before.number is None:
        return None
    indicator = BY_CODE[code]
    if indicator.kind == "count" and not comparable:
        return None  # a count over more or fewer months says nothing by its difference
    diff = Decimal(str(now.number)) - Decimal(str(before.number))
    if indicator.kind == "count":
        text = f"{int(diff):+,}".replace(",", ".")
    else:
        text = str(diff.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
        text = ("+" if diff > 0 else "") + text.replace(".", ",")
    if not diff:
        text = "0" if indicator.kind == "count" else "0,0"
        arrow, tone, label = "=", "same", _("unchanged")
    else:
        up = diff > 0
        arrow = "▲" if up else "▼"
        if indicator.higher_is_better is None:
            tone, label = "plain", _("up") if up else _("down")
        else:
            tone = "good" if up == indicator.higher_is_better else "bad"
            label = _("better") if tone == "good" else _("worse")
    return {
        "text": text,
        "unit": _("pts") if indicator.kind == "percent" else "",
        "arrow": arrow,
        "tone": tone,
        "label": label,
    }


@register.simple_tag
def change(code, now, before, comparable=True) -> str:
    """The change of `code` from the Figure `before` to `now` (see `change_of`) as HTML: an
    arrow coloured by whether it is better or worse, the signed difference and, for screen
    readers, the word. A simple tag rather than an included template: the dashboard shows
    some fifty of them."""
    found = change_of(code, now, before, comparable)
    if found is None:
        return mark_safe('<span class="dash-change same">—</span>')  # a constant
    unit = f" {found['unit']}" if found["unit"] else ""
    return format_html(
        '<span class="dash-change {tone}" data-change="{tone}"><span aria-hidden="true">'
        '{arrow}</span> {text}{unit}<span class="visually-hidden"> ({label})</span></span>',
        tone=found["tone"],
        arrow=found["arrow"],
        text=found["text"],
        unit=unit,
        label=found["label"],
    )
