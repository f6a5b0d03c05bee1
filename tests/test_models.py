import pytest
from django.contrib.postgres.search import SearchQuery
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError

from archive.models import Speaker, Statement


def matches(statement: Statement, words: str) -> bool:
    query = SearchQuery(words, config="english")
    return Statement.objects.filter(pk=statement.pk, search_vector=query).exists()


def test_search_vector_follows_edited_text(make_statement):
    statement = make_statement("The missile deployment threatens strategic stability.")
    assert matches(statement, "missile")

    statement.text = "Sanctions will not change our course."
    statement.save()

    assert not matches(statement, "missile")
    assert matches(statement, "sanctions")


def test_search_vector_weights_quote_above_speaker(make_statement):
    statement = make_statement("Dialogue remains possible.", speaker_name="Maria Zakharova")
    statement.refresh_from_db()

    assert "'dialogu':1A" in statement.search_vector
    assert "'zakharova':5B" in statement.search_vector


def test_renamed_speaker_is_searchable_under_new_name(make_statement):
    statement = make_statement("Dialogue remains possible.", speaker_name="Sergei Ryabkov")
    speaker = statement.speaker

    speaker.name = "Sergey Ryabkov"
    speaker.save()

    statement.refresh_from_db()
    assert statement.speaker_name == "Sergey Ryabkov"
    assert matches(statement, "Sergey")


def test_statement_key_is_unique(make_statement):
    first = make_statement(key="ABCDEFGH")

    with pytest.raises(IntegrityError), transaction.atomic():
        make_statement(key=first.key)


def test_protected_speaker_cannot_be_deleted_while_quoted(make_statement):
    statement = make_statement()

    with pytest.raises(ProtectedError):
        Speaker.objects.filter(pk=statement.speaker_id).delete()


def test_models_and_migrations_agree(db):
    call_command("makemigrations", "archive", "--check", "--dry-run", verbosity=0)


def test_migrations_apply_from_zero(db):
    call_command("migrate", "archive", "zero", verbosity=0)
    assert "archive_statement" not in connection.introspection.table_names()

    call_command("migrate", "archive", verbosity=0)
    assert "archive_statement" in connection.introspection.table_names()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attgenerated FROM pg_attribute"
            " WHERE attrelid = 'archive_statement'::regclass AND attname = 'search_vector'"
        )
        assert cursor.fetchone() == ("s",), "search_vector should be a stored generated column"
