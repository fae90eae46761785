from django.contrib import admin
from django.core.exceptions import PermissionDenied

from satker.admin import SatkerScopedAdmin
from satker.scoping import membership_of, readable_satker

from .forms import CommissionerForm
from .models import Commissioner


@admin.register(Commissioner)
class CommissionerAdmin(SatkerScopedAdmin):
    form = CommissionerForm
    list_display = ["name", "position", "division", "term_start", "term_end", "satker"]
    list_filter = ["position", "division"]
    list_select_related = ["satker", "division"]
    search_fields = ["name"]
    date_hierarchy = "term_start"

    def get_list_display(self, request):
        if readable_satker(request.user).count() > 1:
            return self.list_display
        return [name for name in self.list_display if name != "satker"]

    def get_fields(self, request, obj=None):
        fields = ["name", "photo", "position", "division", "term_start", "term_end", "bio"]
        return ["satker", *fields] if request.user.is_superuser else fields

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            membership = membership_of(request.user)
            if membership is None:
                raise PermissionDenied
            if change and obj.satker_id != membership.satker_id:
                raise PermissionDenied
            obj.satker_id = membership.satker_id  # never from the form
        super().save_model(request, obj, form, change)
