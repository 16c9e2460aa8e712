from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.decorators.http import require_safe

from config import health, robots
from interviews import views as interview_views
from interviews.sitemaps import SITEMAPS

urlpatterns = [
    path("", interview_views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
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
    path("robots.txt", robots.robots_txt, name="robots_txt"),
    path("admin/", admin.site.urls),
    path("", include("interviews.urls")),
]

handler400 = "config.request_limits.bad_request"
handler404 = "config.error_pages.page_not_found"
handler500 = "config.error_pages.server_error"
