"""Twelve months (or `--months`) of cell meetings for the demo province (`build_meetings`).

For every cell: a usual schedule (CellSchedule), then for the 12 months (`Context.months`)
ending with the month of `today` and the next month the committee, regular (or combined) and
thematic meetings with their records (rules FREQ-1/2, THEM-1, DUR-1/2, PREP-1..3, MIN-2,
ATT-0/1, VOTE-1/2, VIS-3).
Modules: year (dates, kinds, statuses), roll (rolls and dated statuses, loaded in bulk),
minutes (the record of a meeting), content (tasks, speeches, guests, agenda notes), texts
(Vietnamese phrases), verdicts and ratings (the score sheet ratings, QUAL-1..5), save (the
INSERTs).

Deterministic per (seed, scale, commune) like the rest of the builder: each commune draws from
its own random stream, and is written (bulk_create, no history rows) before the next one is
made, so memory stays bounded by one commune's meetings.
"""

import random
import sys

from django.utils import timezone
from django.utils.translation import gettext as _
from tqdm import tqdm

from chibo.core.rules import RuleBook
from chibo.demo.builder.accounts import demo_users
from chibo.demo.builder.meetings.content import VISITOR
from chibo.demo.builder.meetings.minutes import CellMinutes, Shared
from chibo.demo.builder.meetings.ratings import CommuneRatings, Sheets
from chibo.demo.builder.meetings.roll import Records
from chibo.demo.builder.meetings.save import Batch
from chibo.demo.builder.meetings.year import DEFAULT_MONTHS, CellYear, month_list
from chibo.meetings.models import AgendaTemplateItem

__all__ = ["DEFAULT_MONTHS", "build_meetings", "month_list"]


def load_templates() -> dict[tuple[str, str], list[tuple]]:
    """The agenda templates (shipped by meetings migration 0002 or edited in the admin):
    (meeting kind, cell type) → [(order, section, title, planned minutes)] in order."""
    templates: dict[tuple[str, str], list[tuple]] = {}
    items = AgendaTemplateItem.objects.select_related("template").order_by(
        "template_id", "order", "id"
    )
    for item in items:
        key = (item.template.kind, item.template.cell_type)
        templates.setdefault(key, []).append(
            (item.order, item.section, item.title, item.planned_minutes)
        )
    return templates


def build_meetings(ctx, plan, *, progress: bool = False) -> None:
    """Build the meetings of every cell of `plan` (plan.ProvincePlan, units and members saved).

    `ctx` is the builder's people.Context (seed, scale, today, months). Call it inside the build's
    transaction, after the members of every commune are saved (members attached to a cell
    can come from any commune) and the demo accounts made (the visiting official's guest
    rows link the user `giamsat`). Writes CellSchedule, Meeting, AgendaItem, Attendance, Guest,
    Speech, Assignment, assignment members and the meetings' ratings (ratings.py, rules
    QUAL-1..5); returns None.
    """
    shared = Shared(
        records=Records.load(),
        rules=RuleBook(),
        templates=load_templates(),
        today=ctx.today,
        tz=timezone.get_default_timezone(),
        visitor=demo_users().filter(username=VISITOR).values_list("pk", flat=True).first(),
    )
    sheets = Sheets()
    bar = tqdm(
        plan.communes,
        desc=_("Meetings"),
        unit="",
        file=sys.stderr,
        disable=None if progress else True,
        leave=False,
    )
    for commune in bar:
        rng = random.Random(f"chibo-demo:{ctx.seed}:{ctx.scale}:{commune.code}:meetings")
        # Ratings draw from their own stream: the meetings stay as they were without them.
        stream = random.Random(f"chibo-demo:{ctx.seed}:{ctx.scale}:{commune.code}:ratings")
        ratings = CommuneRatings(shared, sheets, stream, commune)
        batch = Batch()
        for cell in commune.cells:
            year = CellYear(rng, cell, commune.ward_name, ctx.today, ctx.months)
            batch.schedules.append(year.schedule)
            writer = CellMinutes(shared, rng, year, commune, batch)
            slots = year.slots()
            for slot in slots:
                writer.write(slot)
            writer.finish()
            ratings.add(year, slots)
        ratings.prepare(batch)
        batch.save()
        ratings.save()
    bar.close()
