"""Bad input never shows a stack trace: unknown URLs, malformed ids, wrong passwords,
over-long searches and unexpected errors all give a Vietnamese page (LANGUAGE_CODE "vi")."""

from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NOT_FOUND_TITLE = "Không tìm thấy trang"
NOT_FOUND_TEXT = "Trang bạn yêu cầu không tồn tại hoặc bạn không có quyền xem."


def _assert_vietnamese_404(response):
    html = response.content.decode()
    assert response.status_code == 404
    assert [t.name for t in response.templates][:2] == ["core/error.html", "base.html"]
    assert '<html lang="vi">' in html
    assert f'<h1 class="h3">{NOT_FOUND_TITLE}</h1>' in html
    assert NOT_FOUND_TEXT in html
    assert "Về trang chủ" in html  # the way back home
    assert "Traceback" not in html


@pytest.mark.parametrize(
    "url",
    [
        "/khong-co-trang-nay/",
        "/units/abc/",
        "/units/abc/branch/",
        "/members/12x/",
        "/units/99999999999999999999/",  # beyond a 64-bit id: no overflow error
        "/members/99999999999999999999/",
        "/units/-1/",
        "/units/%20/",
        "/units/999999/",  # well-formed, does not exist
        "/members/999999/",
    ],
)
def test_bad_urls_give_the_vietnamese_404_page(tree, client_for, url):
    _assert_vietnamese_404(client_for(tree.xa).get(url))


def test_unknown_url_gives_the_vietnamese_404_page_to_anonymous_users(client):
    _assert_vietnamese_404(client.get("/khong-co-trang-nay/"))


def test_forbidden_action_gives_the_vietnamese_403_page(tree, client_for):
    # A cell member may read the member file but not edit it.
    response = client_for(tree.dangvien).get(reverse("member-edit", args=[tree.an_a1.pk]))
    html = response.content.decode()
    assert response.status_code == 403
    assert '<h1 class="h3">Không được phép</h1>' in html
    assert "Traceback" not in html


def test_server_error_gives_the_vietnamese_500_page(tree, client_for):
    client = client_for(tree.xa)
    client.raise_request_exception = False
    with mock.patch("chibo.org.views.scope_roots", side_effect=RuntimeError("hỏng cơ sở dữ liệu")):
        response = client.get(reverse("tree"))
    html = response.content.decode()
    assert response.status_code == 500
    assert [t.name for t in response.templates] == ["core/error_500.html"]
    assert '<html lang="vi">' in html
    assert "<h1>Đã có lỗi xảy ra</h1>" in html
    assert "Hệ thống chưa xử lý được yêu cầu của bạn." in html
    assert (
        "RuntimeError" not in html and "hỏng cơ sở dữ liệu" not in html and "Traceback" not in html
    )


# --- login ------------------------------------------------------------------------------------


def test_wrong_password_shows_a_vietnamese_error_and_keeps_the_username(tree):
    client = Client()
    response = client.post(reverse("login"), {"username": "bithu", "password": "sai-mat-khau"})
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        '<div class="alert alert-danger" role="alert">'
        "Vui lòng điền vào Tên đăng nhập và mật khẩu chính xác."
    ) in html
    assert 'name="username" value="bithu"' in html
    assert "_auth_user_id" not in client.session


def test_right_password_logs_in_and_goes_home(tree):
    client = Client()
    response = client.post(reverse("login"), {"username": "bithu", "password": PASSWORD})
    assert (response.status_code, response["Location"]) == (302, reverse("home"))
    assert client.session["_auth_user_id"] == str(tree.bithu.pk)


def test_login_page_is_vietnamese(client):
    html = client.get(reverse("login")).content.decode()
    assert '<h1 class="h3 mb-3">Đăng nhập chibo</h1>' in html
    assert ">Tên đăng nhập</label>" in html


def test_login_follows_next_to_the_asked_page(tree):
    client = Client()
    url = reverse("unit-detail", args=[tree.cell_a1.pk])
    response = client.post(
        f"{reverse('login')}?next={url}", {"username": "bithu", "password": PASSWORD, "next": url}
    )
    assert (response.status_code, response["Location"]) == (302, url)


# --- over-long search -----------------------------------------------------------------------

TOO_LONG = "Nội dung tìm kiếm quá dài: tối đa 100 ký tự (bạn đã nhập 101)."


def test_over_long_search_is_refused_with_a_message_and_not_run(
    tree, client_for, django_assert_num_queries
):
    client = client_for(tree.xa)
    # Only the session, the user, the nav's unread notices and the user's grants (the nav's
    # warnings link) are read: neither units nor members are searched.
    with django_assert_num_queries(4):
        response = client.get(reverse("search"), {"q": "n" * 101})
    assert response.status_code == 200
    assert TOO_LONG in response.content.decode()
    assert (response.context["units"], response.context["members"], response.context["query"]) == (
        [],
        [],
        "",
    )


def test_over_long_search_by_htmx_returns_the_message_in_the_partial(tree, client_for):
    response = client_for(tree.xa).get(
        reverse("search"), {"q": "n" * 101}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.strip() == f'<div class="alert alert-warning" role="alert">{TOO_LONG}</div>'


def test_search_of_exactly_100_characters_is_run(tree, client_for):
    response = client_for(tree.xa).get(reverse("search"), {"q": "a" * 100})
    assert response.status_code == 200
    assert not response.context["form"].errors
    assert response.context["query"] == "a" * 100
    assert "Không tìm thấy tổ chức đảng nào." in response.content.decode()


def test_over_long_filter_on_the_unit_page_shows_the_message_and_the_whole_list(tree, client_for):
    response = client_for(tree.bithu).get(
        reverse("unit-detail", args=[tree.cell_a1.pk]), {"q": "x" * 101}
    )
    assert response.status_code == 200
    assert TOO_LONG in response.content.decode()
    assert len(response.context["rows"]) == 4


def test_the_500_page_needs_no_static_files():
    # It must render even when static files are what is broken (no collectstatic yet).
    from django.template.loader import get_template

    source = get_template("core/error_500.html").template.source
    assert "{% static" not in source and "/static/" not in source


def test_logging_out_says_so_on_the_login_page(tree, client_for):
    client = client_for(tree.bithu)
    response = client.post(reverse("logout"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("login")
    assert "Bạn đã đăng xuất." in response.content.decode()
