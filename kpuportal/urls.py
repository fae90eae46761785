import ckeditor_uploader.urls
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import URLPattern, include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.clickjacking import xframe_options_sameorigin

from news.views import HomeView

# CKEditor's image dialog posts uploads through a same-origin iframe; every other page is DENY.
editor_urls = [
    URLPattern(route.pattern, xframe_options_sameorigin(route.callback), name=route.name)
    for route in ckeditor_uploader.urls.urlpatterns
]

admin.site.site_header = _("Ruang Redaksi Portal Berita KPU")
admin.site.site_title = _("Redaksi KPU")
admin.site.index_title = _("Beranda redaksi")

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("", include("news.urls")),
    path("", include("satker.urls")),
    path("", include("viewcount.urls")),
    path("admin/", admin.site.urls),
    path("ckeditor/", include(editor_urls)),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
