"""Places for the demo province: ethnic mix by area, synthetic village names, places away.

The commune-level units themselves are real (package `vietnam-provinces`); everything below
the commune (villages, schools, enterprises) is synthetic. Ethnic mixes are rough shares of
party members by area of the merged province (Tuyên Quang + Hà Giang), tuned so that the whole
province comes to about Kinh 30 %, Tày 24 %, Mông 22 %, Dao 13 %, Nùng 4 %, Sán Chay 3 %,
others 4 % (see the brief of the demo builder; RULES "Scale").
"""

import random

from chibo.demo.builder.names import weighted

#: area → weighted tuple of ethnic groups (draw with rng.choice).
ETHNIC_MIX: dict[str, tuple[str, ...]] = {
    # Đồng Văn karst plateau: Đồng Văn, Mèo Vạc, Yên Minh, Quản Bạ.
    "plateau": weighted(
        [
            ("Mông", 80),
            ("Kinh", 5),
            ("Tày", 3),
            ("Dao", 3),
            ("Lô Lô", 3),
            ("Giáy", 3),
            ("Pu Péo", 1),
            ("Hoa", 1),
            ("Nùng", 1),
        ]
    ),
    # Western highlands: Hoàng Su Phì, Xín Mần.
    "west": weighted(
        [
            ("Nùng", 19),
            ("Dao", 24),
            ("Tày", 14),
            ("Mông", 19),
            ("La Chí", 6),
            ("Kinh", 12),
            ("Phù Lá", 2),
            ("Pà Thẻn", 2),
        ]
    ),
    # Hà Giang lowlands: Vị Xuyên, Bắc Mê, Bắc Quang, Quang Bình.
    "hg_low": weighted(
        [
            ("Tày", 32),
            ("Kinh", 32),
            ("Dao", 18),
            ("Mông", 12),
            ("Nùng", 3),
            ("Giáy", 1),
            ("Pà Thẻn", 2),
        ]
    ),
    # Nà Hang, Lâm Bình.
    "na_hang": weighted([("Tày", 40), ("Dao", 22), ("Mông", 20), ("Kinh", 15), ("Pà Thẻn", 3)]),
    # Chiêm Hoá, Hàm Yên.
    "chiem_hoa": weighted(
        [("Tày", 45), ("Kinh", 29), ("Dao", 16), ("Mông", 3), ("Nùng", 3), ("Sán Chay", 4)]
    ),
    # Yên Sơn, Sơn Dương and the communes round the provincial capital.
    "tq_low": weighted(
        [
            ("Kinh", 58),
            ("Tày", 14),
            ("Sán Chay", 13),
            ("Dao", 9),
            ("Nùng", 3),
            ("Sán Dìu", 2),
            ("Hoa", 1),
        ]
    ),
    # The wards (phường) of the two former provincial capitals.
    "urban": weighted(
        [
            ("Kinh", 74),
            ("Tày", 14),
            ("Dao", 3),
            ("Nùng", 3),
            ("Sán Chay", 2),
            ("Mông", 2),
            ("Hoa", 2),
        ]
    ),
}


def area_of(code: int, is_ward: bool) -> str:
    """The ETHNIC_MIX area of a commune-level unit, from its real code (GSO code ranges).

    Codes 691–1261 are the former Hà Giang province, 2212–2623 the former Tuyên Quang.
    """
    if is_ward:
        return "urban"
    if 715 <= code <= 901:
        return "plateau"
    if 1021 <= code <= 1147:
        return "west"
    if code < 1300:
        return "hg_low"
    if 2221 <= code <= 2269:
        return "na_hang"
    if 2287 <= code <= 2425:
        return "chiem_hoa"
    return "tq_low"


