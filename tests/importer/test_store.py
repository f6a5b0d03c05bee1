"""Storing imports: idempotent, traceable, and permalink keys that keep their promise."""

import json
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.importer import curated
from archive.models import Document, RetiredKey, Speaker, Statement, StatementTopic, Topic

SEEDS = Path(__file__).resolve().parents[2] / "fixtures/texts"
INTERVIEW = "003_a49a1948fb544129.txt"


def run_import(*paths, **options):
    call_command("import_statements", *map(str, paths), stdout=open("/dev/null", "w"), **options)


def snapshot():
    return sorted(Statement.objects.values_list("key", "document__file_name", "position", "speaker_name", "text",
                                                "updated_at"))


@pytest.fixture
def texts(tmp_path):
    folder = tmp_path / "texts"
    shutil.copytree(SEEDS, folder)
    return folder


@pytest.mark.django_db
def test_importing_the_same_files_twice_changes_nothing(texts):
    run_import(texts)
    first = snapshot()
    documents = list(Document.objects.values_list("file_name", "updated_at"))
    run_import(texts)
    assert snapshot() == first
    assert list(Document.objects.values_list("file_name", "updated_at")) == documents
    assert len(first) == 57 and Document.objects.count() == 3


@pytest.mark.django_db
def test_every_statement_can_be_traced_to_its_characters_in_the_raw_text(texts):
    run_import(texts)
    for s in Statement.objects.select_related("document"):
        source = s.document.raw_text[s.start_offset : s.end_offset]
        assert source.startswith(s.text[:25]) and source.endswith(s.text[-25:]), s.key


@pytest.mark.django_db
def test_keys_are_the_same_when_a_fresh_database_imports_the_same_files(texts):
    run_import(texts)
    keys = sorted(Statement.objects.values_list("key", "text"))
    Statement.objects.all().delete()
    Document.objects.all().delete()
    run_import(texts)
    assert sorted(Statement.objects.values_list("key", "text")) == keys


@pytest.mark.django_db
def test_an_edited_file_keeps_unchanged_keys_and_retires_the_changed_one(texts):
    run_import(texts)
    path = texts / INTERVIEW
    before = {s.text: s.key for s in Statement.objects.filter(document__file_name=INTERVIEW)}
    edited_old = next(t for t in before if t.startswith("Not only do I not expect a truce"))
    removed = next(t for t in before if t.startswith("No, and it is not expected."))
    raw = path.read_text(encoding="utf-8")
    raw = raw.replace("Not only do I not expect a truce, I expect", "Not only do I not expect a truce, I am sure")
    raw = raw.replace("Answer: No, and it is not expected.\n", "")
    path.write_text(raw, encoding="utf-8")

    run_import(texts)

    after = {s.text: s.key for s in Statement.objects.filter(document__file_name=INTERVIEW)}
    unchanged = set(before) & set(after)
    assert len(unchanged) == len(before) - 2
    assert all(before[t] == after[t] for t in unchanged)
    edited_new = next(t for t in after if t.startswith("Not only do I not expect a truce, I am sure"))
    assert after[edited_new] != before[edited_old], "a key must never come to mean different words"
    assert RetiredKey.objects.get(key=before[edited_old]).successor.key == after[edited_new]
    assert RetiredKey.objects.get(key=before[removed]).successor is None
    assert Document.objects.get(file_name=INTERVIEW).raw_text == raw


@pytest.mark.django_db
def test_corrections_made_by_editors_survive_reimport(texts):
    run_import(texts)
    statement = Statement.objects.filter(document__file_name=INTERVIEW).first()
    lavrov = Speaker.objects.get(name="Sergey Lavrov")
    statement.speaker, statement.speaker_locked = lavrov, True
    statement.topics_locked = True
    statement.save()
    StatementTopic.objects.filter(statement=statement).delete()
    StatementTopic.objects.create(statement=statement, topic=Topic.objects.get(slug="china"))

    run_import(texts, force=True)
    call_command("retag_topics", stdout=open("/dev/null", "w"))

    statement.refresh_from_db()
    assert statement.speaker == lavrov and statement.speaker_name == "Sergey Lavrov"
    assert list(statement.topics.values_list("slug", flat=True)) == ["china"]


@pytest.mark.django_db
def test_retagging_follows_a_changed_taxonomy(texts, monkeypatch):
    run_import(texts)
    data = curated.load()
    extra = curated.CuratedTopic(slug="hegemony", name="Hegemony", terms=("sphere of influence",))
    monkeypatch.setattr(curated, "load", lambda: curated.Curated(data.speakers, data.title_words,
                                                                 (*data.topics, extra), data.outlets))
    call_command("retag_topics", stdout=open("/dev/null", "w"))
    tagged = StatementTopic.objects.get(topic__slug="hegemony")
    assert "sphere of influence" in tagged.statement.text and tagged.matched_terms == ["sphere of influence"]


