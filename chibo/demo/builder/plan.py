"""The organisation tree of the demo province, planned in memory and bulk-created.

Province → one commune-level unit per real ward of Tuyên Quang (package `vietnam-provinces`) →
cells (village or residential-group cells, agency, schools, clinic, police, army, sometimes an
enterprise and a retirees cell) → party groups in large village cells (GLOSSARY
"Organisation"; rule CELL-4: since 01/7/2025 communes sit directly under the province).

Treebeard paths, depths and child counts are computed here (`Unit._get_path`) so that the
whole tree goes in with a few `bulk_create` calls instead of one `add_child()` per unit.
"""

import datetime
import random

from vietnam_provinces import Province, ProvinceCode, VietNamDivisionType, Ward

from chibo.core.text import collation_key
from chibo.demo.builder.places import area_of, village_names
from chibo.demo.builder.scales import (
    ACCOUNT_CELL_MIN_MEMBERS,
    CHIEM_HOA,
    PARTY_GROUP_THRESHOLD,
    Scale,
)
from chibo.org.models import CellType, Unit, UnitKind

#: Communes and cells of the new two-level local government are in force from this date
#: (rule CELL-4).
NEW_ORDER = datetime.date(2025, 7, 1)
PROVINCE_CODE = ProvinceCode.P_08  # Tuyên Quang (merged with Hà Giang on 01/7/2025)
#: The village cell of the demo accounts bithu, phobithu and dangvien (in Xã Chiêm Hoá).
ACCOUNT_VILLAGE = "Thôn Nà Tâu"
AGENCY_CELL = "Chi bộ cơ quan Đảng ủy – HĐND – UBND"
BATCH_SIZE = 2000

_ENTERPRISES = (
    "Công ty TNHH Vận tải",
    "Công ty Cổ phần Xây dựng",
    "Công ty TNHH Thương mại",
    "Công ty Cổ phần Chế biến lâm sản",
    "Công ty TNHH Dịch vụ",
)


class CellPlan:
    """A planned cell: its Unit (unsaved until `create_units`), role, size and area label."""

    __slots__ = ("unit", "role", "size", "area_label", "commune", "account")

    def __init__(self, unit: Unit, role: str, size: int, area_label: str = ""):
        """`role` is a key of people.ROLES ("village", "agency" …); `size` its member count."""
        self.unit = unit
        self.role = role
        self.size = size
        self.area_label = area_label
        self.commune: CommunePlan | None = None
        self.account = False


class CommunePlan:
    """A planned commune-level unit: the real ward, its Unit, its cells and residential areas."""

    __slots__ = (
        "code",
        "ward_name",
        "short_name",
        "is_ward",
        "area",
        "unit",
        "cells",
        "areas",
        "ordinal",
    )

    def __init__(self, ward, ordinal: int):
        """Take the real `ward` (vietnam_provinces.Ward) and its position in the province."""
        self.code = int(ward.code)
        self.ward_name = ward.name  # "Xã Chiêm Hoá"
        division, self.short_name = ward.name.split(" ", 1)
        self.is_ward = ward.division_type == VietNamDivisionType.PHUONG
        self.area = area_of(self.code, self.is_ward)
        self.unit = Unit(
            name=f"Đảng bộ {division.lower()} {self.short_name}",
            kind=UnitKind.COMMUNE,
            admin_code=str(self.code),
            valid_from=NEW_ORDER,
        )
        self.cells: list[CellPlan] = []
        self.areas: list[str] = []  # village / residential group labels, for residences
        self.ordinal = ordinal


class ProvincePlan:
    """The whole planned tree: the province Unit, its communes, every cell, every Unit."""

    def __init__(self, province: Unit, communes: list[CommunePlan], groups: list[Unit]):
        """Keep the parts; `groups` are the party-group Units."""
        self.province = province
        self.communes = communes
        self.groups = groups
        self.cells = [cell for commune in communes for cell in commune.cells]

    def all_units(self) -> list[Unit]:
        """Every planned Unit in tree (path) order of levels: province, communes, cells, groups."""
        return (
            [self.province]
            + [c.unit for c in self.communes]
            + [cell.unit for cell in self.cells]
            + self.groups
        )


