"""The score sheet page and the meeting page's evaluation panel: scope, permissions, typed
values kept on error, stale saves, pinned query counts (rules QUAL-1..3, ATT-2, MIN-2)."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from chibo.core.models import RuleSet
from chibo.evaluation.models import Rating
from chibo.meetings.models import Meeting, MeetingKind, MeetingStatus
from tests.evaluation.test_ratings_service import FULL, rate, submit
from tests.factories import make_member
from tests.meetings.conftest import hold, meeting  # noqa: F401  (fixture)


def page(name, held):
    return reverse(f"evaluation:{name}", args=[held.pk])


def english(client):
    """Pin the client's language to English, so assertions do not depend on the catalogue."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def typed(**points):
    """POST data of the self column (version 0: not rated yet) with `points` by hand."""
    data = {"column": "self", "version": "0", "note": "Buổi sinh hoạt tốt"}
    data.update({f"p_{code}": value for code, value in {**FULL, **points}.items()})
    return data


@pytest.fixture
def submitted(tree, meeting):  # noqa: F811
    """The fixture meeting held by `hold` and its minutes submitted."""
    return submit(tree, hold(tree, meeting))


def test_secretary_rates_and_sees_what_cost_points(tree, submitted, client_for):  # QUAL-2
    client = english(client_for(tree.bithu))
    html = client.get(page("meeting-rating", submitted)).content.decode()
    # The five HD 12 groups; boxes only for criteria scored by hand, in the self column.
    assert html.count("data-group=") == 5
    for code in FULL:
        assert f'name="p_{code}"' in html
    assert 'name="p_attendance"' not in html and 'name="p_duration"' not in html
    assert 'min="0" max="10"' in html and 'inputmode="numeric"' in html
    assert 'data-rule-set="HD42-2025"' in html and "data-example" in html
    assert "Hướng dẫn 42-HD/BTCTW" in html
    assert html.count('data-verdict="fail"') == 4  # PREP-1, PREP-2, PREP-3, self-criticism
    assert 'data-verdict="na"' in html  # nothing to review: full points
    response = client.post(page("meeting-rating", submitted), typed())
    assert response.status_code == 302
    assert response["Location"].endswith("?column=self")
    html = client.get(response["Location"]).content.decode()
    assert "The rating was saved." in html
    assert 'data-final="fair"' in html and "80/100" in html
    lost = re.search(r"<div class=\"small mt-1\" data-lost>(.*?)</div>", html, re.S).group(1)
    assert lost.count("<li>") == 4 and "Có tự phê bình và phê bình: 0/5 (−5)" in lost


def test_gate_sentence(tree, submitted, client_for):  # rules QUAL-2, QUAL-5
    Rating.objects.all().delete()
    rating = rate(tree.bithu, submitted)
    # Stored as a capped good score (as a sheet with full computed points would give).
    Rating.objects.filter(pk=rating.pk).update(
        total=99, level="fair", capped=True, points={**rating.points, "participation": 9}
    )
    html = english(client_for(tree.bithu)).get(page("meeting-rating", submitted)).content
    text = html.decode()
    assert "data-gate" in text
    assert (
        "Enough points for Good, but not full points on: Nhiều đảng viên phát biểu, thảo "
        "luận, đóng góp ý kiến — so rated" in text
    )


