"""Synthetic personal names for the demo province, by ethnic group.

The Kinh lists start from Faker's `vi_VN` person provider and add common names; the lists for
the ethnic minorities of Tuyên Quang and Hà Giang (Tày, Mông, Dao, Nùng, Sán Chay, Giáy, Lô Lô,
La Chí, Pà Thẻn …) are our own, built from common family names and naming patterns (e.g. Mông
men's middle names "Mí", "Seo", Dao middle names "Tòn", "Quầy"). Names are drawn with a seeded
`random.Random`, never with Faker per row (speed), so every build is deterministic and every
person is synthetic.

The given name "Ân" is deliberately left out of every list: the demo gives exactly one member
that name ("Nguyễn Văn Ân", see accounts.py) so browser tests can search for it.
"""

import random

from faker.providers.person.vi_VN import Provider as _FakerViVN


def weighted(pairs: list[tuple[str, int]]) -> tuple[str, ...]:
    """Expand (value, weight) pairs into a tuple where each value repeats `weight` times.

    `rng.choice()` on the result is a weighted draw, much faster than `rng.choices()` per call.
    """
    return tuple(value for value, weight in pairs for _ in range(weight))


def _unique(*groups) -> tuple[str, ...]:
    """Concatenate name lists, dropping duplicates but keeping the first order."""
    seen: dict[str, None] = {}
    for group in groups:
        for name in group:
            seen.setdefault(name, None)
    return tuple(seen)


# --- Kinh (base lists from Faker vi_VN, extended) ----------------------------------------------
_KINH_SURNAMES = weighted(
    [(name, 3) for name in _FakerViVN.last_names]
    + [
        ("Nguyễn", 20),
        ("Trần", 6),
        ("Lê", 5),
        ("Phạm", 4),
        ("Hoàng", 3),
        ("Đỗ", 3),
        ("Ngô", 2),
        ("Đinh", 2),
        ("Phan", 2),
        ("Lý", 1),
        ("Trịnh", 1),
        ("Đào", 1),
        ("Hà", 2),
        ("Lương", 1),
        ("Vương", 1),
        ("Tạ", 1),
        ("Chu", 1),
        ("Cao", 1),
        ("Kiều", 1),
        ("Lưu", 1),
        ("Quách", 1),
    ]
)
_KINH_MIDDLE_MALE = weighted(
    [(m, 1) for m in _FakerViVN.middle_names if m not in {"Thị", "Mai", "Mai Bảo"}]
    + [
        ("Văn", 12),
        ("Đức", 3),
        ("Minh", 3),
        ("Quang", 2),
        ("Xuân", 2),
        ("Hữu", 2),
        ("Mạnh", 1),
        ("Thanh", 2),
        ("Ngọc", 1),
        ("Công", 1),
        ("Duy", 1),
        ("Tiến", 1),
    ]
)
_KINH_MIDDLE_FEMALE = weighted(
    [
        ("Thị", 14),
        ("Thu", 2),
        ("Thanh", 2),
        ("Ngọc", 2),
        ("Hồng", 1),
        ("Minh", 1),
        ("Kim", 1),
        ("Phương", 1),
        ("Mai", 1),
        ("Bích", 1),
        ("Thúy", 1),
    ]
)
_GIVEN_MALE = _unique(
    _FakerViVN.first_names_male,
    (
        "Tuấn",
        "Hùng",
        "Cường",
        "Thắng",
        "Long",
        "Sơn",
        "Hải",
        "Bình",
        "Thịnh",
        "Toàn",
        "Khánh",
        "Lợi",
        "Tiến",
        "Đông",
        "Hiếu",
        "Hậu",
        "Lâm",
        "Quý",
        "Tâm",
        "Thái",
        "Kiên",
        "Chiến",
        "Hoà",
        "Định",
        "Tuyến",
        "Sinh",
        "Vinh",
        "Hào",
        "Đạt",
        "Thuận",
        "Việt",
        "Phong",
        "Khải",
        "Thọ",
        "Bằng",
        "Chung",
        "Quyết",
        "Hợp",
        "Đoàn",
        "Tường",
    ),
)
_GIVEN_FEMALE = _unique(
    _FakerViVN.first_names_female,
    (
        "Hoa",
        "Huệ",
        "Thủy",
        "Nga",
        "Hằng",
        "Trang",
        "Nhung",
        "Thu",
        "Loan",
        "Hiền",
        "Dung",
        "Phượng",
        "Oanh",
        "Thơm",
        "Liên",
        "Tuyết",
        "Hường",
        "Nhàn",
        "Thắm",
        "Lụa",
        "Hạnh",
        "Ngân",
        "Quyên",
        "Thư",
        "Uyên",
        "Diệp",
        "Cúc",
        "Đào",
        "Gấm",
        "Xoan",
        "Thoa",
        "Lý",
        "Tâm",
    ),
)
_GIVEN_UNISEX = tuple(_FakerViVN.first_names_unisex)

