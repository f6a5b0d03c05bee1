"""The family names of the curated speakers (``surnames`` in ``fixtures/speakers.toml``: Wang Yi's comes
first), copied to ``Speaker.family_name``, where citations read them.

The importer's ``sync_curated`` writes the curated speakers' other fields; this runs after it, in the
commands that call it (``import_statements``, ``load_curated``, ``retag_topics``). As there, an import
fills in only what is blank, so an editor's correction in the admin stays, and ``load_curated`` makes the
fixtures win.
"""

from __future__ import annotations

from collections.abc import Iterable

from archive.models import Speaker


def sync_family_names(curated_speakers: Iterable, overwrite: bool = False) -> int:
    """Set the recorded family name of each curated speaker that has one; returns how many changed."""
    wanted = {entry.name: entry.surnames[0] for entry in curated_speakers if entry.surnames}
    changed = 0
    for speaker in Speaker.objects.filter(name__in=wanted):
        family = wanted[speaker.name]
        if speaker.family_name == family or (speaker.family_name and not overwrite):
            continue
        speaker.family_name = family
        speaker.save(update_fields=["family_name"])
        changed += 1
    return changed