@pytest.mark.django_db
def test_a_bad_file_gets_one_clear_line_and_the_good_files_still_import(texts, capsys):
    run_import(texts / INTERVIEW)
    stored = snapshot()
    (texts / "empty.txt").write_bytes(b"")
    (texts / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (texts / "nothing.txt").write_text("Just a blogger's musings, with no quotations at all.\n")
    out = []
    with pytest.raises(CommandError, match="3 of 6 files failed"):
        call_command("import_statements", str(texts), stdout=_Collect(out))
    errors = [line for line in out if line.startswith("error:")]
    assert len(errors) == 3
    assert any("empty.txt: empty" in e for e in errors)
    assert any("image.txt: binary file (a PNG image)" in e for e in errors)
    assert any("nothing.txt: nothing found" in e for e in errors)
    assert Document.objects.count() == 3
    assert [row for row in snapshot() if row[1] == INTERVIEW] == stored


@pytest.mark.django_db
def test_dry_run_prints_the_jsonl_contract_and_stores_nothing(texts, capsys):
    call_command("import_statements", str(texts), dry_run=True, format="jsonl")
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert Document.objects.count() == 0 and Statement.objects.count() == 0
    document = lines[0]
    assert set(document) == {"type", "file", "title", "outlet", "date"} and document["type"] == "document"
    statement = lines[1]
    assert set(statement) == {"type", "file", "position", "speaker", "kind", "text", "context", "topics"}
    assert sum(1 for r in lines if r["type"] == "statement") == 57


class _Collect:
    """A stdout for call_command that keeps the lines written."""

    def __init__(self, lines):
        self.lines = lines

    def write(self, text):
        self.lines.extend(text.splitlines())

    def flush(self):
        pass


def parsed_document(file_name, *statements):
    from archive.importer.types import ParsedDocument, ParsedStatement, SpeakerRef

    raw = "\n\n".join(text for _, text, _ in statements)
    found, start = [], 0
    for name, text, topics in statements:
        found.append(ParsedStatement(SpeakerRef(name, known=False), "speech", text, None, start, start + len(text),
                                     topics=topics))
        start += len(text) + 2
    return ParsedDocument(file_name, "A document", None, None, None, None, raw, found, "speech")


@pytest.mark.django_db
def test_a_taken_key_is_salted_and_two_new_statements_never_share_one():
    from archive.importer.store import statement_key, store

    RetiredKey.objects.create(key=statement_key("salted.txt", "Words said once, then retired elsewhere.", 0))
    store(parsed_document("salted.txt", ("Anna Petrova", "Words said once, then retired elsewhere.", {}),
                          ("Anna Petrova", "Words said twice.", {}), ("Anna Petrova", "Words said twice.", {})),
          checksum="x")

    keys = list(Statement.objects.order_by("position").values_list("key", flat=True))
    assert keys == [statement_key("salted.txt", "Words said once, then retired elsewhere.", 0, salt=1),
                    statement_key("salted.txt", "Words said twice.", 0), statement_key("salted.txt", "Words said twice.", 1)]


@pytest.mark.django_db
def test_speakers_are_found_by_name_then_alias_and_a_new_one_is_made_once():
    from archive.importer.store import store
    from archive.models import SpeakerAlias

    known = Speaker.objects.create(name="Anna Petrova", slug="anna-petrova")
    SpeakerAlias.objects.create(speaker=known, name="A. Petrova")
    result = store(parsed_document("speakers.txt", ("A. Petrova", "First.", {}), ("Anna Petrova", "Second.", {}),
                                   ("Oleg Antonov", "Third.", {}), ("Oleg Antonov", "Fourth.", {})), checksum="x")

    assert [s.speaker_id for s in Statement.objects.order_by("position")][:2] == [known.pk, known.pk]
    assert Speaker.objects.filter(name="Oleg Antonov").count() == 1 and result.new_speakers == ["Oleg Antonov"]
    assert set(Statement.objects.values_list("speaker_name", flat=True)) == {"Anna Petrova", "Oleg Antonov"}


@pytest.mark.django_db
def test_statements_stored_together_have_their_topics_and_search_entries():
    from archive.importer.store import store
    from archive.models import FacetCount, SearchEntry

    china = Topic.objects.create(name="China", slug="china")
    trade = Topic.objects.create(name="Trade", slug="trade")
    store(parsed_document("topics.txt", ("Anna Petrova", "China and trade.", {"china": ["China"], "trade": ["trade"]}),
                          ("Anna Petrova", "Nothing.", {}), ("Anna Petrova", "China again.", {"china": ["China"]})),
          checksum="x")

    by_position = list(Statement.objects.order_by("position"))
    assert [sorted(s.topics.values_list("slug", flat=True)) for s in by_position] == [["china", "trade"], [], ["china"]]
    entries = {e.statement_id: e.topic_ids for e in SearchEntry.objects.all()}
    assert entries == {by_position[0].pk: sorted([china.pk, trade.pk]), by_position[1].pk: [], by_position[2].pk: [china.pk]}
    counts = dict(FacetCount.objects.values_list("topic_id", "statements"))
    assert counts == {FacetCount.ALL_TOPICS: 3, china.pk: 2, trade.pk: 1}


@pytest.mark.django_db
def test_curated_data_in_place_is_checked_in_a_few_queries_and_corrections_survive(django_assert_max_num_queries):
    from archive.importer.store import sync_curated
    from archive.models import SpeakerAlias

    data = curated.load()
    sync_curated(data)
    speakers, aliases, topics = Speaker.objects.count(), SpeakerAlias.objects.count(), Topic.objects.count()
    assert speakers == len(data.speakers) and topics == len(data.topics) and aliases > 0
    lavrov = Speaker.objects.get(name="Sergey Lavrov")
    lavrov.role = "Corrected by an editor"
    lavrov.save()
    SpeakerAlias.objects.filter(speaker=lavrov).first().delete()

    with django_assert_max_num_queries(10):  # three reads, and the deleted alias put back (4)
        sync_curated(data)

    assert Speaker.objects.get(pk=lavrov.pk).role == "Corrected by an editor"
    assert (Speaker.objects.count(), SpeakerAlias.objects.count(), Topic.objects.count()) == (speakers, aliases, topics)
    sync_curated(data, overwrite=True)
    assert Speaker.objects.get(pk=lavrov.pk).role != "Corrected by an editor"
