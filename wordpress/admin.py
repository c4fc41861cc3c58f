"""The admin's WordPress import: upload an export, the worker imports it, read the report."""

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .importer import ImportReport
from .models import ImportRun, WordPressObject
from .tasks import run_import

MAX_EXPORT_BYTES = 512 * 1024 * 1024


class ImportRunForm(forms.ModelForm):
    class Meta:
        model = ImportRun
        fields = ["export_file", "dry_run"]

    def clean_export_file(self):
        upload = self.cleaned_data["export_file"]
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        if upload.size > MAX_EXPORT_BYTES:
            raise forms.ValidationError(_("The file is too large for an upload (at most 512 MB)."))
        if not upload.name.lower().endswith(".xml"):
            raise forms.ValidationError(
                _("Please choose the .xml file from WordPress's Tools → Export.")
            )
        return upload


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    form = ImportRunForm
    list_display = ["created_at", "export_file", "dry_run", "status", "created_by", "finished_at"]
    list_filter = ["status"]
    change_form_template = "admin/wordpress/importrun/change_form.html"

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["export_file", "dry_run", "status", "error", "created_by", "finished_at"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["export_file", "dry_run"]
        return self.get_readonly_fields(request, obj)

    def has_change_permission(self, request, obj=None):
        # A run is read, not edited; viewing needs only the view permission.
        return False

    def save_model(self, request, obj, form, change):
        obj.created_by = request.user
        super().save_model(request, obj, form, change)
        transaction.on_commit(lambda: run_import.enqueue(obj.pk))
        messages.info(request, _("The import runs in the background; this page shows the report."))

    def response_add(self, request, obj, post_url_continue=None):
        from django.http import HttpResponseRedirect
        from django.urls import reverse

        return HttpResponseRedirect(reverse("admin:wordpress_importrun_change", args=[obj.pk]))

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if obj is not None and obj.report:
            report = ImportReport.from_dict(obj.report)
            context["report_lines"] = report.summary_lines()
            context["report"] = report
            context["note_lines"] = report.note_lines()
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)


@admin.register(WordPressObject)
class WordPressObjectAdmin(admin.ModelAdmin):
    list_display = ["kind", "wp_id", "site", "url", "updated_at"]
    list_filter = ["kind", "site"]
    search_fields = ["wp_id", "url"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
