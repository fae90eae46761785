from django.urls import path

from news.public import satker_views as views

app_name = "satker"

urlpatterns = [
    path("satker/<slug:slug>/", views.SatkerDetailView.as_view(), name="satker_detail"),
]
