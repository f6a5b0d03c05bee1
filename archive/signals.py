"""Keep "also reported in" links true when an editor deletes a document or a statement in the admin."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Statement


@receiver(post_delete, sender=Statement)
def regroup_after_delete(sender, instance: Statement, **kwargs) -> None:
    if instance.quote_group is not None:
        from .reported import relink

        relink([instance.quote_group])
