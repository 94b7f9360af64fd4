"""Exports in the admin: an Export button per changelist, and "Export selected" actions.

The button's URL is `<changelist URL>export/?format=…` followed by the
changelist's own query string, and the view rebuilds the changelist from it,
so the file holds exactly what the editor is looking at (filters and search).
No list of primary keys ever travels through a form.
"""

import copy

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import ExportLog

from .datasets import exporter_for_model
from .run import stream_export
from .writers import WRITERS, writer_for

# Not filters: the export's own options and the changelist's page and error flags.
EXPORT_PARAMS = ("format", "bom", "languages", "p", "e")
# The changelist's own controls: its sort, its facet counts toggle, popups. Not filters either.
CHANGELIST_CONTROLS = ("o", "_facets", "_popup", "_to_field")
# (format, bom, languages, label) for the changelist's Export links. Texts are in the editor's language, or,
# with languages=all, one column per language (for translators).
FORMAT_CHOICES = [
    ("csv", None, None, _("CSV")),
    ("csv", "1", None, _("CSV for Excel")),
    ("json", None, None, _("JSON")),
    ("xlsx", None, None, _("XLSX")),
    ("xlsx", None, "all", _("XLSX, a column per language")),
]


def readable_filters(changelist):
    """What the editor filtered on, as they saw it: {"category": "Handbags", "visibility": "Live", "search": "bel air"}.

    Read from the changelist's own filter specs (their titles and the labels of the chosen
    values) at export time, because an id means nothing in the log once the category is
    renamed or deleted. Parameters no spec claims (a date drill-down) keep their raw form.
    """
    readable = {}
    claimed = set()
    for spec in changelist.filter_specs:
        if not spec.used_parameters:
            continue
        claimed.update(spec.expected_parameters())
        chosen = [str(choice["display"]) for choice in spec.choices(changelist) if choice["selected"]]
        readable[str(spec.title)] = ", ".join(chosen)
    if changelist.query:
        readable["search"] = changelist.query
    for key, values in changelist.params.items():
        if key not in claimed and key not in CHANGELIST_CONTROLS and key != "q":
            readable[key] = ", ".join(values) if isinstance(values, list) else str(values)
    return readable


def export_response(request, exporter_class, queryset, file_format, *, bom=False, filters=None):
    """Stream `queryset` through the dataset and writer, as a download, and log it."""
    exporter = exporter_class(
        base_url=request.build_absolute_uri("/").rstrip("/"), every_language=request.GET.get("languages") == "all"
    )
    writer = writer_for(file_format, bom=bom)
    stream = stream_export(
        exporter,
        queryset,
        writer,
        actor=request.user.get_username(),
        user=request.user,
        source=ExportLog.Source.ADMIN,
        filters=filters or {},
    )
    response = StreamingHttpResponse(stream, content_type=writer.content_type)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="{exporter.name}-{stamp}.{writer.extension}"'
    response["Cache-Control"] = "private, no-store"
    return response


class ExportableAdmin(admin.ModelAdmin):
    """Mix into a ModelAdmin whose model has a registered dataset and an export_<model> permission.

    Add `*ExportableAdmin.export_actions` to the admin's `actions`.
    """

    change_list_template = "admin/maison/change_list.html"
    export_actions = ["export_selected_csv", "export_selected_json", "export_selected_xlsx"]

    def has_export_permission(self, request):
        return request.user.has_perm(f"{self.opts.app_label}.export_{self.opts.model_name}")

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_export"
        return [path("export/", self.admin_site.admin_view(self.export_view), name=name), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        context = {"has_export_permission": self.has_export_permission(request), "export_formats": FORMAT_CHOICES}
        return super().changelist_view(request, context | (extra_context or {}))

    def export_view(self, request):
        if not self.has_export_permission(request):
            raise PermissionDenied
        file_format = request.GET.get("format", "")
        if file_format not in WRITERS:
            return HttpResponseBadRequest(_("Choose a format: csv, json or xlsx."))
        params = request.GET.copy()
        for key in EXPORT_PARAMS:
            params.pop(key, None)
        # The changelist reads its filters from request.GET: give it only those.
        changelist_request = copy.copy(request)
        changelist_request.GET = params
        try:
            changelist = self.get_changelist_instance(changelist_request)
            # In the changelist's order (its ?o= sort, or the admin's default): the file reads like the list.
            queryset = changelist.get_queryset(changelist_request)
        except IncorrectLookupParameters:
            return HttpResponseBadRequest(_("These filters are not valid for this list."))
        return export_response(
            request,
            exporter_for_model(self.model),
            queryset,
            file_format,
            bom=request.GET.get("bom") == "1",
            filters=readable_filters(changelist),
        )

    def _export_selected(self, request, queryset, file_format):
        """The action's queryset is the changelist's, narrowed to the ticked rows: it keeps the list's order."""
        return export_response(
            request, exporter_for_model(self.model), queryset, file_format, filters={"selected": queryset.count()}
        )

    @admin.action(description=_("Export selected %(verbose_name_plural)s as CSV"), permissions=["export"])
    def export_selected_csv(self, request, queryset):
        return self._export_selected(request, queryset, "csv")

    @admin.action(description=_("Export selected %(verbose_name_plural)s as JSON"), permissions=["export"])
    def export_selected_json(self, request, queryset):
        return self._export_selected(request, queryset, "json")

    @admin.action(description=_("Export selected %(verbose_name_plural)s as XLSX"), permissions=["export"])
    def export_selected_xlsx(self, request, queryset):
        return self._export_selected(request, queryset, "xlsx")
