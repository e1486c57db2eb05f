"""Browser test of a whole month of cell meetings: Playwright (sync API) driving Debian's
Chromium against pytest-django's live_server, on the factories' small province.

Acceptance text. A secretary (bithu, phone viewport 390×844) plans the year, prepares a
meeting with an agenda and a document, records the roll call with one excused and one
unexcused absence, records the review of last month's assignments, a resolution with its vote
and two new assignments, submits and adopts; afterwards the edit controls are gone and a direct
POST to edit is refused; the DOCX minutes and attendance sheet download and contain the
figures (read back with python-docx), and the first page of each is rendered to PNG
(LibreOffice + pdftoppm). Then the member who received an assignment (dangvien, linked to
Lê Văn Cường) reports its outcome under "My tasks", and the next meeting's review lists it.

Figures worked out by hand (RULES.md):
- ATT-1: 4 on the roll of cell A1 (Ân, Bích, Cường, and Lan in its party group), nobody
  exempted, attached elsewhere or on special duty → 4 expected; Ân and Cường present → 2/4 =
  50.0 %.
- VOTE-2: 4 full members − 1 absent with reason (Bích) = voting base 3 (Lan, absent without
  reason, stays in it); 2 present may vote, so 5 votes are refused; 2 for → 2/3 > 1/2
  passes (VOTE-1).

The UI is Vietnamese with English msgids still showing while translations are added, so
elements are found by name, id, data attribute or URL; visible text is asserted only for
figures and for data typed by the test. Screenshots are written under SCREENSHOTS (see
tests/e2e/support.py: `CHIBO_SCREENSHOTS=docs/screenshots` refreshes the committed ones).
"""

import datetime
import io
import re
import tempfile
from pathlib import Path

import pytest
from django.utils import translation
from docx import Document
from playwright.sync_api import expect

from chibo.meetings.models import Assignment, AttendanceStatus, Meeting, MeetingKind
from chibo.meetings.services import assignments, lifecycle, planning, preparation, record
from chibo.members.selectors import today
from tests.e2e.render import render_first_page
from tests.e2e.support import SCREENSHOTS, reship
from tests.factories import PASSWORD, make_tree

pytestmark = pytest.mark.e2e

PLACE = "Nhà văn hóa thôn Bản Chợ"
EARLIER_TASK = "Vận động các hộ dọn vệ sinh đường làng"
EARLIER_REVIEW_NOTE = "Các hộ đã dọn xong đường làng"
EXCUSED_REASON = "Đi công tác tỉnh"
RESOLUTION = "Chi bộ thống nhất hoàn thành làm đường bê tông thôn trước Tết."
TASK_TO_CUONG = "Vận động các hộ góp ngày công làm đường"
TASK_TO_COMMITTEE = "Chuẩn bị hồ sơ đề nghị kết nạp đảng viên mới"
OUTCOME = "Đã vận động 12 hộ góp 30 ngày công"
TOPICS = [
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Xây dựng nông thôn mới",
    "Phòng chống thiên tai mùa mưa bão",
    "Phát triển kinh tế hộ gia đình",
]
#: A minimal valid one-page PDF (the upload is checked by type).
MINIMAL_PDF = (
    b"%PDF-1.4\n"
    b"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n"
    b"%%EOF\n"
)


@pytest.fixture
def month(transactional_db):
    """The province of `make_tree` and, 40 days ago, an earlier regular meeting of cell A1
    held and adopted through the services, with one assignment to Nguyễn Văn Ân ("last
    month's assignment", reviewed by the meeting recorded in the browser).

    The live server needs a transactional database, flushed after every such test: a
    transactional test run before this one leaves no rule set or agenda template, so the
    data migrations' `ship` functions are run again first. (pytest-django's serialized
    rollback cannot restore them: the flush re-creates the content types with new ids.)
    """
    reship()
    tree = make_tree()
    tree.earlier = _hold_earlier_meeting(tree)
    tree.earlier_task = tree.earlier.assignments.get()
    return tree


