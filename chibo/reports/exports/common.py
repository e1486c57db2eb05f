"""What both export files print about a report besides its figures: the names of cells with
their superior unit, the dates, the scope and the file names.

Both files are written from one `reports.report.Report` (the dashboard's), so a figure is
always `Figure.text` / `Figure.number` of the same indicator.
"""

import datetime
import re

from django.utils import timezone
from django.utils.text import slugify

from chibo.core.text import fold
from chibo.org.models import Unit
from chibo.reports.periods import Period

_PARTY_BODY = re.compile(r"^đảng bộ\s+", re.IGNORECASE)


def short_name(name: str) -> str:
    """A superior unit's name without its "Đảng bộ " prefix ("Đảng bộ xã Chiêm Hoá" → "xã
    Chiêm Hoá"), to qualify a cell's name."""
    return _PARTY_BODY.sub("", name).strip() or name


def parent_names(report) -> dict[str, str]:
    """{path: name} of the report's direct sub-units (its rows), used to tell which
    sub-unit a cell deeper in the tree belongs to."""
    return {row.unit.path: row.unit.name for row in report.rows}


def cell_parent(report, unit: Unit, parents: dict[str, str] | None = None) -> str:
    """The name of the report's direct sub-unit that `unit` lies under; "" when `unit` is
    itself a direct sub-unit (or the report's unit)."""
    if len(unit.path) <= len(report.unit.path) + Unit.steplen:
        return ""
    parents = parent_names(report) if parents is None else parents
    return parents.get(unit.path[: len(report.unit.path) + Unit.steplen], "")


def cell_name(report, unit: Unit, parents: dict[str, str] | None = None) -> str:
    """A cell's name as the DOCX writes it: "Chi bộ thôn Nà Tâu (xã Chiêm Hoá)" when it lies
    below one of the report's sub-units, else its name alone (names repeat across
    communes)."""
    parent = cell_parent(report, unit, parents)
    return f"{unit.name} ({short_name(parent)})" if parent else unit.name


def count_text(n) -> str:
    """A count with Vietnamese thousands dots: 38968 → "38.968" (as `Figure.text`)."""
    return f"{n:,}".replace(",", ".")


def detail_text(figure) -> str:
    """A share's "numerator/denominator" with thousands dots ("36.553/37.595"); for a mean
    of rates (no integer numerator) "<denominator> buổi"; "" for a count."""
    if figure.kind == "count" or not figure.denominator:
        return ""
    if figure.numerator is None:
        return f"{count_text(figure.denominator)} buổi"
    return f"{count_text(figure.numerator)}/{count_text(figure.denominator)}"


def day_text(day: datetime.date | None) -> str:
    """dd/mm/yyyy; "" for None."""
    return day.strftime("%d/%m/%Y") if day else ""


def moment_text(moment: datetime.datetime, joiner: str = "") -> str:
    """A moment in local time as "HH:MM dd/mm/yyyy" ("HH:MM ngày dd/mm/yyyy" with `joiner`
    "ngày ")."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return f"{local:%H:%M} {joiner}{local:%d/%m/%Y}"


def period_range(period: Period) -> str:
    """ "01/01/2026 – 31/12/2026": the first and last day of the period."""
    return f"{day_text(period.first)} – {day_text(period.end)}"


def file_stem(unit_name: str, period: Period, fmt: str) -> str:
    """The ASCII stem of an export's file name: "bao-cao-so-ket-<unit>-<period>" for the DOCX,
    "so-lieu-<unit>-<period>" for the XLSX (unit folded to ASCII and slugified)."""
    unit = slugify(fold(unit_name)) or "don-vi"
    prefix = "bao-cao-so-ket" if fmt == "docx" else "so-lieu"
    return f"{prefix}-{unit}-{period.slug}"


def display_file_name(unit_name: str, period: Period, fmt: str) -> str:
    """The Vietnamese name offered to the browser (RFC 5987 `filename*`): "Báo cáo sơ kết -
    <unit> - <period>.docx" / "Số liệu - <unit> - <period>.xlsx"; characters a file system
    refuses are replaced by "-"."""
    kind = "Báo cáo sơ kết" if fmt == "docx" else "Số liệu sinh hoạt chi bộ"
    name = f"{kind} - {unit_name} - {period.label}.{fmt}"
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "-", name)


def period_notes(report) -> list[str]:
    """Sentences (Vietnamese, as the files are) that qualify the figures, as the dashboard's
    notes do: a period not yet ended (FREQ-1 and THEM-1 judge complete months and quarters
    only) and a previous period with another number of judged months (its counts are then
    not comparable)."""
    notes = []
    if not report.has_ended:
        last = report.today.replace(day=1) - datetime.timedelta(days=1)
        notes.append(
            "Kỳ báo cáo chưa kết thúc: tỷ lệ tháng có sinh hoạt thường kỳ và tỷ lệ quý đủ sinh "
            f"hoạt chuyên đề chỉ tính các tháng, quý đã kết thúc (đến ngày {day_text(last)}); "
            "các số liệu khác gồm cả các buổi sinh hoạt đã tổ chức trong tháng này."
        )
    if not report.counts_comparable:
        notes.append(
            f"Kỳ này có số liệu {report.months_judged} tháng, kỳ trước "
            f"{report.previous_months_judged} tháng: các số đếm (số buổi, lượt vắng, cảnh báo) "
            "không so sánh được với kỳ trước, chỉ so sánh các tỷ lệ."
        )
    return notes