def test_bad_points_keep_what_was_typed(tree, submitted, client_for):  # rule QUAL-2
    client = english(client_for(tree.bithu))
    data = typed(full_content="9", principles="x", participation="")
    response = client.post(page("meeting-rating", submitted), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "nothing you typed has been lost" in html
    assert "has at most 5 points; 9 is too many." in html
    assert "Enter whole points for" in html and "Enter the points for" in html
    for name, value in (("full_content", "9"), ("principles", "x"), ("on_time", "5")):
        box = re.search(rf'<input type="number" name="p_{name}"[^>]*>', html).group(0)
        assert f'value="{value}"' in box
        assert ("is-invalid" in box) == (name != "on_time")
    assert html.count("data-invalid") == 3
    assert "Buổi sinh hoạt tốt" in html
    assert not Rating.objects.exists()


def test_stale_save_keeps_typed_values(tree, submitted, client_for):
    rate(tree.phobithu, submitted, version=0)  # the deputy saved meanwhile
    client = english(client_for(tree.bithu))
    response = client.post(page("meeting-rating", submitted), typed(on_time="3"))
    html = response.content.decode()
    assert "Someone else saved this rating" in html
    assert re.search(r'name="p_on_time" value="3"', html)
    assert 'name="version" value="1"' in html  # saving again is a deliberate choice
    assert Rating.objects.get().points["on_time"] == 5


def test_commune_admin_fills_the_superior_column(tree, submitted, client_for):  # QUAL-3
    rate(tree.bithu, submitted)
    client = english(client_for(tree.xa))
    html = client.get(page("meeting-rating", submitted)).content.decode()
    assert 'name="column" value="superior"' in html
    assert re.search(r'name="p_principles" value="10"', html)  # the cell's points to start
    # only the cell fills its own column: no link to it, and a post into it is refused
    assert "?column=self" not in html and "Fill the cell's own column instead" not in html
    assert client.post(page("meeting-rating", submitted), typed()).status_code == 403
    data = {**typed(principles=0), "column": "superior"}
    html = client.post(page("meeting-rating", submitted), data, follow=True).content.decode()
    # 80 − 10 = 70 → exactly 70 % reaches the fair threshold (≥ 70 %): Khá, and final.
    superior = Rating.objects.get(column="superior")
    assert (superior.total, superior.level, superior.is_final) == (70, "fair", True)
    assert 'data-final="fair"' in html and "the superior's rating is final" in html


def test_final_level_changes_with_the_superior(tree, submitted, client_for):  # QUAL-3
    rate(tree.bithu, submitted)  # 80: Khá
    client = english(client_for(tree.xa))
    data = {**typed(full_content=0, principles=5, resolution_results=0), "column": "superior"}
    html = client.post(page("meeting-rating", submitted), data, follow=True).content.decode()
    # 80 − 5 − 5 − 5 = 65 → 65 % < 70 % → Trung bình, and it is final.
    assert 'data-final="average"' in html and "65/100" in html
    panel = client.get(page("meeting-panel", submitted)).content.decode()
    assert 'data-final="average"' in panel


def test_cell_member_reads_but_may_not_rate(tree, submitted, client_for):
    client = client_for(tree.dangvien)
    response = client.get(page("meeting-rating", submitted))
    assert response.status_code == 200 and 'id="rating-form"' not in response.content.decode()
    assert client.post(page("meeting-rating", submitted), typed()).status_code == 403
    data = {**typed(), "column": "superior"}
    assert client.post(page("meeting-rating", submitted), data).status_code == 403
    # The secretary may not post into the superior column either.
    secretary = client_for(tree.bithu)
    assert secretary.post(page("meeting-rating", submitted), data).status_code == 403
    assert not Rating.objects.exists()


@pytest.mark.parametrize("name", ["meeting-rating", "meeting-panel"])
def test_scope_and_login(tree, submitted, client_for, name):
    url = page(name, submitted)
    assert client_for(tree.ngoai).get(url).status_code == 404
    assert client_for(tree.ngoai).post(url, typed()).status_code == 404
    assert client_for(tree.giamsat).get(url).status_code == 404  # follows other cells
    response = client_for(None).get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    missing = reverse(f"evaluation:{name}", args=[999999])
    assert client_for(tree.bithu).get(missing).status_code == 404


def test_draft_meeting_explains_why_not_yet(tree, meeting, client_for):  # noqa: F811
    held = hold(tree, meeting)
    client = english(client_for(tree.bithu))
    html = client.get(page("meeting-rating", held)).content.decode()
    assert 'id="rating-form"' not in html
    assert "rated only once its minutes are complete and submitted" in html
    response = client.post(page("meeting-rating", held), typed())  # a page left open
    assert response.status_code == 400
    assert "rated only once its minutes are complete and submitted" in response.content.decode()
    panel = client.get(page("meeting-panel", held)).content.decode()
    assert 'data-blocker="self"' in panel and 'data-passed="no"' in panel


def test_panel_checklist(tree, submitted, client_for):  # rules ATT-2, DUR-1, MIN-2, PREP-1..3
    html = english(client_for(tree.bithu)).get(page("meeting-panel", submitted)).content
    html = html.decode()
    verdicts = dict(re.findall(r'data-check="(\w+)" data-passed="(\w+)"', html))
    assert verdicts == {
        "attendance_rate": "yes", "no_unexcused": "yes", "absence_run": "yes",
        "duration": "yes", "minutes": "yes", "prep1": "no", "prep2": "no", "prep3": "no",
        "assignments_made": "yes", "previous_reviewed": "na", "self_criticism": "no",
        "document_study": "yes",
    }  # fmt: skip
    assert 'data-rule-set="HD42-2025"' in html and "Hướng dẫn 42-HD/BTCTW" in html
    assert "4 checks failed." in html and 'id="rate-link"' in html
    assert "Rate the meeting" in html


def test_panel_notes_for_committee_and_planned(tree, meeting, client_for):  # noqa: F811
    committee = Meeting.objects.create(
        unit=tree.cell_a1, kind=MeetingKind.COMMITTEE, status=MeetingStatus.DRAFT,
        date=meeting.date,
    )  # fmt: skip
    client = client_for(tree.bithu)
    assert 'data-note="committee"' in client.get(page("meeting-panel", committee)).content.decode()
    assert 'data-note="not-held"' in client.get(page("meeting-panel", meeting)).content.decode()


def test_meeting_page_loads_the_panel_when_held(tree, meeting, client_for):  # noqa: F811
    client = client_for(tree.bithu)
    detail = reverse("meetings:detail", args=[meeting.pk])
    assert page("meeting-panel", meeting) not in client.get(detail).content.decode()
    hold(tree, meeting)
    html = client.get(detail).content.decode()
    assert f'hx-get="{page("meeting-panel", meeting)}"' in html


def _more_members(tree, n):
    for i in range(n):
        make_member(tree.cell_a1, f"Đảng viên Thêm {i}")


@pytest.mark.parametrize("extra", [0, 6])
def test_query_counts(tree, meeting, client_for, django_assert_num_queries, extra):  # noqa: F811
    _more_members(tree, extra)
    held = submit(tree, hold(tree, meeting, excused=tree.lan_group))
    rate(tree.bithu, held)
    client = client_for(tree.xa)
    client.get(page("meeting-rating", held))  # warm the session
    with django_assert_num_queries(23):
        client.get(page("meeting-rating", held))
    with django_assert_num_queries(19):
        client.get(page("meeting-panel", held))
    with django_assert_num_queries(16):  # the meeting page's own count (tests/meetings)
        client.get(reverse("meetings:detail", args=[held.pk]))


def test_rating_page_has_a_print_layout(tree, submitted, client_for):
    html = client_for(tree.bithu).get(page("meeting-rating", submitted)).content.decode()
    assert "@media print" in html and "window.print()" in html


def test_committee_meeting_has_no_sheet(tree, meeting, client_for):  # noqa: F811
    committee = Meeting.objects.create(
        unit=tree.cell_a1, kind=MeetingKind.COMMITTEE, status=MeetingStatus.SUBMITTED,
        date=meeting.date,
    )  # fmt: skip
    client = english(client_for(tree.bithu))
    html = client.get(page("meeting-rating", committee)).content.decode()
    assert 'id="rating-sheet"' not in html and 'id="rating-form"' not in html
    assert "Cell committee meetings are not rated." in html


@pytest.mark.parametrize("version", [None, "", "x", "-1"])
def test_a_post_without_the_version_is_refused(tree, submitted, client_for, version):
    # the stale check needs the version the page was opened at: no version, no save
    data = typed()
    if version is None:
        del data["version"]
    else:
        data["version"] = version
    client = english(client_for(tree.bithu))
    response = client.post(page("meeting-rating", submitted), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "This page is out of date. Reload the page and try again." in html
    assert 'data-error="version"' in html
    assert not Rating.objects.exists()


#: Labels of HD42-2025's gate criteria on the example sheet, in the rule set's order.
GATES = (
    "“Đảng viên dự họp đủ: tỷ lệ trên mức quy định, không vắng không lý do, không ai vắng quá "
    "số lần liên tiếp”, “Thời lượng sinh hoạt đủ theo quy định”, “Nhiều đảng viên phát biểu, "
    "thảo luận, đóng góp ý kiến”, “Biên bản ghi đầy đủ, đúng quy định”"
)


def level_rule(html: str) -> str:
    return re.search(r'<p class="small" id="level-rule"[^>]*>(.*?)</p>', html, re.S).group(1)


def test_the_page_says_how_the_level_is_decided(tree, submitted, client_for):  # rule QUAL-2
    client = english(client_for(tree.dangvien))
    text = level_rule(client.get(page("meeting-rating", submitted)).content.decode())
    assert "rule set HD42-2025, rule QUAL-2" in text
    assert (
        f"Good: from 90 % of the maximum points, and full points on: {GATES}; Fair: from 70 %; "
        "Average: from 50 %; Poor: below 50 %." in text
    )
    # from the rule set, not literals: another set's values show as they are
    rule_set = RuleSet.objects.get(code="HD42-2025")
    rule_set.values = {
        **rule_set.values,
        "rating_thresholds": {"good": 92.5, "fair": 75, "average": 55},
        "rating_gate_criteria": [],
    }
    rule_set.save()
    text = level_rule(client.get(page("meeting-rating", submitted)).content.decode())
    assert (
        "Good: from 92,5 % of the maximum points; Fair: from 75 %; Average: from 55 %; "
        "Poor: below 55 %." in text
    )


def test_a_column_rated_under_another_rule_set_names_it(tree, submitted, client_for):
    rate(tree.bithu, submitted)
    rate(tree.xa, submitted, "superior")
    older = RuleSet.objects.get(code="HD12-2018")
    Rating.objects.filter(column="superior").update(rule_set=older)
    client = english(client_for(tree.bithu))
    html = client.get(page("meeting-rating", submitted)).content.decode()
    assert 'data-column-rule-set="HD12-2018"' in html
    assert html.count("data-column-rule-set=") == 1  # the self column's set is in force
    note = re.search(r'data-column-rule-set="HD12-2018">(.*?)</p>', html, re.S).group(1)
    assert "Rated by rule set HD12-2018, under Hướng dẫn 12-HD/BTCTW" in note
    assert "it is not the rule set in force now." in note and "Poor: below 50 %" in note
