"""Admin login is throttled (django-axes): too many failures lock that username out for a while."""

import datetime

import pytest
from django.urls import reverse

LOGIN = "/admin/login/"
PASSWORD = "the right password"


@pytest.fixture
def throttled(settings):
    """django-axes as production runs it (the test settings switch it off for client.login)."""
    settings.AXES_ENABLED = True
    return settings


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("ada", password=PASSWORD, is_staff=True)


def log_in(client, password, username="ada"):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


def test_the_production_limit_and_cool_off_are_five_failures_and_fifteen_minutes(settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    assert datetime.timedelta(minutes=15) == settings.AXES_COOLOFF_TIME


def test_failures_below_the_limit_show_the_login_form_again(throttled, client, staff):
    for _ in range(throttled.AXES_FAILURE_LIMIT - 1):
        response = log_in(client, "wrong")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()

    assert log_in(client, PASSWORD).status_code == 302


def test_the_nth_failure_locks_out_and_then_the_right_password_is_refused_clearly(
    throttled, client, staff
):
    for _ in range(throttled.AXES_FAILURE_LIMIT - 1):
        log_in(client, "wrong")

    locked = log_in(client, "wrong")
    after = log_in(client, PASSWORD)

    assert locked.status_code == 429
    assert after.status_code == 429
    html = after.content.decode()
    assert "Too many failed logins" in html
    assert "Logging in as “ada” from this address is blocked after 5 failed attempts" in html
    assert "for 15 minutes after the last one" in html
    assert "Traceback" not in html
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302  # back to the login page


def test_the_lockout_ends_after_the_cool_off(throttled, client, staff, django_user_model):
    from axes.models import AccessAttempt

    for _ in range(throttled.AXES_FAILURE_LIMIT):
        log_in(client, "wrong")
    assert log_in(client, PASSWORD).status_code == 429

    later = datetime.datetime.now(datetime.UTC) - throttled.AXES_COOLOFF_TIME * 2
    AccessAttempt.objects.update(attempt_time=later)

    assert log_in(client, PASSWORD).status_code == 302


def test_another_username_from_the_same_address_is_not_locked_out(
    throttled, client, staff, django_user_model
):
    django_user_model.objects.create_user("grace", password=PASSWORD, is_staff=True)
    for _ in range(throttled.AXES_FAILURE_LIMIT):
        log_in(client, "wrong")

    assert log_in(client, PASSWORD, username="grace").status_code == 302


def test_limit_and_cool_off_come_from_the_environment():
    from tests.test_settings import load_settings_value

    values = load_settings_value(
        "AXES_FAILURE_LIMIT",
        "AXES_COOLOFF_TIME.total_seconds()",
        DJANGO_DEBUG="1",
        DJANGO_LOGIN_FAILURE_LIMIT="3",
        DJANGO_LOGIN_COOLOFF_MINUTES="60",
    )

    assert values == [3, 3600.0]


def test_an_over_long_username_is_a_form_error_and_nothing_is_recorded(throttled, client, db):
    from axes.models import AccessAttempt

    response = log_in(client, "wrong", username="x" * 10_000)

    assert response.status_code == 200
    assert "Ensure this value has at most 150 characters (it has 10000)." in response.text
    assert not AccessAttempt.objects.exists()


def test_axes_records_at_most_the_username_length_it_can_store(throttled, rf):
    from config.admin_lockout import RECORDED_USERNAME_LENGTH, login_username

    request = rf.post(LOGIN, {"username": "y" * 1000})

    assert login_username(request) == "y" * RECORDED_USERNAME_LENGTH
    assert login_username(request, {"username": "ada"}) == "ada"
    assert login_username(rf.post(LOGIN, {})) is None
