"""core.text: diacritic-insensitive folding and the Vietnamese collation key.

Expected orders are worked out by hand from the Vietnamese alphabet
a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y (f j w z for foreign names) and the
tone order documented in core/text.py: không dấu < huyền < hỏi < ngã < sắc < nặng.
"""

import random
import re
import unicodedata

import pytest
from django.db import connection

from chibo.core.text import collation_key, fold, name_sort_key, split_name


def _vn_sorted(words, key=collation_key):
    """Sort a shuffled copy of `words` (so that input order cannot leak into the result)."""
    shuffled = list(words)
    random.Random(20260101).shuffle(shuffled)
    return sorted(shuffled, key=key)


# --- fold ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Nguyễn  Văn Ân ", "nguyen van an"),
        ("Chiêm Hoá", "chiem hoa"),
        ("Chiêm Hóa", "chiem hoa"),
        ("Đặng", "dang"),
        ("đường ĐI", "duong di"),
        ("NGUYỄN\tTHỊ\nBÍCH", "nguyen thi bich"),
        ("Ưng Ơn Ôn Ăn Ân Ê", "ung on on an an e"),
        ("08001234", "08001234"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold(text, expected):
    assert fold(text) == expected


def test_fold_unifies_nfc_and_nfd_input():
    nfd = unicodedata.normalize("NFD", "Nguyễn Văn Ân")
    assert nfd != "Nguyễn Văn Ân"
    assert fold(nfd) == "nguyen van an"


def test_fold_unifies_the_two_spellings_that_nfc_keeps_apart():
    # "Hoá" (accent on a) and "Hóa" (accent on o) are different strings even after NFC.
    assert unicodedata.normalize("NFC", "Chiêm Hoá") != unicodedata.normalize("NFC", "Chiêm Hóa")
    assert fold("Chiêm Hoá") == fold("Chiêm Hóa") == "chiem hoa"


# --- collation_key --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        pytest.param(
            ["ư", "u", "ơ", "ô", "o", "ê", "e", "đ", "d", "â", "ă", "a", "b", "c"],
            ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "o", "ô", "ơ", "u", "ư"],
            id="letters",
        ),
        pytest.param(["ân", "an", "ăn", "anh"], ["an", "anh", "ăn", "ân"], id="an-anh-ăn-ân"),
        pytest.param(["đi", "dì", "da", "đá", "dê"], ["da", "dê", "dì", "đá", "đi"], id="d-đ"),
        pytest.param(["ếch", "em", "êm", "en"], ["em", "en", "ếch", "êm"], id="e-ê"),
        pytest.param(["ơn", "ôm", "ong", "ót"], ["ong", "ót", "ôm", "ơn"], id="o-ô-ơ"),
        pytest.param(["ưa", "ủ", "uy", "ừ"], ["ủ", "uy", "ừ", "ưa"], id="u-ư"),
        pytest.param(
            ["mạ", "má", "mã", "mả", "mà", "ma"], ["ma", "mà", "mả", "mã", "má", "mạ"], id="tones"
        ),
        # Tones are a secondary level: a difference in letters always wins over a tone.
        pytest.param(
            ["mát", "mai", "mạ", "má", "ma"],
            ["ma", "má", "mạ", "mai", "mát"],
            id="letters-before-tones",
        ),
        # A space sorts before any letter; a shorter word before its extensions.
        pytest.param(["anh", "an", "an b"], ["an", "an b", "anh"], id="space-and-prefix"),
    ],
)
def test_collation_key_vietnamese_order(words, expected):
    assert _vn_sorted(words) == expected


def test_collation_key_ignores_case_and_normal_form():
    assert collation_key("ÂN") == collation_key("ân") == collation_key("Ân")
    assert collation_key(unicodedata.normalize("NFD", "Nguyễn Đức")) == collation_key("Nguyễn Đức")


def test_collation_key_exact_value():
    # Letter codes: a=aa, â=ac, n=ar (index 17 of the alphabet); one tone per syllable:
    # none=a, sắc=e.
    assert collation_key("an") == "aaar" + "0" + "a" + "0"
    assert collation_key("ấn") == "acar" + "0" + "e" + "0"
    assert collation_key("ấn an") == "acar" + "1" + "aaar" + "0" + "ea" + "0"
    assert collation_key("") == "00"
    assert collation_key(None) == "00"


@pytest.mark.parametrize(
    "text", ["Nguyễn Văn Ân", "Đảng bộ xã Chiêm Hoá", "Chi bộ tổ dân phố 7", "Ưng Thị Ơn (Ơn)"]
)
def test_collation_key_uses_only_ascii_digits_and_lowercase(text):
    # So that SQLite BINARY and every PostgreSQL collation order the column the same way.
    assert re.fullmatch(r"[0-9a-z]+", collation_key(text))


