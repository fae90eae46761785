from django.urls import path

from . import views

app_name = "viewcount"

urlpatterns = [
    path("kunjungan/", views.beacon, name="record"),
    path("kunjungan/piksel.gif", views.pixel, name="pixel"),
]
