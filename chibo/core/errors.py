"""Errors shared by every app's services."""


class StaleVersion(Exception):
    """Someone saved the record after the version the user started from (optimistic locking).

    `current_version` is the version now stored; the view keeps what the user typed and shows
    this message so that nothing is silently overwritten.
    """

    def __init__(self, current_version: int):
        super().__init__(
            f"record changed since the form was opened (now version {current_version})"
        )
        self.current_version = current_version