def _hold_earlier_meeting(tree) -> Meeting:
    """Record a complete regular meeting 40 days ago (everyone present) and adopt it."""
    actor, on = tree.bithu, today()
    meeting = planning.meeting_add(
        actor=actor,
        unit_id=tree.cell_a1.pk,
        kind=MeetingKind.REGULAR,
        date=on - datetime.timedelta(days=40),
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
        study_document="Chỉ thị 05-CT/TW",
        item_notes={i.pk: f"Nội dung mục {i.order}." for i in meeting.agenda_items.all()},
    )
    record.speeches_save(
        actor=actor,
        meeting_id=meeting.pk,
        expected_version=None,
        speeches=[{"kind": "opinion", "member_id": tree.cuong_a1.pk, "content": "Nhất trí."}],
    )
    record.vote_record(
        actor=actor,
        meeting_id=meeting.pk,
        expected_version=None,
        resolution="Chi bộ thống nhất vận động dọn vệ sinh đường làng.",
        votes_for=4,
        votes_against=0,
        votes_abstain=0,
    )
    assignments.assignment_create(
        actor=actor,
        meeting_id=meeting.pk,
        expected_version=None,
        title=EARLIER_TASK,
        deadline=on + datetime.timedelta(days=2),  # the service wants a deadline ≥ today
        assignee_ids=[tree.an_a1.pk],
        to_committee=False,
    )
    lifecycle.minutes_submit(actor=actor, meeting_id=meeting.pk, expected_version=None)
    return lifecycle.minutes_adopt(actor=actor, meeting_id=meeting.pk, expected_version=None)


# --------------------------------------------------------------------------- browser helpers


def _phone(browser):
    """A new browser context with a phone viewport (390×844), Vietnamese, and its page."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    context.set_default_timeout(10_000)
    return context, context.new_page()


def _log_in(page, base_url: str, username: str) -> None:
    """Log in through the login page and land on the home page."""
    page.goto(f"{base_url}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    expect(page).to_have_url(f"{base_url}/")


def _choose(page, radio_selector: str) -> None:
    """Choose a radio drawn as a Bootstrap toggle button (`btn-check`) by tapping its label."""
    radio_id = page.locator(radio_selector).get_attribute("id")
    page.click(f'label[for="{radio_id}"]')
    expect(page.locator(f"#{radio_id}")).to_be_checked()


#: Elements wider than the viewport, as "tag.class: text" (empty when the page fits).
_OVERFLOWING_JS = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .map(e => `${e.tagName.toLowerCase()}.${e.className}: ${e.textContent.trim().slice(0, 80)}`)"""


def _fits_the_phone(page) -> None:
    """The page does not scroll sideways on the phone: nothing is wider than the viewport."""
    assert page.evaluate(_OVERFLOWING_JS) == [], page.url


