"""The annual self-assessment of a cell: the page and its DOCX report (rules QUAL-4, QUAL-6).

Whoever may see the cell sees its assessment, members included (scope: meetings.selectors
.cell_for, 404 outside it; anonymous users go to the login page). Both read
`evaluation.selectors.annual.cell_assessment` in a fixed number of queries.
"""

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import formats
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from chibo.core.text import fold
from chibo.evaluation.documents.annual import assessment_docx
from chibo.evaluation.selectors.annual import (
    BEFORE_RECORDS,
    FIRST_YEAR,
    LAST_YEAR,
    NO_RECORDS,
    NONE_RATED,
    NOT_OVER,
    cell_assessment,
    secretary_name,
    superior_name,
)
from chibo.meetings.documents.layout import DOCX_CONTENT_TYPE
from chibo.org.selectors import unit_ancestors


def rule_words(rule) -> str:
    """One annual level's conditions (a `selectors.annual.LevelRule`) in words, translated:
    "average score ≥ 90, at least 10 months rated Good, no month rated Average or Poor"
    (rule QUAL-6; the DOCX writes its own Vietnamese, documents.annual.rule_words)."""
    if rule.otherwise:
        return _("in every other case")
    parts = []
    if rule.min_average is not None:
        number = formats.number_format(Decimal(str(rule.min_average)))
        parts.append(_("average score ≥ %(n)s") % {"n": number})
    if rule.min_good_months is not None:
        n = rule.min_good_months
        parts.append(
            ngettext("at least %(n)d month rated Good", "at least %(n)d months rated Good", n)
            % {"n": n}
        )
    if rule.max_below_fair_months == 0:
        parts.append(_("no month rated Average or Poor"))
    elif rule.max_below_fair_months is not None:
        n = rule.max_below_fair_months
        parts.append(
            ngettext(
                "at most %(n)d month rated Average or Poor",
                "at most %(n)d months rated Average or Poor",
                n,
            )
            % {"n": n}
        )
    return ", ".join(parts) if parts else _("no condition")


def no_level_text(assessment) -> str:
    """Why the assessment proposes no level, translated; "" when it proposes one or has no
    rule set (the page says that apart). Rules FREQ-1, QUAL-6; the DOCX writes the same in
    Vietnamese (documents.annual.no_level_text)."""
    reason = assessment.no_level_reason
    since = formats.date_format(assessment.records_from, "m/Y") if assessment.records_from else ""
    if reason == NO_RECORDS:
        return _("No meeting of this cell is recorded in chibo yet, so no month can be judged.")
    if reason == BEFORE_RECORDS:
        return _(
            "No month of %(year)s can be judged: chibo holds this cell's meeting records only "
            "from %(since)s."
        ) % {"year": assessment.year, "since": since}
    if reason == NOT_OVER and assessment.no_data_months:
        return _(
            "Nothing to assess yet: chibo holds this cell's meeting records from %(since)s "
            "and no month since then is over."
        ) % {"since": since}
    if reason == NOT_OVER:
        return _("Nothing to assess yet: no month of this year is over.")
    if reason == NONE_RATED:
        return _("Nothing to assess yet: the months due were held but none is rated yet.")
    return ""


@login_required
@require_safe
def cell_assessment_page(request, unit_id, year):
    """The cell's self-assessment of `year`: the twelve months with their ratings (months
    before the cell's first meeting record in chibo: no data), the figures, the proposed
    annual level with its rule and legal basis (provisional while the year is not over) or
    why none is proposed (`no_level_text`), links to the previous and next years and the
    DOCX report. Printable. 404 outside the actor's scope or for a year outside 2000–2100."""
    assessment = cell_assessment(actor=request.user, unit_id=unit_id, year=year)
    cell = assessment.cell
    context = {
        "a": assessment,
        "cell": cell,
        "year": year,
        "ancestors": unit_ancestors(actor=request.user, unit=cell) + [cell],
        "previous_year": year - 1 if year > FIRST_YEAR else None,
        "next_year": year + 1 if year < LAST_YEAR else None,
        "no_level_text": no_level_text(assessment),
        "rules": [(rule, rule_words(rule)) for rule in assessment.rules],
    }
    return render(request, "evaluation/annual.html", context)


@login_required
@require_safe
@never_cache
def cell_assessment_docx(request, unit_id, year):
    """Download the report "BÁO CÁO Tự đánh giá chất lượng sinh hoạt chi bộ năm <year>" of
    the cell as DOCX (Hướng dẫn 36-HD/VPTW layout; "DỰ THẢO" while the year is not over).
    Same access rules as the page; filename like
    "tu-danh-gia-sinh-hoat-2025-chi-bo-thon-ban-cho.docx"."""
    assessment = cell_assessment(actor=request.user, unit_id=unit_id, year=year)
    cell = assessment.cell
    content = assessment_docx(
        assessment,
        superior_name=superior_name(cell),
        secretary=secretary_name(cell, assessment.reference_date),
    )
    slug = slugify(fold(cell.name)) or "chi-bo"
    filename = f"tu-danh-gia-sinh-hoat-{year}-{slug}.docx"
    response = HttpResponse(content, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


urlpatterns = [
    path(
        "cell/<int:unit_id>/<int:year>/assessment/",
        cell_assessment_page,
        name="cell-assessment",
    ),
    path(
        "cell/<int:unit_id>/<int:year>/assessment.docx",
        cell_assessment_docx,
        name="cell-assessment-docx",
    ),
]
