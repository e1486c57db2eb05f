"""Defects QA found in the page shell: Django's English CSRF page, the empty 405 page, htmx
swapping the login page into a results box, English messages from Django, a <script> in the
tree page's <title>, long words widening a phone page, and tests touching the developer's var/.
"""

import re
import tempfile
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

ENGLISH_PHONE = {"Accept-Language": "en-US,en;q=0.9"}
DJANGO_DIR = Path(__import__("django").__file__).resolve().parent


def _assert_error_page(response, status, title, message):
    html = response.content.decode()
    assert response.status_code == status
    assert [t.name for t in response.templates][:2] == ["core/error.html", "base.html"]
    assert '<html lang="vi">' in html
    assert f"<title>{title} · chibo</title>" in html
    assert f'<p class="display-6 text-muted">{status}</p>' in html
    assert f'<h1 class="h3">{title}</h1>' in html
    assert f'<p class="lead">{message}</p>' in html
    return html


# --- CSRF failure ---------------------------------------------------------------------------

CSRF_TITLE = "Phiên làm việc đã hết hạn"
CSRF_TEXT = "Phiên làm việc đã hết hạn hoặc biểu mẫu đã cũ. Hãy tải lại trang rồi thử lại."


def test_csrf_failure_gives_the_vietnamese_403_page(tree):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("login"), {"username": "bithu", "password": PASSWORD}, headers=ENGLISH_PHONE
    )
    html = _assert_error_page(response, 403, CSRF_TITLE, CSRF_TEXT)
    assert "CSRF verification failed" not in html and "Forbidden" not in html
    assert "_auth_user_id" not in client.session
    # The page hands out a fresh token: reloading the form and sending it again works.
    assert settings.CSRF_COOKIE_NAME in response.cookies


def test_csrf_failure_of_a_logged_in_user_keeps_the_navigation(tree):
    client = Client(enforce_csrf_checks=True)
    client.force_login(tree.bithu)
    response = client.post(reverse("logout"))
    html = _assert_error_page(response, 403, CSRF_TITLE, CSRF_TEXT)
    assert ">Đăng xuất</button>" in html
    assert client.session["_auth_user_id"] == str(tree.bithu.pk)  # still logged in


# --- 405: a POST-only address opened as a page ------------------------------------------------

METHOD_TITLE = "Thao tác không hợp lệ"
METHOD_TEXT = "Địa chỉ này chỉ nhận dữ liệu gửi từ biểu mẫu. Hãy quay lại và bấm nút trên trang."


def test_get_of_the_logout_address_gives_the_vietnamese_405_page(client):
    response = client.get(reverse("logout"), headers=ENGLISH_PHONE)
    _assert_error_page(response, 405, METHOD_TITLE, METHOD_TEXT)
    assert "POST" in response["Allow"]


def test_get_of_the_logout_address_does_not_log_out(tree, client_for):
    client = client_for(tree.bithu)
    response = client.get(reverse("logout"))
    _assert_error_page(response, 405, METHOD_TITLE, METHOD_TEXT)
    assert client.session["_auth_user_id"] == str(tree.bithu.pk)


def test_get_of_a_require_post_view_gives_the_vietnamese_405_page(tree, client_for):
    url = reverse("status-record-end", args=[tree.an_a1.pk, "exemption", 1])
    response = client_for(tree.bithu).get(url)
    _assert_error_page(response, 405, METHOD_TITLE, METHOD_TEXT)
    assert response["Allow"] == "POST"


# --- htmx after the session expired ---------------------------------------------------------


