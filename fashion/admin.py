"""The export log, read-only: exports are recorded by the code that runs them, never typed in."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import ExportLog


@admin.register(ExportLog)
class ExportLogAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "actor",
        "source",
        "dataset",
        "file_format",
        "filter_summary",
        "rows",
        "duration",
        "completed",
    )
    list_filter = ("source", "dataset", "file_format", "completed")
    list_select_related = ("user",)
    search_fields = ("actor", "dataset")
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in ExportLog._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("filters"))
    def filter_summary(self, obj):
        return ", ".join(f"{key}={value}" for key, value in obj.filters.items())
