"""Scales of the demo province: which communes, how many cells, how many members per cell.

- ``tiny``: the two communes the demo accounts use, 3 cells each, 8–12 members per cell (the
  account cell has 26): for unit tests, builds in well under a second.
- ``small``: four communes (one phường), 7–10 cells each, 10–40 members per cell: for browser
  tests, a few seconds.
- ``province``: all 124 commune-level units of Tuyên Quang (117 xã, 7 phường), about 3,500
  cells and > 130,000 members (RULES "Scale": > 136,000 members since 01/7/2025).
"""

from dataclasses import dataclass, field

#: Real GSO codes of the communes every scale contains (used by the demo accounts).
CHIEM_HOA = 2287  # Xã Chiêm Hoá: accounts xa, bithu, phobithu, dangvien
MINH_XUAN = 2215  # Phường Minh Xuân: account giamsat
LUNG_CU = 715  # Xã Lũng Cú: a Mông highland commune (small scale)
TAN_TRAO = 2545  # Xã Tân Trào: a lowland commune (small scale)


@dataclass(frozen=True)
class Scale:
    """How big a demo build is.

    `communes` lists real ward codes (None: every unit of the province). Ranges are inclusive
    (low, high); member counts are drawn from a triangular law (low, high, mode) per cell role.
    `enterprises_xa` / `enterprises_phuong` are (probability, max count) per commune;
    `retirees_xa` / `retirees_phuong` the probability of a retirees cell.
    """

    name: str
    communes: tuple[int, ...] | None
    villages: tuple[int, int]
    urban_groups: tuple[int, int]
    schools: tuple[int, int]
    services: bool
    enterprises_xa: tuple[float, int] = (0.0, 0)
    enterprises_phuong: tuple[float, int] = (0.0, 0)
    retirees_xa: float = 0.0
    retirees_phuong: float = 0.0
    sizes: dict[str, tuple[int, int, int]] = field(default_factory=dict)

    def size_range(self, role: str) -> tuple[int, int, int]:
        """(low, high, mode) of the member count of a cell with this role."""
        return self.sizes.get(role) or self.sizes["default"]


SCALES: dict[str, Scale] = {
    "tiny": Scale(
        name="tiny",
        communes=(CHIEM_HOA, MINH_XUAN),
        villages=(2, 2),
        urban_groups=(2, 2),
        schools=(0, 0),
        services=False,
        sizes={"default": (8, 12, 10)},
    ),
    "small": Scale(
        name="small",
        communes=(CHIEM_HOA, MINH_XUAN, LUNG_CU, TAN_TRAO),
        villages=(2, 3),
        urban_groups=(2, 3),
        schools=(1, 1),
        services=True,
        enterprises_xa=(0.3, 1),
        enterprises_phuong=(0.5, 1),
        retirees_xa=0.3,
        retirees_phuong=0.5,
        sizes={"default": (10, 40, 20)},
    ),
    "province": Scale(
        name="province",
        communes=None,
        villages=(12, 28),
        urban_groups=(22, 38),
        schools=(2, 4),
        services=True,
        enterprises_xa=(0.35, 1),
        enterprises_phuong=(1.0, 3),
        retirees_xa=0.25,
        retirees_phuong=0.7,
        sizes={
            "default": (8, 20, 12),
            "village": (14, 100, 35),
            "urban": (15, 90, 35),
            "agency": (25, 60, 38),
            "school": (6, 22, 12),
            "clinic": (4, 12, 7),
            "police": (6, 16, 10),
            "army": (4, 10, 6),
            "enterprise": (5, 22, 10),
            "retirees": (15, 45, 28),
        },
    ),
}

#: Account cell: at least this many members (so it has ≥ 9 full members and a deputy, rule CELL-3).
ACCOUNT_CELL_MIN_MEMBERS = 26
#: Village cells with more members than this get party groups (Tổ đảng).
PARTY_GROUP_THRESHOLD = 45
