"""The health checks a load balancer or container runtime polls: /healthz and /readyz."""

import logging

from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from config.outage import DATABASE_DOWN_ERRORS

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    """The process is up. No database: a slow database must not get a healthy process restarted."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def readyz(request):
    """Ready to serve pages: the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DATABASE_DOWN_ERRORS as error:
        logger.warning("readyz: database unavailable: %s", error)
        return HttpResponse(
            "database unavailable", status=503, content_type="text/plain; charset=utf-8"
        )
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
