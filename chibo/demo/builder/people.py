"""Synthetic members of one commune and the dated records about them.

Realism targets (brief of the demo builder; RULES "Members", "Cells and committees"):
ages 18–90 by cell type; admission after the 18th birthday; ~4 % probationary (admitted in the
last 12 months, a few slightly more with their full-membership vote overdue; no full-membership
date, no card yet; rule MEM-1), full membership 12 months
after admission otherwise; ~2 % exempted (old age or ill health, MEM-2); ~1 % temporarily
attached to another cell (MEM-3); ~3 % working away; ~0.5 % temporarily exempted (MEM-4);
police and army members sometimes on special duty (ATT-0); ~4 % of residential members
transferred from another cell since 01/7/2025 (the tree's start, `Context.origin`: earlier in a
build of more than 12 months of meetings, see build.founded_on). Every cell has a secretary;
cells with ≥ 9 full members a deputy and 1–3 committee members (CELL-3); communes a secretary,
deputies, standing and committee members drawn from their cells.
"""

import datetime
import random

from chibo.core.text import fold
from chibo.demo.builder.names import NameMaker, weighted
from chibo.demo.builder.places import ETHNIC_MIX, RELIGIONS, WORK_AWAY_PLACES
from chibo.demo.builder.plan import BATCH_SIZE, NEW_ORDER, CellPlan, CommunePlan
from chibo.members.models import (
    AttachmentReason,
    Exemption,
    ExemptionReason,
    Gender,
    Member,
    Membership,
    Position,
    PositionKind,
    SpecialDuty,
    TemporaryAttachment,
    TemporaryExemption,
    WorkingAway,
)

#: cell role → (share of men, (age low, high, mode), weighted occupations)
ROLES: dict[str, tuple[float, tuple[int, int, int], tuple[str, ...]]] = {
    "village": (
        0.66,
        (18, 90, 55),
        weighted(
            [
                ("Nông dân", 14),
                ("Trồng chè", 2),
                ("Chăn nuôi", 2),
                ("Trồng rừng", 2),
                ("Buôn bán nhỏ", 2),
                ("Cán bộ thôn", 1),
                ("Lao động tự do", 2),
            ]
        ),
    ),
    "urban": (
        0.55,
        (20, 90, 60),
        weighted(
            [
                ("Kinh doanh", 4),
                ("Công nhân", 3),
                ("Lao động tự do", 3),
                ("Nhân viên văn phòng", 2),
                ("Nội trợ", 1),
            ]
        ),
    ),
    "agency": (0.62, (24, 60, 40), weighted([("Công chức", 6), ("Cán bộ", 3), ("Viên chức", 1)])),
    "school": (
        0.3,
        (23, 59, 38),
        weighted([("Giáo viên", 8), ("Cán bộ quản lý giáo dục", 1), ("Nhân viên", 1)]),
    ),
    "clinic": (
        0.35,
        (24, 59, 36),
        weighted(
            [("Y sĩ", 3), ("Điều dưỡng", 3), ("Bác sĩ", 2), ("Nữ hộ sinh", 1), ("Dược sĩ", 1)]
        ),
    ),
    "police": (0.92, (22, 50, 32), ("Công an",)),
    "army": (0.95, (22, 50, 34), ("Quân nhân",)),
    "enterprise": (
        0.6,
        (23, 58, 38),
        weighted([("Công nhân", 5), ("Kỹ sư", 2), ("Nhân viên", 2), ("Quản lý", 1)]),
    ),
    "retirees": (0.6, (58, 92, 72), ("Hưu trí",)),
}
RESIDENTIAL = frozenset({"village", "urban"})
#: Traits of the fixed members of the account cell, in order after the 5 leaders.
ACCOUNT_TRAITS = ("plain", "an", "exempt", "attach", "transfer", "away", "probation")
ACCOUNT_AN_NAME = "Nguyễn Văn Ân"
_AN_FOLDED = fold(ACCOUNT_AN_NAME)
_YEAR = 365.25


