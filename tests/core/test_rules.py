"""Rule sets as data: the shipped national sets, picking by date and scope, validation."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from chibo.core.models import RuleSet
from chibo.core.rules import RULE_KEYS, rules_in_force, share

D = datetime.date


@pytest.mark.parametrize(
    "on,code",
    [
        (D(2018, 7, 6), "HD12-2018"),
        (D(2025, 10, 15), "HD12-2018"),
        (D(2025, 10, 27), "HD12-2018"),
        (D(2025, 10, 28), "HD42-2025"),
        (D(2025, 11, 15), "HD42-2025"),
    ],
)
def test_shipped_sets_by_date(db, on, code):
    assert rules_in_force(on).code == code


def test_shipped_sets_hold_every_key(db):
    for rule_set in RuleSet.objects.all():
        assert set(rule_set.values) == set(RULE_KEYS)
        rule_set.full_clean()
    assert rules_in_force(D(2026, 1, 1))["documents_lead_days"] == 1  # PREP-3
    assert rules_in_force(D(2020, 1, 1))["documents_lead_days"] is None


def test_nothing_in_force_before_2018(db):
    with pytest.raises(RuleSet.DoesNotExist):
        rules_in_force(D(2018, 7, 5))


def test_a_province_set_overrides_inside_its_subtree_only(tree):
    national = rules_in_force(D(2026, 3, 1))
    RuleSet.objects.create(
        code="TQ-2026",
        title="Tuyên Quang",
        legal_basis="Hướng dẫn mẫu của Tỉnh ủy",
        valid_from=D(2026, 1, 1),
        unit=tree.commune_a,
        values={**national.values, "regular_min_minutes": 60},
    )
    assert rules_in_force(D(2026, 3, 1), tree.cell_a1).code == "TQ-2026"
    assert rules_in_force(D(2026, 3, 1), tree.cell_b1).code == "HD42-2025"
    assert rules_in_force(D(2025, 12, 31), tree.cell_a1).code == "HD42-2025"
    assert rules_in_force(D(2026, 3, 1)).code == "HD42-2025"


def test_overlapping_sets_of_one_scope_are_refused(db):
    values = RuleSet.objects.get(code="HD42-2025").values
    clash = RuleSet(code="X", title="X", legal_basis="X", valid_from=D(2026, 1, 1), values=values)
    with pytest.raises(ValidationError) as error:
        clash.full_clean()
    assert error.value.message_dict["valid_from"] == [
        "Khoảng thời gian này trùng với bộ quy định HD42-2025 cùng phạm vi."
    ]


def test_missing_values_are_refused(db):
    incomplete = RuleSet(
        code="Y",
        title="Y",
        legal_basis="Y",
        valid_from=D(2030, 1, 1),
        valid_to=D(2030, 12, 31),
        values={"regular_min_minutes": 90},
    )
    with pytest.raises(ValidationError) as error:
        incomplete.full_clean()
    assert "values" in error.value.message_dict


def test_share_parses_fractions():
    assert share("1/2") * 2 == 1
    assert share(None) is None


@pytest.mark.parametrize(
    "key, value, ok",
    [
        ("attendance_good_percent", 85, True),
        ("attendance_good_percent", 85.5, True),
        ("attendance_good_percent", "85%", False),  # text where a number is due
        ("attendance_good_percent", 101, False),
        ("regular_min_minutes", None, False),  # required
        ("regular_min_minutes", -1, False),
        ("regular_min_minutes", True, False),  # a bool is not a count
        ("documents_lead_days", None, True),  # PREP-3 absent under HD12-2018
        ("documents_lead_days", 1, True),
        ("vote_pass_share", "1/2", True),
        ("vote_pass_share", "3/2", False),
        ("vote_pass_share", "half", False),
        ("vote_quorum_share", None, True),
        ("vote_quorum_share", "2/3", True),
        ("removal_months_consecutive", "no", False),
        ("annual_levels", {"good": {"min_average": 90, "min_good_months": None}}, True),
        ("annual_levels", {"excellent": {"min_average": 90}}, False),
        ("annual_levels", {"good": {"min_average": "90"}}, False),
    ],
)
def test_values_of_the_wrong_kind_are_refused(db, key, value, ok):
    values = {**RuleSet.objects.get(code="HD42-2025").values, key: value}
    candidate = RuleSet(
        code="X", title="X", legal_basis="X", valid_from=D(2030, 1, 1), values=values
    )
    candidate.unit = None
    with translation.override("vi"):
        if ok:
            RuleSet.objects.filter(code="HD42-2025").update(valid_to=D(2029, 12, 31))
            candidate.full_clean()
        else:
            with pytest.raises(ValidationError) as error:
                candidate.full_clean()
            assert any(key in m and "phải là" in m for m in error.value.message_dict["values"])
