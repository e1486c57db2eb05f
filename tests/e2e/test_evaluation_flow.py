"""Browser test of rating a meeting and of an early warning: Playwright (sync API) driving
Debian's Chromium against pytest-django's live_server, on the factories' small province.

Acceptance text (issue 4). The secretary of cell A1 (bithu, phone 390×844) opens a held
meeting whose minutes are submitted, sees the automatic checklist, fills the cell's column of
the score sheet (one box first above its maximum: refused, nothing lost), and sees the level
computed and the criteria that cost points; she adopts the minutes. The commune administrator
(xa, UNIT_ADMIN on the commune) gives the superior rating with fewer points: the final level
changes. The month without a regular meeting is shown as a warning on the cell's page and in
the secretary's list, and in the commune administrator's list, who acknowledges it with a
note: it leaves the open list and is listed as acknowledged, with the note.

Data (T = today in Vietnam; M-n = the first day of the n-th month before T's): cell A1 held
a regular meeting on the 10th of M-3 (adopted, one assignment) and the rated one on the 10th
of M-1 (submitted); none in M-2. The warnings are computed as production does every night:
`call_command("warnings")` (the `chibo warnings` management command → `warnings_refresh()`
over the whole tree).

Figures worked out by hand, sheet QUAL2-VD (chibo/evaluation/migrations/0002, 100 points)
and rule set HD42-2025 (in force since 28/10/2025) for the meeting of M-1:
- computed (QUAL-5: full points when every check feeding them passes, else the floor 0):
  attendance 15 (ATT-2: 4 of 4 present = 100 % > 85 %, nobody unexcused, no run over 3);
  content_prepared 0 (PREP-1: no draft resolution, no committee meeting before it);
  notified 0 (PREP-2: no notice sent); documents_in_time 0 (PREP-3: HD42-2025 wants them 1
  day before, none published); document_study 5; duration 10 (DUR-1: 19:30–21:00 = 90 ≥ 90
  minutes); self_criticism 5 (Cường's self-criticism); minutes 5 (MIN-2: submitted, so
  complete); previous_reviewed 5 (M-3's task reviewed); assignments_made 5 → 50 of 65.
- self column, typed: on_time 5, full_content 5, participation 10, principles 10,
  resolution_results 4 → 34 of 35; total 84/100 = 84 % → Khá (QUAL-2: ≥ 70, < 90). Criteria
  that cost points: content_prepared −5, notified −5, documents_in_time −5,
  resolution_results −1.
- superior column, typed: 3, 3, 4, 3, 2 → 15; total 65/100 = 65 % → Trung bình (≥ 50,
  < 70); final, as the superior's rating (QUAL-3).
- FREQ-1: M-2 is a complete month after the cell's first meeting recorded (M-3, judged from
  its 1st) with no regular meeting held → one "missed month" warning for cell A1, key
  "YYYY-MM" of M-2; M-3 and M-1 (held) give none.

Elements are found by id, data attribute, name or URL (English msgids may still show while
translations are merged); levels are compared with their label as gettext gives it in
Vietnamese. Screenshots (phone width): score-sheet.png and warnings.png under SCREENSHOTS of
tests/e2e/support.py; `CHIBO_SCREENSHOTS=docs/screenshots` refreshes the committed ones.
"""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.utils import translation
from playwright.sync_api import expect

from chibo.evaluation.models import EarlyWarning, Rating, WarningKind
from chibo.meetings.models import Meeting, MeetingKind, MeetingStatus
from chibo.meetings.services import assignments, lifecycle, planning, preparation, record
from chibo.members.selectors import today
from tests.e2e.support import reship
from tests.e2e.test_meetings_flow import (
    PLACE,
    _back_on_meeting,
    _fits_the_phone,
    _log_in,
    _phone,
    _screenshot,
)
from tests.factories import make_tree

pytestmark = pytest.mark.e2e

