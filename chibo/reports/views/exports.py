"""Export views (being written): request an export, list "my exports", poll one export's
progress (htmx partial) and download its file."""

from django.http import Http404
from django.urls import path


def _todo(request, *args, **kwargs):
    """Placeholder until the export views land."""
    raise Http404


urlpatterns = [
    path("unit/<int:unit_id>/export/", _todo, name="export-create"),
    path("exports/", _todo, name="exports"),
    path("exports/<int:export_id>/", _todo, name="export-status"),
    path("exports/<int:export_id>/download/", _todo, name="export-download"),
]
