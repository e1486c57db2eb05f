"""`core.aftercommit.CommitBatch`: references noted in a transaction are flushed once, after
it commits; outside a transaction at once."""

import pytest
from django.db import transaction

from chibo.core.aftercommit import CommitBatch


@pytest.mark.django_db
def test_noted_references_are_flushed_once_after_the_commit(django_capture_on_commit_callbacks):
    flushed = []
    batch = CommitBatch("test", flushed.append)
    batch.forget()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        batch.note(("unit", 1))
        batch.note(("unit", 2))
        batch.note(("unit", 1))
        assert flushed == []
    assert [c for c in callbacks if c is batch.callback] == [batch.callback]
    assert flushed == [{("unit", 1), ("unit", 2)}]


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_a_reference_is_flushed_at_once():
    flushed = []
    batch = CommitBatch("test", flushed.append)
    batch.note(("meeting", 7))
    assert flushed == [{("meeting", 7)}]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_flushes_nothing():
    flushed = []
    batch = CommitBatch("test", flushed.append)
    with pytest.raises(RuntimeError), transaction.atomic():
        batch.note(("unit", 3))
        raise RuntimeError("rolled back")
    with transaction.atomic():
        batch.note(("unit", 4))
    assert flushed == [{("unit", 4)}]
