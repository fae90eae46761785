from django.contrib import admin

from satker.admin import SatkerScopedAdmin

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

    def get_fields(self, request, obj=None):
        fields = ["name", "photo", "position", "division", "term_start", "term_end", "bio"]
        return ["satker", *fields] if request.user.is_superuser else fields