ACK_NOTE = "Tháng này chi bộ thu hoạch mùa, đã họp bù cùng kỳ tháng sau; chi ủy rút kinh nghiệm."
#: Points typed by hand (the sheet's manual criteria), by column.
SELF_POINTS = {"on_time": 5, "full_content": 5, "participation": 10, "principles": 10}
SELF_POINTS["resolution_results"] = 4  # one below its maximum of 5
SUPERIOR_POINTS = {"on_time": 3, "full_content": 3, "participation": 4, "principles": 3}
SUPERIOR_POINTS["resolution_results"] = 2
#: Computed criteria and their verdict on the meeting of M-1 (see the module's docstring).
VERDICTS = {
    "attendance": "pass",
    "content_prepared": "fail",
    "notified": "fail",
    "documents_in_time": "fail",
    "document_study": "pass",
    "duration": "pass",
    "self_criticism": "pass",
    "minutes": "pass",
    "previous_reviewed": "pass",
    "assignments_made": "pass",
}
#: The checklist of the meeting page: check code → passed.
CHECKLIST = {
    "attendance_rate": "yes",
    "no_unexcused": "yes",
    "absence_run": "yes",
    "duration": "yes",
    "minutes": "yes",
    "prep1": "no",
    "prep2": "no",
    "prep3": "no",
    "assignments_made": "yes",
    "previous_reviewed": "yes",
    "self_criticism": "yes",
    "document_study": "yes",
}
#: Criteria that cost points in the cell's column, as listed (label: given/max (−lost)).
SELF_LOST = [
    "Chi ủy chuẩn bị nội dung, dự thảo nghị quyết và thống nhất trước: 0/5 (−5)",
    "Thông báo thời gian, địa điểm, nội dung cho đảng viên và cấp ủy viên cấp trên theo dõi: "
    "0/5 (−5)",
    "Tài liệu gửi đảng viên đúng thời hạn: 0/5 (−5)",
    "Nghị quyết kỳ trước được thực hiện, có kết quả: 4/5 (−1)",
]


