"""Editing the member file and recording dated statuses: services, views, permissions."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from chibo.core.errors import StaleVersion
from chibo.core.models import AuditEntry
from chibo.core.scoping import NotInScope
from chibo.members.models import Exemption, Member, TemporaryAttachment
from chibo.members.selectors import member_status_on
from chibo.members.services import member_update, status_record_add, status_record_end

D = datetime.date


def _file(member: Member, **changes) -> dict:
    """POST data of the member form for `member` with `changes` applied."""
    data = {
        "version": member.version,
        "full_name": member.full_name,
        "gender": member.gender,
        "birth_date": "",
        "birth_year": member.birth_year,
        "ethnicity": member.ethnicity,
        "religion": member.religion,
        "admitted_on": member.admitted_on.isoformat(),
        "full_member_on": member.full_member_on.isoformat() if member.full_member_on else "",
        "card_number": member.card_number or "",
        "occupation": member.occupation,
        "phone": member.phone,
        "residence": member.residence,
    }
    data.update(changes)
    return data


# --- services ---------------------------------------------------------------------------


def test_member_update_saves_bumps_version_and_audits(tree):
    member = member_update(
        actor=tree.bithu,
        member_id=tree.an_a1.pk,
        expected_version=1,
        data={"phone": "0912345678", "occupation": "Nông dân"},
    )
    stored = Member.objects.get(pk=tree.an_a1.pk)
    assert (stored.phone, stored.occupation, stored.version) == ("0912345678", "Nông dân", 2)
    assert member.version == 2
    entry = AuditEntry.objects.get(action="member.update")
    assert (entry.actor, entry.target_id, entry.data) == (
        tree.bithu,
        str(tree.an_a1.pk),
        {"fields": ["occupation", "phone"]},
    )
    assert stored.history.count() == 2  # creation + this change


def test_member_update_without_changes_writes_nothing(tree):
    member_update(
        actor=tree.bithu,
        member_id=tree.an_a1.pk,
        expected_version=1,
        data={"full_name": "Nguyễn Văn Ân"},
    )
    assert Member.objects.get(pk=tree.an_a1.pk).version == 1
    assert AuditEntry.objects.count() == 0


def test_second_save_from_an_old_version_is_refused(tree):
    member_update(
        actor=tree.bithu, member_id=tree.an_a1.pk, expected_version=1, data={"phone": "0911111111"}
    )
    with pytest.raises(StaleVersion) as error:
        member_update(
            actor=tree.phobithu,
            member_id=tree.an_a1.pk,
            expected_version=1,
            data={"phone": "0922222222"},
        )
    assert error.value.current_version == 2
    assert Member.objects.get(pk=tree.an_a1.pk).phone == "0911111111"


@pytest.mark.parametrize(
    "user, error",
    [
        ("dangvien", PermissionDenied),  # cell member: reads, does not edit
        ("kiemtra", PermissionDenied),  # inspector: reads the subtree
        ("ngoai", NotInScope),  # secretary of a cell in another commune
        ("giamsat", NotInScope),  # visiting official of other cells
    ],
)
def test_member_update_refused_for_non_editors(tree, user, error):
    with pytest.raises(error):
        member_update(
            actor=getattr(tree, user),
            member_id=tree.an_a1.pk,
            expected_version=1,
            data={"phone": "0900000000"},
        )
    assert Member.objects.get(pk=tree.an_a1.pk).phone == ""


def test_full_membership_before_admission_is_refused(tree):  # rule MEM-1
    with pytest.raises(ValidationError) as error:
        member_update(
            actor=tree.xa,
            member_id=tree.an_a1.pk,
            expected_version=1,
            data={"full_member_on": D(2015, 3, 9)},
        )
    assert "full_member_on" in error.value.message_dict
    assert Member.objects.get(pk=tree.an_a1.pk).full_member_on == D(2016, 3, 10)


def test_exemption_recorded_changes_status_from_its_first_day(tree):  # rule MEM-2
    status_record_add(
        actor=tree.bithu,
        member_id=tree.bich_a1.pk,
        kind="exemption",
        data={"reason": "health", "start_date": D(2026, 5, 1), "end_date": None, "note": ""},
    )
    member = Member.objects.get(pk=tree.bich_a1.pk)
    assert member_status_on(member, D(2026, 4, 30)).exempted is False
    assert member_status_on(member, D(2026, 5, 1)).exempted is True


def test_overlapping_record_of_the_same_kind_is_refused(tree):
    status_record_add(
        actor=tree.bithu,
        member_id=tree.bich_a1.pk,
        kind="exemption",
        data={"reason": "age", "start_date": D(2026, 1, 1), "end_date": D(2026, 6, 30), "note": ""},
    )
    with pytest.raises(ValidationError) as error:
        status_record_add(
            actor=tree.bithu,
            member_id=tree.bich_a1.pk,
            kind="exemption",
            data={"reason": "age", "start_date": D(2026, 6, 30), "end_date": None, "note": ""},
        )
    assert "01/01/2026" in error.value.messages[0]
    # The day after the first one ends is free.
    status_record_add(
        actor=tree.bithu,
        member_id=tree.bich_a1.pk,
        kind="exemption",
        data={"reason": "age", "start_date": D(2026, 7, 1), "end_date": None, "note": ""},
    )
    assert Exemption.objects.filter(member=tree.bich_a1).count() == 2


def test_attachment_needs_a_receiving_cell(tree):  # rule MEM-3
    with pytest.raises(ValidationError) as error:
        status_record_add(
            actor=tree.bithu,
            member_id=tree.bich_a1.pk,
            kind="attachment",
            data={
                "reason": "work",
                "start_date": D(2026, 1, 1),
                "end_date": None,
                "note": "",
                "host_unit": None,
                "host_name": "",
            },
        )
    assert "host_name" in error.value.message_dict
    assert TemporaryAttachment.objects.count() == 0


def test_end_record_on_a_day_and_refuse_ending_twice(tree):
    record = status_record_add(
        actor=tree.bithu,
        member_id=tree.bich_a1.pk,
        kind="working-away",
        data={"place": "Bắc Ninh", "start_date": D(2026, 2, 1), "end_date": None, "note": ""},
    )
    with pytest.raises(ValidationError):
        status_record_end(
            actor=tree.bithu,
            member_id=tree.bich_a1.pk,
            kind="working-away",
            record_id=record.pk,
            end_date=D(2026, 1, 31),
        )
    status_record_end(
        actor=tree.bithu,
        member_id=tree.bich_a1.pk,
        kind="working-away",
        record_id=record.pk,
        end_date=D(2026, 8, 31),
    )
    member = Member.objects.get(pk=tree.bich_a1.pk)
    assert member_status_on(member, D(2026, 8, 31)).working_away is True
    assert member_status_on(member, D(2026, 9, 1)).working_away is False
    with pytest.raises(ValidationError):
        status_record_end(
            actor=tree.bithu,
            member_id=tree.bich_a1.pk,
            kind="working-away",
            record_id=record.pk,
            end_date=D(2026, 9, 30),
        )


def test_ending_another_members_record_is_not_found(tree):
    record = status_record_add(
        actor=tree.bithu,
        member_id=tree.bich_a1.pk,
        kind="special-duty",
        data={"start_date": D(2026, 2, 1), "end_date": None, "note": ""},
    )
    with pytest.raises(NotInScope):
        status_record_end(
            actor=tree.bithu,
            member_id=tree.cuong_a1.pk,
            kind="special-duty",
            record_id=record.pk,
            end_date=D(2026, 3, 1),
        )


# --- views ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "user, status",
    [
        (None, 302),
        ("ngoai", 404),
        ("giamsat", 404),
        ("dangvien", 403),
        ("kiemtra", 403),
        ("bithu", 200),
        ("phobithu", 200),
        ("xa", 200),
        ("tinh", 200),
    ],
)
def test_edit_pages_answer_by_scope_and_role(tree, client_for, user, status):
    client = client_for(getattr(tree, user) if user else None)
    for url in (
        reverse("member-edit", args=[tree.an_a1.pk]),
        reverse("status-record-add", args=[tree.an_a1.pk, "exemption"]),
    ):
        response = client.get(url)
        assert response.status_code == status, url
        if status == 302:
            assert response["Location"].startswith(reverse("login"))


def test_post_from_an_unrelated_unit_changes_nothing(tree, client_for):
    response = client_for(tree.ngoai).post(
        reverse("member-edit", args=[tree.an_a1.pk]), _file(tree.an_a1, phone="0900000000")
    )
    assert response.status_code == 404
    assert Member.objects.get(pk=tree.an_a1.pk).phone == ""


def test_edit_form_saves_and_normalises(tree, client_for):
    response = client_for(tree.bithu).post(
        reverse("member-edit", args=[tree.an_a1.pk]),
        _file(
            tree.an_a1, full_name="nguyễn  văn ân", phone="0912 345.678", birth_date="1970-04-02"
        ),
    )
    assert response.status_code == 302
    stored = Member.objects.get(pk=tree.an_a1.pk)
    assert (stored.full_name, stored.phone, stored.birth_date) == (
        "Nguyễn Văn Ân",
        "0912345678",
        D(1970, 4, 2),
    )


def test_stale_save_of_other_fields_merges_both_edits(tree, client_for):
    # Two secretaries open version 1; the deputy saves the phone, then the secretary saves the
    # occupation from the old form: different fields, so both changes are kept.
    member_update(
        actor=tree.phobithu,
        member_id=tree.an_a1.pk,
        expected_version=1,
        data={"phone": "0911111111"},
    )
    response = client_for(tree.bithu).post(
        reverse("member-edit", args=[tree.an_a1.pk]),
        _file(tree.an_a1, version=1, occupation="Giáo viên về hưu"),
    )
    assert response.status_code == 302
    stored = Member.objects.get(pk=tree.an_a1.pk)
    assert (stored.phone, stored.occupation, stored.version) == (
        "0911111111",
        "Giáo viên về hưu",
        3,
    )


def test_stale_save_of_the_same_field_is_refused_and_shows_the_stored_value(tree, client_for):
    member_update(
        actor=tree.phobithu,
        member_id=tree.an_a1.pk,
        expected_version=1,
        data={"phone": "0911111111", "occupation": "Chủ tịch hội nông dân"},
    )
    response = client_for(tree.bithu).post(
        reverse("member-edit", args=[tree.an_a1.pk]),
        _file(tree.an_a1, version=1, occupation="Giáo viên về hưu", residence="Thôn Bản Chợ"),
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Có người khác đã lưu hồ sơ" in body
    assert "Người khác vừa lưu: Chủ tịch hội nông dân" in body
    assert 'value="Giáo viên về hưu"' in body  # what the user typed is kept
    assert 'value="Thôn Bản Chợ"' in body
    assert 'value="0911111111"' in body  # the other person's phone, not the old empty one
    assert 'name="version" value="2"' in body
    stored = Member.objects.get(pk=tree.an_a1.pk)
    assert (stored.occupation, stored.residence, stored.version) == ("Chủ tịch hội nông dân", "", 2)


def test_saving_again_after_a_conflict_keeps_the_other_persons_other_changes(tree, client_for):
    member_update(
        actor=tree.phobithu,
        member_id=tree.an_a1.pk,
        expected_version=1,
        data={"phone": "0911111111", "occupation": "Chủ tịch hội nông dân"},
    )
    client = client_for(tree.bithu)
    url = reverse("member-edit", args=[tree.an_a1.pk])
    first = client.post(url, _file(tree.an_a1, version=1, occupation="Giáo viên về hưu"))
    assert first.status_code == 200
    # The user re-submits the form as it came back (version 2, the stored phone filled in).
    member = Member.objects.get(pk=tree.an_a1.pk)
    second = client.post(url, _file(member, occupation="Giáo viên về hưu"))
    assert second.status_code == 302
    stored = Member.objects.get(pk=tree.an_a1.pk)
    assert (stored.phone, stored.occupation, stored.version) == (
        "0911111111",
        "Giáo viên về hưu",
        3,
    )


def test_first_change_of_a_bulk_created_member_lists_its_fields(tree):
    from chibo.members.selectors import member_changes

    bulk = Member(full_name="Đỗ Văn Hải", gender="M", birth_year=1960, admitted_on=D(1990, 1, 1))
    bulk.refresh_derived()
    Member.objects.bulk_create([bulk])  # like the demo builder: no history row
    bulk = Member.objects.get(full_name="Đỗ Văn Hải")
    from chibo.members.models import Membership

    Membership.objects.create(member=bulk, unit=tree.cell_a1, start_date=D(1990, 1, 1))
    member_update(
        actor=tree.bithu, member_id=bulk.pk, expected_version=1, data={"occupation": "Nông dân"}
    )
    changes = member_changes(Member.objects.get(pk=bulk.pk))
    assert [c["fields"] for c in changes] == [["nghề nghiệp"], []]
    # The second row is the baseline: the file before its first change, by nobody in chibo.
    assert (changes[1]["baseline"], changes[1]["created"], changes[1]["by"]) == (True, False, "")
    assert changes[0]["by"] == "bithu"


def test_a_save_in_the_django_admin_raises_the_version_so_stale_forms_merge(tree, client_for):
    # The admin changes the phone; a secretary's form opened before then changes the
    # occupation: both are kept (the admin save raised the version and left a history row).
    admin = client_for(tree.admin)
    url = reverse("admin:members_member_change", args=[tree.an_a1.pk])
    page = admin.get(url)
    assert page.status_code == 200
    data = {k: v for k, v in _admin_form_data(page).items()}
    data["phone"] = "0933333333"
    assert admin.post(url, data).status_code == 302
    assert Member.objects.get(pk=tree.an_a1.pk).version == 2
    response = client_for(tree.bithu).post(
        reverse("member-edit", args=[tree.an_a1.pk]),
        _file(tree.an_a1, version=1, occupation="Thợ mộc"),
    )
    assert response.status_code == 302
    stored = Member.objects.get(pk=tree.an_a1.pk)
    assert (stored.phone, stored.occupation, stored.version) == ("0933333333", "Thợ mộc", 3)


def _admin_form_data(response) -> dict:
    """The POST data an unchanged Django admin change form would send (fields and inlines)."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            value = ""
        data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management[name].value()
        for inline in formset.formset.forms:
            for name in inline.fields:
                value = inline[name].value()
                if value is None:
                    value = ""
                key = f"{inline.prefix}-{name}"
                data[key] = value.isoformat() if hasattr(value, "isoformat") else value
    return data


