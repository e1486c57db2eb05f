"""URLs of the organisation tree and the home page."""

from django.urls import path

from chibo.core.views import home
from chibo.org import views

urlpatterns = [
    path("", home, name="home"),
    path("units/", views.tree, name="tree"),
    path("units/<str:unit_id>/", views.unit_detail, name="unit-detail"),
    path("units/<str:unit_id>/branch/", views.branch, name="unit-branch"),
    path("search/", views.search, name="search"),
]
