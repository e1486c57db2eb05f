"""Admin of demo builds (read-only record of what was generated)."""

from django.contrib import admin

from chibo.demo.models import DemoDataset


@admin.register(DemoDataset)
class DemoDatasetAdmin(admin.ModelAdmin):
    """Demo builds: seed, scale, time, counts."""

    list_display = ("built_at", "scale", "seed", "seconds")
    readonly_fields = ("seed", "scale", "built_at", "seconds", "counts")