def _months_back(n: int) -> datetime.date:
    """The first day of the n-th month before today's month."""
    index = today().year * 12 + today().month - 1 - n
    return datetime.date(index // 12, index % 12 + 1, 1)


def _hold(tree, day: datetime.date, task: str, review: int | None = None) -> Meeting:
    """Record a complete regular meeting of cell A1 on `day` through the services (everyone
    present, 19:30–21:00, a document studied, one opinion and one self-criticism, a vote,
    one new task; `review`: an earlier task reviewed as done) and submit its minutes."""
    actor = tree.bithu
    meeting = planning.meeting_add(
        actor=actor,
        unit_id=tree.cell_a1.pk,
        kind=MeetingKind.REGULAR,
        date=day,
        start_time=datetime.time(19, 30),
        place=PLACE,
    )
    preparation.agenda_from_template(actor=actor, meeting_id=meeting.pk, expected_version=None)
    record.roll_call_record(actor=actor, meeting_id=meeting.pk, expected_version=None, entries={})
    record.minutes_save(
        actor=actor,
        meeting_id=meeting.pk,
        expected_version=None,
        started_at=datetime.time(19, 30),
        ended_at=datetime.time(21, 0),
        place=PLACE,
        chair_id=tree.an_a1.pk,
        minute_taker_id=tree.bich_a1.pk,
        study_document="Nghị quyết Đại hội Đảng bộ tỉnh",
        item_notes={i.pk: f"Nội dung mục {i.order}." for i in meeting.agenda_items.all()},
    )
    record.speeches_save(
        actor=actor,
        meeting_id=meeting.pk,
        expected_version=None,
        speeches=[
            {"kind": "opinion", "member_id": tree.an_a1.pk, "content": "Nhất trí."},
            {
                "kind": "self_criticism",
                "member_id": tree.cuong_a1.pk,
                "about": "Tham gia lao động công ích",
                "content": "Tháng qua tôi chưa tham gia đủ ngày công.",
            },
        ],
    )
    record.vote_record(
        actor=actor,
        meeting_id=meeting.pk,
        expected_version=None,
        resolution="Chi bộ thống nhất các nhiệm vụ của tháng.",
        votes_for=4,
        votes_against=0,
        votes_abstain=0,
    )
    if review is not None:
        assignments.assignment_review(
            actor=actor,
            meeting_id=meeting.pk,
            expected_version=None,
            reviews={review: {"status": "done", "note": "Đã hoàn thành."}},
        )
    assignments.assignment_create(
        actor=actor,
        meeting_id=meeting.pk,
        expected_version=None,
        title=task,
        deadline=today() + datetime.timedelta(days=30),  # the service wants ≥ today
        assignee_ids=[tree.cuong_a1.pk],
        to_committee=False,
    )
    return lifecycle.minutes_submit(actor=actor, meeting_id=meeting.pk, expected_version=None)


@pytest.fixture
def rated(transactional_db):
    """The province of `make_tree`; cell A1's meetings of M-3 (adopted) and M-1 (submitted,
    reviewing M-3's task), none in M-2; then the nightly warnings run. The shipped rule sets,
    agenda templates and score sheet are shipped again first (see test_meetings_flow's
    `month` fixture: a flushed transactional database has lost them)."""
    reship()
    tree = make_tree()
    earlier = _hold(tree, _months_back(3) + datetime.timedelta(days=9), "Dọn vệ sinh đường làng")
    lifecycle.minutes_adopt(actor=tree.bithu, meeting_id=earlier.pk, expected_version=None)
    tree.meeting = _hold(
        tree,
        _months_back(1) + datetime.timedelta(days=9),
        "Vận động các hộ góp ngày công làm đường",
        review=earlier.assignments.get().pk,
    )
    out = io.StringIO()
    call_command("warnings", stdout=out)  # what cron runs every night
    assert out.getvalue().startswith("Early warnings:"), out.getvalue()
    missed = _months_back(2)
    tree.missed = missed
    tree.warning = EarlyWarning.objects.get(
        unit=tree.cell_a1, kind=WarningKind.MISSED_MONTH, resolved_on__isnull=True
    )  # exactly one open: M-2 (FREQ-1)
    assert tree.warning.key == f"{missed:%Y-%m}"
    return tree


def _label(msgid: str) -> str:
    """A level's label as the Vietnamese site shows it (the English msgid until merged)."""
    with translation.override("vi"):
        return translation.gettext(msgid)


def _fill(page, points: dict[str, int]) -> None:
    """Type the points of the manual criteria into the score sheet's boxes."""
    for code, value in points.items():
        page.fill(f'#rating-form input[name="p_{code}"]', str(value))


def _screenshot_sheet(page, name: str) -> None:
    """Like `_screenshot`, with the sticky save bar drawn in its place at the end: a
    full-page capture would draw it where the first screen ends, over the first criteria."""
    page.add_style_tag(content=".rating-actions.sticky-bottom { position: static !important; }")
    _screenshot(page, name)


# --------------------------------------------------------------------------- the secretary


def see_the_checklist(page, base_url: str, meeting_id: int) -> None:
    """The meeting page loads the evaluation panel: the checklist, judged by HD42-2025."""
    page.goto(f"{base_url}/meetings/{meeting_id}/")
    checks = page.locator("#checklist li[data-check]")
    expect(checks).to_have_count(len(CHECKLIST))
    found = checks.evaluate_all("els => els.map(e => [e.dataset.check, e.dataset.passed])")
    assert dict(found) == CHECKLIST
    expect(page.locator("#evaluation-panel [data-rule-set]")).to_have_attribute(
        "data-rule-set", "HD42-2025"
    )
    expect(page.locator('#rating-levels dd[data-final=""]')).to_have_count(1)  # not rated yet
    _fits_the_phone(page)


def rate_as_the_cell(page, base_url: str, meeting_id: int) -> None:
    """Open the score sheet from the panel; type one box above its maximum (refused, what
    was typed kept), correct it, save; the level, total and lost criteria appear."""
    page.click("#rate-link")
    rating_url = f"{base_url}/evaluation/meeting/{meeting_id}/rating/"
    expect(page).to_have_url(rating_url)
    expect(page.locator("#rating-form input[name=column]")).to_have_value("self")
    expect(page.locator("[data-rule-set]").first).to_have_attribute("data-rule-set", "HD42-2025")
    for code, verdict in VERDICTS.items():
        row = page.locator(f'#rating-sheet [data-criterion="{code}"]')
        expect(row.locator("[data-verdict]")).to_have_attribute("data-verdict", verdict)

    _fill(page, {**SELF_POINTS, "resolution_results": 6})  # the maximum is 5
    page.click("#rating-form button[type=submit]")
    expect(page).to_have_url(rating_url)
    expect(page.locator("#rating-errors")).to_be_visible()
    bad = page.locator('[data-criterion="resolution_results"][data-invalid] [data-error]')
    expect(bad).to_have_text(re.compile(r"\b5\b.*\b6\b"))  # "at most 5 points; 6 is too many"
    expect(page.locator("[data-invalid]")).to_have_count(1)
    expect(page.locator('input[name="p_participation"]')).to_have_value("10")  # kept
    assert not Rating.objects.filter(meeting_id=meeting_id).exists()

    _fill(page, SELF_POINTS)
    page.fill("#rating-form textarea[name=note]", "Chi bộ tự đánh giá: cần chuẩn bị sớm hơn.")
    page.click("#rating-form button[type=submit]")
    expect(page).to_have_url(f"{rating_url}?column=self")
    own = page.locator('#rating-summary [data-column="self"]')
    expect(own.locator("[data-total]")).to_have_text("84/100")
    expect(own.locator("[data-level]")).to_have_attribute("data-level", "fair")
    expect(own.locator("[data-level]")).to_have_text(_label("Fair"))
    expect(own.locator("[data-lost] li")).to_have_text(SELF_LOST)
    expect(own.locator("[data-gate]")).to_have_count(0)
    expect(page.locator('#rating-summary [data-column="superior"] [data-total]')).to_have_count(0)
    final = page.locator("#final-level [data-final]")
    expect(final).to_have_attribute("data-final", "fair")
    expect(final).to_have_text(_label("Fair"))
    expect(page.locator('[data-col-total="self"]')).to_contain_text("84")
    _screenshot_sheet(page, "score-sheet.png")


def adopt(page, base_url: str, meeting_id: int) -> None:
    """Adopt the minutes (confirming the question); the panel shows the cell's rating."""
    page.goto(f"{base_url}/meetings/{meeting_id}/")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click(f'form[action="/meetings/{meeting_id}/adopt/"] button[type=submit]')
    _back_on_meeting(page, base_url, meeting_id)
    assert Meeting.objects.get(pk=meeting_id).status == MeetingStatus.ADOPTED
    expect(page.locator('#rating-levels dd[data-column="self"]')).to_contain_text("84/100")
    expect(page.locator("#rating-levels dd[data-final]")).to_have_attribute("data-final", "fair")


# --------------------------------------------------------------------------- the commune


def rate_as_the_superior(browser, base_url: str, meeting_id: int) -> None:
    """xa opens the adopted meeting's score sheet: the superior column, started from the
    cell's points; types fewer points and saves; the superior's level becomes final."""
    context, page = _phone(browser)
    try:
        _log_in(page, base_url, "xa")
        page.goto(f"{base_url}/meetings/{meeting_id}/")
        page.click("#rate-link")
        rating_url = f"{base_url}/evaluation/meeting/{meeting_id}/rating/"
        expect(page).to_have_url(rating_url)
        expect(page.locator("#rating-form input[name=column]")).to_have_value("superior")
        expect(page.locator('input[name="p_participation"]')).to_have_value("10")  # the cell's
        _fill(page, SUPERIOR_POINTS)
        page.fill("#rating-form textarea[name=note]", "Nội dung sinh hoạt còn chung chung.")
        page.click("#rating-form button[type=submit]")

        expect(page).to_have_url(f"{rating_url}?column=superior")
        superior = page.locator('#rating-summary [data-column="superior"]')
        expect(superior.locator("[data-total]")).to_have_text("65/100")
        expect(superior.locator("[data-level]")).to_have_attribute("data-level", "average")
        expect(superior.locator("[data-level]")).to_have_text(_label("Average"))
        expect(superior.locator("[data-lost] li")).to_have_count(8)  # 3 computed, 5 typed
        expect(superior).to_have_class(re.compile(r"\bis-final\b"))
        own = page.locator('#rating-summary [data-column="self"]')
        expect(own.locator("[data-level]")).to_have_attribute("data-level", "fair")  # kept
        expect(own).not_to_have_class(re.compile(r"\bis-final\b"))
        final = page.locator("#final-level [data-final]")
        expect(final).to_have_attribute("data-final", "average")
        expect(final).to_have_text(_label("Average"))

        page.goto(f"{base_url}/meetings/{meeting_id}/")
        levels = page.locator("#rating-levels")
        expect(levels.locator('dd[data-column="superior"]')).to_contain_text("65/100")
        expect(levels.locator("dd[data-final]")).to_have_attribute("data-final", "average")
    finally:
        context.close()
    finals = dict(Rating.objects.filter(meeting_id=meeting_id).values_list("column", "is_final"))
    assert finals == {"self": False, "superior": True}


# --------------------------------------------------------------------------- the warning


def secretary_sees_the_warning(page, base_url: str, tree) -> None:
    """The cell's page panel and the secretary's list show the missed month."""
    month = f"{tree.missed.month}/{tree.missed.year}"
    page.goto(f"{base_url}/units/{tree.cell_a1.pk}/")
    panel = page.locator("#warnings-panel")
    missed = panel.locator('li[data-kind="missed_month"]')
    expect(missed).to_have_count(1)
    expect(missed).to_contain_text(month)
    expect(panel.locator('a[data-warning-count="missed_month"]')).to_contain_text(": 1")
    _fits_the_phone(page)

    panel.locator(f'a[href="/evaluation/warnings/?unit={tree.cell_a1.pk}"]').click()
    row = page.locator(f"#warning-{tree.warning.pk}")
    expect(row).to_have_attribute("data-state", "open")
    expect(row).to_contain_text(month)
    expect(row).to_contain_text("FREQ-1")
    expect(page.locator('#warning-list [data-kind="missed_month"]')).to_have_count(1)
    _fits_the_phone(page)


def commune_acknowledges_the_warning(browser, base_url: str, tree) -> None:
    """xa sees the cell's missed month on the commune's page and in the list; an empty note
    is refused; with a note the row turns acknowledged, leaves the open list and is listed
    under "acknowledged" with the note."""
    month = f"{tree.missed.month}/{tree.missed.year}"
    row_id = f"#warning-{tree.warning.pk}"
    context, page = _phone(browser)
    try:
        _log_in(page, base_url, "xa")
        page.goto(f"{base_url}/units/{tree.commune_a.pk}/")
        counts = page.locator('#warnings-panel a[data-warning-count="missed_month"]')
        expect(counts).to_be_visible()
        counts.click()  # the list, this commune's missed months
        expect(page).to_have_url(
            f"{base_url}/evaluation/warnings/?unit={tree.commune_a.pk}&kind=missed_month"
        )
        row = page.locator(row_id)
        expect(row).to_have_attribute("data-state", "open")
        expect(row).to_contain_text(month)
        expect(row).to_contain_text("Chi bộ thôn Bản Chợ")
        expect(row).to_contain_text("Đảng bộ xã Chiêm Hoá")
        _screenshot(page, "warnings.png")

        row.locator("summary").click()
        row.locator("button[type=submit]").click()  # no note yet
        expect(page.locator(f"#note-error-{tree.warning.pk}")).to_be_visible()
        expect(page.locator(row_id)).to_have_attribute("data-state", "open")
        page.fill(f"#note-{tree.warning.pk}", ACK_NOTE)
        page.locator(row_id).locator("button[type=submit]").click()
        expect(page.locator(row_id)).to_have_attribute("data-state", "acknowledged")
        expect(page.locator(f"{row_id} .warning-ack")).to_contain_text(ACK_NOTE)

        page.reload()  # the open list (the default state)
        expect(page.locator("#f-state")).to_have_value("open")
        expect(page.locator(row_id)).to_have_count(0)
        page.select_option("#f-state", "acknowledged")
        page.click("main form[method=get] button[type=submit]")
        expect(page).to_have_url(re.compile(r"[?&]state=acknowledged\b"))
        expect(page.locator(row_id)).to_have_attribute("data-state", "acknowledged")
        expect(page.locator(f"{row_id} .warning-ack")).to_contain_text(ACK_NOTE)
        _fits_the_phone(page)
    finally:
        context.close()
    warning = EarlyWarning.objects.get(pk=tree.warning.pk)
    assert (warning.acknowledged_by, warning.note, warning.resolved_on) == (tree.xa, ACK_NOTE, None)


def secretary_sees_it_acknowledged(page, base_url: str, tree) -> None:
    """Back on the cell's page the panel no longer lists it as open."""
    page.goto(f"{base_url}/units/{tree.cell_a1.pk}/")
    expect(page.locator("#warnings-panel h2")).to_be_visible()
    expect(page.locator('#warnings-panel li[data-kind="missed_month"]')).to_have_count(0)


# --------------------------------------------------------------------------- the test


def test_a_meeting_rated_by_the_cell_and_the_commune_and_a_missed_month_acknowledged(
    browser, live_server, rated
):
    """The acceptance text above, in order, on phones."""
    tree, base_url, meeting_id = rated, live_server.url, rated.meeting.pk
    context, page = _phone(browser)
    try:
        _log_in(page, base_url, "bithu")
        see_the_checklist(page, base_url, meeting_id)
        rate_as_the_cell(page, base_url, meeting_id)
        adopt(page, base_url, meeting_id)
        rate_as_the_superior(browser, base_url, meeting_id)
        secretary_sees_the_warning(page, base_url, tree)
        commune_acknowledges_the_warning(browser, base_url, tree)
        secretary_sees_it_acknowledged(page, base_url, tree)
    finally:
        context.close()
