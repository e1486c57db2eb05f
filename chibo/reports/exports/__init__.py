"""Report exports: the XLSX statistics workbook (`xlsx`), the DOCX review report (`docx`)
and the sentences the review report chooses from the figures (`findings`).

One report definition, several formats (ARCHITECTURE.md): both files are written from the
`reports.report.Report` the dashboard shows, so their figures are the page's.
"""

from chibo.core.rules import RuleBook
from chibo.reports.models import ExportFormat
from chibo.reports.selectors import rule_sets_for


def rules_day(report):
    """The day whose rule set the findings read: the end of the period, or the report's day
    when the period has not ended."""
    return min(report.period.end, report.today)


def build_report_file(report, fmt: str, *, actor=None) -> bytes:
    """The file of `report` in format `fmt` ("xlsx" or "docx") as bytes; `actor` is named as
    its maker in the workbook. Reads the rule sets of the period once (one query). Raises
    ValueError for another format."""
    rule_sets = rule_sets_for(unit=report.unit, period=report.period)
    if fmt == ExportFormat.XLSX:
        from chibo.reports.exports.xlsx import report_xlsx

        return report_xlsx(report, rule_sets=rule_sets, actor=actor)
    if fmt == ExportFormat.DOCX:
        from chibo.reports.exports.docx import report_docx

        rule_set = RuleBook(rule_sets).get(rules_day(report), report.unit)
        return report_docx(report, rule_sets=rule_sets, rule_set=rule_set)
    raise ValueError(f"unknown export format {fmt!r}")
