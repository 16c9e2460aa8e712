from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.decorators.http import require_safe

from interviews import export_views
from interviews import views as interview_views
from interviews.sitemaps import SITEMAPS

urlpatterns = [
    path("", interview_views.home, name="home"),
    path("healthz", interview_views.healthz, name="healthz"),
    path("readyz", interview_views.readyz, name="readyz"),
    # An index of the sections' pages; each page lists at most SITEMAP_PAGE_SIZE URLs.
    path(
        "sitemap.xml",
        require_safe(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        require_safe(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", export_views.robots_txt, name="robots_txt"),
    path("admin/", admin.site.urls),
    path("people/", include("people.urls")),
    path("", include("interviews.urls")),
]

handler400 = "config.request_limits.bad_request"
handler404 = "interviews.views.page_not_found"
handler500 = "interviews.views.server_error"
