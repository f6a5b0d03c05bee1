import pytest
from django.contrib.auth.models import User

from archive.models import Speaker, StatementTopic, Topic


def test_home_page_offers_search_and_counts(client, make_statement):
    make_statement()

    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<form class="search-form" role="search" method="get" action="/search/">' in html
    assert '<label for="search-query">' in html
    assert '<html lang="en">' in html
    assert response.context["counts"] == {"statements": 1, "speakers": 1, "documents": 1}


def test_search_without_words_lists_newest_first(client, make_statement):
    make_statement("Older words.")
    make_statement("Newest words.")

    response = client.get("/search/")

    assert response.status_code == 200
    assert [statement.text for statement in response.context["page"].results] == ["Newest words.", "Older words."]


@pytest.fixture
def editor_client(client, db):
    client.force_login(User.objects.create_superuser("editor", "editor@example.org", "unused-password"))
    return client


def statement_change_form(statement, **overrides) -> dict:
    """POST data for the Statement change form, with an empty topics inline unless overridden."""
    data = {
        "key": statement.key,
        "document": statement.document_id,
        "speaker": statement.speaker_id,
        "position": statement.position,
        "kind": statement.kind,
        "text": statement.text,
        "context": statement.context,
        "start_offset": statement.start_offset,
        "end_offset": statement.end_offset,
        "statementtopic_set-TOTAL_FORMS": "0",
        "statementtopic_set-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_admin_speaker_correction_locks_speaker(editor_client, make_statement):
    statement = make_statement()
    corrected = Speaker.objects.create(name="Maria Zakharova", slug="maria-zakharova")

    response = editor_client.post(
        f"/admin/archive/statement/{statement.pk}/change/", statement_change_form(statement, speaker=corrected.pk)
    )

    assert response.status_code == 302
    statement.refresh_from_db()
    assert (statement.speaker_id, statement.speaker_name) == (corrected.pk, "Maria Zakharova")
    assert statement.speaker_locked and not statement.topics_locked


def test_admin_topic_correction_locks_topics(editor_client, make_statement):
    statement = make_statement()
    topic = Topic.objects.create(name="Arms control", slug="arms-control")

    response = editor_client.post(
        f"/admin/archive/statement/{statement.pk}/change/",
        statement_change_form(
            statement,
            **{"statementtopic_set-TOTAL_FORMS": "1", "statementtopic_set-0-topic": topic.pk},
        ),
    )

    assert response.status_code == 302
    statement.refresh_from_db()
    assert list(StatementTopic.objects.filter(statement=statement).values_list("topic", flat=True)) == [topic.pk]
    assert statement.topics_locked and not statement.speaker_locked


def test_admin_save_without_changes_locks_nothing(editor_client, make_statement):
    statement = make_statement()

    editor_client.post(f"/admin/archive/statement/{statement.pk}/change/", statement_change_form(statement))

    statement.refresh_from_db()
    assert not statement.speaker_locked and not statement.topics_locked


@pytest.mark.parametrize("model", ["speaker", "topic", "document", "statement"])
def test_admin_lists_render(editor_client, make_statement, model):
    make_statement()

    response = editor_client.get(f"/admin/archive/{model}/", {"q": "ready"})

    assert response.status_code == 200
