"""The site's 404 and 500 pages (handler404 and handler500 in config/urls.py).

The 400 page is config.request_limits.bad_request; the 503 pages are config/outage.py's (the
database does not answer) and config/statement_timeout.py's (a statement ran out of time).
"""

import logging
import sys

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from config import outage
from config.statement_timeout import is_statement_timeout, statement_timeout_response

logger = logging.getLogger(__name__)

PLAIN_SERVER_ERROR = (
    "<!doctype html><title>Server error</title><h1>Something went wrong</h1>"
    "<p>The page could not be shown because of an error on our side.</p>"
)


def page_not_found(request, exception):
    message = ""
    # Http404("...") carries a sentence for the reader; the resolver's 404 carries a dict.
    if exception is not None and exception.args and isinstance(exception.args[0], str):
        message = exception.args[0]
    return render(request, "404.html", {"message": message}, status=404)


def server_error(request):
    # Django calls this while handling the exception: a database that does not answer, or a
    # statement cancelled at its time limit, raised outside a view (where the middleware did not
    # see it), is a 503.
    error = sys.exc_info()[1]
    if is_statement_timeout(error):
        return statement_timeout_response(request)
    if outage.is_database_down(error):
        return outage.database_unavailable_response()
    # Rendered without the request: context processors could touch the database or the
    # session, which may be the very thing that failed.
    try:
        body = loader.get_template("500.html").render()
    except Exception:
        # The error page must not fail in turn, e.g. on a static file missing from the manifest.
        logger.exception("The 500 page could not be rendered")
        body = PLAIN_SERVER_ERROR
    return HttpResponseServerError(body)