def _screenshot(page, name: str) -> None:
    """Save a full-page screenshot `name` under SCREENSHOTS (of a page fitting the phone)."""
    _fits_the_phone(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def _ddmmyyyy(day: datetime.date) -> str:
    """A date as a Vietnamese secretary types it."""
    return day.strftime("%d/%m/%Y")


def _back_on_meeting(page, base_url: str, meeting_id: int) -> None:
    """A saved form returns to the meeting page, which fits the phone's width."""
    expect(page).to_have_url(f"{base_url}/meetings/{meeting_id}/")
    _fits_the_phone(page)


# --------------------------------------------------------------------------- the secretary


def plan_the_year(page, base_url: str, tree) -> None:
    """Plan the current year: the 5th of each month at 19:30 in the village hall, committee
    three days before, a thematic topic per quarter; the year page then shows 12 months."""
    year = today().year
    page.goto(f"{base_url}/meetings/cell/{tree.cell_a1.pk}/{year}/plan/")
    page.check('input[name="rule"][value="day"]')
    page.fill("#id_day", "5")
    page.fill("#id_start_time", "19:30")
    page.fill("#id_place", PLACE)
    page.fill("#id_committee_lead_days", "3")
    for i, topic in enumerate(TOPICS):
        page.fill(f'input[name="t-{i}-topic"]', topic)
    for i in range(len(TOPICS)):  # each topic with the member writing its brief (PREP-4)
        page.select_option(f'select[name="t-{i}-brief_writer"]', str(tree.cuong_a1.pk))
    page.click("main form button[type=submit]")

    expect(page).to_have_url(f"{base_url}/meetings/cell/{tree.cell_a1.pk}/{year}/")
    months = page.locator("[data-month]")
    expect(months).to_have_count(12)
    states = months.evaluate_all("els => els.map(e => [+e.dataset.month, e.dataset.state])")
    assert [m for m, _ in states] == list(range(1, 13))
    assert {s for _, s in states} <= {"held", "planned", "missed", "cancelled", "none"}
    assert "none" not in {s for _, s in states}, states  # every month got its meeting
    if tree.earlier.date.year == year:  # the adopted meeting of 40 days ago
        assert dict(states)[tree.earlier.date.month] == "held", states
    if today().month < 12:  # December's meeting is still ahead
        assert dict(states)[12] == "planned", states
    _fits_the_phone(page)


def add_the_meeting(page, base_url: str, tree) -> int:
    """Add the regular meeting held three days ago (the year plan's meeting of this month
    may be ahead) through the "Add a meeting" page; return its id."""
    page.goto(f"{base_url}/meetings/cell/{tree.cell_a1.pk}/add/")
    page.select_option("#id_kind", MeetingKind.REGULAR)
    page.fill("#id_date", _ddmmyyyy(today() - datetime.timedelta(days=3)))
    page.fill("#id_start_time", "19:30")
    page.fill("#id_place", PLACE)
    page.click("main form button[type=submit]")
    expect(page).to_have_url(re.compile(rf"^{re.escape(base_url)}/meetings/(\d+)/$"))
    return int(re.search(r"/meetings/(\d+)/$", page.url).group(1))


def prepare(page, base_url: str, tree, meeting_id: int) -> None:
    """Standard agenda, then Lê Văn Cường presents item 2; attach a PDF; send the notice."""
    detail = f"{base_url}/meetings/{meeting_id}/"
    page.goto(detail)
    page.click(f'a[href="/meetings/{meeting_id}/agenda/"]')
    page.click('button[name="from_template"]')
    expect(page).to_have_url(f"{base_url}/meetings/{meeting_id}/agenda/")
    expect(page.locator(".agenda-row input[name$='-title']")).to_have_count(11 + 1)  # + 1 empty
    page.select_option('select[name="a-1-presenter"]', str(tree.cuong_a1.pk))
    page.click("main form:has(input[name='a-TOTAL_FORMS']) button[type=submit]")
    _back_on_meeting(page, base_url, meeting_id)
    expect(page.locator('section[aria-labelledby="prep-h"] ol > li')).to_have_count(11)
    expect(page.locator('section[aria-labelledby="prep-h"] ol > li').nth(1)).to_contain_text(
        "Lê Văn Cường"
    )

    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "du-thao-nghi-quyet.pdf"
        pdf.write_bytes(MINIMAL_PDF)
        upload = page.locator(f'form[action="/meetings/{meeting_id}/documents/"]')
        upload.locator('input[name="title"]').fill("Dự thảo nghị quyết tháng")
        upload.locator('input[name="file"]').set_input_files(str(pdf))
        upload.locator("button[type=submit]").click()
    _back_on_meeting(page, base_url, meeting_id)
    document = page.locator(f'a[href^="/meetings/{meeting_id}/documents/"]')
    expect(document).to_have_text("Dự thảo nghị quyết tháng")

    page.click(f'form[action="/meetings/{meeting_id}/notify/"] button[type=submit]')
    _back_on_meeting(page, base_url, meeting_id)
    assert Meeting.objects.get(pk=meeting_id).notified_at is not None


def take_the_roll_call(page, base_url: str, tree, meeting_id: int) -> None:
    """Bích excused, Lan unexcused. Saved first without Bích's reason: refused, with both
    choices kept; then with the reason. The meeting page shows 2 present of 4 (ATT-1)."""
    bich, lan = tree.bich_a1.pk, tree.lan_group.pk
    page.goto(f"{base_url}/meetings/{meeting_id}/")
    page.click(f'a[href="/meetings/{meeting_id}/roll-call/"]')
    expect(page.locator("li.roll-row")).to_have_count(4)
    _choose(page, f"#s-{bich}-excused")
    _choose(page, f"#s-{lan}-unexcused")
    page.click("form#roll-call button[type=submit]")

    expect(page).to_have_url(f"{base_url}/meetings/{meeting_id}/roll-call/")
    expect(page.locator("main .alert-danger[role=alert]")).to_be_visible()
    expect(page.locator(f'li[data-member="{bich}"] .invalid-feedback')).to_be_visible()
    expect(page.locator(f"#s-{bich}-excused")).to_be_checked()  # nothing lost
    expect(page.locator(f"#s-{lan}-unexcused")).to_be_checked()
    expect(page.locator(f"#s-{tree.an_a1.pk}-present")).to_be_checked()
    page.fill(f'input[name="reason-{bich}"]', EXCUSED_REASON)
    _screenshot(page, "roll-call.png")
    page.click("form#roll-call button[type=submit]")

    _back_on_meeting(page, base_url, meeting_id)
    figures = page.locator("[data-figures]")
    expect(figures.locator("strong")).to_have_text(re.compile(r"\D2\D+4\D"))  # present 2 of 4
    expect(figures.locator("[data-rate]")).to_have_text(re.compile(r"^50[.,]0\s*%$"))
    roll = page.locator('section[aria-labelledby="roll-h"] ul > li')
    expect(roll).to_have_count(2)
    expect(roll.filter(has_text="Trần Thị Bích")).to_contain_text(EXCUSED_REASON)
    expect(roll.filter(has_text="Hoàng Thị Lan")).to_have_count(1)


def write_the_minutes(page, base_url: str, tree, meeting_id: int) -> None:
    """Times 19:30–21:10, Ân chairs, Cường takes the minutes, notes under every item."""
    page.goto(f"{base_url}/meetings/{meeting_id}/")
    page.click(f'a[href="/meetings/{meeting_id}/minutes/"]')
    page.fill("#id_started_at", "19:30")
    page.fill("#id_ended_at", "21:10")
    page.select_option("#id_chair", str(tree.an_a1.pk))
    page.select_option("#id_minute_taker", str(tree.cuong_a1.pk))
    items = page.locator('textarea[name^="item_"]')
    expect(items).to_have_count(11)
    for i in range(items.count()):
        items.nth(i).fill(f"Chi bộ đã thực hiện nội dung mục {i + 1}.")
    page.click("main form button[type=submit]")
    _back_on_meeting(page, base_url, meeting_id)


def record_the_speeches(page, base_url: str, tree, meeting_id: int) -> None:
    """One opinion (Ân), then one self-criticism (Cường) in the row the page adds."""
    speeches = f"{base_url}/meetings/{meeting_id}/speeches/"
    page.goto(speeches)
    page.select_option('select[name="s-0-kind"]', "opinion")
    page.select_option('select[name="s-0-member"]', str(tree.an_a1.pk))
    page.fill('textarea[name="s-0-content"]', "Đề nghị chi bộ sớm hoàn thành đường bê tông.")
    page.click("main form button[type=submit]")
    _back_on_meeting(page, base_url, meeting_id)

    page.goto(speeches)
    page.select_option('select[name="s-1-kind"]', "self_criticism")
    page.select_option('select[name="s-1-member"]', str(tree.cuong_a1.pk))
    page.fill('input[name="s-1-about"]', "Tham gia lao động công ích")
    page.fill('textarea[name="s-1-content"]', "Tháng qua tôi chưa tham gia đủ ngày công.")
    page.click("main form button[type=submit]")
    _back_on_meeting(page, base_url, meeting_id)
    expect(page.locator('section[aria-labelledby="min-h"] ul > li')).to_have_count(2)


def review_last_month(page, base_url: str, tree, meeting_id: int) -> None:
    """The earlier meeting's assignment to Ân is listed; mark it done with a note."""
    task = tree.earlier_task.pk
    page.goto(f"{base_url}/meetings/{meeting_id}/")
    page.click(f'a[href="/meetings/{meeting_id}/review/"]')
    expect(page.locator(".review-row")).to_have_count(1)
    expect(page.locator(f'.review-row[data-assignment="{task}"]')).to_contain_text(EARLIER_TASK)
    page.select_option(f'select[name="status-{task}"]', "done")
    page.fill(f'input[name="note-{task}"]', EARLIER_REVIEW_NOTE)
    page.click("main form button[type=submit]")
    _back_on_meeting(page, base_url, meeting_id)
    reviewed = page.locator(f'#review-list li[data-assignment="{task}"]')
    expect(reviewed).to_contain_text(EARLIER_REVIEW_NOTE)


def vote_the_resolution(page, base_url: str, meeting_id: int) -> None:
    """5 votes for are refused (only 2 present may vote, VOTE-2) and the resolution typed
    is kept; 2 for, 0 against, 0 abstaining passes with 2/3."""
    page.goto(f"{base_url}/meetings/{meeting_id}/")
    page.click(f'a[href="/meetings/{meeting_id}/vote/"]')
    page.fill("#id_resolution", RESOLUTION)
    page.fill("#id_votes_for", "5")
    page.fill("#id_votes_against", "0")
    page.fill("#id_votes_abstain", "0")
    page.click("main form button[type=submit]")

    expect(page).to_have_url(f"{base_url}/meetings/{meeting_id}/vote/")
    error = page.locator("#id_votes_for ~ .invalid-feedback")
    # "5 votes recorded, but only 2 members present may vote." (or its Vietnamese)
    expect(error).to_have_text(re.compile(r"\b5\b.*\b2\b"))
    expect(page.locator("#id_resolution")).to_have_value(RESOLUTION)
    page.fill("#id_votes_for", "2")
    page.click("main form button[type=submit]")

    _back_on_meeting(page, base_url, meeting_id)
    expect(page.locator("[data-vote]")).to_contain_text(re.compile(r"\b2/3\b"))


def assign_tasks(page, base_url: str, tree, meeting_id: int) -> None:
    """Two new tasks: one to Lê Văn Cường (deadline typed dd/mm/yyyy), one to the committee."""
    deadline = _ddmmyyyy(today() + datetime.timedelta(days=10))
    page.goto(f"{base_url}/meetings/{meeting_id}/")
    page.click(f'a[href="/meetings/{meeting_id}/assignments/"]')
    form = page.locator("main form:has(textarea[name=title])")
    form.locator("textarea[name=title]").fill(TASK_TO_CUONG)
    form.locator("input[name=deadline]").fill(deadline)
    form.locator(f'input[name=assignees][value="{tree.cuong_a1.pk}"]').check()
    form.locator('button[name="another"]').click()

    expect(page).to_have_url(f"{base_url}/meetings/{meeting_id}/assignments/")
    expect(page.locator(".assignment-row")).to_have_count(1)
    form.locator("textarea[name=title]").fill(TASK_TO_COMMITTEE)
    form.locator("input[name=deadline]").fill(deadline)
    form.locator("input[name=to_committee]").check()
    form.locator("button[type=submit]:not([name])").click()

    _back_on_meeting(page, base_url, meeting_id)
    rows = page.locator('section[aria-labelledby="asg-h"] tbody tr')
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text=TASK_TO_CUONG)).to_contain_text("Lê Văn Cường")
    expect(rows.filter(has_text=TASK_TO_CUONG)).to_contain_text(deadline)


