"""Add the evaluation values (QUAL-2, QUAL-6, MIN-3, MEM-2) to the shipped rule sets.

The score sheet they name (`QUAL2-VD`, the example scale of QUAL-2) ships with the
evaluation app. Thresholds are percentages of the sheet's maximum (QUAL-5: the maximum may
differ by meeting kind).
"""

from django.db import migrations

VALUES = {
    "minutes_adopt_days": 7,
    "exemption_review_months": 12,
    "score_sheet": "QUAL2-VD",
    "rating_thresholds": {"good": 90, "fair": 70, "average": 50},
    "rating_gate_criteria": ["attendance", "duration", "participation", "minutes"],
    "annual_levels": {
        "good": {"min_average": 90, "min_good_months": 10, "max_below_fair_months": 0},
        "fair": {"min_average": 70, "min_good_months": None, "max_below_fair_months": None},
        "average": {"min_average": 50, "min_good_months": None, "max_below_fair_months": None},
    },
    "weak_streak_meetings": 3,
}


def ship(apps, schema_editor):
    RuleSet = apps.get_model("core", "RuleSet")
    for rule_set in RuleSet.objects.filter(code__in=["HD12-2018", "HD42-2025"]):
        rule_set.values = {**VALUES, **rule_set.values}
        rule_set.save(update_fields=["values"])


def unship(apps, schema_editor):
    RuleSet = apps.get_model("core", "RuleSet")
    for rule_set in RuleSet.objects.filter(code__in=["HD12-2018", "HD42-2025"]):
        rule_set.values = {k: v for k, v in rule_set.values.items() if k not in VALUES}
        rule_set.save(update_fields=["values"])


class Migration(migrations.Migration):
    dependencies = [("core", "0003_shipped_rule_sets")]
    operations = [migrations.RunPython(ship, unship)]
