"""Who sees which dashboard (issue 5: "a cell secretary sees their cell; a commune sees its
cells; the province sees everything"): 404 outside the user's scope, 403 for a unit the user
sees but whose reports are not for them (a plain member), and an unrelated commune's
secretary never reaches commune A's numbers."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def status(client, unit) -> int:
    return client.get(reverse("reports:dashboard", args=[unit.pk])).status_code


@pytest.mark.parametrize(
    ("user", "allowed", "not_found"),
    [
        ("tinh", ["province", "commune_a", "cell_a1", "cell_a2", "commune_b", "cell_b1"], []),
        ("admin", ["province", "commune_a", "cell_b1"], []),
        ("xa", ["commune_a", "cell_a1", "cell_a2", "group"], ["province", "commune_b", "cell_b1"]),
        ("kiemtra", ["commune_a", "cell_a2"], ["province", "commune_b"]),
        ("bithu", ["cell_a1", "group"], ["province", "commune_a", "cell_a2", "cell_b1"]),
        ("giamsat", ["cell_a2", "cell_b1"], ["province", "commune_a", "cell_a1", "commune_b"]),
        ("ngoai", ["cell_b1"], ["province", "commune_a", "cell_a1", "cell_a2", "commune_b"]),
    ],
)
def test_scope(tree, client_for, user, allowed, not_found):
    client = client_for(getattr(tree, user))
    for name in allowed:
        assert status(client, getattr(tree, name)) == 200, name
    for name in not_found:
        assert status(client, getattr(tree, name)) == 404, name


def test_plain_member_sees_the_cell_but_not_its_report(tree, client_for):
    assert status(client_for(tree.dangvien), tree.cell_a1) == 403
    assert status(client_for(tree.dangvien), tree.commune_a) == 404
    assert status(client_for(tree.staff), tree.cell_a1) == 404  # no grant at all


def test_anonymous_is_sent_to_log_in(tree, client_for):
    response = client_for(None).get(reverse("reports:dashboard", args=[tree.cell_a1.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_unknown_unit_is_not_found(tree, client_for):
    assert client_for(tree.tinh).get("/reports/unit/999999/").status_code == 404


def test_bad_period_outside_scope_is_still_not_found(tree, client_for):
    url = reverse("reports:dashboard", args=[tree.commune_a.pk]) + "?period=month&month=13"
    assert client_for(tree.ngoai).get(url).status_code == 404
