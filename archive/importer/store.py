"""The one module that writes imports to PostgreSQL.

Each file is stored in its own transaction, so a failing or killed import leaves every file either
fully in or not at all. Permalink keys are promises: a statement whose text is unchanged keeps its
key across re-imports (the key is derived from the document's file name and the folded text, so
even a fresh database gives the same URLs), an edited statement gets a new key and the old one is
retired with a redirect to it, and a retired key is never handed out again.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify
from rapidfuzz import fuzz

from archive.models import Document, RetiredKey, Speaker, SpeakerAlias, Statement, StatementTopic, Topic

from .curated import Curated
from .normalize import fold
from .types import ParsedDocument, ParsedStatement, SpeakerRef

# How alike an edited statement must be to its old version for the old permalink to redirect to it.
SUCCESSOR_SIMILARITY = 75


@dataclass
class StoreResult:
    status: str  # created | updated | unchanged
    statements: Counter = field(default_factory=Counter)  # by kind
    new_speakers: list[str] = field(default_factory=list)
    retired_keys: int = 0


def statement_key(file_name: str, text: str, occurrence: int = 0, salt: int = 0) -> str:
    """A short, URL-safe key that depends only on where the words were said and what they are."""
    return _key(file_name, fold(text), occurrence, salt)


def _key(file_name: str, folded: str, occurrence: int, salt: int = 0) -> str:
    material = f"{file_name}\n{folded}\n{occurrence}\n{salt}".encode()
    return base64.b32encode(hashlib.sha256(material).digest()).decode().lower()[:10]


def sync_curated(curated: Curated, overwrite: bool = False) -> None:
    """Put the curated speakers and topics into the database.

    The import only adds what is missing, so corrections made in the admin survive; the
    ``load_curated`` command passes ``overwrite`` to make the fixtures win. What is there is read first,
    in a few queries, so an import that finds everything in place writes nothing.
    """
    with transaction.atomic():
        speakers: dict[str, Speaker] = {}
        for speaker in Speaker.objects.filter(name__in=[e.name for e in curated.speakers]).order_by("name", "pk"):
            speakers.setdefault(speaker.name, speaker)
        aliases = set(SpeakerAlias.objects.filter(speaker__in=speakers.values()).values_list("speaker_id", "name"))
        for entry in curated.speakers:
            defaults = {"role": entry.role, "organisation": entry.organisation, "wikidata_id": entry.wikidata,
                        "curated": True}
            speaker = speakers.get(entry.name)
            if speaker is None:
                speaker = speakers[entry.name] = Speaker.objects.create(name=entry.name, slug=_free_slug(entry.name),
                                                                        **defaults)
            elif overwrite:
                for attr, value in defaults.items():
                    setattr(speaker, attr, value)
                speaker.save()
            for alias in entry.aliases:
                if (speaker.pk, alias) not in aliases:
                    SpeakerAlias.objects.get_or_create(speaker=speaker, name=alias)
                    aliases.add((speaker.pk, alias))
        topics = {t.slug: t for t in Topic.objects.filter(slug__in=[e.slug for e in curated.topics])}
        parents = {}
        for entry in curated.topics:
            defaults = {"name": entry.name, "description": entry.description, "terms": list(entry.terms)}
            topic = topics.get(entry.slug)
            if topic is None:
                topic = topics[entry.slug] = Topic.objects.create(slug=entry.slug, **defaults)
            elif overwrite:
                for attr, value in defaults.items():
                    setattr(topic, attr, value)
                topic.save()
            if entry.parent:
                parents[topic] = entry.parent
        for topic, parent_slug in parents.items():
            parent = topics.get(parent_slug) or Topic.objects.filter(slug=parent_slug).first()
            if parent and topic.parent_id != parent.pk:
                topic.parent = parent
                topic.save(update_fields=["parent"])


def _free_slug(name: str) -> str:
    base = slugify(name) or "speaker"
    slug, n = base, 2
    while Speaker.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


class _Speakers:
    """The speakers a file names, looked up together: by name, else by alias, else created."""

    def __init__(self, names: set[str], result: StoreResult):
        self.result = result
        self.found: dict[str, Speaker] = {}
        # Where several speakers share a name (or an alias), the first by name, then by id.
        for speaker in Speaker.objects.filter(name__in=names).order_by("name", "pk"):
            self.found.setdefault(speaker.name, speaker)
        missing = names - self.found.keys()
        if missing:
            aliases = SpeakerAlias.objects.filter(name__in=missing).select_related("speaker")
            for alias in aliases.order_by("speaker__name", "speaker__pk"):
                self.found.setdefault(alias.name, alias.speaker)

    def get(self, ref: SpeakerRef) -> Speaker:
        speaker = self.found.get(ref.name)
        if speaker is None:
            speaker = Speaker.objects.create(name=ref.name, slug=_free_slug(ref.name), role=ref.role, curated=ref.known)
            self.result.new_speakers.append(ref.name)
            self.found[ref.name] = speaker
        return speaker


def store(parsed: ParsedDocument, checksum: str, force: bool = False) -> StoreResult:
    """Write one parsed file: create its Document, or bring an existing one up to date."""
    with transaction.atomic():
        document = Document.objects.select_for_update().filter(file_name=parsed.file_name).first()
        result = StoreResult(status="created" if document is None else "updated")
        if document is not None and document.checksum == checksum and not force:
            result.status = "unchanged"
            return result
        document = document or Document(file_name=parsed.file_name)
        document.title = parsed.title[:500]
        document.outlet = (parsed.outlet or "")[:200]
        document.publisher = (parsed.publisher or "")[:200]
        document.date = parsed.date
        document.date_precision = parsed.date_precision or ""
        document.checksum = checksum
        document.raw_text = parsed.raw_text
        document.save()
        _reconcile(document, parsed.statements, result)
        from archive import reported  # statements that went were regrouped by archive.signals

        reported.link_document(document.pk)
        return result


def _reconcile(document: Document, parsed: list[ParsedStatement], result: StoreResult) -> None:
    """Match the new statements to the stored ones by their words, keeping keys and editors' corrections.

    New statements are inserted together and every statement's topics written together, so a file costs
    a handful of queries, not a few per statement.
    """
    old = [] if result.status == "created" else list(document.statements.all())
    old_by_text: dict[str, list[Statement]] = {}
    for statement in old:
        old_by_text.setdefault(fold(statement.text), []).append(statement)
    topics = {t.slug: t for t in Topic.objects.all()}
    speakers = _Speakers({item.speaker.name for item in parsed}, result)
    kept: set[int] = set()
    matched: list[tuple[Statement | None, str, int]] = []
    occurrences: Counter[str] = Counter()
    for item in parsed:
        folded = fold(item.text)
        occurrence = occurrences[folded]
        occurrences[folded] += 1
        same = old_by_text.get(folded)
        matched.append((same.pop(0) if same else None, folded, occurrence))
    keys = _new_keys(document.file_name, [(folded, occurrence) for statement, folded, occurrence in matched
                                          if statement is None])
    fresh: list[tuple[Statement, ParsedStatement]] = []
    retagged: list[tuple[Statement, ParsedStatement]] = []
    for position, (item, (statement, _, _)) in enumerate(zip(parsed, matched, strict=True)):
        if statement is None:
            statement = Statement(document=document, key=keys.pop(0))
            fresh.append((statement, item))
        else:
            kept.add(statement.pk)
        if not statement.speaker_locked or statement.pk is None:
            statement.speaker = speakers.get(item.speaker)
        statement.position = position
        statement.kind = item.kind
        statement.text = item.text
        statement.context = item.context or ""
        statement.start_offset = item.start
        statement.end_offset = item.end
        if statement.pk is not None:
            statement.save()
        if not statement.topics_locked:
            retagged.append((statement, item))
        result.statements[item.kind] += 1
    for statement, _ in fresh:
        statement.speaker_name = statement.speaker.name  # what Statement.save() would copy
    Statement.objects.bulk_create([statement for statement, _ in fresh])
    if retopicked := [s for s, _ in retagged if s.pk in kept]:
        StatementTopic.objects.filter(statement__in=retopicked).delete()
    StatementTopic.objects.bulk_create(
        StatementTopic(statement=statement, topic=topics[slug], matched_terms=terms)
        for statement, item in retagged
        for slug, terms in item.topics.items()
        if slug in topics
    )
    gone = [s for s in old if s.pk not in kept]
    for statement in gone:
        successor = _successor(statement, [s for s, _ in fresh])
        RetiredKey.objects.update_or_create(key=statement.key, defaults={"successor": successor})
        RetiredKey.objects.filter(successor=statement).update(successor=successor)
        result.retired_keys += 1
    if gone:
        Statement.objects.filter(pk__in=[s.pk for s in gone]).delete()


def _new_keys(file_name: str, wanted: list[tuple[str, int]]) -> list[str]:
    """Keys for new statements, (folded text, occurrence) each, in order: the first salt whose key
    no statement and no retired key has, nor an earlier one of these. The unsalted keys are checked in one
    query; a taken one (rare) is salted with a query per try, as it always was."""
    if not wanted:
        return []
    first = [_key(file_name, folded, occurrence) for folded, occurrence in wanted]
    existing = set(Statement.objects.filter(key__in=first).values_list("key", flat=True)
                   .union(RetiredKey.objects.filter(key__in=first).values_list("key", flat=True)))
    taken: set[str] = set()
    keys = []
    for key, (folded, occurrence) in zip(first, wanted, strict=True):
        if key in existing or key in taken:
            key = _new_key(file_name, folded, occurrence, taken)
        taken.add(key)
        keys.append(key)
    return keys


def _new_key(file_name: str, folded: str, occurrence: int, taken: set[str] = frozenset()) -> str:
    salt = 0
    while True:
        key = _key(file_name, folded, occurrence, salt)
        if (key not in taken and not Statement.objects.filter(key=key).exists()
                and not RetiredKey.objects.filter(key=key).exists()):
            return key
        salt += 1


def _successor(old: Statement, candidates: list[Statement]) -> Statement | None:
    """The new statement an edited one became: the most alike, if alike enough."""
    best, best_score = None, 0.0
    for candidate in candidates:
        if candidate.speaker_id != old.speaker_id:
            continue
        score = fuzz.token_set_ratio(fold(old.text), fold(candidate.text))
        if score > best_score:
            best, best_score = candidate, score
    return best if best_score >= SUCCESSOR_SIMILARITY else None
