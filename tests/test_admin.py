"""config/admin.py's change-list paginator: cheap counts on PostgreSQL, exact ones elsewhere."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from config.admin import CheapCountPaginator
from interviews.models import Turn


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