def province_wards(codes: tuple[int, ...] | None) -> list:
    """The real commune-level units of Tuyên Quang (all 124, or those whose code is in `codes`).

    Sorted in Vietnamese order of their party-unit names. Raises ValueError if a code in
    `codes` is not a unit of the province.
    """
    wards = [w for w in Ward.iter_all() if w.province_code == PROVINCE_CODE]
    if codes is not None:
        known = {int(w.code) for w in wards}
        missing = set(codes) - known
        if missing:
            raise ValueError(f"not communes of Tuyên Quang: {sorted(missing)}")
        wards = [w for w in wards if int(w.code) in codes]
    return sorted(
        wards, key=lambda w: (w.division_type != VietNamDivisionType.PHUONG, collation_key(w.name))
    )


def _size(rng: random.Random, scale: Scale, role: str) -> int:
    """A member count for a cell of `role`, from the scale's triangular law."""
    low, high, mode = scale.size_range(role)
    return int(rng.triangular(low, high + 1, mode))


def _cell(
    commune: CommunePlan, name: str, cell_type: str, role: str, size: int, area_label: str = ""
) -> CellPlan:
    """Add a planned cell to `commune` and return it."""
    unit = Unit(
        name=name,
        kind=UnitKind.CELL,
        cell_type=cell_type,
        valid_from=NEW_ORDER,
        residential_area=area_label,
    )
    cell = CellPlan(unit, role, size, area_label)
    cell.commune = commune
    commune.cells.append(cell)
    return cell


def _plan_commune(commune: CommunePlan, scale: Scale, rng: random.Random) -> None:
    """Plan the cells of one commune (numbers and sizes from `scale`, names from `rng`)."""
    div = "phường" if commune.is_ward else "xã"
    if commune.is_ward:
        count = rng.randint(*scale.urban_groups)
        commune.areas = [f"Tổ dân phố {i}" for i in range(1, count + 1)]
        for label in commune.areas:
            _cell(
                commune,
                f"Chi bộ {label[0].lower()}{label[1:]}",
                CellType.URBAN,
                "urban",
                _size(rng, scale, "urban"),
                label,
            )
    else:
        count = rng.randint(*scale.villages)
        reserved = (ACCOUNT_VILLAGE,) if commune.code == CHIEM_HOA else ()
        commune.areas = village_names(rng, commune.area, count, reserved)
        for label in commune.areas:
            cell = _cell(
                commune,
                f"Chi bộ {label[0].lower()}{label[1:]}",
                CellType.RURAL,
                "village",
                _size(rng, scale, "village"),
                label,
            )
            if label in reserved:
                cell.account = True
                cell.size = max(cell.size, ACCOUNT_CELL_MIN_MEMBERS)
    _cell(commune, AGENCY_CELL, CellType.AGENCY, "agency", _size(rng, scale, "agency"))
    schools = [
        f"Trường THCS {commune.short_name}",
        f"Trường Tiểu học {commune.short_name}",
        f"Trường Mầm non {commune.short_name}",
        f"Trường Tiểu học {commune.areas[-1].split(' ', 1)[1]}",
    ]
    for school in schools[: rng.randint(*scale.schools)]:
        _cell(
            commune,
            f"Chi bộ {school}",
            CellType.PUBLIC_SERVICE,
            "school",
            _size(rng, scale, "school"),
        )
    if scale.services:
        _cell(
            commune,
            "Chi bộ Trạm Y tế",
            CellType.PUBLIC_SERVICE,
            "clinic",
            _size(rng, scale, "clinic"),
        )
        _cell(
            commune, f"Chi bộ Công an {div}", CellType.POLICE, "police", _size(rng, scale, "police")
        )
        _cell(commune, f"Chi bộ Quân sự {div}", CellType.ARMY, "army", _size(rng, scale, "army"))
    share, most = scale.enterprises_phuong if commune.is_ward else scale.enterprises_xa
    if most and rng.random() < share:
        if commune.is_ward:
            names = [
                f"{firm} {commune.short_name}"
                for firm in rng.sample(_ENTERPRISES, rng.randint(1, most))
            ]
        else:
            names = [f"Hợp tác xã Nông lâm nghiệp {rng.choice(commune.areas).split(' ', 1)[1]}"]
        for name in names:
            _cell(
                commune,
                f"Chi bộ {name}",
                CellType.ENTERPRISE,
                "enterprise",
                _size(rng, scale, "enterprise"),
            )
    if rng.random() < (scale.retirees_phuong if commune.is_ward else scale.retirees_xa):
        _cell(
            commune, "Chi bộ Hưu trí", CellType.RETIREES, "retirees", _size(rng, scale, "retirees")
        )


