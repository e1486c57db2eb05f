"""Evaluation: score sheets, automatic checks, meeting ratings and early warnings (issue 4)."""
