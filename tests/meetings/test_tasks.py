"""My tasks, reporting on a task, notices and the nav's unread badge.

In the small tree (tests/factories.make_tree) the user `dangvien` is linked to Lê Văn Cường
of cell A1. Expected texts are computed with gettext in Vietnamese, so that they hold before
and after the Vietnamese catalogue is filled.
"""

import datetime
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from chibo.meetings.context_processors import unread_notices
from chibo.meetings.models import Assignment, AssignmentStatus, Meeting, MeetingKind, Notice
from chibo.meetings.services.assignments import assignment_create, assignment_report
from chibo.members.models import Member
from chibo.members.selectors import today
from chibo.org.models import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db
D = datetime.date
FIXED_TODAY = D(2026, 3, 15)


def vi(text: str) -> str:
    """`text` translated into Vietnamese (the catalogue as it is now)."""
    with translation.override("vi"):
        return gettext(text)


def _meeting(cell, on: datetime.date, kind=MeetingKind.REGULAR, **fields) -> Meeting:
    """A planned meeting of `cell` on `on` (a plain row)."""
    return Meeting.objects.create(unit=cell, kind=kind, date=on, **fields)


def _task(meeting, title, deadline, members, status=AssignmentStatus.OPEN, **fields):
    """An assignment of `meeting` to `members` (a plain row)."""
    row = Assignment.objects.create(
        unit=meeting.unit,
        meeting=meeting,
        title=title,
        deadline=deadline,
        status=status,
        **fields,
    )
    row.assignees.set(members)
    return row


def _rows(html: str) -> list[tuple[str, str]]:
    """(group key, task id) of every task row on the "my tasks" page, in page order."""
    out = []
    for group, body in re.findall(r'id="group-([a-z_]+)"(.*?)</section>', html, re.S):
        out += [(group, pk) for pk in re.findall(r'id="task-(\d+)"', body)]
    return out


# --- my tasks --------------------------------------------------------------------------------


@pytest.fixture
def tasks_on_fixed_day(tree, monkeypatch):
    """Tasks of Lê Văn Cường around 15/03/2026 (monkeypatched today; due soon = 7 days)."""
    monkeypatch.setattr("chibo.meetings.selectors.today", lambda: FIXED_TODAY)
    m = _meeting(tree.cell_a1, D(2026, 3, 1))
    t = {
        "overdue": _task(m, "Thu đảng phí quý I", D(2026, 3, 14), [tree.cuong_a1]),
        "soon_a": _task(m, "Vận động hộ nghèo", D(2026, 3, 22), [tree.cuong_a1, tree.bich_a1]),
        "soon_b": _task(m, "Sửa nhà văn hóa", D(2026, 3, 15), [tree.cuong_a1]),
        "open": _task(m, "Báo cáo sơ kết", D(2026, 3, 23), [tree.cuong_a1], to_committee=True),
        "done": _task(
            m,
            "Dọn vệ sinh",
            D(2026, 3, 5),
            [tree.cuong_a1],
            AssignmentStatus.DONE,
            done_on=D(2026, 3, 4),
        ),
        "not_done": _task(
            m, "Làm đường", D(2026, 3, 10), [tree.cuong_a1], AssignmentStatus.NOT_DONE
        ),
        "others": _task(m, "Việc của người khác", D(2026, 3, 20), [tree.bich_a1]),
    }
    return m, t


def test_my_tasks_are_grouped_by_deadline(tree, client_for, tasks_on_fixed_day):
    _meeting_row, t = tasks_on_fixed_day
    response = client_for(tree.dangvien).get(reverse("meetings:my-tasks"))
    assert response.status_code == 200
    html = response.content.decode()
    assert _rows(html) == [
        ("overdue", str(t["overdue"].pk)),
        ("due_soon", str(t["soon_b"].pk)),  # deadline today
        ("due_soon", str(t["soon_a"].pk)),  # today + 7 days: still due soon
        ("open", str(t["open"].pk)),  # today + 8 days
        ("closed", str(t["not_done"].pk)),  # closed: latest deadline (10/03) first
        ("closed", str(t["done"].pk)),  # deadline 05/03
    ]
    groups = response.context["groups"]
    with translation.override("vi"):
        titles = [
            gettext("Overdue"),
            gettext("Due within %(days)s days") % {"days": 7},
            gettext("In progress"),
            gettext("Recently closed"),
        ]
    assert [g["title"] for g in groups] == titles
    assert response.context["member"] == tree.cuong_a1


