"""Ship the national rule sets HD12-2018 and HD42-2025 (RULES.md "Rule sets to ship")."""

import datetime

from django.db import migrations

COMMON = {
    "attendance_good_percent": 85,
    "consecutive_absence_limit": 3,
    "regular_min_minutes": 90,
    "combined_min_minutes": 120,
    "thematic_per_quarter": 1,
    "documents_lead_days": None,
    "vote_pass_share": "1/2",
    "vote_quorum_share": None,
    "attached_in_vote_denominator": False,
    "probation_months": 12,
    "probation_warning_days": 30,
    "removal_review_months": 3,
    "removal_months_consecutive": False,
    "min_full_members": 3,
    "assignment_due_soon_days": 7,
}

SETS = [
    {
        "code": "HD12-2018",
        "title": "Hướng dẫn 12-HD/BTCTW về nâng cao chất lượng sinh hoạt chi bộ",
        "legal_basis": "Hướng dẫn 12-HD/BTCTW, 06/7/2018; Quy định 24-QĐ/TW (2021)",
        "valid_from": datetime.date(2018, 7, 6),
        "valid_to": datetime.date(2025, 10, 27),
        "values": COMMON,
    },
    {
        "code": "HD42-2025",
        "title": "Hướng dẫn 42-HD/BTCTW về nâng cao chất lượng sinh hoạt chi bộ",
        "legal_basis": "Hướng dẫn 42-HD/BTCTW, 28/10/2025; Chỉ thị 50-CT/TW; Quy định 294-QĐ/TW",
        "valid_from": datetime.date(2025, 10, 28),
        "valid_to": None,
        "values": {**COMMON, "documents_lead_days": 1},
    },
]


def ship(apps, schema_editor):
    RuleSet = apps.get_model("core", "RuleSet")
    for data in SETS:
        RuleSet.objects.update_or_create(code=data["code"], defaults=data)


def unship(apps, schema_editor):
    apps.get_model("core", "RuleSet").objects.filter(code__in=[s["code"] for s in SETS]).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0002_ruleset")]
    operations = [migrations.RunPython(ship, unship)]
