"""The page for a login attempt that django-axes refuses (AXES_LOCKOUT_CALLABLE)."""

from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from django.shortcuts import render

LOCKED_OUT_TEMPLATE = "admin/locked_out.html"


def login_locked_out(request, original_response=None, credentials=None):
    cool_off = get_cool_off(request)
    return render(
        request,
        LOCKED_OUT_TEMPLATE,
        {
            "username": get_client_username(request, credentials) or "",
            "failure_limit": get_failure_limit(request, credentials),
            "cooloff_minutes": round(cool_off.total_seconds() / 60) if cool_off else None,
        },
        status=429,
    )
