from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from interviews import export_views
from interviews import views as interview_views
from interviews.sitemaps import SITEMAPS

urlpatterns = [
    path("", interview_views.home, name="home"),
    path("healthz", interview_views.healthz, name="healthz"),
    path("readyz", interview_views.readyz, name="readyz"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", export_views.robots_txt, name="robots_txt"),
    path("admin/", admin.site.urls),
    path("people/", include("people.urls")),
    path("", include("interviews.urls")),
]

handler400 = "config.request_limits.bad_request"
handler404 = "interviews.views.page_not_found"
handler500 = "interviews.views.server_error"