def test_my_tasks_row_shows_deadline_meeting_others_and_link(tree, client_for, tasks_on_fixed_day):
    _meeting_row, t = tasks_on_fixed_day
    html = client_for(tree.dangvien).get(reverse("meetings:my-tasks")).content.decode()
    row = re.search(rf'id="task-{t["soon_a"].pk}".*?</li>', html, re.S).group(0)
    assert '<strong class="task-title">Vận động hộ nghèo</strong>' in row
    assert "22/03/2026" in row
    assert "01/03/2026</a> · Chi bộ thôn Bản Chợ" in row
    # The other assignee, not the member himself.
    assert '<dd class="col-7 col-sm-9 mb-1 task-others">Trần Thị Bích</dd>' in row
    assert f'href="{reverse("meetings:task", args=[t["soon_a"].pk])}"' in row
    assert vi("Due soon") in row
    committee = re.search(rf'id="task-{t["open"].pk}".*?</li>', html, re.S).group(0)
    assert f'task-others">{vi("the cell committee")}</dd>' in committee
    overdue = re.search(rf'id="task-{t["overdue"].pk}".*?</li>', html, re.S).group(0)
    assert "14/03/2026" in overdue and vi("Overdue") in overdue
    done = re.search(rf'id="task-{t["done"].pk}".*?</li>', html, re.S).group(0)
    assert vi("Done") in done and "04/03/2026" in done
    assert "Việc của người khác" not in html
    # The calendar page is linked from here.
    assert reverse("meetings:calendar") in html


def test_my_tasks_explains_when_the_account_has_no_member(tree, client_for):
    response = client_for(tree.bithu).get(reverse("meetings:my-tasks"))
    assert response.status_code == 200
    assert vi("Your account is not linked to a party member record.") in response.content.decode()


def test_my_tasks_without_tasks_says_so(tree, client_for):
    response = client_for(tree.dangvien).get(reverse("meetings:my-tasks"))
    html = response.content.decode()
    assert vi("You have no tasks from cell meetings at the moment.") in html
    assert 'id="group-' not in html


@pytest.mark.parametrize("count", [1, 6])
def test_my_tasks_queries_do_not_grow(tree, client_for, django_assert_num_queries, count):
    m = _meeting(tree.cell_a1, today())
    for i in range(count):
        _task(
            m, f"Việc {i}", today() + datetime.timedelta(days=i * 5), [tree.cuong_a1, tree.bich_a1]
        )
    client = client_for(tree.dangvien)
    # session, user, grants, the linked member, the assignments (with meeting and cell),
    # their assignees (one prefetch), the rule set, the nav's unread count = 8.
    with django_assert_num_queries(8):
        response = client.get(reverse("meetings:my-tasks"))
    assert response.context["total"] == count


# --- reporting on a task ---------------------------------------------------------------------


@pytest.fixture
def task(tree):
    """An open task given today at a meeting of cell A1 to Lê Văn Cường and Trần Thị Bích."""
    m = _meeting(tree.cell_a1, today())
    return _task(
        m,
        "Vận động hộ nghèo",
        today() + datetime.timedelta(days=30),
        [
            tree.cuong_a1,
            tree.bich_a1,
        ],
    )


def _post(client, task, **data):
    """POST the report form of `task`."""
    return client.post(reverse("meetings:task", args=[task.pk]), data)


