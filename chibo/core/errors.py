"""Errors shared by every app's services."""


class StaleVersion(Exception):
    """Someone saved the record after the version the user started from (optimistic locking).

    `current_version` is the version now stored; `conflicts` the fields both people changed
    to different values (empty when the service could not tell them apart: then every field
    is suspect); `theirs` the stored values of the fields the other person changed. The view
    keeps what the user typed and shows the stored values of the conflicts, so that nothing
    is silently overwritten.
    """

    def __init__(
        self, current_version: int, conflicts: list[str] | None = None, theirs: dict | None = None
    ):
        super().__init__(f"record changed since the form was opened (now {current_version})")
        self.current_version = current_version
        self.conflicts = conflicts or []
        #: {field: stored value} of every field the other person changed.
        self.theirs = theirs or {}
