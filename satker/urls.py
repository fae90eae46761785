from django.urls import path

from . import views

app_name = "satker"

urlpatterns = [
    path("satker/<slug:slug>/", views.SatkerDetailView.as_view(), name="satker_detail"),
]
