"""Views of the evaluation app (placeholder until built)."""

urlpatterns = []
