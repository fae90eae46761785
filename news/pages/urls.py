from django.urls import path

from . import views

app_name = "pages"

urlpatterns = [
    path("halaman/<slug:slug>/", views.PageDetailView.as_view(), name="page_detail"),
]
