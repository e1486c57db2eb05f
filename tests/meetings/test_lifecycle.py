"""Minutes lifecycle (MIN-2, MIN-3), optimistic locking, history and bad input."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from chibo.core.models import AuditEntry
from chibo.meetings.models import AttendanceStatus, MeetingStatus
from chibo.meetings.selectors import meeting_record
from chibo.meetings.services import lifecycle, record
from chibo.meetings.services.common import IncompleteMinutes
from chibo.members.selectors import today
from tests.meetings.conftest import hold


def test_incomplete_minutes_list_what_is_missing(tree, meeting):  # rule MIN-2
    """A meeting with only a roll call lacks everything else MIN-2 names, in this order."""
    record.roll_call_record(
        actor=tree.bithu, meeting_id=meeting.pk, expected_version=None, entries={}
    )
    meeting.refresh_from_db()
    missing = lifecycle.minutes_missing(meeting_record(meeting=meeting))
    assert [str(m) for m in missing] == [
        "chủ trì",
        "thư ký",
        "chương trình",
        "ý kiến phát biểu (ai phát biểu)",
        "nghị quyết hoặc kết luận",
        "kết quả biểu quyết",
        "phân công nhiệm vụ",
        "giờ bắt đầu và kết thúc",
    ]
    with pytest.raises(IncompleteMinutes) as error:
        lifecycle.minutes_submit(actor=tree.bithu, meeting_id=meeting.pk, expected_version=None)
    assert len(error.value.missing) == 8


def test_submit_and_adopt_lock_the_record(tree, meeting, client_for):  # rule MIN-3
    held = hold(tree, meeting, excused=tree.lan_group)
    client = client_for(tree.bithu)
    response = client.post(
        reverse("meetings:submit", args=[held.pk]), {"version": held.version}, follow=True
    )
    held.refresh_from_db()
    assert held.status == MeetingStatus.SUBMITTED
    response = client.post(reverse("meetings:adopt", args=[held.pk]), {"version": held.version})
    held.refresh_from_db()
    assert held.status == MeetingStatus.ADOPTED
    assert held.adopted_by == tree.bithu
    page = client.get(reverse("meetings:detail", args=[held.pk])).content.decode()
    for edit in ("roll-call", "minutes", "vote", "agenda", "assignment-add", "preparation"):
        assert reverse(f"meetings:{edit}", args=[held.pk]) not in page
    # A direct POST to an edit form is refused, and nothing changes.
    response = client.post(
        reverse("meetings:minutes", args=[held.pk]),
        {"version": held.version, "place": "Nơi khác", "started_at": "07:00"},
    )
    assert response.status_code == 409  # refused, saying why, with the typed text shown
    page = response.content.decode()
    assert "Biên bản đã được thông qua lúc" in page and "Nơi khác" in page
    held.refresh_from_db()
    assert held.place == "Nhà văn hóa thôn Bản Chợ"
    # Adopting twice (a second person on an open page) only says so.
    again = client.post(reverse("meetings:adopt", args=[held.pk]), {"version": 1}, follow=True)
    assert "Biên bản đã được thông qua lúc" in again.content.decode()
    with pytest.raises(PermissionDenied):
        record.vote_record(
            actor=tree.bithu,
            meeting_id=held.pk,
            expected_version=None,
            resolution="Sửa",
            votes_for=1,
            votes_against=0,
            votes_abstain=0,
        )


def test_addendum_is_the_only_change_after_adoption(tree, meeting, client_for):
    held = hold(tree, meeting)
    lifecycle.minutes_submit(actor=tree.bithu, meeting_id=held.pk, expected_version=None)
    lifecycle.minutes_adopt(actor=tree.bithu, meeting_id=held.pk, expected_version=None)
    client = client_for(tree.bithu)
    refused = client.post(reverse("meetings:addendum", args=[held.pk]), {"reason": "", "text": "x"})
    assert refused.status_code == 200
    assert "x" in refused.content.decode()  # what was typed is kept
    client.post(
        reverse("meetings:addendum", args=[held.pk]),
        {"reason": "Ghi nhầm giờ kết thúc", "text": "Kết thúc lúc 21 giờ 20."},
    )
    addendum = held.addenda.get()
    assert (addendum.author, addendum.reason) == (tree.bithu, "Ghi nhầm giờ kết thúc")
    assert (
        "Kết thúc lúc 21 giờ 20."
        in client.get(reverse("meetings:detail", args=[held.pk])).content.decode()
    )


def test_return_to_draft_needs_a_reason(tree, meeting, client_for):
    held = hold(tree, meeting)
    lifecycle.minutes_submit(actor=tree.bithu, meeting_id=held.pk, expected_version=None)
    held.refresh_from_db()
    client = client_for(tree.bithu)
    client.post(reverse("meetings:return", args=[held.pk]), {"version": held.version, "reason": ""})
    held.refresh_from_db()
    assert held.status == MeetingStatus.SUBMITTED
    client.post(
        reverse("meetings:return", args=[held.pk]),
        {"version": held.version, "reason": "Thiếu ý kiến"},
    )
    held.refresh_from_db()
    assert held.status == MeetingStatus.DRAFT
    assert AuditEntry.objects.filter(action="minutes.return", target_id=str(held.pk)).count() == 1
    history = client.get(reverse("meetings:history", args=[held.pk])).content.decode()
    assert "trả lại biên bản để sửa</strong> — Thiếu ý kiến" in history


def test_two_editors_second_save_is_refused_and_kept(tree, meeting, client_for):
    """Optimistic locking: both open the minutes form at version v; the first saves; the
    second's save is refused, the page shows their text, and the stored text is the first's."""
    held = hold(tree, meeting)
    version = held.version
    first, second = client_for(tree.bithu), client_for(tree.phobithu)
    items = list(held.agenda_items.all())
    base = {
        "version": version,
        "started_at": "19:30",
        "ended_at": "21:15",
        "place": held.place,
        "chair": tree.an_a1.pk,
        "minute_taker": tree.bich_a1.pk,
        "study_document": "",
    }
    mine = {**base, **{f"item_{i.pk}": i.notes for i in items}, f"item_{items[3].pk}": "Bản A"}
    theirs = {**base, **{f"item_{i.pk}": i.notes for i in items}, f"item_{items[3].pk}": "Bản B"}
    assert first.post(reverse("meetings:minutes", args=[held.pk]), mine).status_code == 302
    response = second.post(reverse("meetings:minutes", args=[held.pk]), theirs)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bản B" in page  # nothing typed is lost
    assert "Có người khác đã lưu" in page
    items[3].refresh_from_db()
    assert items[3].notes == "Bản A"
    # Having read the message, the second editor saves again on purpose: accepted now.
    held.refresh_from_db()
    assert f'name="version" value="{held.version}"' in page
    again = second.post(
        reverse("meetings:minutes", args=[held.pk]), {**theirs, "version": held.version}
    )
    assert again.status_code == 302
    items[3].refresh_from_db()
    assert items[3].notes == "Bản B"


def test_history_shows_each_change(tree, meeting, client_for):
    held = hold(tree, meeting, excused=tree.bich_a1)
    page = (
        client_for(tree.dangvien).get(reverse("meetings:history", args=[held.pk])).content.decode()
    )
    assert "Trần Thị Bích" in page  # her roll-call row, created excused
    record.roll_call_record(
        actor=tree.bithu,
        meeting_id=held.pk,
        expected_version=None,
        entries={tree.bich_a1.pk: {"status": "present", "reason": ""}},
    )
    page = (
        client_for(tree.dangvien).get(reverse("meetings:history", args=[held.pk])).content.decode()
    )
    assert "trạng thái: Vắng có lý do → Có mặt, lý do: Ốm → —" in page
    assert "bithu" in page or "Bí" in page


# Bad input: a clear Vietnamese message, the form's contents kept.


def test_meeting_end_before_start(tree, meeting, client_for):
    hold(tree, meeting)
    response = client_for(tree.bithu).post(
        reverse("meetings:minutes", args=[meeting.pk]),
        {
            "version": meeting.version,
            "started_at": "21:00",
            "ended_at": "19:00",
            "place": "Chỗ mới gõ",
        },
    )
    page = response.content.decode()
    assert "Giờ kết thúc phải sau giờ bắt đầu." in page
    assert "Chỗ mới gõ" in page


def test_more_votes_than_people_present(tree, meeting, client_for):  # rule VOTE-2
    held = hold(tree, meeting, excused=tree.bich_a1)
    # Present full members: an_a1, cuong_a1, lan_group → 3 may vote.
    response = client_for(tree.bithu).post(
        reverse("meetings:vote", args=[held.pk]),
        {
            "version": held.version,
            "resolution": "Nghị quyết đã gõ",
            "votes_for": 3,
            "votes_against": 1,
            "votes_abstain": 0,
        },
    )
    page = response.content.decode()
    assert "4 phiếu được ghi, nhưng chỉ có 3 đảng viên có mặt được biểu quyết." in page
    assert "Nghị quyết đã gõ" in page


def test_document_over_the_limit_or_forbidden(tree, meeting, client_for, settings):
    settings.CHIBO_DOCUMENT_MAX_BYTES = 1024
    client = client_for(tree.bithu)
    url = reverse("meetings:document-upload", args=[meeting.pk])
    big = SimpleUploadedFile("lon.pdf", b"%PDF" + b"0" * 2000, "application/pdf")
    response = client.post(url, {"title": "Tài liệu lớn", "file": big})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Tệp có dung lượng 2,0\xa0KB; giới hạn là 1,0\xa0KB." in page
    assert "Tài liệu lớn" in page
    exe = SimpleUploadedFile("virus.exe", b"MZ....", "application/octet-stream")
    page = client.post(url, {"title": "Tệp lạ", "file": exe}).content.decode()
    assert "Không nhận tệp loại này." in page
    fake = SimpleUploadedFile("gia.pdf", b"not a pdf", "application/pdf")
    page = client.post(url, {"title": "", "file": fake}).content.decode()
    assert "Tệp không phải là tài liệu PDF." in page
    assert meeting.documents.count() == 0


def test_assignment_with_a_past_deadline(tree, meeting, client_for):
    hold(tree, meeting)
    past = (today() - datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    response = client_for(tree.bithu).post(
        reverse("meetings:assignment-add", args=[meeting.pk]),
        {
            "version": meeting.version,
            "title": "Việc đã gõ",
            "deadline": past,
            "assignees": [tree.an_a1.pk],
        },
    )
    page = response.content.decode()
    assert "Hạn hoàn thành đã qua." in page
    assert "Việc đã gõ" in page
    assert meeting.assignments.count() == 1  # only the one from hold()


def test_excused_absence_needs_a_reason(tree, meeting, client_for):  # rule ATT-0
    client = client_for(tree.bithu)
    url = reverse("meetings:roll-call", args=[meeting.pk])
    response = client.post(
        url,
        {
            "version": meeting.version,
            f"status-{tree.bich_a1.pk}": AttendanceStatus.EXCUSED,
            f"status-{tree.cuong_a1.pk}": AttendanceStatus.UNEXCUSED,
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Hãy nêu lý do vắng mặt." in page
    # The other change is still selected.
    assert f'id="s-{tree.cuong_a1.pk}-unexcused" value="unexcused" checked' in page
    assert meeting.attendance.count() == 0


def test_recording_before_the_meeting_date_is_refused(tree):
    from django.core.exceptions import ValidationError

    from chibo.meetings.services.planning import meeting_add

    later = meeting_add(
        actor=tree.bithu,
        unit_id=tree.cell_a1.pk,
        kind="regular",
        date=today() + datetime.timedelta(days=5),
        start_time=None,
        place="X",
    )
    with pytest.raises(ValidationError):
        record.roll_call_record(
            actor=tree.bithu, meeting_id=later.pk, expected_version=None, entries={}
        )


@pytest.mark.parametrize(
    "name,content,accepted",
    [
        ("virus.doc", b"MZ\x90\x00" + b"\x00" * 200, False),  # a program renamed .doc
        ("virus.jpg", b"MZ\x90\x00" + b"\x00" * 200, False),
        ("page.txt", b"<html><script>alert(1)</script></html>", False),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, True),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 60, True),
        ("notes.txt", "Biên bản họp chi ủy".encode(), True),
    ],
)
def test_documents_are_checked_by_content(tree, meeting, name, content, accepted):
    from django.core.exceptions import ValidationError

    from chibo.meetings.services.preparation import document_attach

    upload = SimpleUploadedFile(name, content)
    if accepted:
        document_attach(actor=tree.bithu, meeting_id=meeting.pk, upload=upload)
        assert meeting.documents.count() == 1
    else:
        with pytest.raises(ValidationError) as error:
            document_attach(actor=tree.bithu, meeting_id=meeting.pk, upload=upload)
        assert error.value.message_dict["file"] == ["Tệp bị hỏng hoặc không đúng loại như tên tệp."]


def test_an_absent_chair_is_a_gap(tree, meeting):  # rule MIN-2
    """The minute-taker (Trần Thị Bích) marked absent: the minutes cannot be submitted."""
    held = hold(tree, meeting, excused=tree.bich_a1)
    missing = lifecycle.minutes_missing(meeting_record(meeting=held))
    assert [str(m) for m in missing] == ["chủ trì và thư ký phải là người có mặt"]


def test_a_speaker_is_a_member_or_a_name_not_both(tree, meeting, client_for):
    response = client_for(tree.bithu).post(
        reverse("meetings:speeches", args=[meeting.pk]),
        {
            "version": meeting.version,
            "s-TOTAL_FORMS": 1,
            "s-INITIAL_FORMS": 0,
            "s-0-kind": "opinion",
            "s-0-member": tree.an_a1.pk,
            "s-0-speaker_name": "Ông Khách",
            "s-0-content": "Ý kiến đã gõ",
        },
    )
    page = response.content.decode()
    assert "Chọn một đảng viên hoặc gõ tên, không chọn cả hai." in page
    assert "Ý kiến đã gõ" in page
    assert meeting.speeches.count() == 0


def test_missing_content_names_long_items_cut_at_a_word(tree, meeting):  # rule MIN-2
    from django.utils import translation

    from chibo.meetings.models import AgendaItem

    title = "Quán triệt chỉ đạo của cấp ủy cấp trên về công tác xây dựng Đảng năm 2026"
    AgendaItem.objects.create(meeting=meeting, order=1, title=title)
    with translation.override("en"):
        missing = lifecycle.minutes_missing(meeting_record(meeting=meeting))
    # ten words, then an ellipsis
    assert "the content of: Quán triệt chỉ đạo của cấp ủy cấp trên về…" in missing
