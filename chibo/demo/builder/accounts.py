"""Demo user accounts: one per role, all with the same printed password.

`DEMO_ACCOUNTS` is plain data (username, role, units) so that `make run`
and `chibo demo --accounts` can print the table without a database. Accounts linked to a member
(`bithu`, `phobithu`, `dangvien`) get that member's name; the others fixed synthetic names.
"""

from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import get_hasher, make_password
from django.utils.translation import gettext as _

from chibo.core.text import split_name
from chibo.demo.builder.plan import ACCOUNT_VILLAGE, ProvincePlan
from chibo.demo.builder.scales import CHIEM_HOA, MINH_XUAN
from chibo.org.models import Role, RoleGrant, Unit

#: The one password of every demo account (printed after each build; never use in production).
DEMO_PASSWORD = "chibo2026"
#: Demo users carry e-mail addresses in this reserved domain (RFC 2606): that is how the guard
#: tells a demo user from a real one with the same username.
DEMO_EMAIL_DOMAIN = "demo.chibo.invalid"

PROVINCE_UNIT = "Đảng bộ tỉnh Tuyên Quang"
ACCOUNT_COMMUNE = "Đảng bộ xã Chiêm Hoá"
ACCOUNT_CELL = f"Chi bộ {ACCOUNT_VILLAGE[0].lower()}{ACCOUNT_VILLAGE[1:]}"  # Chi bộ thôn Nà Tâu
VISIT_COMMUNE = "Đảng bộ phường Minh Xuân"
VISIT_CELLS = ("Chi bộ tổ dân phố 1", "Chi bộ tổ dân phố 2")

#: One entry per demo account. `units` are unit names; `commune` (when set) is the commune the
#: units are in. `member` names the account cell member the user is linked to (see people.py).
DEMO_ACCOUNTS: list[dict] = [
    {
        "username": "tinh",
        "role": Role.PROVINCE_ADMIN,
        "units": [PROVINCE_UNIT],
        "commune": "",
        "include_descendants": True,
        "last_name": "Trần Minh",
        "first_name": "Đức",
    },
    {
        "username": "xa",
        "role": Role.UNIT_ADMIN,
        "units": [ACCOUNT_COMMUNE],
        "commune": "",
        "include_descendants": True,
        "last_name": "Hoàng Thị",
        "first_name": "Lan",
    },
    {
        "username": "bithu",
        "role": Role.CELL_SECRETARY,
        "units": [ACCOUNT_CELL],
        "commune": ACCOUNT_COMMUNE,
        "include_descendants": True,
        "member": "secretary",
    },
    {
        "username": "phobithu",
        "role": Role.CELL_DEPUTY,
        "units": [ACCOUNT_CELL],
        "commune": ACCOUNT_COMMUNE,
        "include_descendants": True,
        "member": "deputy",
    },
    {
        "username": "dangvien",
        "role": Role.CELL_MEMBER,
        "units": [ACCOUNT_CELL],
        "commune": ACCOUNT_COMMUNE,
        "include_descendants": False,
        "member": "plain",
    },
    {
        "username": "kiemtra",
        "role": Role.INSPECTOR,
        "units": [PROVINCE_UNIT],
        "commune": "",
        "include_descendants": True,
        "last_name": "Phạm Văn",
        "first_name": "Hùng",
    },
    {
        "username": "giamsat",
        "role": Role.VISITING_OFFICIAL,
        "units": list(VISIT_CELLS),
        "commune": VISIT_COMMUNE,
        "include_descendants": False,
        "last_name": "Đỗ Thị",
        "first_name": "Mai",
    },
    {
        "username": "admin",
        "role": "",
        "units": [],
        "commune": "",
        "include_descendants": False,
        "last_name": "",
        "first_name": "Quản trị viên",
        "superuser": True,
    },
]
DEMO_USERNAMES = frozenset(account["username"] for account in DEMO_ACCOUNTS)


@cache
def _password_hash(algorithm: str) -> str:
    """The hash of DEMO_PASSWORD for the default hasher (`algorithm`), once per process.

    The password is public, so a PBKDF2 hash with few iterations is enough; Django upgrades it
    to the full iteration count on the first login (`must_update`). This keeps a tiny build
    well under a second. Other hashers use their default cost.
    """
    hasher = get_hasher("default")
    if hasattr(hasher, "iterations") and hasattr(hasher, "salt"):
        return hasher.encode(DEMO_PASSWORD, hasher.salt(), iterations=1000)
    return make_password(DEMO_PASSWORD)


def demo_users(*, force: bool = False):
    """The demo users: demo usernames with an e-mail address in DEMO_EMAIL_DOMAIN.

    With `force`, any user holding a demo username (a forced build takes the names over).
    """
    users = get_user_model().objects.filter(username__in=DEMO_USERNAMES)
    if not force:
        users = users.filter(email__iendswith=f"@{DEMO_EMAIL_DOMAIN}")
    return users


def account_rows() -> list[tuple[str, str, str, str]]:
    """The account table as rows (username, password, role label, units and commune)."""
    rows = []
    for account in DEMO_ACCOUNTS:
        where = ", ".join(account["units"]) or "—"
        if account["commune"]:
            where = f"{where} ({account['commune']})"
        role = (
            Role(account["role"]).label
            if account.get("role")
            else _("System administrator (Django admin)")
        )
        rows.append((account["username"], DEMO_PASSWORD, str(role), where))
    return rows


def create_accounts(plan: ProvincePlan, account_members: dict) -> None:
    """Create the demo users, their role grants and their links to members.

    `account_members` maps "secretary", "deputy", "plain" … to the saved Members of the
    account cell (people.CommuneMembers.account). Raises LookupError if a unit an account
    needs is not in the plan (every scale contains Xã Chiêm Hoá and Phường Minh Xuân).
    """
    user_model = get_user_model()
    by_commune = {c.code: c for c in plan.communes}
    units: dict[tuple[str, str], Unit] = {("", PROVINCE_UNIT): plan.province}
    for code in (CHIEM_HOA, MINH_XUAN):
        commune = by_commune.get(code)
        if commune is None:
            raise LookupError(f"commune {code} is missing from the demo plan")
        units[("", commune.unit.name)] = commune.unit
        for cell in commune.cells:
            units[(commune.unit.name, cell.unit.name)] = cell.unit
    password = _password_hash(get_hasher("default").algorithm)
    grants = []
    for account in DEMO_ACCOUNTS:
        member = account_members.get(account.get("member", ""))
        if member is not None:
            last_name, first_name = split_name(member.full_name)
        else:
            last_name, first_name = account["last_name"], account["first_name"]
        superuser = account.get("superuser", False)
        user = user_model.objects.create(
            username=account["username"],
            email=f"{account['username']}@{DEMO_EMAIL_DOMAIN}",
            first_name=first_name,
            last_name=last_name,
            password=password,
            is_staff=superuser,
            is_superuser=superuser,
        )
        if member is not None:  # update(), not save(): no history row for demo data
            type(member).objects.filter(pk=member.pk).update(user=user)
            member.user = user
        for name in account["units"]:
            unit = units.get((account["commune"], name))
            if unit is None:
                raise LookupError(f"demo unit {name!r} is missing from the plan")
            grants.append(
                RoleGrant(
                    user=user,
                    role=account["role"],
                    unit=unit,
                    include_descendants=account["include_descendants"],
                )
            )
    RoleGrant.objects.bulk_create(grants)
