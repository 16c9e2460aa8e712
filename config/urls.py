import re
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.decorators.http import require_safe

from config import health, media_serving, robots
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

# Uploaded media at MEDIA_URL, when it is an address on this site (not object storage's): the
# view answers only where settings.MEDIA_SERVED_BY_APP says so (config/media_serving.py).
if not urlsplit(settings.MEDIA_URL).netloc:
    urlpatterns.insert(
        0,
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.+)$",
            media_serving.serve_media,
            name="media",
        ),
    )

handler400 = "config.request_limits.bad_request"
handler404 = "config.error_pages.page_not_found"
handler500 = "config.error_pages.server_error"
