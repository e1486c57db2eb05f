"""The dashboard's "your other units" line names the user's other top units, never the one
the current unit lies in."""

from django.urls import reverse

OTHER = "data-other-root"


def roots_shown(client, unit) -> list[str]:
    page = client.get(reverse("reports:dashboard", args=[unit.pk])).content.decode()
    return [part.split('"')[0] for part in page.split(OTHER + '="')[1:]]


def test_the_province_administrator_on_a_cell_has_no_other_unit(tree, client_for):
    assert roots_shown(client_for(tree.tinh), tree.cell_a1) == []


def test_a_visiting_official_sees_the_other_cell_followed(tree, client_for):
    # giamsat follows cells A2 and B1 (without sub-units).
    assert roots_shown(client_for(tree.giamsat), tree.cell_a2) == [str(tree.cell_b1.pk)]
    assert roots_shown(client_for(tree.giamsat), tree.cell_b1) == [str(tree.cell_a2.pk)]
