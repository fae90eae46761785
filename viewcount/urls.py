from django.conf import settings
from django.urls import path

from . import views

app_name = "viewcount"

urlpatterns = [
    path("kunjungan/", views.beacon, name="record"),
    path("kunjungan/piksel.gif", views.pixel, name="pixel"),
]

if settings.KPU_BENCH:
    urlpatterns.append(path("tolok-ukur/kosong/", views.do_nothing, name="bench_noop"))
