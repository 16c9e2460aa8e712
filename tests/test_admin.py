"""config/admin.py: the change-list paginator (cheap counts on PostgreSQL, exact ones elsewhere),
and the guards every admin page has against values no page of it sends."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from config.admin import INVALID_FILTER_MESSAGE, CheapCountPaginator
from interviews.models import Turn

TWENTY_DIGITS = "12345678901234567890"


@pytest.fixture
def turns(make_interview):
    make_interview(turns=30)
    return Turn.objects.order_by("interview", "position")


def count_and_statements(queryset) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        count = CheapCountPaginator(queryset, 10).count
    return count, [query["sql"] for query in captured.captured_queries]


def test_the_count_is_exact_on_sqlite_or_when_small(turns):
    assert count_and_statements(turns)[0] == 30
    assert count_and_statements(turns.filter(kind="question"))[0] == 15


@pytest.mark.postgres
def test_an_unfiltered_count_comes_from_the_statistics_once_the_table_is_large(turns, monkeypatch):
    monkeypatch.setattr(CheapCountPaginator, "EXACT_UP_TO", 5)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE interviews_turn")
    count, statements = count_and_statements(turns)
    assert count == 30
    assert not any("COUNT(" in statement for statement in statements)
    assert any("pg_class" in statement for statement in statements)


@pytest.mark.postgres
def test_a_filtered_count_is_exact_up_to_the_limit_and_estimated_beyond(turns, monkeypatch):
    monkeypatch.setattr(CheapCountPaginator, "EXACT_UP_TO", 20)
    count, statements = count_and_statements(turns.filter(kind="question"))
    assert count == 15
    assert not any("EXPLAIN" in statement for statement in statements)

    monkeypatch.setattr(CheapCountPaginator, "EXACT_UP_TO", 5)
    count, statements = count_and_statements(turns.filter(kind="question"))
    assert count >= 6  # at least what it counted, then the planner's guess
    assert any(statement.startswith("EXPLAIN") for statement in statements)


@pytest.mark.parametrize(
    ("changelist", "params"),
    [
        ("admin:interviews_interview_changelist", {"id__regex": "("}),
        ("admin:interviews_interview_changelist", {"title__iregex": "(a"}),
        ("admin:interviews_comment_changelist", {"posted_at__year": "-1"}),
        ("admin:auth_user_changelist", {"last_login__year__gte": "0"}),
    ],
)
def test_a_filter_the_database_would_refuse_shows_the_whole_list_with_a_message(
    admin_client, make_interview, changelist, params
):
    make_interview("Keras and friends", comments=2)
    url = reverse(changelist)

    response = admin_client.get(url, params, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain == [(f"{url}?e=1", 302)]
    assert INVALID_FILTER_MESSAGE in response.content.decode()


@pytest.mark.parametrize(
    ("changelist", "params"),
    [
        ("admin:interviews_interview_changelist", {"pk__in": TWENTY_DIGITS}),
        ("admin:auth_user_changelist", {"id__in": f"1,{TWENTY_DIGITS}"}),
    ],
)
def test_an_id_past_64_bits_in_a_filter_lists_nothing_or_the_whole_list_with_a_message(
    admin_client, make_interview, on_postgres, changelist, params
):
    """PostgreSQL compares the number and finds no row; SQLite cannot hold it, and says so."""
    make_interview("Keras and friends")
    url = reverse(changelist)

    response = admin_client.get(url, params, follow=True)

    assert response.status_code == 200
    if on_postgres:
        assert response.redirect_chain == []
        assert response.context["cl"].result_count == 0
    else:
        assert response.redirect_chain == [(f"{url}?e=1", 302)]
        assert INVALID_FILTER_MESSAGE in response.content.decode()


@pytest.mark.parametrize("object_id", ["²", TWENTY_DIGITS, "9" * 30, "-1"])
@pytest.mark.parametrize("page", ["change", "history", "delete"])
@pytest.mark.parametrize("model", ["interviews_interview", "auth_user"])
def test_an_object_page_for_an_id_no_row_can_have_says_it_does_not_exist(
    admin_client, make_interview, model, page, object_id
):
    make_interview()
    url = reverse(f"admin:{model}_{page}", args=[object_id])

    response = admin_client.get(url, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain == [(reverse("admin:index"), 302)]
    assert "doesn’t exist. Perhaps it was deleted?" in response.content.decode()


@pytest.mark.parametrize("page", ["change", "history", "delete"])
def test_a_nul_in_an_object_id_is_refused_before_the_admin(admin_client, make_interview, page):
    # config/malformed_input.py answers a NUL in any path with a 400, before a view or a query.
    make_interview()
    url = reverse(f"admin:interviews_interview_{page}", args=["1\x00"])
    assert admin_client.get(url).status_code == 400


def test_a_group_given_a_permission_id_past_64_bits_is_shown_again_with_an_error(admin_client):
    group = Group.objects.create(name="Readers")
    permission = Permission.objects.first()

    response = admin_client.post(
        reverse("admin:auth_group_change", args=[group.pk]),
        {"name": "Readers", "permissions": [permission.pk, TWENTY_DIGITS]},
    )

    assert response.status_code == 200
    assert f"“{TWENTY_DIGITS}” is not a valid value." in response.content.decode()
    assert not group.permissions.exists()


def test_cleaning_up_expired_login_failures_from_the_admin_works(admin_client, settings):
    attempt = AccessAttempt.objects.create(
        username="nobody",
        ip_address="127.0.0.1",
        user_agent="a browser",
        http_accept="*/*",
        path_info="/admin/login/",
        get_data="",
        post_data="",
        failures_since_start=1,
    )
    # attempt_time is set on creation (auto_now_add): moved back past the cool-off here.
    AccessAttempt.objects.update(attempt_time=attempt.attempt_time - settings.AXES_COOLOFF_TIME * 2)

    response = admin_client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "cleanup_expired_attempts", "_selected_action": [attempt.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert "Cleaned up 1 expired access attempts." in response.content.decode()
    assert not AccessAttempt.objects.exists()
