"""URLs of the reports app (namespace "reports"); each views module lists its own routes in
`urlpatterns` (dashboards and the indicators' help; exports; the unit page's panel)."""

from chibo.reports.views import dashboard, exports, panel

app_name = "reports"

urlpatterns = [*dashboard.urlpatterns, *exports.urlpatterns, *panel.urlpatterns]
