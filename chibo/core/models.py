"""Core models: the append-only audit trail."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One business action by one actor: who did what to which object, when.

    Append-only: entries are created by `core.services.audit_record()` and never changed;
    the admin shows them read-only.
    """

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=80)
    target_type = models.CharField(_("object type"), max_length=80, blank=True)
    target_id = models.CharField(_("object id"), max_length=40, blank=True)
    target_repr = models.CharField(_("object"), max_length=255, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.action} {self.target_repr}"


class RuleSet(models.Model):
    """A versioned set of rule values with its legal basis and dates in force (RULES.md).

    `unit` limits the set to a subtree (a province's own set); empty means national.
    `values` holds every key of `core.rules.RULE_KEYS`. Sets for the same scope must not
    overlap in time (checked by `clean()`, which the admin runs).
    """

    code = models.CharField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=255)
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=255,
        help_text=_(
            "Number-symbol and date of the documents, e.g. Hướng dẫn 12-HD/BTCTW, 06/7/2018."
        ),
    )
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force until"), null=True, blank=True)
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("applies to (unit and its sub-units)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty: applies everywhere."),
    )
    values = models.JSONField(_("values"), default=dict)

    class Meta:
        verbose_name = _("rule set")
        verbose_name_plural = _("rule sets")
        ordering = ["valid_from", "code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

    def __getitem__(self, key: str):
        """The value of `key` (KeyError for a key the set does not hold)."""
        return self.values[key]

    def clean(self):
        """Refuse a set missing a rule key, ending before it starts, overlapping another set
        of the same scope, holding a value of the wrong kind (`core.rules.value_problems`),
        naming a score sheet that does not exist (or gate criteria that sheet lacks), or with
        rating thresholds that are not good > fair > average within 0–100 (rules QUAL-2,
        QUAL-5). ValidationError with Vietnamese messages."""
        from django.core.exceptions import ValidationError

        from chibo.core.rules import RULE_KEYS, value_problems

        errors = {}
        values = self.values if isinstance(self.values, dict) else {}
        missing = sorted(set(RULE_KEYS) - set(values))
        if missing:
            errors["values"] = [_("Missing values: %(keys)s.") % {"keys": ", ".join(missing)}]
        problems = (
            value_problems(values) + self._sheet_problems(values) + self._threshold_problems(values)
        )
        if problems:
            errors["values"] = errors.get("values", []) + problems
        if self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = _("The end date cannot be before the start date.")
        elif self.valid_from:
            others = RuleSet.objects.filter(unit=self.unit).exclude(pk=self.pk)
            others = others.filter(
                models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=self.valid_from)
            )
            if self.valid_to:
                others = others.filter(valid_from__lte=self.valid_to)
            clash = others.first()
            if clash is not None:
                errors["valid_from"] = _(
                    "These dates overlap the rule set %(code)s for the same scope."
                ) % {"code": clash.code}
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def _sheet_problems(values: dict) -> list:
        """Messages for a `score_sheet` code with no ScoreSheet and for gate criteria
        (`rating_gate_criteria`) that the sheet does not have. The evaluation app's model is
        looked up by name, so core imports nothing from it."""
        from django.apps import apps

        if "score_sheet" not in values:
            return []
        code = values["score_sheet"]
        sheet = apps.get_model("evaluation", "ScoreSheet").objects.filter(code=code).first()
        if sheet is None:
            return [_("No score sheet has the code %(code)s.") % {"code": code}]
        gates = values.get("rating_gate_criteria") or []
        if not isinstance(gates, list):
            return [_("The criteria needing full points must be a list of criterion codes.")]
        unknown = sorted(set(map(str, gates)) - set(sheet.criteria.values_list("code", flat=True)))
        if unknown:
            return [
                _("The score sheet %(code)s has no criterion %(criteria)s.")
                % {"code": code, "criteria": ", ".join(unknown)}
            ]
        return []

    @staticmethod
    def _threshold_problems(values: dict) -> list:
        """A message when `rating_thresholds` is not {"good": g, "fair": f, "average": a}
        with numbers 100 ≥ g > f > a ≥ 0 (percent of the sheet's maximum, rule QUAL-2)."""
        if "rating_thresholds" not in values:
            return []
        thresholds = values["rating_thresholds"]
        levels = ("good", "fair", "average")
        ok = (
            isinstance(thresholds, dict)
            and set(thresholds) == set(levels)
            and all(
                isinstance(thresholds[k], int | float) and not isinstance(thresholds[k], bool)
                for k in levels
            )
        )
        if ok:
            good, fair, average = (thresholds[k] for k in levels)
            ok = 100 >= good > fair > average >= 0
        if ok:
            return []
        return [
            _(
                "The rating thresholds must give good, fair and average as percentages, "
                "from highest to lowest, between 0 and 100."
            )
        ]
