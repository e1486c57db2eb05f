"""Rule sets: the thresholds and switches of the party rules, as versioned data.

A rule set (`core.models.RuleSet`) has a code, its legal basis, the dates it is in force and a
dict of values. Code never holds a threshold: it asks `rules_in_force(date, unit)` and reads
the value by key. The keys, their meaning and the rule ids they implement are listed in
`RULE_KEYS` (and in docs/rules.md). ARCHITECTURE "Rules are data"; RULES.md.
"""

import datetime
import json
from fractions import Fraction

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

#: Every key a rule set holds: key → (rule ids, description). Sets shipped by migrations hold
#: them all; `RuleSet.clean()` refuses a set missing one.
RULE_KEYS: dict[str, tuple[str, str]] = {
    "attendance_good_percent": ("ATT-2", "a meeting rated good needs attendance above this %"),
    "consecutive_absence_limit": ("ATT-2", "most consecutive absences in a year for 'good'"),
    "regular_min_minutes": ("DUR-1", "shortest regular meeting, minutes"),
    "combined_min_minutes": ("DUR-2", "shortest regular + thematic sitting, minutes"),
    "thematic_per_quarter": ("THEM-1", "thematic meetings due each quarter"),
    "documents_lead_days": ("PREP-3", "days before the meeting documents are due (null: none)"),
    "vote_pass_share": ("VOTE-1", "a resolution passes with more than this share, 'n/d'"),
    "vote_quorum_share": ("VOTE-2", "share of the denominator present to vote (null: none)"),
    "attached_in_vote_denominator": ("ATT-1", "members attached here count in the vote base"),
    "probation_months": ("MEM-1", "length of probation, months"),
    "probation_warning_days": ("MEM-1", "warn this many days before probation ends"),
    "removal_review_months": ("MEM-5", "months of absence or unpaid dues before review"),
    "removal_months_consecutive": ("MEM-5", "must those months be consecutive"),
    "min_full_members": ("CELL-1", "fewest full members of a cell"),
    "assignment_due_soon_days": ("", "an open assignment is 'due soon' within these days"),
    "minutes_adopt_days": ("MIN-3", "warn when held minutes are not adopted after these days"),
    "exemption_review_months": ("MEM-2", "warn when an exemption in force is older than this"),
    "score_sheet": ("QUAL-2", "code of the score sheet (evaluation.ScoreSheet) meetings use"),
    "rating_thresholds": (
        "QUAL-2",
        "lowest % of the sheet's maximum for each level: {'good': 90, 'fair': 70, 'average': 50}",
    ),
    "rating_gate_criteria": (
        "QUAL-2, QUAL-5",
        "criterion codes that need full points for 'good' (else the level drops one step)",
    ),
    "annual_levels": (
        "QUAL-6",
        "annual level of a cell: {level: {'min_average': %, 'min_good_months': n, "
        "'max_below_fair_months': n}} (null: no condition); tried good → average",
    ),
    "weak_streak_meetings": ("QUAL-1", "warn when this many last meetings are average or poor"),
}


#: The kind of value each plain key holds, checked by `value_problems` (the structured keys
#: rating_thresholds, rating_gate_criteria and score_sheet are checked by `RuleSet.clean`).
VALUE_KINDS: dict[str, str] = {
    "attendance_good_percent": "percent",
    "consecutive_absence_limit": "count",
    "regular_min_minutes": "count",
    "combined_min_minutes": "count",
    "thematic_per_quarter": "count",
    "documents_lead_days": "count_or_none",
    "vote_pass_share": "share",
    "vote_quorum_share": "share_or_none",
    "attached_in_vote_denominator": "bool",
    "probation_months": "count",
    "probation_warning_days": "count",
    "removal_review_months": "count",
    "removal_months_consecutive": "bool",
    "min_full_members": "count",
    "assignment_due_soon_days": "count",
    "minutes_adopt_days": "count",
    "exemption_review_months": "count",
    "weak_streak_meetings": "count",
    "annual_levels": "annual",
}


def _number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_share(value) -> bool:
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return False
    try:
        return 0 < share(value) < 1
    except (ValueError, ZeroDivisionError):
        return False


def _is_annual(value) -> bool:
    """{level: {min_average, min_good_months, max_below_fair_months}} with numbers or null."""
    if not isinstance(value, dict) or not set(value) <= {"good", "fair", "average"}:
        return False
    fields = {"min_average", "min_good_months", "max_below_fair_months"}
    return all(
        isinstance(rule, dict)
        and set(rule) <= fields
        and all(v is None or (_number(v) and v >= 0) for v in rule.values())
        for rule in value.values()
    )