# --- Ethnic minorities (our own lists) -----------------------------------------------------------
_VAN_THI = (("Văn",) * 8 + ("Đức", "Thế", "Xuân", "Minh"), ("Thị",) * 8 + ("Thu", "Hồng"))

#: ethnic group → (family names, male middle names, female middle names,
#:                 extra male given names, extra female given names, share of Kinh given names)
_ETHNIC_PARTS: dict[str, tuple] = {
    "Tày": (
        weighted(
            [
                ("Hoàng", 5),
                ("Nông", 4),
                ("Ma", 4),
                ("Lý", 2),
                ("La", 2),
                ("Hà", 3),
                ("Lục", 1),
                ("Quan", 2),
                ("Triệu", 1),
                ("Lương", 1),
                ("Chẩu", 2),
                ("Âu", 1),
                ("Lộc", 1),
                ("Bế", 1),
                ("Đàm", 1),
                ("Vi", 1),
                ("Nguyễn", 2),
                ("Mai", 1),
            ]
        ),
        *_VAN_THI,
        ("Thượng", "Khiêm", "Pảo", "Thình", "Dâng", "Thiêm", "Luân", "Chài"),
        ("Thắm", "Nhự", "Lả", "Piềng", "Thoả", "Ngần", "Lịch", "Khuyên"),
        0.75,
    ),
    "Mông": (
        weighted(
            [
                ("Giàng", 5),
                ("Sùng", 5),
                ("Vàng", 5),
                ("Lý", 3),
                ("Thào", 4),
                ("Hầu", 2),
                ("Hạng", 2),
                ("Lầu", 2),
                ("Mua", 2),
                ("Vừ", 2),
                ("Ly", 2),
                ("Tráng", 1),
                ("Cứ", 1),
                ("Chảo", 1),
                ("Thèn", 1),
            ]
        ),
        ("Mí", "Mí", "Seo", "Seo", "A", "Chứ", "Văn", "Mý", "Nhà", "Sính"),
        ("Thị", "Thị", "Thị", "Mỷ", "Thị Mỷ"),
        (
            "Pó",
            "Sính",
            "Chứ",
            "Dế",
            "Dình",
            "Páo",
            "Vần",
            "Sử",
            "Chơ",
            "Lử",
            "Súa",
            "Tủa",
            "Chá",
            "Thề",
            "Xà",
            "Phử",
            "Sèo",
            "Lềnh",
            "Pao",
            "Say",
            "Khai",
            "Dỉn",
            "Nhè",
            "Giáo",
        ),
        (
            "Mỷ",
            "Dí",
            "Sua",
            "Dợ",
            "Pàng",
            "Dở",
            "Chở",
            "Mỉ",
            "Dủa",
            "Xí",
            "Chúa",
            "Vư",
            "Dung",
            "Sinh",
            "Mai",
            "Say",
            "Sú",
            "Chi",
        ),
        0.1,
    ),
    "Dao": (
        weighted(
            [
                ("Bàn", 5),
                ("Triệu", 5),
                ("Đặng", 4),
                ("Lý", 3),
                ("Chảo", 3),
                ("Phùng", 2),
                ("Tẩn", 2),
                ("Dương", 1),
                ("Hoàng", 1),
                ("Vương", 1),
            ]
        ),
        ("Văn", "Văn", "Văn", "Kim", "Tòn", "Phúc", "Tài", "Quầy", "Chàn", "Vần", "Mùi"),
        ("Thị", "Thị", "Thị", "Thị", "Mùi", "Kim"),
        (
            "Sành",
            "Phin",
            "Lở",
            "Kiềm",
            "Quẩy",
            "Chòi",
            "Phấu",
            "Vượng",
            "Hin",
            "Chương",
            "Tá",
            "Khé",
            "Dín",
            "Sao",
            "Kháng",
            "Lìn",
            "Chiêu",
        ),
        ("Mẩy", "Múi", "Xiêm", "Liều", "Chài", "Nhất", "Vàng", "Tầm", "Lìu", "Kiều", "Slin"),
        0.4,
    ),
    "Nùng": (
        weighted(
            [
                ("Nùng", 2),
                ("Hoàng", 4),
                ("Lương", 2),
                ("Vi", 2),
                ("Nông", 3),
                ("Lục", 2),
                ("Sầm", 1),
                ("Lăng", 1),
                ("Chu", 1),
                ("Mã", 1),
                ("Hà", 1),
            ]
        ),
        *_VAN_THI,
        ("Pẳng", "Sinh", "Tồn", "Quyền", "Slằn", "Pằng", "Phủ"),
        ("Slao", "Pảng", "Mỉn", "Nhì", "Thiềm", "Xuyến"),
        0.7,
    ),
    "Sán Chay": (
        weighted(
            [
                ("Hoàng", 3),
                ("Lâm", 3),
                ("Trần", 2),
                ("Lý", 2),
                ("Triệu", 2),
                ("Dương", 2),
                ("Hà", 1),
                ("Nịnh", 2),
                ("Trương", 1),
                ("Lưu", 1),
                ("Ninh", 1),
                ("Bàng", 1),
            ]
        ),
        *_VAN_THI,
        ("Cắm", "Nhì", "Dẩu", "Xìn"),
        ("Nhì", "Sáy", "Dần", "Mừng"),
        0.8,
    ),
    "Giáy": (("Sần", "Vương", "Lù", "Hoàng", "Lò"), *_VAN_THI, ("Seo", "Khìn"), ("Mỷ", "Sầu"), 0.5),
    "Lô Lô": (
        ("Lò", "Sìn", "Lùng", "Vàng", "Mán"),
        ("Văn", "Văn", "Chí"),
        ("Thị",),
        ("Chớ", "Sính", "Dùng"),
        ("Pà", "Mỷ", "Xúa"),
        0.4,
    ),
    "La Chí": (
        ("Cháng", "Vương", "Lỳ", "Lù", "Lự"),
        *_VAN_THI,
        ("Sẩu", "Chín"),
        ("Thàm", "Sỉn"),
        0.5,
    ),
    "Pà Thẻn": (
        ("Hoàng", "Lý", "Phù", "Đặng", "Sìn"),
        *_VAN_THI,
        ("Ton", "Sằn"),
        ("Mủi", "Nghìn"),
        0.5,
    ),
    "Pu Péo": (("Giàng", "Lùng", "Cáo", "Ngán"), *_VAN_THI, ("Sỉnh", "Pờ"), ("Pà", "Dìn"), 0.5),
    "Phù Lá": (("Thèn", "Lý", "Vàng", "Pờ"), *_VAN_THI, ("Hùng", "Páo"), ("Phà", "Xua"), 0.5),
    "Hoa": (
        ("Vòng", "Lồ", "Chềnh", "Tằng", "Lỷ", "Dìu"),
        *_VAN_THI,
        ("Sáng", "Phúc"),
        ("Dín", "Mùi"),
        0.6,
    ),
    "Sán Dìu": (
        ("Lam", "Tằng", "Lỷ", "Đặng", "Trương", "Diệp"),
        *_VAN_THI,
        ("Nhì", "Sáng"),
        ("Nhì", "Múi"),
        0.7,
    ),
}

