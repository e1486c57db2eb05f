"""URLs of the evaluation app (namespace "evaluation"); each views module lists its own
routes in `urlpatterns` (ratings of meetings, early warnings, the annual self-assessment)."""

from chibo.evaluation.views import annual, ratings, warnings

app_name = "evaluation"

urlpatterns = [*ratings.urlpatterns, *warnings.urlpatterns, *annual.urlpatterns]
