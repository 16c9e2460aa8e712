"""A reply's parent must belong to the same interview.

A check constraint cannot look at another row and Django has no composite foreign keys,
so the rule is a trigger, written for each database the project supports.
"""

from django.db import migrations

MESSAGE = "comment_parent_same_interview: a reply must belong to the interview of its parent"

SQLITE_CREATE = [
    f"""
    CREATE TRIGGER comment_parent_same_interview_{event.lower()}
    BEFORE {event} ON interviews_comment
    FOR EACH ROW WHEN NEW.parent_id IS NOT NULL AND NEW.interview_id IS NOT
        (SELECT interview_id FROM interviews_comment WHERE id = NEW.parent_id)
    BEGIN
        SELECT RAISE(ABORT, '{MESSAGE}');
    END;
    """
    for event in ("INSERT", "UPDATE")
] + [
    # Moving a comment to another interview must not strand its replies.
    f"""
    CREATE TRIGGER comment_children_same_interview
    BEFORE UPDATE OF interview_id ON interviews_comment
    FOR EACH ROW WHEN EXISTS (
        SELECT 1 FROM interviews_comment
        WHERE parent_id = NEW.id AND interview_id IS NOT NEW.interview_id)
    BEGIN
        SELECT RAISE(ABORT, '{MESSAGE}');
    END;
    """
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS comment_parent_same_interview_insert;",
    "DROP TRIGGER IF EXISTS comment_parent_same_interview_update;",
    "DROP TRIGGER IF EXISTS comment_children_same_interview;",
]

POSTGRES_CREATE = [
    f"""
    CREATE FUNCTION comment_parent_same_interview() RETURNS trigger AS $$
    BEGIN
        IF NEW.parent_id IS NOT NULL AND NEW.interview_id IS DISTINCT FROM
            (SELECT interview_id FROM interviews_comment WHERE id = NEW.parent_id) THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF TG_OP = 'UPDATE' AND NEW.interview_id IS DISTINCT FROM OLD.interview_id AND EXISTS (
            SELECT 1 FROM interviews_comment
            WHERE parent_id = NEW.id AND interview_id IS DISTINCT FROM NEW.interview_id) THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER comment_parent_same_interview
    BEFORE INSERT OR UPDATE OF parent_id, interview_id ON interviews_comment
    FOR EACH ROW EXECUTE FUNCTION comment_parent_same_interview();
    """,
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS comment_parent_same_interview ON interviews_comment;",
    "DROP FUNCTION IF EXISTS comment_parent_same_interview();",
]

STATEMENTS = {
    "sqlite": (SQLITE_CREATE, SQLITE_DROP),
    "postgresql": (POSTGRES_CREATE, POSTGRES_DROP),
}


def run(schema_editor, index):
    vendor = schema_editor.connection.vendor
    if vendor not in STATEMENTS:
        raise NotImplementedError(f"No comment-parent trigger written for {vendor}.")
    for statement in STATEMENTS[vendor][index]:
        schema_editor.execute(statement)


def create_triggers(apps, schema_editor):
    run(schema_editor, 0)


def drop_triggers(apps, schema_editor):
    run(schema_editor, 1)


class Migration(migrations.Migration):
    dependencies = [("interviews", "0001_initial")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
