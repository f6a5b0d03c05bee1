"""The statements' GIN index without a pending list (fastupdate off).

The importer looks for copies of every new statement in this index (archive/reported.py). With GIN's
pending list on, new entries wait in an unsorted list of up to 4 MB that every lookup reads in full:
during an import that was most of a lookup's time. ALTER INDEX changes the setting in place (no
rebuild), and the entries already pending are moved into the index.
"""

import django.contrib.postgres.indexes
from django.db import migrations

INDEX = "statement_search_vector_gin"


class Migration(migrations.Migration):

    dependencies = [
        ("archive", "0003_quote_groups"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f"ALTER INDEX {INDEX} SET (fastupdate = off); SELECT gin_clean_pending_list('{INDEX}'::regclass);",
                    f"ALTER INDEX {INDEX} RESET (fastupdate);",
                ),
            ],
            state_operations=[
                migrations.RemoveIndex(model_name="statement", name=INDEX),
                migrations.AddIndex(
                    model_name="statement",
                    index=django.contrib.postgres.indexes.GinIndex(fastupdate=False, fields=["search_vector"], name=INDEX),
                ),
            ],
        ),
    ]
