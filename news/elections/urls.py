from django.urls import path

from . import views

app_name = "elections"

urlpatterns = [
    path("tahapan/", views.StageListView.as_view(), name="stage_list"),
    path("tahapan.ics", views.stage_calendar, name="stage_calendar"),
]
