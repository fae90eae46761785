from django.conf import settings
from django.contrib import admin
from django.http import Http404
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.static import serve

from news.newsroom.editor_upload import editor_upload
from news.public import sitemap_views
from news.public.views import HomeView

# The editor's image upload: our own view (CSRF-protected, staff only, per satker), called by
# XHR, so no page needs to allow frames.
editor_urls = [path("upload/", editor_upload, name="ckeditor_upload")]

admin.site.site_header = _("Ruang Redaksi Portal Berita KPU")
admin.site.site_title = _("Redaksi KPU")
admin.site.index_title = _("Beranda redaksi")

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("sitemap.xml", sitemap_views.sitemap_index, name="sitemap"),
    path("sitemap-news.xml", sitemap_views.news_sitemap, name="news_sitemap"),
    path("sitemap-<slug:section>.xml", sitemap_views.sitemap_section, name="sitemap_section"),
    path("robots.txt", sitemap_views.robots_txt, name="robots_txt"),
    # Browsers ask for /favicon.ico on pages that name no icon (the admin): the site's own SVG.
    path("favicon.ico", lambda request: redirect(static("favicon.svg"), permanent=True)),
    path("", include("news.public.urls")),
    path("", include("news.public.satker_urls")),
    path("", include("viewcount.urls")),
    path("api/v1/", include("api.urls")),
    path("admin/", admin.site.urls),
    path("ckeditor/", include(editor_urls)),
    path("", include("ops.urls")),
]
handler500 = "ops.outage.server_error"  # the database away outside a view: 503, not 500


def media(request, path):
    """Uploaded files, for development and small installs; behind nginx it serves /media/ itself."""
    if not settings.SERVE_MEDIA:
        raise Http404
    try:
        return serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError as error:  # a name the file system refuses (too long, ...): no such file
        raise Http404 from error


urlpatterns.append(path("media/<path:path>", media, name="media"))

if settings.KPU_BENCH:
    from bench.views import do_nothing  # noqa: PLC0415  (never imported in production)

    urlpatterns.append(path("tolok-ukur/kosong/", do_nothing, name="bench_noop"))
