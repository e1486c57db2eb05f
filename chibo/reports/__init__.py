"""Reports: indicators of meeting quality for any unit's subtree and period, dashboards with
drill-down and charts, and the XLSX and DOCX exports (issue 5, Kết luận 256-KL/TU).

The figures come from one report definition (`reports.report`), read from monthly roll-ups
per cell (`CellMonth`, kept by `reports.rollup`) and from the stored early warnings, so the
page, the XLSX and the DOCX print the same numbers.
"""
