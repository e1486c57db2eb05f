"""The Vietnamese catalogue is complete and the committed .mo matches the .po."""

from pathlib import Path

import polib
from django.conf import settings
from django.utils import translation

CATALOGUE = Path(settings.PACKAGE_DIR) / "locale" / "vi" / "LC_MESSAGES"


def test_every_message_has_a_vietnamese_translation():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


def test_compiled_catalogue_matches_the_source():
    po = {
        (e.msgid, e.msgstr or e.msgstr_plural.get(0, ""))
        for e in polib.pofile(str(CATALOGUE / "django.po"))
    }
    mo = {
        (e.msgid, e.msgstr or e.msgstr_plural.get(0, ""))
        for e in polib.mofile(str(CATALOGUE / "django.mo"))
    }
    assert po - mo == set()


def test_default_language_is_vietnamese_and_english_is_second():
    assert settings.LANGUAGE_CODE == "vi"
    assert [code for code, _ in settings.LANGUAGES] == ["vi", "en"]
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    with translation.override("vi"):
        assert translation.gettext("Page not found") == "Không tìm thấy trang"


def test_dates_are_shown_day_month_year():
    import datetime

    from django.utils.formats import date_format

    with translation.override("vi"):
        assert date_format(datetime.date(2026, 3, 5), "SHORT_DATE_FORMAT") == "05/03/2026"
        assert date_format(datetime.date(2026, 3, 5)) == "05/03/2026"
