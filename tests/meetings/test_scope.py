"""Scope and permission of every meeting URL: outside the scope 404, anonymous → login,
a member of the cell reads but cannot edit (403), the superior committee reads."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from chibo.meetings.services import preparation
from chibo.members.selectors import today
from chibo.org.models import Role
from tests.factories import make_user
from tests.meetings.conftest import hold

#: URL names of one meeting: (name, extra args, method, is an edit).
MEETING_URLS = [
    ("detail", (), "get", False),
    ("history", (), "get", False),
    ("minutes-docx", (), "get", False),
    ("attendance-docx", (), "get", False),
    ("move", (), "get", True),
    ("cancel", (), "get", True),
    ("agenda", (), "get", True),
    ("preparation", (), "get", True),
    ("document-upload", (), "get", True),
    ("notify", (), "post", True),
    ("roll-call", (), "get", True),
    ("minutes", (), "get", True),
    ("guests", (), "get", True),
    ("speeches", (), "get", True),
    ("review", (), "get", True),
    ("vote", (), "get", True),
    ("assignment-add", (), "get", True),
    ("submit", (), "post", True),
    ("adopt", (), "post", True),
    ("return", (), "post", True),
    ("addendum", (), "get", True),
]


@pytest.fixture
def held(tree, meeting):
    """The fixture meeting, held and recorded, with one attached document."""
    preparation.document_attach(
        actor=tree.bithu,
        meeting_id=meeting.pk,
        upload=SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4 test", "application/pdf"),
        title="Kế hoạch",
    )
    return hold(tree, meeting)


def _call(client, name, meeting, args, method):
    url = reverse(f"meetings:{name}", args=[meeting.pk, *args])
    return getattr(client, method)(url)


@pytest.mark.parametrize("name,args,method,edit", MEETING_URLS)
def test_unrelated_secretary_gets_404_everywhere(tree, held, client_for, name, args, method, edit):
    """A secretary of another commune's cell sees nothing of cell A1's meeting."""
    assert _call(client_for(tree.ngoai), name, held, args, method).status_code == 404


@pytest.mark.parametrize("name,args,method,edit", MEETING_URLS)
def test_member_of_a_neighbour_cell_gets_404(tree, held, client_for, name, args, method, edit):
    """A member of cell A2, in the same commune, sees nothing of cell A1's meeting either."""
    neighbour = make_user(Role.CELL_MEMBER, tree.cell_a2, False)
    assert _call(client_for(neighbour), name, held, args, method).status_code == 404


def test_cell_page_loads_the_year_panel(tree, client_for):
    """The unit page of a cell loads its year of meetings (htmx), not a commune's page."""
    page = client_for(tree.bithu).get(reverse("unit-detail", args=[tree.cell_a1.pk]))
    panel = reverse("meetings:cell-year-panel", args=[tree.cell_a1.pk, today().year])
    assert f'hx-get="{panel}"' in page.content.decode()
    commune = client_for(tree.xa).get(reverse("unit-detail", args=[tree.commune_a.pk]))
    assert "cell-year-panel" not in commune.content.decode()
    assert "/panel/" not in commune.content.decode()


@pytest.mark.parametrize("name,args,method,edit", MEETING_URLS)
def test_anonymous_is_sent_to_login(tree, held, client_for, name, args, method, edit):
    response = _call(client_for(None), name, held, args, method)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("name,args,method,edit", MEETING_URLS)
def test_cell_member_reads_but_cannot_edit(tree, held, client_for, name, args, method, edit):
    """dangvien is a member of cell A1: reads the record, every edit answers 403."""
    status = _call(client_for(tree.dangvien), name, held, args, method).status_code
    assert status == (403 if edit else 200)


@pytest.mark.parametrize("user", ["xa", "kiemtra", "tinh"])
def test_superior_committee_reads(tree, held, client_for, user):
    """The commune's organisation commission, the inspector and the province read it."""
    client = client_for(getattr(tree, user))
    assert client.get(reverse("meetings:detail", args=[held.pk])).status_code == 200
    assert client.get(reverse("meetings:minutes-docx", args=[held.pk])).status_code == 200


def test_document_download_is_scoped(tree, held, client_for):
    document = held.documents.get()
    url = reverse("meetings:document", args=[held.pk, document.pk])
    assert client_for(tree.ngoai).get(url).status_code == 404
    response = client_for(tree.dangvien).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert 'filename="ke-hoach.pdf"' in response["Content-Disposition"]
    # A document id of another meeting is not found through this one.
    other = reverse("meetings:document", args=[held.pk, document.pk + 1000])
    assert client_for(tree.bithu).get(other).status_code == 404


@pytest.mark.parametrize("name", ["cell-year", "cell-year-panel", "plan-year", "add"])
def test_cell_urls_are_scoped(tree, client_for, name):
    args = [tree.cell_a1.pk] if name == "add" else [tree.cell_a1.pk, 2026]
    url = reverse(f"meetings:{name}", args=args)
    assert client_for(tree.ngoai).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302
    expected = 403 if name in ("plan-year", "add") else 200
    assert client_for(tree.dangvien).get(url).status_code == expected
    assert client_for(tree.bithu).get(url).status_code == 200


def test_a_commune_is_not_a_cell(tree, client_for):
    """The year view exists for cells only: a commune answers 404, not an empty year."""
    url = reverse("meetings:cell-year", args=[tree.commune_a.pk, 2026])
    assert client_for(tree.xa).get(url).status_code == 404


def test_visiting_official_reads_the_cell_he_follows(tree, client_for):
    """giamsat follows cell A2 (a grant on that cell only): reads its meetings, not A1's."""
    from chibo.meetings.services.planning import meeting_add

    other = meeting_add(
        actor=tree.xa,
        unit_id=tree.cell_a2.pk,
        kind="regular",
        date=datetime.date(2026, 3, 5),
        start_time=None,
        place="Hội trường",
    )
    client = client_for(tree.giamsat)
    assert client.get(reverse("meetings:detail", args=[other.pk])).status_code == 200
    assert client.get(reverse("meetings:move", args=[other.pk])).status_code == 403


def test_home_lists_my_next_meetings(tree, meeting, client_for, django_assert_num_queries):
    """The home page's panel: the secretary's meeting of three days ago, still to record;
    nothing for a secretary of another commune; anonymous users go to the login page."""
    home = client_for(tree.bithu).get(reverse("home")).content.decode()
    assert reverse("meetings:upcoming-panel") in home
    url = reverse("meetings:upcoming-panel")
    client = client_for(tree.bithu)
    client.get(url)
    with django_assert_num_queries(8):
        page = client.get(url).content.decode()
    assert f'data-meeting="{meeting.pk}"' in page
    assert "cần ghi biên bản hoặc đổi lịch" in page
    assert f'data-meeting="{meeting.pk}"' not in client_for(tree.ngoai).get(url).content.decode()
    assert client_for(None).get(url).status_code == 302