# --- split_name / name_sort_key ------------------------------------------------------------


@pytest.mark.parametrize(
    ("full_name", "expected"),
    [
        ("Nguyễn Văn Ân", ("Nguyễn Văn", "Ân")),
        ("  Hoàng   Thị  Lan ", ("Hoàng Thị", "Lan")),
        ("Ân", ("", "Ân")),
    ],
)
def test_split_name(full_name, expected):
    assert split_name(full_name) == expected


def test_name_sort_key_given_name_first():
    names = ["Vũ Đức", "Đỗ Bình", "Phạm Văn Ân", "Trần Anh", "Nguyễn Văn An", "Lê Thị An"]
    assert _vn_sorted(names, key=name_sort_key) == [
        "Lê Thị An",
        "Nguyễn Văn An",
        "Trần Anh",
        "Phạm Văn Ân",
        "Đỗ Bình",
        "Vũ Đức",
    ]


def test_name_sort_key_same_given_name_then_family_name_then_tone():
    names = ["Đinh Văn Hà", "Bùi Thị Hà", "Bùi Thị Hạ", "Bùi Thị Hả", "Cao Hà"]
    # Given names Hà, Hà, Hạ, Hả, Hà: the three "Hà" come first (tone huyền < hỏi < nặng)...
    # ...and among them family names: Bùi < Cao < Đinh.
    assert _vn_sorted(names, key=name_sort_key) == [
        "Bùi Thị Hà",
        "Cao Hà",
        "Đinh Văn Hà",
        "Bùi Thị Hả",
        "Bùi Thị Hạ",
    ]


# --- the same order as PostgreSQL's ICU Vietnamese collation --------------------------------

#: Names that differ in their letters (no two differ only by a tone or by case), in the order
#: worked out by hand: a-n-space < a-n-h < ă < â < b-ê < b-u < d-u < d-ư < đ < ô < u < ư < v.
ICU_NAMES_IN_ORDER = [
    "An Văn Anh",
    "Anh",
    "Ăng Văn Tư",
    "Âu Văn Ân",
    "Bế Thị Ê",
    "Bùi Thị Em",
    "Dũng",
    "Dương Văn Cao",
    "Đỗ Bình",
    "Ông Văn On",
    "Ung Thị Ôn",
    "Ưng Văn Ơn",
    "Vũ Đức",
]


def test_collation_key_hand_order_of_the_icu_sample():
    assert _vn_sorted(ICU_NAMES_IN_ORDER) == ICU_NAMES_IN_ORDER


@pytest.mark.django_db
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL's ICU collation vi-x-icu (SQLite has none); CI runs it on PostgreSQL",
)
def test_collation_key_matches_postgresql_vi_icu_collation():
    shuffled = list(ICU_NAMES_IN_ORDER)
    random.Random(7).shuffle(shuffled)
    values = ", ".join(["(%s)"] * len(shuffled))
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT x FROM (VALUES {values}) AS t(x) ORDER BY x COLLATE "vi-x-icu"', shuffled
        )
        icu_order = [row[0] for row in cursor.fetchall()]
    assert icu_order == ICU_NAMES_IN_ORDER
    assert sorted(shuffled, key=collation_key) == icu_order


def test_numbers_in_names_sort_by_value():
    # Residential groups are numbered: "tổ dân phố 2" comes before "tổ dân phố 10".
    names = [
        "Chi bộ tổ dân phố 10",
        "Chi bộ tổ dân phố 2",
        "Chi bộ tổ dân phố 100",
        "Chi bộ tổ dân phố 1",
        "Chi bộ tổ dân phố 02",
    ]
    assert sorted(names, key=collation_key) == [
        "Chi bộ tổ dân phố 1",
        "Chi bộ tổ dân phố 2",
        "Chi bộ tổ dân phố 02",
        "Chi bộ tổ dân phố 10",
        "Chi bộ tổ dân phố 100",
    ]


def test_person_name_puts_family_names_first():
    from types import SimpleNamespace

    from chibo.core.text import person_name

    user = SimpleNamespace(first_name="Ân", last_name="Nguyễn Văn", get_username=lambda: "an")
    assert person_name(user) == "Nguyễn Văn Ân"
    nameless = SimpleNamespace(first_name="", last_name="", get_username=lambda: "bithu")
    assert person_name(nameless) == "bithu"
    assert person_name(None) == ""


def test_old_and_new_tone_placement_sort_as_one_name():
    # "Hoà"/"Hòa" and "Thuỷ"/"Thủy": the mark sits on a different vowel, the name is the same.
    assert collation_key("Hoà") == collation_key("Hòa")
    assert collation_key("Thuỷ") == collation_key("Thủy")
    assert sorted(["Hoả", "Hòa", "Hóa", "Hoa"], key=collation_key) == ["Hoa", "Hòa", "Hoả", "Hóa"]