def test_invalid_form_keeps_input_and_explains_in_vietnamese(tree, client_for):
    response = client_for(tree.bithu).post(
        reverse("member-edit", args=[tree.an_a1.pk]),
        _file(
            tree.an_a1,
            birth_date="1970-04-02",
            birth_year="1971",
            occupation="Thợ mộc",
            phone="12ab",
        ),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Thợ mộc" in body
    assert "Năm sinh không khớp với ngày sinh (1970)." in body
    assert "Nhập số điện thoại" in body
    assert Member.objects.get(pk=tree.an_a1.pk).occupation == ""


def test_record_form_refuses_inverted_dates_in_vietnamese(tree, client_for):
    response = client_for(tree.bithu).post(
        reverse("status-record-add", args=[tree.an_a1.pk, "exemption"]),
        {"reason": "age", "start_date": "2026-05-01", "end_date": "2026-04-01", "note": "Tuổi cao"},
    )
    assert response.status_code == 200
    assert "Ngày kết thúc không được trước ngày bắt đầu." in response.content.decode()
    assert Exemption.objects.count() == 0


def test_unknown_record_kind_is_not_found(tree, client_for):
    assert (
        client_for(tree.bithu)
        .get(reverse("status-record-add", args=[tree.an_a1.pk, "holiday"]))
        .status_code
        == 404
    )


def test_end_record_view_ends_it(tree, client_for):
    record = status_record_add(
        actor=tree.bithu,
        member_id=tree.bich_a1.pk,
        kind="exemption",
        data={"reason": "age", "start_date": D(2026, 1, 1), "end_date": None, "note": ""},
    )
    url = reverse("status-record-end", args=[tree.bich_a1.pk, "exemption", record.pk])
    assert client_for(tree.ngoai).post(url, {"end_date": "2026-03-31"}).status_code == 404
    assert client_for(tree.dangvien).post(url, {"end_date": "2026-03-31"}).status_code == 403
    assert client_for(tree.bithu).get(url).status_code == 405
    response = client_for(tree.bithu).post(url, {"end_date": "2026-03-31"})
    assert response.status_code == 302
    assert Exemption.objects.get(pk=record.pk).end_date == D(2026, 3, 31)


# --- sanity of dates and of the receiving cell ---------------------------------------------


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"birth_year": "0"}, "birth_year", "Hãy nhập năm sinh từ 1900 đến"),
        ({"birth_year": "99999"}, "birth_year", "Hãy nhập năm sinh từ 1900 đến"),
        ({"birth_date": "01/01/2099", "birth_year": "2099"}, "birth_date", "Ngày này ở tương lai."),
        ({"admitted_on": "01/01/2099"}, "admitted_on", "Ngày này ở tương lai."),
        (
            {"admitted_on": "01/01/1965", "birth_year": "1970"},
            "admitted_on",
            "Ngày vào Đảng phải sau ngày sinh.",
        ),
    ],
)
def test_impossible_dates_in_the_file_are_refused(tree, client_for, changes, field, message):
    response = client_for(tree.bithu).post(
        reverse("member-edit", args=[tree.an_a1.pk]), _file(tree.an_a1, **changes)
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert Member.objects.get(pk=tree.an_a1.pk).version == 1


def test_status_cannot_start_before_admission(tree):
    with pytest.raises(ValidationError) as error:
        status_record_add(
            actor=tree.bithu,
            member_id=tree.bich_a1.pk,
            kind="working-away",
            data={"place": "Hà Nội", "start_date": D(1900, 1, 1), "end_date": None, "note": ""},
        )
    assert error.value.message_dict["start_date"] == [
        "Trạng thái không thể bắt đầu trước ngày vào Đảng của đảng viên (10/03/2015)."
    ]


def test_attachment_to_the_members_own_cell_is_refused(tree):
    with pytest.raises(ValidationError) as error:
        status_record_add(
            actor=tree.xa,
            member_id=tree.bich_a1.pk,
            kind="attachment",
            data={
                "reason": "work",
                "host_unit": tree.cell_a1,
                "host_name": "",
                "start_date": D(2026, 1, 1),
                "end_date": None,
                "note": "",
            },
        )
    assert "host_unit" in error.value.message_dict
    assert TemporaryAttachment.objects.count() == 0


def test_receiving_cell_choices_are_scoped_named_with_their_commune_and_exclude_own(
    tree, client_for
):
    response = client_for(tree.xa).get(
        reverse("status-record-add", args=[tree.bich_a1.pk, "attachment"])
    )
    field = response.context["form"].fields["host_unit"]
    # The commune administrator sees two cells of commune A; the member's own (A1) is left out.
    assert [field.label_from_instance(u) for u in field.queryset] == [
        "Chi bộ Chiêm Hóa — Đảng bộ xã Chiêm Hoá"
    ]


def test_a_secretary_names_the_receiving_cell_in_text(tree, client_for):
    # The secretary sees only their own cell: no choice list, the name is typed.
    response = client_for(tree.bithu).get(
        reverse("status-record-add", args=[tree.bich_a1.pk, "attachment"])
    )
    assert "host_unit" not in response.context["form"].fields
    assert "host_name" in response.context["form"].fields


@pytest.mark.parametrize(
    "user, status",
    [
        (None, 302),
        ("ngoai", 404),
        ("giamsat", 404),
        ("dangvien", 403),
        ("kiemtra", 403),
        ("xa", 302),
        ("tinh", 302),
    ],
)
def test_ending_a_record_by_scope_and_role(tree, client_for, user, status):
    record = status_record_add(
        actor=tree.bithu,
        member_id=tree.bich_a1.pk,
        kind="exemption",
        data={"reason": "age", "start_date": D(2026, 1, 1), "end_date": None, "note": ""},
    )
    url = reverse("status-record-end", args=[tree.bich_a1.pk, "exemption", record.pk])
    response = client_for(getattr(tree, user) if user else None).post(
        url, {"end_date": "31/03/2026"}
    )
    assert response.status_code == status
    ended = Exemption.objects.get(pk=record.pk).end_date
    # Only the parent-unit administrators (xa, tinh) end it; the anonymous user is sent to login.
    assert ended == (D(2026, 3, 31) if user in ("xa", "tinh") else None)
    if user is None:
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    "user, status", [(None, 302), ("ngoai", 404), ("dangvien", 403), ("xa", 302)]
)
def test_posting_a_record_by_scope_and_role(tree, client_for, user, status):
    response = client_for(getattr(tree, user) if user else None).post(
        reverse("status-record-add", args=[tree.bich_a1.pk, "working-away"]),
        {"place": "Hà Nội", "start_date": "01/02/2026", "end_date": "", "note": ""},
    )
    assert response.status_code == status
    from chibo.members.models import WorkingAway

    assert WorkingAway.objects.filter(member=tree.bich_a1).count() == (1 if user == "xa" else 0)


