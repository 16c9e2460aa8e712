"""The site's URLs, plus uploaded media served from MEDIA_ROOT: for browser tests that show a
figure's image, as Django serves media only through a view the site's URLs name."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from config.urls import handler400, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as site_urlpatterns


def media(request, path):
    # MEDIA_ROOT read on each request: the tests give each run a folder of its own.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    *site_urlpatterns,
    re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.+)$", media),
]
