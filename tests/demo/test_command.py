"""The `demo` management command (`chibo demo`): output, --if-empty, --accounts, refusal."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from chibo.demo.builder import DEMO_ACCOUNTS, DEMO_PASSWORD
from chibo.demo.models import DemoDataset
from chibo.members.models import Member
from chibo.org.models import Unit, UnitKind

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = StringIO()
    call_command("demo", *args, "--no-progress", stdout=out)
    return out.getvalue()


def test_build_prints_time_counts_and_accounts():
    output = _run("--scale", "tiny", "--seed", "3")
    dataset = DemoDataset.objects.get()
    assert (dataset.scale, dataset.seed) == ("tiny", 3)
    seconds = f"{dataset.seconds:.1f}"
    assert seconds in output or seconds.replace(".", ",") in output
    assert str(dataset.counts["members"]) in output.replace(".", "")
    assert DEMO_PASSWORD in output
    assert all(account["username"] in output for account in DEMO_ACCOUNTS)


def test_if_empty_leaves_an_existing_demo_alone():
    _run("--scale", "tiny")
    dataset = DemoDataset.objects.get()
    members = list(Member.objects.values_list("pk", flat=True))
    output = _run("--scale", "tiny", "--seed", "99", "--if-empty")
    assert output.strip()
    assert DemoDataset.objects.get() == dataset
    assert list(Member.objects.values_list("pk", flat=True)) == members


def test_if_empty_leaves_real_data_alone_without_error():
    root = Unit.objects.add_root(create_kwargs={"name": "Đảng bộ thật", "kind": UnitKind.PROVINCE})
    _run("--scale", "tiny", "--if-empty")
    assert list(Unit.objects.all()) == [root]
    assert not DemoDataset.objects.exists()


def test_refusal_is_a_command_error_with_exit_code_1():
    Unit.objects.add_root(create_kwargs={"name": "Đảng bộ thật", "kind": UnitKind.PROVINCE})
    with pytest.raises(CommandError) as error:
        _run("--scale", "tiny")
    assert error.value.returncode == 1
    assert "--force" in str(error.value)
    assert Unit.objects.count() == 1


def test_accounts_option_prints_the_table_without_building():
    output = _run("--accounts")
    assert DEMO_PASSWORD in output and "giamsat" in output
    assert not Unit.objects.exists()
