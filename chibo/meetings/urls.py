"""URLs of the meetings app (namespace "meetings")."""

from django.urls import path

from chibo.meetings.views import calendar, exports, meeting, planning, preparation, record, tasks

app_name = "meetings"

urlpatterns = [
    # Planning and the cell's year (rules FREQ-1, THEM-1).
    path("cell/<int:unit_id>/<int:year>/", planning.cell_year_page, name="cell-year"),
    path("cell/<int:unit_id>/<int:year>/panel/", planning.cell_year_panel, name="cell-year-panel"),
    path("cell/<int:unit_id>/<int:year>/plan/", planning.plan_year, name="plan-year"),
    path("cell/<int:unit_id>/add/", planning.meeting_add, name="add"),
    path("upcoming/", planning.upcoming_panel, name="upcoming-panel"),
    path("<int:pk>/move/", planning.meeting_move, name="move"),
    path("<int:pk>/cancel/", planning.meeting_cancel, name="cancel"),
    # The meeting page and its lifecycle (MIN-2, MIN-3).
    path("<int:pk>/", meeting.detail, name="detail"),
    path("<int:pk>/history/", meeting.history, name="history"),
    path("<int:pk>/submit/", meeting.submit, name="submit"),
    path("<int:pk>/adopt/", meeting.adopt, name="adopt"),
    path("<int:pk>/return/", meeting.return_to_draft, name="return"),
    path("<int:pk>/addendum/", meeting.addendum, name="addendum"),
    # Preparation (PREP-1..4).
    path("<int:pk>/agenda/", preparation.agenda, name="agenda"),
    path("<int:pk>/preparation/", preparation.preparation, name="preparation"),
    path("<int:pk>/documents/", preparation.document_upload, name="document-upload"),
    path("<int:pk>/documents/<int:doc_id>/", preparation.document_download, name="document"),
    path(
        "<int:pk>/documents/<int:doc_id>/delete/",
        preparation.document_delete,
        name="document-delete",
    ),
    path("<int:pk>/notify/", preparation.notify, name="notify"),
    # Holding the meeting (ATT-0, ATT-1, VOTE-1/2, MIN-1).
    path("<int:pk>/roll-call/", record.roll_call, name="roll-call"),
    path("<int:pk>/minutes/", record.minutes, name="minutes"),
    path("<int:pk>/guests/", record.guests, name="guests"),
    path("<int:pk>/speeches/", record.speeches, name="speeches"),
    path("<int:pk>/review/", record.review, name="review"),
    path("<int:pk>/vote/", record.vote, name="vote"),
    path("<int:pk>/assignments/", record.assignment_add, name="assignment-add"),
    path(
        "<int:pk>/assignments/<int:assignment_id>/delete/",
        record.assignment_delete,
        name="assignment-delete",
    ),
    # Printed documents (HD 36 layout).
    path("<int:pk>/minutes.docx", exports.minutes_docx, name="minutes-docx"),
    path("<int:pk>/attendance.docx", exports.attendance_docx, name="attendance-docx"),
    # Members: tasks, notices, calendar feed.
    path("tasks/", tasks.my_tasks, name="my-tasks"),
    path("tasks/<int:assignment_id>/", tasks.task_report, name="task"),
    path("notices/", tasks.notices, name="notices"),
    path("calendar/", calendar.calendar_page, name="calendar"),
    path("calendar/<str:token>.ics", calendar.calendar_feed, name="calendar-feed"),
]
