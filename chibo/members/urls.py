"""URLs of party members."""

from django.urls import path

from chibo.members import views

urlpatterns = [
    path("<str:member_id>/", views.member_detail, name="member-detail"),
    path("<str:member_id>/edit/", views.member_edit, name="member-edit"),
    path("<str:member_id>/records/<slug:kind>/new/", views.record_add, name="status-record-add"),
    path(
        "<str:member_id>/records/<slug:kind>/<int:record_id>/end/",
        views.record_end,
        name="status-record-end",
    ),
    path(
        "<str:member_id>/records/<slug:kind>/<int:record_id>/delete/",
        views.record_delete,
        name="status-record-delete",
    ),
]