def submit_and_adopt(page, base_url: str, meeting_id: int) -> None:
    """The record is complete (MIN-2): submit, then adopt; the edit controls are gone."""
    page.goto(f"{base_url}/meetings/{meeting_id}/")
    expect(page.locator("#complete")).to_be_visible()
    expect(page.locator("#missing")).to_have_count(0)
    page.click(f'form[action="/meetings/{meeting_id}/submit/"] button[type=submit]')
    _back_on_meeting(page, base_url, meeting_id)
    # Adopting locks the minutes for good: the page asks first; the secretary confirms.
    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    page.click(f'form[action="/meetings/{meeting_id}/adopt/"] button[type=submit]')
    _back_on_meeting(page, base_url, meeting_id)

    assert Meeting.objects.get(pk=meeting_id).status == "adopted"
    assert questions and "Thông qua biên bản?" in questions[0]
    for edit in ("agenda", "preparation", "roll-call", "minutes", "guests", "speeches"):
        expect(page.locator(f'a[href$="/{edit}/"]')).to_have_count(0)
    for edit in ("review", "vote", "assignments"):
        expect(page.locator(f'a[href$="/{edit}/"]')).to_have_count(0)
    for action in ("submit", "adopt", "notify", "documents"):
        expect(page.locator(f'form[action$="/{action}/"]')).to_have_count(0)
    expect(page.locator("input[name=file]")).to_have_count(0)
    _screenshot(page, "meeting-adopted.png")


