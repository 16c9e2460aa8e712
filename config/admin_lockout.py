"""Admin login throttling (django-axes): the login form's bounded username, the username axes
records (AXES_USERNAME_CALLABLE), the page for a login it refuses (AXES_LOCKOUT_CALLABLE), and
its list of login failures in the admin."""

from axes.admin import AccessAttemptAdmin
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.validators import MaxLengthValidator
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


class BoundedLoginForm(AdminAuthenticationForm):
    """The admin's login form, refusing a username longer than any account's with a form error.

    Django's sets the username's length only as the input's `maxlength` attribute, which a
    hand-made request ignores: the username then went on to django-axes, which records it in a
    column of 255 characters (PostgreSQL refused the insert: a 500).
    """

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))


# The longest username axes can record (its AccessAttempt, AccessLog and AccessFailureLog).
RECORDED_USERNAME_LENGTH = AccessAttempt._meta.get_field("username").max_length


def login_username(request, credentials=None) -> str | None:
    """The username axes counts failures for, as it reads it, cut to what it can record.

    The login form refuses a longer one before axes sees it; this covers any other caller of
    `authenticate()`. No real username is that long, so the cut merges no two accounts.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        username = credentials.get(field)
    else:
        username = getattr(request, "data", request.POST).get(field)
    return username[:RECORDED_USERNAME_LENGTH] if isinstance(username, str) else username


class LoginFailuresAdmin(AccessAttemptAdmin):
    """django-axes' list of failed logins, whose "clean up expired attempts" action works.

    Its handler reads the request's time from an attribute axes sets only on a login request:
    on the admin's list the action was an AttributeError, a 500.
    """

    @admin.action(description=AccessAttemptAdmin.cleanup_expired_attempts.short_description)
    def cleanup_expired_attempts(self, request, queryset):
        AxesProxyHandler.update_request(request)
        return super().cleanup_expired_attempts(request, queryset)


def use_site_login_pages(site: admin.AdminSite) -> None:
    """The admin's login form, and its list of failed logins, as defined above."""
    site.login_form = BoundedLoginForm
    if site.is_registered(AccessAttempt):
        site.unregister(AccessAttempt)
        site.register(AccessAttempt, LoginFailuresAdmin)