def test_task_form_shows_the_task_and_what_is_stored(tree, client_for, task):
    Assignment.objects.filter(pk=task.pk).update(progress="Đã gặp 3 hộ", version=4)
    response = client_for(tree.dangvien).get(reverse("meetings:task", args=[task.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vận động hộ nghèo" in html
    assert "Trần Thị Bích, Lê Văn Cường" in html  # name order (given name first)
    assert '<input type="hidden" name="version" value="4"' in html
    assert 'value="open" class="btn-check" id="id_status_0" required checked' in html
    assert "\nĐã gặp 3 hộ</textarea>" in html


def test_assignee_reports_done(tree, client_for, task):
    client = client_for(tree.dangvien)
    response = _post(
        client,
        task,
        status="done",
        progress="Đã gặp cả 5 hộ",
        outcome="5 hộ đăng ký vay vốn",
        done_on=(today() - datetime.timedelta(days=1)).strftime("%d/%m/%Y"),
        version=1,
    )
    assert (response.status_code, response["Location"]) == (302, reverse("meetings:my-tasks"))
    task.refresh_from_db()
    assert (task.status, task.progress, task.outcome, task.done_on, task.version) == (
        "done",
        "Đã gặp cả 5 hộ",
        "5 hộ đăng ký vay vốn",
        today() - datetime.timedelta(days=1),
        2,
    )
    page = client.get(response["Location"])
    assert vi("Your report on the task has been saved.") in page.content.decode()


def test_done_without_a_date_is_done_today_and_in_progress_clears_it(tree, client_for, task):
    client = client_for(tree.dangvien)
    _post(client, task, status="done", progress="", outcome="Xong", done_on="", version=1)
    task.refresh_from_db()
    assert (task.status, task.done_on) == ("done", today())
    _post(client, task, status="open", progress="Làm lại", outcome="", done_on="", version=2)
    task.refresh_from_db()
    assert (task.status, task.done_on, task.progress, task.version) == ("open", None, "Làm lại", 3)


def test_done_without_outcome_is_refused_and_the_input_kept(tree, client_for, task):
    response = _post(
        client_for(tree.dangvien),
        task,
        status="done",
        progress="Đã gặp cả 5 hộ",
        outcome="   ",
        done_on="",
        version=1,
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["outcome"] == [vi("Write the outcome of the task.")]
    html = response.content.decode()
    assert "\nĐã gặp cả 5 hộ</textarea>" in html
    assert 'value="done" class="btn-check" id="id_status_1" required checked' in html
    assert re.search(r'<textarea name="outcome"[^>]* class="form-control is-invalid"', html)
    task.refresh_from_db()
    assert (task.status, task.progress, task.version) == ("open", "", 1)


def test_done_on_in_the_future_is_refused(tree, client_for, task):
    tomorrow = (today() + datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    response = _post(
        client_for(tree.dangvien),
        task,
        status="done",
        progress="",
        outcome="Xong",
        done_on=tomorrow,
        version=1,
    )
    assert response.status_code == 200
    assert response.context["form"].errors["done_on"] == [vi("This date is in the future.")]
    assert f'value="{tomorrow}"' in response.content.decode()


def test_missing_status_is_refused(tree, client_for, task):
    response = _post(client_for(tree.dangvien), task, progress="Đang làm", version=1)
    assert response.status_code == 200
    assert response.context["form"].errors["status"] == [vi("Choose the progress.")]


def test_stale_version_keeps_the_input_and_shows_what_is_stored(tree, client_for, task):
    # The secretary reports after the member opened the form at version 1.
    assignment_report(
        actor=tree.bithu,
        assignment_id=task.pk,
        expected_version=1,
        status="open",
        progress="Chi ủy đã nhắc",
        outcome="",
    )
    client = client_for(tree.dangvien)
    response = _post(
        client, task, status="done", progress="Của tôi", outcome="Kết quả của tôi", version=1
    )
    assert response.status_code == 200
    html = response.content.decode()
    message = vi(
        "Someone else reported on this task after you opened it. Nothing is saved yet: what "
        "is stored now is shown below the form; check your report, then save again."
    )
    assert message in html
    assert "\nCủa tôi</textarea>" in html and "\nKết quả của tôi</textarea>" in html
    assert '<input type="hidden" name="version" value="2"' in html
    stored = re.search(r'class="card border-warning mb-4 task-stored".*?</section>', html, re.S)
    assert "Chi ủy đã nhắc" in stored.group(0)
    task.refresh_from_db()
    assert (task.status, task.progress, task.version) == ("open", "Chi ủy đã nhắc", 2)
    # Saving again, at the version now shown, overwrites on purpose.
    response = _post(
        client, task, status="done", progress="Của tôi", outcome="Kết quả của tôi", version=2
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.status, task.progress, task.outcome, task.version) == (
        "done",
        "Của tôi",
        "Kết quả của tôi",
        3,
    )


def test_an_editor_of_the_cell_may_report(tree, client_for, task):
    client = client_for(tree.bithu)
    assert client.get(reverse("meetings:task", args=[task.pk])).status_code == 200
    response = _post(client, task, status="not_done", progress="", outcome="", version=1)
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == "not_done"


def test_another_member_of_the_cell_who_is_not_an_assignee_gets_403(tree, client_for, task):
    task.assignees.set([tree.cuong_a1])
    user = make_user(Role.CELL_MEMBER, tree.cell_a1, False, username="bich")
    Member.objects.filter(pk=tree.bich_a1.pk).update(user=user)
    client = client_for(user)
    response = client.get(reverse("meetings:task", args=[task.pk]))
    assert response.status_code == 403
    assert vi("You do not have permission to do this.") in response.content.decode()
    response = _post(client, task, status="done", progress="", outcome="x", version=1)
    assert response.status_code == 403
    task.refresh_from_db()
    assert (task.status, task.version) == ("open", 1)


def test_an_inspector_who_may_read_the_cell_gets_403(tree, client_for, task):
    assert client_for(tree.kiemtra).get(reverse("meetings:task", args=[task.pk])).status_code == 403


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_user_of_an_unrelated_cell_gets_404(tree, client_for, task, method):
    client = client_for(tree.ngoai)
    url = reverse("meetings:task", args=[task.pk])
    data = {"status": "done", "outcome": "x", "version": 1} if method == "post" else None
    response = getattr(client, method)(url, data)
    assert response.status_code == 404
    task.refresh_from_db()
    assert task.version == 1


def test_unknown_task_is_404(tree, client_for):
    assert client_for(tree.dangvien).get(reverse("meetings:task", args=[999999])).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        reverse("meetings:my-tasks"),
        reverse("meetings:task", args=[1]),
        reverse("meetings:notices"),
        reverse("meetings:calendar"),
    ],
)
def test_anonymous_users_are_sent_to_the_login_page(db, client, url):
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (
        302,
        f"{reverse('login')}?next={url}",
    )


def test_task_page_queries(tree, client_for, task, django_assert_num_queries):
    client = client_for(tree.dangvien)
    # session, user, grants, the assignment (with meeting and cell), its assignees, the
    # user's member (can_report_on), the nav's unread count = 7.
    with django_assert_num_queries(7):
        response = client.get(reverse("meetings:task", args=[task.pk]))
    assert response.status_code == 200


# --- notices and the nav badge ---------------------------------------------------------------


@pytest.fixture
def notices(tree):
    """Two unread notices of `dangvien` (one from a new task, created through the service)
    and one already read; one notice of another user."""
    m = _meeting(tree.cell_a1, today())
    assignment_create(
        actor=tree.bithu,
        meeting_id=m.pk,
        expected_version=None,
        title="Vận động hộ nghèo",
        deadline=today() + datetime.timedelta(days=10),
        assignee_ids=[tree.cuong_a1.pk, tree.an_a1.pk],
        to_committee=False,
    )
    new = Notice.objects.get(user=tree.dangvien)
    old_read = Notice.objects.create(
        user=tree.dangvien,
        meeting=m,
        message="Thông báo cũ",
        read_at=datetime.datetime.now(datetime.UTC),
    )
    old_unread = Notice.objects.create(user=tree.dangvien, message="Nhắc nộp đảng phí")
    Notice.objects.filter(pk=old_read.pk).update(
        created_at=datetime.datetime(2026, 1, 5, 1, 0, tzinfo=datetime.UTC)
    )
    Notice.objects.filter(pk=old_unread.pk).update(
        created_at=datetime.datetime(2026, 1, 10, 2, 30, tzinfo=datetime.UTC)
    )
    Notice.objects.create(user=tree.bithu, message="Của bí thư")
    return m, new, old_unread, old_read


def test_assignment_creates_a_notice_for_members_with_an_account(tree, notices):
    m, new, _old_unread, _old_read = notices
    deadline = (today() + datetime.timedelta(days=10)).strftime("%d/%m/%Y")
    with translation.override("vi"):
        expected = gettext(
            "New task from the meeting of %(date)s: %(task)s (deadline %(deadline)s)."
        ) % {
            "date": today().strftime("%d/%m/%Y"),
            "task": "Vận động hộ nghèo",
            "deadline": deadline,
        }
    assert (new.meeting_id, new.read_at) == (m.pk, None)
    # The service runs in the test's language (Vietnamese by default).
    assert new.message == expected


def test_the_nav_badge_counts_unread_notices(tree, client_for, notices):
    response = client_for(tree.dangvien).get(reverse("home"))
    assert response.context["unread_notices"] == 2
    html = response.content.decode()
    badge = re.search(r'<span class="badge rounded-pill text-bg-warning nav-unread">(\d+)', html)
    assert badge.group(1) == "2"
    assert f'href="{reverse("meetings:notices")}"' in html
    assert f'href="{reverse("meetings:my-tasks")}"' in html


def test_no_badge_without_unread_notices(tree, client_for):
    html = client_for(tree.dangvien).get(reverse("home")).content.decode()
    assert "nav-unread" not in html


def test_notices_page_lists_newest_first_and_marks_them_read(tree, client_for, notices):
    m, new, old_unread, old_read = notices
    client = client_for(tree.dangvien)
    response = client.get(reverse("meetings:notices"))
    assert response.status_code == 200
    assert [n.pk for n in response.context["notices"]] == [new.pk, old_unread.pk, old_read.pk]
    html = response.content.decode()
    messages = re.findall(r'<p class="mb-2 notice-message">(.*?)</p>', html)
    assert messages[1:] == ["Nhắc nộp đảng phí", "Thông báo cũ"]
    assert len(re.findall(r"notice-new", html)) == 2  # flagged new on this visit only
    assert html.count(f'href="{reverse("meetings:detail", args=[m.pk])}"') == 2
    assert "17:30" not in html and "09:30" in html  # 02:30 UTC shown in Vietnam's time
    assert "Của bí thư" not in html
    with translation.override("vi"):
        said = ngettext(
            "%(counter)s new notice, now marked as read.",
            "%(counter)s new notices, now marked as read.",
            2,
        ) % {"counter": 2}
    assert said in html
    assert "nav-unread" not in html  # the badge is gone on this very page
    assert Notice.objects.filter(user=tree.dangvien, read_at__isnull=True).count() == 0
    assert Notice.objects.filter(user=tree.bithu, read_at__isnull=True).count() == 1
    # The next page shows no badge, and the notices are no longer new.
    assert client.get(reverse("home")).context["unread_notices"] == 0
    assert "notice-new" not in client.get(reverse("meetings:notices")).content.decode()


def test_notices_page_without_notices(tree, client_for):
    html = client_for(tree.dangvien).get(reverse("meetings:notices")).content.decode()
    assert vi("You have no notices.") in html


def test_notices_page_queries(tree, client_for, notices, django_assert_num_queries):
    client = client_for(tree.dangvien)
    # session, user, the notices (with meetings and cells), marking them read, the user's
    # grants (the nav's warnings link) = 5; the nav badge costs nothing here.
    with django_assert_num_queries(5):
        client.get(reverse("meetings:notices"))


def test_unread_count_is_lazy_and_read_once(tree, notices, django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = tree.dangvien
    with django_assert_num_queries(0):
        context = unread_notices(request)
    with django_assert_num_queries(1):
        assert context["unread_notices"] == 2
        assert str(context["unread_notices"]) == "2"
        assert bool(context["unread_notices"])


def test_unread_count_costs_nothing_for_anonymous_users(db, django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with django_assert_num_queries(0):
        assert unread_notices(request)["unread_notices"] == 0


def test_login_page_costs_no_query_for_the_badge(db, client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("login"))
    assert response.status_code == 200
