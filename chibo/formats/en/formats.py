"""English UI uses the same dd/mm/yyyy dates as the Vietnamese one (one product, one date style)."""

from chibo.formats.vi.formats import *  # noqa: F403