def test_htmx_request_of_a_logged_out_user_redirects_the_whole_page_to_login(client):
    response = client.get("/units/1/branch/", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith("/accounts/login/")
    assert response["HX-Redirect"] == "/accounts/login/?next=/units/1/branch/"
    assert "Location" not in response
    assert response.content == b""


def test_htmx_login_redirect_returns_to_the_page_the_user_was_on(client):
    response = client.get(
        "/units/1/branch/",
        headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/units/1/?page=2"},
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == "/accounts/login/?next=/units/1/%3Fpage%3D2"


def test_htmx_login_redirect_ignores_a_current_url_of_another_site(client):
    response = client.get(
        "/units/1/branch/",
        headers={"HX-Request": "true", "HX-Current-URL": "https://example.com/units/1/"},
    )
    assert response["HX-Redirect"] == "/accounts/login/?next=/units/1/branch/"


def test_plain_request_of_a_logged_out_user_is_still_redirected(client):
    response = client.get("/units/1/branch/")
    assert (response.status_code, response["Location"]) == (
        302,
        "/accounts/login/?next=/units/1/branch/",
    )
    assert "HX-Redirect" not in response


def test_htmx_redirect_elsewhere_is_left_alone(tree, client_for):
    # The logged-in user's htmx requests are untouched; only redirects to the login page change.
    response = client_for(tree.bithu).get(
        reverse("login"), headers={"HX-Request": "true"}
    )  # redirect_authenticated_user: 302 to the home page
    assert (response.status_code, response["Location"]) == (302, "/")


# --- English messages from Django -----------------------------------------------------------


def test_null_character_in_the_search_gives_a_vietnamese_message(tree, client_for):
    client = client_for(tree.xa)
    for headers in (ENGLISH_PHONE, {"HX-Request": "true"}):
        response = client.get("/search/?q=%00", headers=headers)
        html = response.content.decode()
        assert response.status_code == 200
        assert "Nội dung có ký tự không hợp lệ (ký tự NUL)." in html
        assert "Null characters" not in html


def test_too_short_new_password_gives_a_vietnamese_message(tree, client_for):
    response = client_for(tree.bithu).post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "Ab1-x", "new_password2": "Ab1-x"},
        headers=ENGLISH_PHONE,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        '<div class="invalid-feedback">Mật khẩu quá ngắn. Nó phải chứa ít nhất 8 ký tự.</div>'
        in html
    )
    assert "too short" not in html


@pytest.mark.parametrize(
    ("password", "messages"),
    [
        ("12345678", ["Mật khẩu này quá phổ biến.", "Mật khẩu này hoàn toàn là số."]),
        ("bithu2026", ["Mật khẩu quá giống với Tên đăng nhập."]),
    ],
)
def test_password_validator_messages_are_vietnamese(tree, client_for, password, messages):
    response = client_for(tree.bithu).post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": password, "new_password2": password},
        headers=ENGLISH_PHONE,
    )
    html = response.content.decode()
    for message in messages:
        assert f'<div class="invalid-feedback">{message}</div>' in html


def test_password_help_texts_are_vietnamese(tree, client_for):
    html = (
        client_for(tree.bithu).get(reverse("password_change"), headers=ENGLISH_PHONE)
    ).content.decode()
    for text in [
        "Mật khẩu của bạn không được quá giống với thông tin cá nhân khác.",
        "Mật khẩu của bạn phải chứa ít nhất 8 ký tự.",
        "Mật khẩu của bạn không được là mật khẩu được dùng phổ biến.",
        "Mật khẩu của bạn không được hoàn toàn bằng số.",
    ]:
        assert text in html
    assert "Your password" not in html


def test_admin_skip_link_is_vietnamese(tree, client_for):
    html = client_for(tree.admin).get(reverse("admin:index")).content.decode()
    assert ">Bỏ qua, đến nội dung chính</a>" in html
    assert "Skip to main content" not in html