def post_to_adopted_minutes(page, base_url: str, meeting_id: int) -> None:
    """A direct POST to the minutes form of the adopted meeting, with a valid CSRF token,
    is refused with 409: a page saying the minutes are adopted (not the expired-session page),
    showing back what was typed, and nothing changes (MIN-3)."""
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    response = page.request.post(
        f"{base_url}/meetings/{meeting_id}/minutes/",
        form={
            "csrfmiddlewaretoken": token,
            "started_at": "08:00",
            "ended_at": "09:00",
            "place": "Sửa sau khi đã thông qua",
        },
        headers={"X-CSRFToken": token},
    )
    assert response.status == 409
    body = response.text()
    with translation.override("vi"):
        assert translation.gettext("The record can no longer be changed") in body
        assert translation.gettext("Session expired") not in body
    assert "Sửa sau khi đã thông qua" in body
    assert Meeting.objects.get(pk=meeting_id).started_at == datetime.time(19, 30)


def _download(page, which: str) -> bytes:
    """Click the download link `which` (data-download) and return the file's bytes."""
    with page.expect_download() as info:
        page.click(f'a[data-download="{which}"]')
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    return Path(download.path()).read_bytes()


def _docx_text(content: bytes) -> str:
    """All the text of a DOCX: body paragraphs, table cells (nested too) and headers."""
    doc = Document(io.BytesIO(content))
    lines = [p.text for p in doc.paragraphs]

    def tables(items):
        for table in items:
            for row in table.rows:
                lines.append(" | ".join(cell.text for cell in row.cells))
                for cell in row.cells:
                    tables(cell.tables)

    tables(doc.tables)
    for section in doc.sections:
        for header in (section.header, section.first_page_header):
            lines.extend(p.text for p in header.paragraphs)
            tables(header.tables)
    return "\n".join(lines)


