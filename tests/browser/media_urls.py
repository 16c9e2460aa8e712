"""The site's URLs, plus the uploaded media served from MEDIA_ROOT, for browser tests.

The live server serves static files but not media. Django's plain `serve` view answers without
Range support, which is enough for a short WAV that the browser reads whole.
"""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from config.urls import handler400, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    re_path(
        rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$",
        serve,
        {"document_root": settings.MEDIA_ROOT},
    ),
    *site_urlpatterns,
]
