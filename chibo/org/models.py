"""The party organisation tree (GLOSSARY "Organisation") and the role grants scoped to it."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from chibo.core.text import collation_key, fold


class UnitKind(models.TextChoices):
    """Kinds of party organisation (GLOSSARY; rule CELL-2, CELL-4)."""

    PROVINCE = "province", _("Provincial party organisation")
    DISTRICT = "district", _("District-level party organisation")
    COMMUNE = "commune", _("Commune-level party committee")
    GRASSROOTS_COMMITTEE = "grassroots_committee", _("Grassroots party committee")
    GRASSROOTS_CELL = "grassroots_cell", _("Grassroots party cell")
    CELL = "cell", _("Party cell")
    PARTY_GROUP = "party_group", _("Party group")


#: Kinds that are cells: they hold meetings and keep a roll of members.
CELL_KINDS = frozenset({UnitKind.GRASSROOTS_CELL, UnitKind.CELL})


class CellType(models.TextChoices):
    """Types of cell (GLOSSARY "Loại hình chi bộ")."""

    RURAL = "rural", _("Rural village")
    URBAN = "urban", _("Urban residential group")
    AGENCY = "agency", _("Administrative agency")
    PUBLIC_SERVICE = "public_service", _("Public service unit")
    ENTERPRISE = "enterprise", _("Enterprise")
    ARMY = "army", _("Army")
    POLICE = "police", _("Police")
    RETIREES = "retirees", _("Retirees")


class Unit(MP_Node):
    """A party organisation at any level, on a materialised path (django-treebeard MP_Node).

    `path` is the treebeard path (4 characters per level); a subtree is one indexed
    `path LIKE 'prefix%'` query. `search_text` and `sort_key` are derived from `name` on save
    (see core.text) for diacritic-insensitive search and Vietnamese ordering.
    Dates in force: `valid_from` / `valid_to` (inclusive; empty = open), e.g. district-level
    units end on 30/6/2025 (rule CELL-4).
    """

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=32, choices=UnitKind.choices)
    cell_type = models.CharField(
        _("cell type"), max_length=32, choices=CellType.choices, blank=True
    )
    residential_area = models.CharField(
        _("residential area"),
        max_length=255,
        blank=True,
        help_text=_("The village or residential group the cell serves, where there is one."),
    )
    admin_code = models.CharField(
        _("administrative unit code"),
        max_length=16,
        blank=True,
        db_index=True,
        help_text=_("Code of the administrative unit it maps to (General Statistics Office)."),
    )
    valid_from = models.DateField(_("in force from"), null=True, blank=True)
    valid_to = models.DateField(_("in force until"), null=True, blank=True)
    search_text = models.CharField(max_length=255, editable=False, default="")
    sort_key = models.CharField(max_length=600, editable=False, default="", db_index=True)

    class Meta:
        verbose_name = _("party unit")
        verbose_name_plural = _("party units")

    def __str__(self) -> str:
        return self.name

    def refresh_derived(self) -> None:
        """Recompute `search_text` and `sort_key` from `name` (call before bulk_create)."""
        self.search_text = fold(self.name)[:255]
        self.sort_key = collation_key(self.name)[:600]

    def save(self, *args, **kwargs):
        """Save, keeping the derived search and sort columns in step with the name."""
        self.refresh_derived()
        super().save(*args, **kwargs)

    @property
    def is_cell(self) -> bool:
        """True for cells (the units that hold meetings and keep a roll)."""
        return self.kind in CELL_KINDS

    def in_force_on(self, on: datetime.date) -> bool:
        """True if the unit exists on date `on` (valid_from ≤ on ≤ valid_to, open ends)."""
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )


class Role(models.TextChoices):
    """Roles a user can be granted on a unit (issue 2, "Accounts and scoped roles")."""

    PROVINCE_ADMIN = "province_admin", _("Province administrator")
    UNIT_ADMIN = "unit_admin", _("Unit administrator (organisation commission)")
    CELL_SECRETARY = "cell_secretary", _("Cell secretary")
    CELL_DEPUTY = "cell_deputy", _("Cell deputy secretary")
    CELL_MEMBER = "cell_member", _("Cell member")
    INSPECTOR = "inspector", _("Inspector (inspection commission)")
    VISITING_OFFICIAL = "visiting_official", _("Visiting committee member")


class RoleGrant(models.Model):
    """A user's role on a unit: (user, role, unit, include_descendants).

    The units a user may see are the union of their grants: the unit itself, and its whole
    subtree when `include_descendants` is set (ARCHITECTURE "Every read is scoped").
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="role_grants",
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="role_grants"
    )
    include_descendants = models.BooleanField(_("includes sub-units"), default=True)
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="unique_role_grant")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"
