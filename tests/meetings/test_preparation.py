"""Preparation (PREP-1..4): agenda from the template, the notice in chibo and by e-mail to
members and the assigned superior committee member, documents published in time."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from chibo.core.rules import rules_in_force
from chibo.meetings.models import AgendaTemplate, Meeting, Notice
from chibo.meetings.services import preparation
from chibo.members.models import Member
from chibo.org.models import Role
from tests.factories import make_user


def test_agenda_follows_the_rules_order(tree, meeting):
    preparation.agenda_from_template(actor=tree.bithu, meeting_id=meeting.pk, expected_version=1)
    sections = list(meeting.agenda_items.values_list("section", flat=True))
    assert sections == [
        "opening",
        "roll_call",
        "agenda",
        "current_affairs",
        "review",
        "study",
        "criticism",
        "officials",
        "discussion",
        "resolution",
        "closing",
    ]
    meeting.refresh_from_db()
    assert meeting.version == 2


def test_a_cell_type_template_wins_over_the_default(tree, meeting):
    """An administrator's template for rural cells replaces the default for cell A1."""
    tree.cell_a1.cell_type = "rural"
    tree.cell_a1.save()
    template = AgendaTemplate.objects.create(kind="regular", cell_type="rural", name="Nông thôn")
    template.items.create(order=1, section="opening", title="Khai mạc ngắn", planned_minutes=3)
    template.items.create(order=2, section="discussion", title="Bàn việc thôn", planned_minutes=60)
    preparation.agenda_from_template(actor=tree.bithu, meeting_id=meeting.pk, expected_version=None)
    assert list(meeting.agenda_items.values_list("title", "planned_minutes")) == [
        ("Khai mạc ngắn", 3),
        ("Bàn việc thôn", 60),
    ]


def test_notice_reaches_members_and_the_visiting_official(tree, meeting, settings):  # PREP-2
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    official = make_user(Role.VISITING_OFFICIAL, tree.cell_a1, False, email="uv@example.org")
    Member.objects.filter(pk=tree.an_a1.pk).update(user=tree.bithu)
    tree.bithu.email = "bithu@example.org"
    tree.bithu.save()
    with __import__("django.test", fromlist=["x"]).TestCase.captureOnCommitCallbacks(execute=True):
        counts = preparation.meeting_notify(actor=tree.bithu, meeting_id=meeting.pk)
    # Members with accounts: an_a1 (bithu) and cuong_a1 (dangvien); one official.
    assert counts == {"members": 2, "superiors": 1, "emails": 2}
    assert set(Notice.objects.values_list("user__username", flat=True)) == {
        "bithu",
        "dangvien",
        official.username,
    }
    assert sorted(m.to[0] for m in mail.outbox) == ["bithu@example.org", "uv@example.org"]
    assert "Nhà văn hóa thôn Bản Chợ" in mail.outbox[0].body


def test_documents_published_time_is_kept(tree, meeting):  # PREP-3 (HD42-2025 only)
    preparation.document_attach(
        actor=tree.bithu,
        meeting_id=meeting.pk,
        upload=SimpleUploadedFile("dt.pdf", b"%PDF-1.7 x", "application/pdf"),
    )
    preparation.meeting_notify(actor=tree.bithu, meeting_id=meeting.pk)
    meeting.refresh_from_db()
    first = meeting.documents_published_at
    assert first is not None
    preparation.meeting_notify(actor=tree.bithu, meeting_id=meeting.pk)
    meeting.refresh_from_db()
    assert meeting.documents_published_at == first  # the first publication is kept
    rule_set = rules_in_force(meeting.date, meeting.unit)
    # Published after the meeting date - 1 day: late under HD42-2025's 1-day rule.
    assert preparation.documents_in_time(meeting, rule_set) is False
    Meeting.objects.filter(pk=meeting.pk).update(
        documents_published_at=timezone.now() - datetime.timedelta(days=10)
    )
    meeting.refresh_from_db()
    assert preparation.documents_in_time(meeting, rule_set) is True
    old = rules_in_force(datetime.date(2025, 10, 15), meeting.unit)
    assert old.code == "HD12-2018"
    assert preparation.documents_in_time(meeting, old) is None  # no such rule before HD42


def test_a_visiting_official_in_chibo_is_linked(tree, meeting):  # VIS-3
    from django.core.exceptions import ValidationError

    from chibo.meetings.services import record

    official = make_user(
        Role.VISITING_OFFICIAL, tree.commune_a, True, first_name="Minh", last_name="Hoàng Văn"
    )
    record.guests_save(
        actor=tree.bithu,
        meeting_id=meeting.pk,
        expected_version=None,
        guests=[
            {
                "user_id": official.pk,
                "name": "",
                "position": "Phó Bí thư Đảng ủy xã",
                "comments": "Chi bộ cần bám sát nghị quyết.",
            },
            {"name": "Bà Lò Thị Mai", "position": "Trưởng thôn"},
        ],
    )
    guests = list(meeting.guests.order_by("id").values_list("name", "is_official", "user_id"))
    assert guests == [("Hoàng Văn Minh", True, official.pk), ("Bà Lò Thị Mai", False, None)]
    # giamsat follows cells A2 and B1, not A1: refused.
    with pytest.raises(ValidationError):
        record.guests_save(
            actor=tree.bithu,
            meeting_id=meeting.pk,
            expected_version=None,
            guests=[{"user_id": tree.giamsat.pk, "name": ""}],
        )


def test_notice_page_button_sends_mail_with_an_absolute_link(tree, meeting, client_for, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    tree.dangvien.email = "dv@example.org"
    tree.dangvien.save()
    client = client_for(tree.bithu)
    with __import__("django.test", fromlist=["x"]).TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("meetings:notify", args=[meeting.pk]), follow=True)
    assert "Đã gửi thông báo cho 1 đảng viên và 0 cấp ủy viên cấp trên (1 thư điện tử)." in (
        response.content.decode()
    )
    assert f"http://testserver/meetings/{meeting.pk}/" in mail.outbox[0].body
    assert "Khai mạc" not in mail.outbox[0].body  # no agenda yet; with one, it is listed:
    preparation.agenda_from_template(actor=tree.bithu, meeting_id=meeting.pk, expected_version=None)
    with __import__("django.test", fromlist=["x"]).TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("meetings:notify", args=[meeting.pk]))
    assert "\n1. Khai mạc: nêu lý do, giới thiệu đại biểu" in mail.outbox[1].body
    assert mail.outbox[0].subject.startswith("Thông báo sinh hoạt: Chi bộ thôn Bản Chợ")


def test_agenda_presenter_must_be_of_the_cell(tree, meeting):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        preparation.agenda_save(
            actor=tree.bithu,
            meeting_id=meeting.pk,
            expected_version=None,
            items=[{"title": "Khai mạc", "presenter_id": tree.an_b1.pk}],
        )
    assert error.value.messages == ["Người trình bày phải là đảng viên của chi bộ."]
    preparation.agenda_save(
        actor=tree.bithu,
        meeting_id=meeting.pk,
        expected_version=None,
        items=[{"title": "Khai mạc", "presenter_id": tree.lan_group.pk}, {"title": "Bế mạc"}],
    )
    assert list(meeting.agenda_items.values_list("title", "presenter_id")) == [
        ("Khai mạc", tree.lan_group.pk),
        ("Bế mạc", None),
    ]
