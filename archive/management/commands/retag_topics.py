"""``manage.py retag_topics``: re-tag every stored statement after the taxonomy in fixtures/ changed."""

from django.core.management.base import BaseCommand
from django.db import transaction

from archive.family_names import sync_family_names
from archive.importer import curated
from archive.importer.store import sync_curated
from archive.importer.topics import Tagger
from archive.models import Statement, StatementTopic, Topic


class Command(BaseCommand):
    help = "Re-run topic tagging over stored statements; statements whose topics an editor corrected are kept."

    def handle(self, *args, **options):
        data = curated.load()
        sync_curated(data, overwrite=True)
        sync_family_names(data.speakers, overwrite=True)
        tagger = Tagger(data.topics)
        topics = {t.slug: t for t in Topic.objects.all()}
        changed = 0
        statements = Statement.objects.filter(topics_locked=False).only("pk", "text", "context", "kind")
        with transaction.atomic():
            for statement in statements.iterator(chunk_size=2000):
                found = tagger.tag_statement(statement.text, statement.context,
                                             is_answer=statement.kind == Statement.Kind.ANSWER)
                wanted = {slug: terms for slug, terms in found.items() if slug in topics}
                current = {st.topic.slug: st.matched_terms for st in statement.statementtopic_set.select_related("topic")}
                if current == wanted:
                    continue
                StatementTopic.objects.filter(statement=statement).delete()
                StatementTopic.objects.bulk_create(
                    StatementTopic(statement=statement, topic=topics[slug], matched_terms=terms)
                    for slug, terms in wanted.items()
                )
                changed += 1
        self.stdout.write(f"Re-tagged {changed} statements; {Statement.objects.filter(topics_locked=True).count()} "
                          "kept as corrected by editors.")