def _docx_tables(content: bytes) -> list[list[list[str]]]:
    """The body tables of a DOCX as lists of rows of cell texts."""
    doc = Document(io.BytesIO(content))
    return [[[c.text for c in row.cells] for row in table.rows] for table in doc.tables]


def check_the_documents(page, base_url: str, tree, meeting_id: int) -> None:
    """Download the DOCX minutes and attendance sheet, check their figures, render page 1."""
    page.goto(f"{base_url}/meetings/{meeting_id}/")
    deadline = _ddmmyyyy(today() + datetime.timedelta(days=10))

    minutes = _download(page, "minutes")
    text = _docx_text(minutes)
    assert "BIÊN BẢN" in text
    assert "DỰ THẢO" not in text  # adopted minutes carry no draft mark
    assert "bắt đầu lúc 19 giờ 30 phút" in text
    assert "kết thúc lúc 21 giờ 10 phút" in text
    assert "đồng chí Nguyễn Văn Ân" in text and "đồng chí Lê Văn Cường" in text
    assert (
        "Tổng số đảng viên: 4; chính thức 4, dự bị 0; miễn sinh hoạt 0; "
        "sinh hoạt tạm thời nơi khác 0; có mặt 2; vắng 2 "
        f"(có lý do 1: Trần Thị Bích — {EXCUSED_REASON}; không lý do 1: Hoàng Thị Lan)"
    ) in text
    assert "Tỷ lệ dự sinh hoạt: 2/4 = 50,0%" in text
    assert (
        "Tán thành 2/3, đạt 66,7%; không tán thành 0; không biểu quyết 0. "
        "Nghị quyết được thông qua."
    ) in text
    assert RESOLUTION in text
    tables = _docx_tables(minutes)
    review = next(t for t in tables if any(EARLIER_TASK in c for r in t for c in r))
    assert [EARLIER_TASK, "Nguyễn Văn Ân", "Hoàn thành", EARLIER_REVIEW_NOTE] == review[1][1:]
    tasks = next(t for t in tables if any(TASK_TO_COMMITTEE in c for r in t for c in r))
    assert sorted(row[1:] for row in tasks[1:]) == sorted(
        [
            [TASK_TO_CUONG, "Lê Văn Cường", deadline],
            [TASK_TO_COMMITTEE, "Chi ủy", deadline],
        ]
    )

    sheet = _download(page, "attendance")
    text = _docx_text(sheet)
    assert "DANH SÁCH ĐẢNG VIÊN DỰ SINH HOẠT" in text
    members = next(t for t in _docx_tables(sheet) if any("Hoàng Thị Lan" in r for r in t))
    status = {row[1]: row[3] for row in members[1:]}
    assert status == {
        "Nguyễn Văn Ân": "Có mặt",
        "Trần Thị Bích": f"Vắng có lý do: {EXCUSED_REASON}",
        "Lê Văn Cường": "Có mặt",
        "Hoàng Thị Lan": "Vắng không lý do",
    }
    for line in (
        "Số đảng viên phải dự sinh hoạt: 4",
        "Có mặt: 2",
        "Vắng có lý do: 1",
        "Vắng không lý do: 1",
        "Tỷ lệ dự sinh hoạt: 2/4 = 50,0%",
    ):
        assert line in text, line

    for content, name in ((minutes, "minutes-docx.png"), (sheet, "attendance-docx.png")):
        png = render_first_page(content, SCREENSHOTS / name)
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# --------------------------------------------------------------------------- the member


