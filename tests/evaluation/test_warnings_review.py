"""Early warnings after review: every link to act opens for every role that sees the warning,
a second acknowledgement is refused, names in Vietnamese order, the rule and its legal basis
on every row, the unit filter, the most urgent first, and no deletion in the admin (issue 4
item 4). Assertions use names, ids and data attributes, not the wording."""

import datetime
import re

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse

from chibo.core.models import AuditEntry
from chibo.evaluation.models import EarlyWarning, Rating, WarningKind
from chibo.evaluation.services.warnings import warning_acknowledge, warnings_refresh
from chibo.meetings.models import Assignment, MeetingKind
from chibo.meetings.services import planning
from chibo.members.selectors import today
from chibo.org.models import Role
from tests.factories import make_member, make_user

W = WarningKind
LIST = reverse("evaluation:warnings")
HD42 = "Hướng dẫn 42-HD/BTCTW, 28/10/2025; Chỉ thị 50-CT/TW; Quy định 294-QĐ/TW"


def ack_url(warning):
    return reverse("evaluation:warning-acknowledge", args=[warning.pk])


def rows(html: str) -> dict[int, str]:
    """warning id → the HTML of its row in a list page."""
    found = re.findall(r'(<li class="list-group-item warning-row.*?</li>)', html, re.S)
    return {int(re.search(r'id="warning-(\d+)"', row).group(1)): row for row in found}


