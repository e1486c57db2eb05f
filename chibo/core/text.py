"""Vietnamese text helpers: diacritic-insensitive folding and a collation key.

`fold()` makes search text: "Nguyễn Văn Ân" and "nguyen van an" fold to the same string, and so
do the two spellings "Chiêm Hóa" / "Chiêm Hoá" (NFC does not unify them; folding does).

`collation_key()` gives a string whose plain byte order is Vietnamese dictionary order: the
letters a < ă < â, d < đ, e < ê, o < ô < ơ, u < ư are distinct (primary level), tones are a
secondary level in the order không dấu < huyền < hỏi < ngã < sắc < nặng. The key uses only
the characters 0-9 and a-z, so it sorts the same under SQLite's BINARY collation and under any
PostgreSQL collation (C, en_US, vi-x-icu): one indexed column, the same order on both databases.
"""

import re
import unicodedata

# Vietnamese alphabet order (with f, j, w, z for foreign names), lower case.
_ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_VOWEL_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter
# Tone marks → secondary weight: none, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": "b", "\u0309": "c", "\u0303": "d", "\u0301": "e", "\u0323": "f"}
_LETTER_CODE = {
    letter: chr(ord("a") + i // 26) + chr(ord("a") + i % 26) for i, letter in enumerate(_ALPHABET)
}
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case `text`, drop every diacritic (đ → d), collapse white space.

    Takes any string (None is treated as ""); returns ASCII-ish search text, e.g.
    fold("  Nguyễn  Văn Ân ") == "nguyen van an". Used for diacritic-insensitive search.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip().lower()


def _letters(text: str):
    """Yield (base letter with its vowel marks, tone weight) for each character of `text`."""
    for char in unicodedata.normalize("NFC", text.lower()):
        if char == "đ":
            yield "đ", "a"
            continue
        parts = unicodedata.normalize("NFD", char)
        base, marks = parts[0], parts[1:]
        tone = "a"
        kept = ""
        for mark in marks:
            if mark in _TONES:
                tone = _TONES[mark]
            elif mark in _VOWEL_MARKS:
                kept += mark
        yield unicodedata.normalize("NFC", base + kept), tone


def collation_key(text: str) -> str:
    """Return a key whose byte order is Vietnamese dictionary order of `text`.

    The key is primary codes (two letters per Vietnamese letter, "2" + digit count + digits per
    number, so numbers sort by value, "1" per space), "0", one tone letter a–f per syllable
    (so the old and new placements of the mark, "Hoà"/"Hòa", "Thuỷ"/"Thủy", are equal), "0".
    Other characters (punctuation) are ignored. Case is ignored.
    Example: collation_key("an") < collation_key("anh") < collation_key("ăn") < collation_key("ân").
    """
    primary: list[str] = []
    secondary: list[str] = []
    digits = ""
    word_tone = ""
    for letter, tone in [*_letters(_SPACES.sub(" ", text or "").strip()), ("", "")]:
        if letter.isdigit():
            digits += letter
            continue
        if digits:
            # Numbers sort by value ("tổ 2" < "tổ 10"): "2", the digit count, the digits.
            digits = digits.lstrip("0") or "0"
            primary.append("2" + str(min(len(digits), 9)) + digits)
            digits = ""
        if letter in _LETTER_CODE:
            primary.append(_LETTER_CODE[letter])
            # One tone per syllable, wherever the mark sits: "Hoà" and "Hòa" are one name.
            word_tone = tone if tone != "a" else (word_tone or "a")
        elif letter == " " or letter == "":
            if word_tone:  # the word had letters: its tone, "a" for none
                secondary.append(word_tone)
            word_tone = ""
            if letter == " ":
                primary.append("1")
    return "".join(primary) + "0" + "".join(secondary) + "0"


def split_name(full_name: str) -> tuple[str, str]:
    """Split a Vietnamese full name into (family and middle names, given name).

    split_name("Nguyễn Văn Ân") == ("Nguyễn Văn", "Ân"); a one-word name is all given name.
    """
    words = _SPACES.sub(" ", full_name or "").strip().split(" ")
    return " ".join(words[:-1]), words[-1]


def name_sort_key(full_name: str) -> str:
    """Sort key for a person's name: by given name first, then family and middle names.

    This is how Vietnamese lists of people are ordered (rule of usage, not of a party text):
    "Lê Thị An" < "Nguyễn Văn An" < "Trần Anh" < "Phạm Văn Ân".
    """
    rest, given = split_name(full_name)
    return collation_key(given) + collation_key(rest)


def person_name(user) -> str:
    """A user's name in Vietnamese order: family and middle names, then the given name.

    Django's `get_full_name()` puts `first_name` first; chibo stores the given name in
    `first_name` ("Tên") and the family and middle names in `last_name` ("Họ"), as Django's
    Vietnamese labels say, so the display order is last_name + first_name. Falls back to the
    username; "" for None.
    """
    if user is None:
        return ""
    name = f"{user.last_name} {user.first_name}".strip()
    return name or user.get_username()
