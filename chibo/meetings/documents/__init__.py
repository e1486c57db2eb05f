"""Printed documents of a meeting (DOCX): the minutes and the attendance sheet, laid out as
party documents under Hướng dẫn 36-HD/VPTW (docs: shared DOCUMENT-LAYOUT.md).

Party documents are always written in Vietnamese, so their fixed text (headings, labels,
sentences around the figures) is written directly in Vietnamese here, like a printed
template, and is not translated with gettext. Entry points: `minutes.minutes_docx` and
`attendance.attendance_docx`; shared layout in `layout`.
"""
