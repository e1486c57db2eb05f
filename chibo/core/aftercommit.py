"""Run work once per transaction, after it commits, for the records noted during it.

Signal receivers that keep derived data fresh (evaluation's early warnings, reports'
roll-ups) note which records changed; the derived data is rebuilt once the transaction
commits, once per transaction whatever the number of saves, and never for a transaction
that rolls back. The receivers themselves run no query.
"""

from django.db import transaction


class CommitBatch:
    """References noted during a transaction, handed to `flush(refs)` once after it commits.

    `name` names the connection attribute holding the open transaction's references
    (`attr`). Outside a transaction `note` flushes at once. `callback` is the commit callback
    (one object, so callers can tell it among the connection's callbacks).
    """

    def __init__(self, name: str, flush):
        self.attr = f"_chibo_{name}_refs"
        self.flush = flush
        self.callback = self._run

    def note(self, ref) -> None:
        """Note a reference (a hashable, e.g. ("unit", 12)); registers the commit callback
        with the first reference of a transaction. A rolled-back transaction drops its
        callback; the next reference then starts a new set."""
        connection = transaction.get_connection()
        if not connection.in_atomic_block:
            self.flush({ref})
            return
        pending = getattr(connection, self.attr, None)
        registered = any(func is self.callback for _sids, func, _robust in connection.run_on_commit)
        if pending is None or not registered:
            pending = set()
            setattr(connection, self.attr, pending)
            transaction.on_commit(self.callback)
        pending.add(ref)

    def forget(self) -> None:
        """Drop the references noted so far in the open transaction (tests)."""
        setattr(transaction.get_connection(), self.attr, None)

    def _run(self) -> None:
        """Commit callback: flush the references noted in the transaction."""
        connection = transaction.get_connection()
        refs = getattr(connection, self.attr, None) or set()
        setattr(connection, self.attr, None)
        self.flush(refs)