def plan_province(scale: Scale, seed: int) -> ProvincePlan:
    """Plan the whole tree for `scale` and `seed` (nothing is saved).

    Each commune has its own random stream seeded from (seed, scale, ward code), so the plan is
    deterministic. Returns a ProvincePlan whose Units have name, kind, cell type, admin code
    and dates but no tree path yet (see `create_units`).
    """
    province_name = Province.from_code(PROVINCE_CODE).name
    province = Unit(
        name=f"Đảng bộ tỉnh {province_name}",
        kind=UnitKind.PROVINCE,
        admin_code=f"{int(PROVINCE_CODE):02d}",
        valid_from=NEW_ORDER,
    )
    communes = []
    for ordinal, ward in enumerate(province_wards(scale.communes)):
        commune = CommunePlan(ward, ordinal)
        rng = random.Random(f"chibo-demo:{seed}:{scale.name}:{commune.code}")
        _plan_commune(commune, scale, rng)
        communes.append(commune)
    groups = []
    for commune in communes:
        for cell in commune.cells:
            if cell.role == "village" and cell.size > PARTY_GROUP_THRESHOLD:
                count = 2 if cell.size <= 70 else 3
                groups.extend(
                    Unit(
                        name=f"Tổ đảng số {i}",
                        kind=UnitKind.PARTY_GROUP,
                        valid_from=NEW_ORDER,
                        residential_area=cell.area_label,
                    )
                    for i in range(1, count + 1)
                )
                cell.unit.numchild = count
    return ProvincePlan(province, communes, groups)


def _place(unit: Unit, parent_path: str | None, depth: int, index: int) -> None:
    """Give `unit` its treebeard path for position `index` (1-based) under `parent_path`."""
    unit.path = Unit._get_path(parent_path, depth, index)
    unit.depth = depth


def create_units(plan: ProvincePlan) -> None:
    """Compute paths, depths and child counts, then bulk-create every Unit of `plan`.

    The province becomes the last root of the tree. Each unit's derived search and sort columns
    are filled by `Unit.refresh_derived()`. Afterwards every Unit in the plan has its pk.
    """
    last_root = Unit.objects.get_last_root_node()
    root_index = Unit._str2int(last_root.path) + 1 if last_root else 1
    _place(plan.province, None, 1, root_index)
    plan.province.numchild = len(plan.communes)
    groups = iter(plan.groups)
    for ci, commune in enumerate(plan.communes, start=1):
        _place(commune.unit, plan.province.path, 2, ci)
        commune.unit.numchild = len(commune.cells)
        for ki, cell in enumerate(commune.cells, start=1):
            _place(cell.unit, commune.unit.path, 3, ki)
            for gi in range(1, cell.unit.numchild + 1):
                _place(next(groups), cell.unit.path, 4, gi)
    units = plan.all_units()
    for unit in units:
        unit.refresh_derived()
    Unit.objects.bulk_create(units, batch_size=BATCH_SIZE)
