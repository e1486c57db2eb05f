"""URLs of the evaluation app (namespace "evaluation")."""

app_name = "evaluation"

urlpatterns = []