# --- Village names ------------------------------------------------------------------------------
_TAY_FIRST = (
    "Nà",
    "Khuổi",
    "Pác",
    "Bản",
    "Cốc",
    "Nặm",
    "Khau",
    "Phai",
    "Pù",
    "Tát",
    "Bó",
    "Pò",
    "Vằng",
    "Thẳm",
    "Đon",
    "Lũng",
    "Nặm",
    "Búng",
)
_TAY_SECOND = (
    "Hang",
    "Phầy",
    "Mạ",
    "Lùng",
    "Nưa",
    "Khét",
    "Chang",
    "Cọ",
    "Mòn",
    "Luông",
    "Coóc",
    "Pài",
    "Vài",
    "Lạn",
    "Mụ",
    "Tông",
    "Piầu",
    "Kham",
    "Nghè",
    "Thuổng",
    "Quân",
    "Pục",
    "Lầu",
    "Bưa",
    "Cải",
    "Khoang",
    "Táu",
    "Mèn",
)
_HIGH_FIRST = (
    "Sủng",
    "Lũng",
    "Séo",
    "Phìn",
    "Mã",
    "Há",
    "Sì",
    "Ma",
    "Cháng",
    "Lủng",
    "Tả",
    "Chúng",
    "Lao",
    "Khó",
    "Pả",
    "Xín",
    "Sảng",
    "Há",
)
_HIGH_SECOND = (
    "Chua",
    "Pả",
    "Lủng",
    "Hồ",
    "Phìn",
    "Chải",
    "Sán",
    "Thàng",
    "Mán",
    "Súng",
    "Trải",
    "Sảng",
    "Cáy",
    "Hầu",
    "Tủng",
    "Lì",
    "Vái",
    "Già",
    "Pèng",
    "Tráng",
    "Dình",
)
_KINH_FIRST = (
    "Tân",
    "Đồng",
    "Yên",
    "An",
    "Hoà",
    "Phú",
    "Trung",
    "Thượng",
    "Hạ",
    "Minh",
    "Cầu",
    "Làng",
    "Gò",
    "Đồng",
    "Khe",
    "Bình",
)
_KINH_SECOND = (
    "Lập",
    "Tâm",
    "Thịnh",
    "Phú",
    "Bình",
    "Thành",
    "Hợp",
    "Tiến",
    "Khánh",
    "Xuân",
    "Vinh",
    "Quang",
    "Sơn",
    "Hưng",
    "Trại",
    "Mới",
    "Lộc",
    "Thái",
    "Hoà",
    "Cả",
)
_STYLE = {
    "Mông": "high",
    "Lô Lô": "high",
    "Pu Péo": "high",
    "Phù Lá": "high",
    "La Chí": "high",
    "Kinh": "kinh",
    "Hoa": "kinh",
    "Sán Dìu": "kinh",
}
_SYLLABLES = {
    "tay": (_TAY_FIRST, _TAY_SECOND),
    "high": (_HIGH_FIRST, _HIGH_SECOND),
    "kinh": (_KINH_FIRST, _KINH_SECOND),
}


def village_names(
    rng: random.Random, area: str, count: int, reserved: tuple[str, ...] = ()
) -> list[str]:
    """Return `count` distinct synthetic village names ("Thôn Nà Hang", "Bản Sủng Chua" …).

    The style of each name follows an ethnic group drawn from the area's mix (Tày, Mông or
    Kinh place-name syllables). Names in `reserved` are put first, in order, and never drawn
    again. The result is deterministic for the state of `rng`.
    """
    names = list(reserved)
    taken = {n.split(" ", 1)[1] for n in names}
    mix = ETHNIC_MIX[area]
    while len(names) < count:
        style = _STYLE.get(rng.choice(mix), "tay")
        first, second = _SYLLABLES[style]
        core = f"{rng.choice(first)} {rng.choice(second)}"
        if core in taken or core.split()[0] == core.split()[1]:
            continue
        taken.add(core)
        kind = "Bản" if style != "kinh" and rng.random() < 0.2 else "Thôn"
        names.append(f"{kind} {core}")
    return names[:count]


#: Where members working away are (GLOSSARY "working_away"); provinces after the 2025 merger.
WORK_AWAY_PLACES = weighted(
    [
        ("Hà Nội", 8),
        ("Bắc Ninh", 7),
        ("TP. Hồ Chí Minh", 5),
        ("Thái Nguyên", 4),
        ("Hải Phòng", 3),
        ("Phú Thọ", 3),
        ("Quảng Ninh", 2),
        ("Đồng Nai", 2),
        ("Hàn Quốc", 1),
        ("Nhật Bản", 2),
    ]
)

#: Religions recorded on members' files, by ethnic group: (religion, probability) pairs.
RELIGIONS: dict[str, tuple[tuple[str, float], ...]] = {
    "Kinh": (("Phật giáo", 0.025), ("Công giáo", 0.01)),
    "Mông": (("Tin Lành", 0.05),),
    "Dao": (("Phật giáo", 0.005),),
    "Hoa": (("Phật giáo", 0.05),),
}