def test_home_links_to_the_own_member_record_only_when_in_scope(tree, client_for):
    from chibo.members.selectors import member_for_user

    assert member_for_user(actor=tree.dangvien) == tree.cuong_a1
    # A user linked to a member of a cell outside their grants gets no link.
    Member.objects.filter(pk=tree.hoa_b1.pk).update(user=tree.xa)
    assert member_for_user(actor=tree.xa) is None
    assert (
        "Hồ sơ đảng viên của tôi" not in client_for(tree.xa).get(reverse("home")).content.decode()
    )


@pytest.mark.parametrize(
    "user, status",
    [(None, 302), ("ngoai", 404), ("dangvien", 403), ("kiemtra", 403), ("bithu", 302), ("xa", 302)],
)
def test_deleting_a_mistaken_record_by_scope_and_role(tree, client_for, user, status):
    record = status_record_add(
        actor=tree.bithu,
        member_id=tree.bich_a1.pk,
        kind="working-away",
        data={
            "place": "Hà Nội",
            "start_date": D(2099, 1, 1),
            "end_date": None,
            "note": "nhập nhầm năm",
        },
    )
    url = reverse("status-record-delete", args=[tree.bich_a1.pk, "working-away", record.pk])
    response = client_for(getattr(tree, user) if user else None).post(url)
    assert response.status_code == status
    from chibo.members.models import WorkingAway

    deleted = user in ("bithu", "xa")
    assert WorkingAway.objects.filter(pk=record.pk).exists() is not deleted
    if deleted:
        entry = AuditEntry.objects.get(action="member.working-away.delete")
        assert entry.data["deleted"]["start_date"] == "2099-01-01"
        assert entry.data["deleted"]["note"] == "nhập nhầm năm"