@pytest.fixture
def every_kind(tree):
    """One open warning of every kind on cell A1, stored as `warnings_refresh` would (the
    missed month as stored before its facts named a rule set), with real records behind
    each link: a meeting of A1 with a task, Hoàng Thị Lan of A1's party group (removal
    review), Trần Thị Bích (probation ending, exemption) and Đỗ Văn Đi, who left the roll
    (an overdue vote: the warning waits for the next refresh). `tree.quansat` is a
    visiting official of A1 alone (without its party group)."""
    on = today()
    ago, soon = on - datetime.timedelta(days=40), on + datetime.timedelta(days=20)
    tree.quansat = make_user(Role.VISITING_OFFICIAL, tree.cell_a1, False, username="quansat")
    meeting = planning.meeting_add(
        actor=tree.bithu,
        unit_id=tree.cell_a1.pk,
        kind=MeetingKind.REGULAR,
        date=ago,
        start_time=datetime.time(19, 30),
        place="Nhà văn hóa thôn Bản Chợ",
    )
    task = Assignment.objects.create(
        unit=tree.cell_a1, meeting=meeting, title="Làm đường", deadline=ago
    )
    left = make_member(
        tree.cell_a1, "Đỗ Văn Đi", admitted_on=ago.replace(year=ago.year - 1), roll_until=ago
    )
    month = (on.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    name = {"name": "Trần Thị Bích", "rule_set": "HD42-2025"}
    specs = [
        (W.MISSED_MONTH, {"year": month.year, "month": month.month, "cancelled": False}, {}),
        (W.THEMATIC_QUARTER, {"year": 2026, "quarter": 1, "held": 0, "due": 1}, {}),
        (
            W.MINUTES_LATE,
            {"date": ago.isoformat(), "kind": "regular", "status": "draft", "limit": 7},
            {"meeting": meeting},
        ),
        (
            W.REMOVAL_REVIEW,
            {**name, "name": "Hoàng Thị Lan", "year": on.year, "months": [1, 2, 3]},
            {"member": tree.lan_group},
        ),
        (
            W.PROBATION_ENDING,
            {**name, "ends_on": soon.isoformat(), "admitted_on": ago.isoformat()},
            {"member": tree.bich_a1},
        ),
        (
            W.PROBATION_OVERDUE,
            {**name, "name": "Đỗ Văn Đi", "ends_on": ago.isoformat(), "admitted_on": "2024-01-01"},
            {"member": left},
        ),
        (
            W.FEW_FULL_MEMBERS,
            {"full": 2, "probationary": 1, "need": 3, "rule_set": "HD42-2025"},
            {},
        ),
        (
            W.ASSIGNMENT_OVERDUE,
            {"title": "Làm đường", "deadline": ago.isoformat(), "assignees": [], "committee": True},
            {"meeting": meeting, "assignment": task},
        ),
        (
            W.EXEMPTION_OLD,
            {**name, "start": "2024-05-14", "reason": "age", "period": 12, "periods": 1},
            {"member": tree.bich_a1},
        ),
        (
            W.WEAK_MEETINGS,
            {
                "meetings": [{"id": meeting.pk, "date": ago.isoformat(), "level": "poor"}],
                "rule_set": "HD42-2025",
            },
            {"meeting": meeting},
        ),
    ]
    tree.warnings = {
        kind: EarlyWarning.objects.create(
            unit=tree.cell_a1, kind=kind, key="k", facts=facts, detected_on=on, **links
        )
        for kind, facts, links in specs
    }
    return tree


@pytest.mark.parametrize("user", ["tinh", "xa", "bithu", "kiemtra", "quansat"])
def test_every_link_to_act_opens_for_every_role(every_kind, client_for, user):
    client = client_for(getattr(every_kind, user))
    html = client.get(LIST, {"unit": every_kind.cell_a1.pk}).content.decode()
    listed = rows(html)
    assert set(listed) == {w.pk for w in every_kind.warnings.values()}
    panel = reverse("evaluation:unit-warnings-panel", args=[every_kind.cell_a1.pk])
    links = set(re.findall(r'href="(/[^"]*)"', "".join(listed.values())))
    links |= set(
        re.findall(
            r'<li class="list-group-item".*?href="(/[^"]*)"', client.get(panel).content.decode()
        )
    )
    links = {link.replace("&amp;", "&") for link in links}
    assert len(links) >= 4  # several kinds lead to the same page
    for link in sorted(links):
        assert client.get(link).status_code == 200, (user, link)


def test_task_link_for_editors_meeting_link_for_others(every_kind, client_for):
    warning = every_kind.warnings[W.ASSIGNMENT_OVERDUE]
    task = reverse("meetings:task", args=[warning.assignment_id])
    meeting = reverse("meetings:detail", args=[warning.meeting_id])
    for user, target in (("bithu", task), ("xa", task), ("kiemtra", meeting), ("quansat", meeting)):
        row = rows(client_for(getattr(every_kind, user)).get(LIST).content.decode())[warning.pk]
        assert f'href="{target}"' in row, user


def test_member_link_only_when_the_member_is_seen(every_kind, client_for):
    lan = every_kind.warnings[W.REMOVAL_REVIEW]
    gone = every_kind.warnings[W.PROBATION_OVERDUE]
    cell = reverse("unit-detail", args=[every_kind.cell_a1.pk])
    xa = rows(client_for(every_kind.xa).get(LIST).content.decode())
    assert reverse("member-detail", args=[every_kind.lan_group.pk]) in xa[lan.pk]
    quansat = rows(client_for(every_kind.quansat).get(LIST).content.decode())
    assert reverse("member-detail", args=[every_kind.lan_group.pk]) not in quansat[lan.pk]
    assert quansat[lan.pk].count(f'href="{cell}"') == 2  # the unit's name and the action
    assert xa[gone.pk].count(f'href="{cell}"') == 2  # left the roll: nobody sees the file


def test_every_row_names_its_rule_and_legal_basis(every_kind, client_for):
    listed = rows(client_for(every_kind.tinh).get(LIST).content.decode())
    for kind, warning in every_kind.warnings.items():
        rule = re.search(r'data-rule="([^"]*)">(.*?)</p>', listed[warning.pk], re.S)
        if kind == W.ASSIGNMENT_OVERDUE:  # no rule set holds it: the seed document
            assert rule.group(1) == "" and "Kết luận 256-KL/TU" in rule.group(2)
        else:  # the missed month's facts name no set: the one in force on its last day
            assert rule.group(1) and rule.group(1) in rule.group(2), kind
            assert HD42 in rule.group(2), kind


def test_missed_month_facts_name_their_rule_set_after_a_refresh(tree):
    planning.meeting_add(
        actor=tree.xa,
        unit_id=tree.cell_a2.pk,
        kind=MeetingKind.REGULAR,
        date=datetime.date(2026, 2, 20),
        start_time=datetime.time(19, 30),
        place="Hội trường",
    )
    warnings_refresh(unit=tree.cell_a2, today=datetime.date(2026, 4, 2))
    facts = EarlyWarning.objects.get(unit=tree.cell_a2, kind=W.MISSED_MONTH, key="2026-03").facts
    assert facts["rule_set"] == "HD42-2025"  # rule FREQ-1, judged on 31/03/2026


@pytest.fixture
def acknowledged(every_kind):
    """The few-full-members warning acknowledged by the commune administrator, Chẩu Thu Yến
    (given name Yến in `first_name`, family and middle names in `last_name`)."""
    every_kind.xa.first_name, every_kind.xa.last_name = "Yến", "Chẩu Thu"
    every_kind.xa.save()
    warning = every_kind.warnings[W.FEW_FULL_MEMBERS]
    warning_acknowledge(actor=every_kind.xa, warning_id=warning.pk, note="Đang kết nạp")
    every_kind.acked = warning
    return every_kind


def test_second_acknowledgement_is_refused(acknowledged):
    warning = acknowledged.acked
    with pytest.raises(ValidationError) as refused:
        warning_acknowledge(actor=acknowledged.bithu, warning_id=warning.pk, note="Đã xem")
    assert "Chẩu Thu Yến" in refused.value.messages[0]
    warning.refresh_from_db()
    assert (warning.acknowledged_by, warning.note) == (acknowledged.xa, "Đang kết nạp")
    assert AuditEntry.objects.filter(action="warning.acknowledge").count() == 1


@pytest.mark.parametrize("htmx", [True, False])
def test_a_stale_row_keeps_the_typed_note_and_shows_who_acknowledged(
    acknowledged, client_for, htmx
):
    warning = acknowledged.acked
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client_for(acknowledged.bithu).post(
        ack_url(warning), {"note": "Chi bộ đã họp bàn"}, **headers
    )
    html = response.content.decode()
    assert response.status_code == 200 and ("<html" in html) is not htmx
    assert "Chi bộ đã họp bàn</textarea>" in html and 'role="alert"' in html
    assert 'data-state="acknowledged"' in html and "Đang kết nạp" in html
    assert html.count("Chẩu Thu Yến") == 2  # the refusal and the acknowledgement
    assert 'type="submit"' not in rows(html)[warning.pk]  # nothing left to acknowledge
    warning.refresh_from_db()
    assert (warning.acknowledged_by, warning.note) == (acknowledged.xa, "Đang kết nạp")


def test_acknowledger_name_in_vietnamese_order(acknowledged, client_for):
    html = client_for(acknowledged.tinh).get(LIST, {"state": "acknowledged"}).content.decode()
    assert "Chẩu Thu Yến" in html and "Yến Chẩu Thu" not in html


def test_unit_filter_offers_the_units_under_the_scope_roots(warned_tree, client_for):
    tree = warned_tree
    html = client_for(tree.tinh).get(LIST).content.decode()
    offered = re.findall(
        r'<option value="(\d+)"', html.split('id="f-unit"')[1].split("</select>")[0]
    )
    assert offered == [str(u.pk) for u in (tree.province, tree.commune_a, tree.commune_b)]
    html = client_for(tree.xa).get(LIST, {"unit": tree.cell_a2.pk}).content.decode()
    select = html.split('id="f-unit"')[1].split("</select>")[0]
    assert re.findall(r'<option value="(\d+)"', select) == [
        str(u.pk)
        for u in (tree.commune_a, tree.cell_a2, tree.cell_a1)  # name order
    ]
    assert f'<option value="{tree.cell_a2.pk}" selected>' in select
    # The secretary of one cell has nothing to choose: no select.
    assert 'id="f-unit"' not in client_for(tree.bithu).get(LIST).content.decode()


@pytest.fixture
def warned_tree(tree):
    """Cells A2 and B1 with too few full members (CELL-1)."""
    warnings_refresh()
    return tree


def test_most_urgent_first(tree, client_for):
    on = today()
    month = {"year": 2026, "month": 1}
    made = [
        (W.THEMATIC_QUARTER, tree.cell_a1, 9, {"year": 2026, "quarter": 1, "held": 0, "due": 1}),
        (W.MISSED_MONTH, tree.cell_a1, 1, month),
        (W.MISSED_MONTH, tree.cell_a2, 5, month),
        (W.FEW_FULL_MEMBERS, tree.cell_a2, 0, {"full": 1, "probationary": 0, "need": 3}),
        (
            W.PROBATION_OVERDUE,
            tree.cell_b1,
            0,
            {"name": "Vũ Thị Hoa", "ends_on": "2026-01-01", "admitted_on": "2025-01-01"},
        ),
    ]
    ids = [
        EarlyWarning.objects.create(
            unit=cell,
            kind=kind,
            key=str(i),
            facts=facts,
            detected_on=on - datetime.timedelta(days=days_ago),
        ).pk
        for i, (kind, cell, days_ago, facts) in enumerate(made)
    ]
    html = client_for(tree.tinh).get(LIST).content.decode()
    # rule MEM-1's overdue vote, CELL-1, the missed months (FREQ-1, waiting longest first),
    # then THEM-1.
    assert [int(pk) for pk in re.findall(r'id="warning-(\d+)"', html)] == [
        ids[4],
        ids[3],
        ids[2],
        ids[1],
        ids[0],
    ]
    # Resolved ones: the most recently resolved first.
    EarlyWarning.objects.filter(pk=ids[4]).update(resolved_on=on - datetime.timedelta(days=3))
    EarlyWarning.objects.filter(pk=ids[0]).update(resolved_on=on)
    html = client_for(tree.tinh).get(LIST, {"state": "resolved"}).content.decode()
    assert [int(pk) for pk in re.findall(r'id="warning-(\d+)"', html)] == [ids[0], ids[4]]


@pytest.mark.parametrize("model", [EarlyWarning, Rating])
def test_admin_never_deletes(warned_tree, client_for, rf, model):
    client = client_for(warned_tree.admin)
    meta = model._meta
    response = client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
    assert response.status_code == 200 and "delete_selected" not in response.content.decode()
    request = rf.get("/")
    request.user = warned_tree.admin
    assert admin.site._registry[model].has_delete_permission(request) is False
    assert admin.site._registry[model].get_actions(request) == {}


def test_admin_refuses_to_delete_a_warning(warned_tree, client_for):
    client = client_for(warned_tree.admin)
    warning = EarlyWarning.objects.first()
    delete = reverse("admin:evaluation_earlywarning_delete", args=[warning.pk])
    assert client.get(delete).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert EarlyWarning.objects.filter(pk=warning.pk).exists()