def _next_year(day: datetime.date) -> datetime.date:
    """The same day one year later (29 February → 28 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


class Context:
    """What every commune's generator shares: seed, scale, today, the cells that can host, the
    months of meetings built and the day the tree starts."""

    def __init__(
        self,
        *,
        seed: int,
        scale: str,
        today: datetime.date,
        host_cells: list,
        months: int = 12,
        origin: datetime.date = NEW_ORDER,
    ):
        """`host_cells` are the saved cell Units (temporary attachments go to one of them);
        `months` the months of meetings built (meetings.month_list); `origin` the day the
        units, their first positions and cell memberships start (01/7/2025, rule CELL-4,
        unless a long build starts earlier: build.founded_on)."""
        self.seed = seed
        self.scale = scale
        self.today = today
        self.today_ord = today.toordinal()
        self.host_cells = host_cells
        self.months = months
        self.origin = origin
        self.origin_ord = origin.toordinal()


class CommuneMembers:
    """Members of one commune: `generate()` makes them in memory, `save()` bulk-creates them.

    After `save()`, `account` maps the account cell's fixed traits ("secretary", "deputy",
    "plain", "an" …) to saved Members (only for the commune of the account cell).
    """

    def __init__(self, ctx: Context, commune: CommunePlan):
        """Seed a random stream from (seed, scale, ward code): deterministic per commune."""
        self.ctx = ctx
        self.commune = commune
        self.rng = random.Random(f"chibo-demo:{ctx.seed}:{ctx.scale}:{commune.code}:members")
        self.names = NameMaker(self.rng)
        self.mix = ETHNIC_MIX[commune.area]
        self.card_prefix = f"{100 + commune.ordinal:03d}"
        self.serial = 0
        self.members: list[Member] = []
        self.rows: dict[type, list[tuple]] = {
            model: []
            for model in (
                Membership,
                Position,
                Exemption,
                TemporaryExemption,
                TemporaryAttachment,
                WorkingAway,
                SpecialDuty,
            )
        }
        self.account: dict[str, Member] = {}
        self._residences = [f"{area}, {commune.ward_name}" for area in commune.areas]
        self._siblings: list[CellPlan] = []

    # --- generation ---------------------------------------------------------------------------
    def generate(self) -> None:
        """Make every member of every cell of the commune, with their records and positions."""
        secretaries: dict[str, list[Member]] = {}
        agency_leaders: list[Member] = []
        for cell in self.commune.cells:
            leaders = self._cell(cell)
            secretaries.setdefault(cell.role, []).append(leaders[0])
            if cell.role == "agency":
                agency_leaders = leaders
        self._commune_positions(agency_leaders, secretaries)

    def _cell(self, cell: CellPlan) -> list[Member]:
        """Make the members of one cell and its positions; return its leaders (secretary first)."""
        n_leaders = min(cell.size, 7 if cell.role == "agency" else (5 if cell.size >= 9 else 2))
        traits = ["leader"] * n_leaders
        if cell.account:
            traits += list(ACCOUNT_TRAITS)
        traits += [""] * (cell.size - len(traits))
        self._siblings = [c for c in self.commune.cells if c.role == cell.role and c is not cell]
        members = [self._member(cell, trait) for trait in traits]
        leaders = members[:n_leaders]
        unit_id = cell.unit.pk
        full = sum(1 for m in members if m.full_member_on is not None)
        self._position(leaders[0], unit_id, PositionKind.SECRETARY)
        if full >= 9:  # rule CELL-3: a cell committee, at most 7
            self._position(leaders[1], unit_id, PositionKind.DEPUTY_SECRETARY)
            committee = 3 if cell.account else self.rng.randint(1, 3)
            for leader in leaders[2 : 2 + committee]:
                self._position(leader, unit_id, PositionKind.COMMITTEE_MEMBER)
        elif len(leaders) > 1 and full >= 5 and self.rng.random() < 0.4:
            self._position(leaders[1], unit_id, PositionKind.DEPUTY_SECRETARY)
        if cell.account:
            self.account = {"secretary": members[0], "deputy": members[1]}
            self.account.update(zip(ACCOUNT_TRAITS, members[n_leaders:], strict=False))
        return leaders

    def _commune_positions(self, agency: list[Member], secretaries: dict[str, list[Member]]):
        """Commune committee: secretary, 2 deputies, standing and committee members."""
        pool: list[Member] = []
        for member in (
            agency
            + secretaries.get("police", [])
            + secretaries.get("army", [])
            + secretaries.get("school", [])
            + secretaries.get("clinic", [])
            + secretaries.get("village", [])[:4]
            + secretaries.get("urban", [])[:4]
        ):
            if member not in pool:
                pool.append(member)
        unit_id = self.commune.unit.pk
        kinds = (
            [PositionKind.SECRETARY]
            + [PositionKind.DEPUTY_SECRETARY] * 2
            + [PositionKind.STANDING_COMMITTEE_MEMBER] * 4
            + [PositionKind.COMMITTEE_MEMBER] * 8
        )
        for member, kind in zip(pool, kinds, strict=False):
            self._position(member, unit_id, kind)

    def _position(self, member: Member, unit_id: int, kind: str) -> None:
        """Record a position held since the tree's start (01/7/2025: the new communes'
        committees; `Context.origin`)."""
        self.rows[Position].append((member, unit_id, kind, self.ctx.origin, None))

    def _full_name(self, ethnicity: str, male: bool, cell: CellPlan) -> str:
        """A name; in the account cell never one that a search for "nguyen van an" finds."""
        name = self.names.full_name(ethnicity, male)
        while cell.account and _AN_FOLDED in fold(name):
            name = self.names.full_name(ethnicity, male)
        return name

    def _member(self, cell: CellPlan, trait: str) -> Member:
        """Make one member of `cell` (not saved) and queue their dated records."""
        rng, ctx = self.rng, self.ctx
        today = ctx.today_ord
        male_share, (low, high, mode), occupations = ROLES[cell.role]
        male = rng.random() < male_share
        ethnicity = rng.choice(self.mix)
        age = int(rng.triangular(low, high + 1, mode))
        if trait == "leader":
            age = min(max(age, 60), 75) if cell.role == "retirees" else min(max(age, 28), 65)
        elif trait == "exempt":
            age = max(age, 78)
        elif trait in ("away", "attach", "an", "plain"):
            age = min(max(age, 30), 50)
        if trait == "an":
            male, ethnicity, name = True, "Kinh", ACCOUNT_AN_NAME
        else:
            name = self._full_name(ethnicity, male, cell)
        birth = today - int(age * _YEAR) - rng.randint(0, 364)
        eighteen = birth + int(18 * _YEAR) + 1
        latest = (ctx.origin_ord if trait == "leader" else today) - 366
        if trait == "probation":
            probationary = True
        elif trait or cell.role == "retirees":
            probationary = False
        else:
            probationary = eighteen > latest or rng.random() < (
                0.24 if age < 30 else 0.09 if age < 45 else 0.025 if age < 60 else 0.0
            )
        if probationary:
            # A few are past their 12 months with the full-membership vote still due (MEM-1).
            admitted = min(max(today - rng.randint(15, 380), eighteen), today - 1)
        else:
            join_age = rng.triangular(18, max(18.5, min(age - 1.0, 60.0)), 24)
            admitted = min(
                max(birth + int(join_age * _YEAR) + rng.randint(0, 200), eighteen), latest
            )
        admitted_on = datetime.date.fromordinal(admitted)
        full_on = None if probationary else _next_year(admitted_on)
        card = None
        if not probationary:
            self.serial += rng.randint(1, 4)
            card = f"{self.card_prefix}{self.serial:06d}"
        occupation = rng.choice(occupations)
        if age >= 60 and cell.role in RESIDENTIAL and rng.random() < 0.5:
            occupation = "Hưu trí"
        religion = ""
        for faith, share in RELIGIONS.get(ethnicity, ()):
            if rng.random() < share:
                religion = faith
                break
        if cell.area_label:
            residence = f"{cell.area_label}, {self.commune.ward_name}"
        else:
            residence = rng.choice(self._residences)
        birth_date = datetime.date.fromordinal(birth)
        member = Member(
            full_name=name,
            gender=Gender.MALE if male else Gender.FEMALE,
            birth_date=birth_date if rng.random() < 0.94 else None,
            birth_year=birth_date.year,
            ethnicity=ethnicity,
            religion=religion,
            admitted_on=admitted_on,
            full_member_on=full_on,
            card_number=card,
            occupation=occupation,
            phone=f"0900{rng.randrange(1_000_000):06d}" if rng.random() < 0.85 else "",
            residence=residence,
        )
        member.refresh_derived()
        self.members.append(member)
        self._records(member, cell, trait, age, max(admitted, ctx.origin_ord))
        return member

    def _records(self, member: Member, cell: CellPlan, trait: str, age: int, start: int) -> None:
        """Queue the member's memberships and, by chance or trait, their dated records."""
        rng, today = self.rng, self.ctx.today_ord
        unit_id = cell.unit.pk
        others = self._siblings
        if others and (
            trait == "transfer" or (not trait and cell.role in RESIDENTIAL and rng.random() < 0.04)
        ):
            first, last = max(start, self.ctx.origin_ord) + 30, today - 7
            if first < last:
                moved = rng.randint(first, last)
                self._membership(member, rng.choice(others).unit.pk, start, moved - 1)
                start = moved
        self._membership(member, unit_id, start, None)
        if trait == "leader" or trait == "plain" or trait == "an":
            return
        full = member.full_member_on is not None
        if trait == "exempt" or (
            not trait
            and full
            and rng.random()
            < (0.18 if age >= 80 else 0.12 if age >= 75 else 0.06 if age >= 70 else 0.006)
        ):
            reason = ExemptionReason.AGE if age >= 70 else ExemptionReason.HEALTH
            first = min(max(member.full_member_on.toordinal(), today - 6 * 365), today - 30)
            self.rows[Exemption].append((member, reason, rng.randint(first, today - 30), None))
            return
        if trait == "away" or (
            not trait and cell.role in RESIDENTIAL and 20 <= age <= 50 and rng.random() < 0.095
        ):
            begin = rng.randint(today - 1200, today - 30)
            end = begin + rng.randint(90, 400) if rng.random() < 0.2 else None
            if end is not None and end >= today:
                end = None
            self.rows[WorkingAway].append((member, rng.choice(WORK_AWAY_PLACES), begin, end))
            if rng.random() < 0.12:
                pause = rng.randint(max(begin, today - 300), today - 5)
                self.rows[TemporaryExemption].append((member, pause, pause + rng.randint(90, 365)))
            return
        if trait == "attach" or (not trait and 19 <= age <= 55 and rng.random() < 0.022):
            self._attachment(member, cell, trait == "attach")
            return
        if not trait and rng.random() < 0.0015:
            pause = rng.randint(today - 300, today - 5)
            self.rows[TemporaryExemption].append((member, pause, pause + rng.randint(90, 365)))
        if cell.role in ("police", "army") and rng.random() < 0.12:
            begin = rng.randint(today - 200, today - 5)
            self.rows[SpecialDuty].append((member, begin, begin + rng.randint(14, 120)))

    def _membership(self, member: Member, unit_id: int, start: int, end: int | None) -> None:
        """Queue a membership row (dates as ordinals)."""
        self.rows[Membership].append((member, unit_id, start, end))

    def _attachment(self, member: Member, cell: CellPlan, in_province: bool) -> None:
        """Queue a temporary attachment to another cell (MEM-3): work, residence or study."""
        rng, today = self.rng, self.ctx.today_ord
        reason = rng.choice(
            (AttachmentReason.WORK,) * 11
            + (AttachmentReason.STUDY,) * 6
            + (AttachmentReason.RESIDENCE,) * 3
        )
        begin = rng.randint(today - 250, today - 20)
        end = begin + rng.randint(90, 700 if reason == AttachmentReason.STUDY else 360)
        host_id, host_name = None, ""
        hosts = self.ctx.host_cells
        if len(hosts) > 1 and (in_province or rng.random() < 0.8):
            host_id = cell.unit.pk
            while host_id == cell.unit.pk:
                host_id = rng.choice(hosts).pk
        else:
            where = "học tập" if reason == AttachmentReason.STUDY else "làm việc"
            host_name = f"Chi bộ nơi {where} tại {rng.choice(WORK_AWAY_PLACES)}"
        self.rows[TemporaryAttachment].append((member, reason, host_id, host_name, begin, end))

    # --- saving -------------------------------------------------------------------------------
    def save(self) -> None:
        """Bulk-create the members, then every queued row that points at them."""
        Member.objects.bulk_create(self.members, batch_size=BATCH_SIZE)
        day = datetime.date.fromordinal

        def opt(ordinal):
            return None if ordinal is None else day(ordinal)

        rows = self.rows
        objects = {
            Membership: [
                Membership(member_id=m.pk, unit_id=u, start_date=day(s), end_date=opt(e))
                for m, u, s, e in rows[Membership]
            ],
            Position: [
                Position(member_id=m.pk, unit_id=u, kind=k, start_date=s, end_date=e)
                for m, u, k, s, e in rows[Position]
            ],
            Exemption: [
                Exemption(member_id=m.pk, reason=r, start_date=day(s), end_date=opt(e))
                for m, r, s, e in rows[Exemption]
            ],
            TemporaryExemption: [
                TemporaryExemption(member_id=m.pk, start_date=day(s), end_date=day(e))
                for m, s, e in rows[TemporaryExemption]
            ],
            TemporaryAttachment: [
                TemporaryAttachment(
                    member_id=m.pk,
                    reason=r,
                    host_unit_id=h,
                    host_name=n,
                    start_date=day(s),
                    end_date=day(e),
                )
                for m, r, h, n, s, e in rows[TemporaryAttachment]
            ],
            WorkingAway: [
                WorkingAway(member_id=m.pk, place=p, start_date=day(s), end_date=opt(e))
                for m, p, s, e in rows[WorkingAway]
            ],
            SpecialDuty: [
                SpecialDuty(member_id=m.pk, start_date=day(s), end_date=day(e))
                for m, s, e in rows[SpecialDuty]
            ],
        }
        for model, objs in objects.items():
            if objs:
                model.objects.bulk_create(objs, batch_size=BATCH_SIZE)
