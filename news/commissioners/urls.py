from django.urls import path

from . import views

app_name = "commissioners"

urlpatterns = [
    path("komisioner/", views.CommissionerListView.as_view(), name="commissioner_list"),
    path("komisioner/riwayat/", views.CommissionerHistoryView.as_view(), name="commissioner_history"),
]
