"""``manage.py load_curated``: make the database's speakers and topics match ``fixtures/`` after an edit."""

from django.core.management.base import BaseCommand

from archive.family_names import sync_family_names
from archive.importer import curated
from archive.importer.store import sync_curated


class Command(BaseCommand):
    help = "Load the curated speakers (with aliases) and topics from fixtures/, overwriting their stored fields."

    def handle(self, *args, **options):
        data = curated.load()
        sync_curated(data, overwrite=True)
        sync_family_names(data.speakers, overwrite=True)
        self.stdout.write(f"Loaded {len(data.speakers)} speakers and {len(data.topics)} topics from fixtures/.")
