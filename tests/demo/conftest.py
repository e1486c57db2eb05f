"""Fixtures of the demo builder tests: a tiny demo province built on a fixed date."""

import datetime

import pytest

from chibo.demo.builder import build_demo

#: Reference date of the tiny builds (ages, probation and dated records are relative to it).
TODAY = datetime.date(2026, 11, 29)


@pytest.fixture
def tiny(db) -> dict:
    """Build the tiny demo province (seed 2026) and return its row counts."""
    return build_demo(seed=2026, scale="tiny", progress=False, today=TODAY)
