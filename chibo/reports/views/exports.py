"""Export views (being written)."""

urlpatterns = []
