"""Root URL configuration."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("chibo.org.urls")),
    path("members/", include("chibo.members.urls")),
    path("meetings/", include("chibo.meetings.urls")),
    path("evaluation/", include("chibo.evaluation.urls")),
    path("reports/", include("chibo.reports.urls")),
    path("accounts/", include("chibo.core.urls")),
    path("i18n/", include("django.conf.urls.i18n")),  # set_language: the footer's switch
]

handler404 = "chibo.core.views.page_not_found"
handler500 = "chibo.core.views.server_error"
handler403 = "chibo.core.views.permission_denied"
handler400 = "chibo.core.views.bad_request"
