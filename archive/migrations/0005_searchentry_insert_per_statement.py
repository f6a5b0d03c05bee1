"""Search entries for new statements written once per INSERT, not once per row.

Migration 0002's row trigger wrote each new statement's entry with an INSERT of its own, so the facet
counts' statement trigger on archive_searchentry ran once per row too: an import that inserts a file's
statements together paid both for every statement. This statement trigger writes the same entries
(same columns, same values) from the inserted rows at once, and the counts are updated once. Updates and
deletes keep their triggers.
"""

from django.db import migrations

PER_STATEMENT = """
CREATE FUNCTION archive_searchentry_insert_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO archive_searchentry AS e
        (statement_id, speaker_id, document_id, date, position, kind, topic_ids, search_vector)
    SELECT n.id, n.speaker_id, n.document_id,
           (SELECT d.date FROM archive_document d WHERE d.id = n.document_id),
           n.position, n.kind,
           ARRAY(SELECT st.topic_id FROM archive_statementtopic st WHERE st.statement_id = n.id ORDER BY st.topic_id),
           n.search_vector
      FROM new_statements n
    ON CONFLICT (statement_id) DO UPDATE SET
        speaker_id = EXCLUDED.speaker_id, document_id = EXCLUDED.document_id, date = EXCLUDED.date,
        position = EXCLUDED.position, kind = EXCLUDED.kind, topic_ids = EXCLUDED.topic_ids,
        search_vector = EXCLUDED.search_vector;
    RETURN NULL;
END $$;

DROP TRIGGER archive_statement_searchentry_insert ON archive_statement;
CREATE TRIGGER archive_statement_searchentry_insert AFTER INSERT ON archive_statement
    REFERENCING NEW TABLE AS new_statements
    FOR EACH STATEMENT EXECUTE FUNCTION archive_searchentry_insert_rows();
"""

PER_ROW = """
DROP TRIGGER archive_statement_searchentry_insert ON archive_statement;
CREATE TRIGGER archive_statement_searchentry_insert AFTER INSERT ON archive_statement
    FOR EACH ROW EXECUTE FUNCTION archive_searchentry_upsert();
DROP FUNCTION archive_searchentry_insert_rows();
"""


class Migration(migrations.Migration):

    dependencies = [
        ("archive", "0004_statement_gin_without_pending_list"),
    ]

    operations = [migrations.RunSQL(PER_STATEMENT, PER_ROW)]
