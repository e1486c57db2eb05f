"""The interface is Vietnamese whatever the browser asks for; English only when chosen with the
footer's switch (chibo.core.middleware.LanguageMiddleware and Django's set_language view)."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

ENGLISH_PHONE = {"Accept-Language": "en-US,en;q=0.9"}
LOGIN_VI = '<h1 class="h3 mb-3">Đăng nhập chibo</h1>'
LOGIN_EN = '<h1 class="h3 mb-3">Log in to chibo</h1>'


def _switch(client, language, next_url="/accounts/login/"):
    return client.post(reverse("set_language"), {"language": language, "next": next_url})


def test_an_english_browser_gets_the_vietnamese_page():
    response = Client().get(reverse("login"), headers=ENGLISH_PHONE)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert LOGIN_VI in html and "Log in to chibo" not in html
    assert response["Content-Language"] == "vi"
    assert response.wsgi_request.LANGUAGE_CODE == "vi"
    assert "Cookie" in response["Vary"]


def test_english_only_when_chosen_then_back_to_vietnamese():
    client = Client()
    response = _switch(client, "en")
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/")
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    # English now, even though this browser prefers Vietnamese.
    response = client.get(reverse("login"), headers={"Accept-Language": "vi"})
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert LOGIN_EN in html and "Đăng nhập chibo" not in html
    assert response["Content-Language"] == "en"
    assert response.wsgi_request.LANGUAGE_CODE == "en"

    response = _switch(client, "vi")
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "vi"
    html = client.get(reverse("login"), headers=ENGLISH_PHONE).content.decode()
    assert '<html lang="vi">' in html
    assert LOGIN_VI in html


@pytest.mark.parametrize("cookie", ["fr", "en-us", "", "vi-VN"])
def test_a_language_cookie_outside_the_list_gives_vietnamese(cookie):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    response = client.get(reverse("login"), headers=ENGLISH_PHONE)
    assert '<html lang="vi">' in response.content.decode()
    assert response["Content-Language"] == "vi"


def test_the_footer_switch_posts_to_set_language_and_marks_the_current_language():
    html = Client().get(reverse("login")).content.decode()
    footer = html[html.index("<footer") : html.index("</footer>")]
    assert '<form class="language-switch" method="post" action="/i18n/setlang/"' in footer
    assert 'aria-label="Ngôn ngữ"' in footer
    assert 'name="csrfmiddlewaretoken"' in footer
    assert '<input type="hidden" name="next" value="/accounts/login/">' in footer
    assert (
        '<button type="submit" name="language" value="vi" lang="vi" class="btn btn-sm '
        'btn-secondary" aria-current="true">Tiếng Việt</button>'
    ) in footer
    assert (
        '<button type="submit" name="language" value="en" lang="en" class="btn btn-sm '
        'btn-outline-secondary">English</button>'
    ) in footer

    client = Client()
    _switch(client, "en")
    footer = client.get(reverse("login")).content.decode().split("<footer", 1)[1]
    assert 'aria-label="Language"' in footer
    assert 'value="vi" lang="vi" class="btn btn-sm btn-outline-secondary">Tiếng Việt<' in footer
    assert 'value="en" lang="en" class="btn btn-sm btn-secondary" aria-current="true">English<' in (
        footer
    )


def test_the_switch_keeps_the_user_on_the_same_page(tree, client_for):
    client = client_for(tree.bithu)
    url = reverse("unit-detail", args=[tree.cell_a1.pk])
    response = _switch(client, "en", url)
    assert (response.status_code, response["Location"]) == (302, url)
    html = client.get(url).content.decode()
    assert '<html lang="en">' in html
    assert ">Organisation</a>" in html  # the navigation bar, in English


def test_set_language_refuses_a_foreign_next_address():
    response = _switch(Client(), "en", "https://example.com/")
    assert (response.status_code, response["Location"]) == (302, "/")