#: Ethnic groups with a name list (Kinh is handled separately).
ETHNIC_GROUPS = ("Kinh", *_ETHNIC_PARTS)


class NameMaker:
    """Draws synthetic Vietnamese full names with a caller's seeded `random.Random`."""

    def __init__(self, rng: random.Random):
        """Keep the random source; all draws go through it (deterministic for a seed)."""
        self.rng = rng

    def full_name(self, ethnicity: str, male: bool) -> str:
        """Return a synthetic full name "Family Middle Given" typical of `ethnicity`.

        Unknown ethnic groups get a Kinh-style name. Never returns the given name "Ân".
        """
        rng = self.rng
        parts = _ETHNIC_PARTS.get(ethnicity)
        if parts is None:
            family = rng.choice(_KINH_SURNAMES)
            middle = rng.choice(_KINH_MIDDLE_MALE if male else _KINH_MIDDLE_FEMALE)
            if rng.random() < 0.15:
                given = rng.choice(_GIVEN_UNISEX)
            else:
                given = rng.choice(_GIVEN_MALE if male else _GIVEN_FEMALE)
            return f"{family} {middle} {given}"
        families, mid_m, mid_f, own_m, own_f, kinh_share = parts
        family = rng.choice(families)
        middle = rng.choice(mid_m if male else mid_f)
        if rng.random() < kinh_share:
            given = rng.choice(_GIVEN_MALE if male else _GIVEN_FEMALE)
        else:
            given = rng.choice(own_m if male else own_f)
        return f"{family} {middle} {given}"