CHECKS = {
    "percent": lambda v: _number(v) and 0 <= v <= 100,
    "count": lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0,
    "count_or_none": lambda v: (
        v is None or (isinstance(v, int) and not isinstance(v, bool) and v >= 0)
    ),
    "share": _is_share,
    "share_or_none": lambda v: v in (None, "") or _is_share(v),
    "bool": lambda v: isinstance(v, bool),
    "annual": _is_annual,
}
KIND_HINTS = {
    "percent": _("a number from 0 to 100"),
    "count": _("a whole number, 0 or more"),
    "count_or_none": _("a whole number, 0 or more, or null"),
    "share": _('a fraction between 0 and 1, written like "1/2"'),
    "share_or_none": _('a fraction between 0 and 1, written like "2/3", or null'),
    "bool": _("true or false"),
    "annual": _(
        "levels good, fair, average with min_average, min_good_months, "
        "max_below_fair_months (numbers or null)"
    ),
}


def value_problems(values: dict) -> list[str]:
    """Translated messages for values of the wrong kind (VALUE_KINDS): a text where a number
    is due ("85%"), a negative count, null where a value is required, a share outside 0–1.
    Keys missing from `values` are not reported here."""
    problems = []
    for key, kind in VALUE_KINDS.items():
        if key in values and not CHECKS[kind](values[key]):
            problems.append(
                _("%(key)s must be %(kind)s (now: %(value)s).")
                % {"key": key, "kind": KIND_HINTS[kind], "value": json.dumps(values[key])}
            )
    return problems


class RuleBook:
    """Rule sets read once and chosen per date and unit, for pages that judge many records
    (a calendar feed, a report): their queries then do not grow with the records.

    `get(on, unit)` chooses exactly as `rules_in_force` does and returns None when no set is
    in force. `rule_sets` may be given (tests); otherwise every set is read in one query.
    """

    def __init__(self, rule_sets=None):
        from chibo.core.models import RuleSet

        if rule_sets is None:
            rule_sets = RuleSet.objects.select_related("unit")
        self.sets = list(rule_sets)
        self._cache = {}

    def get(self, on: datetime.date, unit=None):
        """The rule set that judges a record of `unit` dated `on` (None: none in force).

        Among the sets in force on `on` (valid_from ≤ on ≤ valid_to, open end allowed) whose
        scope is empty (national) or contains `unit`, the deepest scope wins, then the latest
        start.
        """
        key = (on, getattr(unit, "pk", None))
        if key not in self._cache:
            best = None
            for rule_set in self.sets:
                if rule_set.valid_from > on or (rule_set.valid_to and rule_set.valid_to < on):
                    continue
                scope = rule_set.unit
                if scope is not None and (unit is None or not unit.path.startswith(scope.path)):
                    continue
                rank = (len(scope.path) if scope else 0, rule_set.valid_from)
                if best is None or rank > best[0]:
                    best = (rank, rule_set)
            self._cache[key] = best[1] if best else None
        return self._cache[key]


def rules_in_force(on: datetime.date, unit=None):
    """The rule set that judges a meeting or record of `unit` dated `on`.

    Chosen as `RuleBook.get` chooses (the deepest scope containing `unit`, then the latest
    start) among the sets in force that day. `unit` may be None (national sets only).
    Returns a `RuleSet`; raises `RuleSet.DoesNotExist` when none is in force (the shipped
    sets cover every date from 06/7/2018). One query.
    """
    from chibo.core.models import RuleSet

    sets = RuleSet.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=on), valid_from__lte=on
    ).select_related("unit")
    found = RuleBook(sets).get(on, unit)
    if found is None:
        raise RuleSet.DoesNotExist(f"no rule set in force on {on}")
    return found


def share(value: str | None) -> Fraction | None:
    """Parse a share written "n/d" (or a decimal) into a Fraction; None stays None.

    Raises ValueError for text that is not a share.
    """
    if value in (None, ""):
        return None
    return Fraction(str(value))


def legal_basis_label(rule_set) -> str:
    """'theo <legal basis>' as shown beside a verdict (translated)."""
    return _("under %(basis)s") % {"basis": rule_set.legal_basis}
