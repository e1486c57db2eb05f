"""URLs of party members."""
from django.urls import path

from chibo.members import views

urlpatterns = [
    path("<str:member_id>/", views.member_detail, name="member-detail"),
]
