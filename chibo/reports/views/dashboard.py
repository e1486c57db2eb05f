"""Dashboard pages (being written)."""

urlpatterns = []