def test_django_messages_are_djangos_and_untranslated_by_django():
    """chibo/core/django_messages.py names msgids of Django's English catalogue exactly, and
    only those that Django's own Vietnamese catalogues leave untranslated."""
    from chibo.core.django_messages import DJANGO_MESSAGES, DJANGO_PLURAL_MESSAGES

    with translation.override("en"):  # number 1, no English translation: the singular msgid
        plurals = [str(m) for m in DJANGO_PLURAL_MESSAGES]
    english, vietnamese, vietnamese_plurals = set(), set(), set()
    for po in DJANGO_DIR.glob("**/locale/en/LC_MESSAGES/django.po"):
        english.update(entry.msgid for entry in polib.pofile(str(po)))
    for po in DJANGO_DIR.glob("**/locale/vi/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(po)):
            if entry.msgid_plural and any(entry.msgstr_plural.values()):
                vietnamese_plurals.add(entry.msgid)
            elif entry.msgstr:
                vietnamese.add(entry.msgid)
    assert (len(DJANGO_MESSAGES), len(plurals)) == (8, 2)
    for msgid in DJANGO_MESSAGES:
        assert msgid in english, msgid
        assert msgid not in vietnamese, msgid
    for msgid in plurals:  # Vietnamese may hold an old singular msgid, not the plural one
        assert msgid in english, msgid
        assert msgid not in vietnamese_plurals, msgid


# --- page shell -------------------------------------------------------------------------------


def test_tree_page_title_is_plain_text(tree, client_for):
    html = client_for(tree.tinh).get(reverse("tree")).content.decode()
    assert re.findall(r"<title>(.*?)</title>", html, re.S) == ["Tổ chức đảng · chibo"]
    assert html.count("chibo/tree.js") == 1
    main = html[html.index("<main") : html.index("</main>")]
    assert '<script src="/static/chibo/tree.js" defer></script>' in main


# --- test set-up ------------------------------------------------------------------------------


def test_tests_do_not_use_the_developers_var_directory():
    var_dir = Path(settings.VAR_DIR).resolve()
    assert var_dir != (Path(settings.BASE_DIR) / "var").resolve()
    assert var_dir.is_relative_to(Path(tempfile.gettempdir()).resolve())
    assert Path(settings.STATIC_ROOT).resolve().is_relative_to(var_dir)
    assert Path(settings.MEDIA_ROOT).resolve().is_relative_to(var_dir)
    assert (var_dir / "secret_key").exists()  # made here, not read from the developer's var/


@pytest.mark.e2e
def test_a_long_word_does_not_widen_a_phone_page(live_server, transactional_db):
    """A 200-character word without spaces (a pasted address) in a unit's name wraps in the
    heading, the breadcrumbs and the parent's list of sub-units: the 360 px page keeps its
    width (chibo.css, overflow-wrap)."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.support import CHROMIUM_ARGS
    from tests.factories import make_tree

    tree = make_tree()
    tree.cell_a1.name = "Chi bộ " + "thônBảnChợ" * 20
    tree.cell_a1.save()
    client = Client()
    client.force_login(tree.xa)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        try:
            context = browser.new_context(viewport={"width": 360, "height": 800})
            context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
            )
            page = context.new_page()
            for unit in (tree.cell_a1, tree.commune_a):
                page.goto(f"{live_server.url}{reverse('unit-detail', args=[unit.pk])}")
                assert "thônBảnChợthônBảnChợ" in page.content()
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width == 360, unit.name
        finally:
            browser.close()


def test_a_gap_between_rule_sets_gives_an_explanation_not_a_bare_500(tree, client_for):
    """An administrator ended the last national set: the meeting page explains it (the log
    keeps the traceback) instead of the generic 500 page."""
    import datetime

    from chibo.core.models import RuleSet
    from chibo.meetings.models import Meeting, MeetingKind

    meeting = Meeting.objects.create(
        unit=tree.cell_a1,
        kind=MeetingKind.REGULAR,
        date=datetime.date(2026, 8, 10),
        start_time=datetime.time(19, 30),
    )
    RuleSet.objects.filter(code="HD42-2025").update(valid_to=datetime.date(2026, 6, 30))
    client = client_for(tree.bithu)
    client.raise_request_exception = False
    response = client.get(reverse("meetings:detail", args=[meeting.pk]))
    assert response.status_code == 500
    assert "Không có bộ quy định nào áp dụng cho ngày của hồ sơ này" in response.content.decode()