def report_the_task(browser, base_url: str, task_id: int) -> None:
    """dangvien (Lê Văn Cường) finds the task under My tasks, reports it done with an
    outcome, and sees it listed as done."""
    context, page = _phone(browser)
    try:
        _log_in(page, base_url, "dangvien")
        page.goto(f"{base_url}/meetings/tasks/")
        row = page.locator(f"#task-{task_id}")
        expect(row).to_contain_text(TASK_TO_CUONG)
        row.locator(f'a.task-report[href="/meetings/tasks/{task_id}/"]').click()
        expect(page).to_have_url(f"{base_url}/meetings/tasks/{task_id}/")
        _choose(page, 'input[name="status"][value="done"]')
        page.fill("#id_outcome", OUTCOME)
        page.click("main form button[type=submit]")

        expect(page).to_have_url(f"{base_url}/meetings/tasks/")
        done = page.locator(f"#group-closed #task-{task_id}")
        expect(done).to_be_visible()
        expect(done.locator(".task-status .badge.text-bg-success")).to_have_count(1)
        expect(done).to_contain_text(_ddmmyyyy(today()))  # done on: today
        _fits_the_phone(page)
    finally:
        context.close()


def next_meeting_reviews_it(page, base_url: str, tree, task_id: int) -> None:
    """A next meeting today: its review lists the task with the member's outcome."""
    following = planning.meeting_add(
        actor=tree.bithu,
        unit_id=tree.cell_a1.pk,
        kind=MeetingKind.REGULAR,
        date=today(),
        start_time=datetime.time(19, 30),
        place=PLACE,
    )
    page.goto(f"{base_url}/meetings/{following.pk}/review/")
    row = page.locator(f'.review-row[data-assignment="{task_id}"]')
    expect(row).to_contain_text(TASK_TO_CUONG)
    expect(row).to_contain_text("Lê Văn Cường")
    expect(row).to_contain_text(OUTCOME)
    expect(page.locator(".review-row")).to_have_count(2)  # and the committee's task
    expect(page.locator(f'.review-row[data-assignment="{tree.earlier_task.pk}"]')).to_have_count(0)


# --------------------------------------------------------------------------- the test


def test_a_month_of_meetings_from_plan_to_adopted_minutes_and_reported_task(
    browser, live_server, month
):
    """The acceptance text above, in order, on a phone."""
    tree, base_url = month, live_server.url
    context, page = _phone(browser)
    try:
        _log_in(page, base_url, "bithu")
        plan_the_year(page, base_url, tree)
        meeting_id = add_the_meeting(page, base_url, tree)
        prepare(page, base_url, tree, meeting_id)
        take_the_roll_call(page, base_url, tree, meeting_id)
        write_the_minutes(page, base_url, tree, meeting_id)
        record_the_speeches(page, base_url, tree, meeting_id)
        review_last_month(page, base_url, tree, meeting_id)
        vote_the_resolution(page, base_url, meeting_id)
        assign_tasks(page, base_url, tree, meeting_id)
        submit_and_adopt(page, base_url, meeting_id)
        post_to_adopted_minutes(page, base_url, meeting_id)
        check_the_documents(page, base_url, tree, meeting_id)

        task = Assignment.objects.get(meeting_id=meeting_id, assignees=tree.cuong_a1)
        report_the_task(browser, base_url, task.pk)
        next_meeting_reviews_it(page, base_url, tree, task.pk)
    finally:
        context.close()

    attendance = {
        a.member_id: a.status for a in Meeting.objects.get(pk=meeting_id).attendance.all()
    }
    assert attendance == {
        tree.an_a1.pk: AttendanceStatus.PRESENT,
        tree.bich_a1.pk: AttendanceStatus.EXCUSED,
        tree.cuong_a1.pk: AttendanceStatus.PRESENT,
        tree.lan_group.pk: AttendanceStatus.UNEXCUSED,
    }