def test_deleting_needs_a_post_and_the_right_member(tree, client_for):
    record = status_record_add(
        actor=tree.bithu,
        member_id=tree.bich_a1.pk,
        kind="exemption",
        data={"reason": "age", "start_date": D(2026, 1, 1), "end_date": None, "note": ""},
    )
    client = client_for(tree.bithu)
    url = reverse("status-record-delete", args=[tree.bich_a1.pk, "exemption", record.pk])
    assert client.get(url).status_code == 405
    other = reverse("status-record-delete", args=[tree.cuong_a1.pk, "exemption", record.pk])
    assert client.post(other).status_code == 404
    assert Exemption.objects.filter(pk=record.pk).exists()


def test_a_date_of_birth_fills_an_empty_year(tree, client_for):
    response = client_for(tree.bithu).post(
        reverse("member-edit", args=[tree.an_a1.pk]),
        _file(tree.an_a1, birth_date="02/04/1969", birth_year=""),
    )
    assert response.status_code == 302
    stored = Member.objects.get(pk=tree.an_a1.pk)
    assert (stored.birth_date, stored.birth_year) == (D(1969, 4, 2), 1969)


def test_neither_year_nor_date_of_birth_is_refused(tree, client_for):
    response = client_for(tree.bithu).post(
        reverse("member-edit", args=[tree.an_a1.pk]),
        _file(tree.an_a1, birth_date="", birth_year=""),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["birth_year"] == ["Hãy nhập năm sinh, hoặc ngày sinh."]
    assert 'class="form-control is-invalid"' in response.content.decode()


def test_a_conflicting_field_is_marked_invalid(tree, client_for):
    member_update(
        actor=tree.phobithu,
        member_id=tree.an_a1.pk,
        expected_version=1,
        data={"occupation": "Chủ tịch hội nông dân"},
    )
    response = client_for(tree.bithu).post(
        reverse("member-edit", args=[tree.an_a1.pk]),
        _file(tree.an_a1, version=1, occupation="Giáo viên về hưu"),
    )
    widget = response.context["form"].fields["occupation"].widget
    assert "is-invalid" in widget.attrs["class"].split()
