"""The archive's data: documents as imported, the statements found in them, who said them, and topics.

The importer writes these tables; editors correct them in the admin. Field names are a contract with
the importer (archive/importer/), so rename nothing without changing it too.
"""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models, transaction
from django.db.models import F


class Speaker(models.Model):
    name = models.CharField(max_length=200, help_text="Canonical name.")
    family_name = models.CharField(
        max_length=200, blank=True, default="", db_default="",  # "" for rows written by raw SQL too (bench, load test)
        help_text="The family name as written in the name, e.g. Wang for Wang Yi; cited first. "
                  "Blank: read from the name (the last word, after any particle such as von).",
    )
    slug = models.SlugField(max_length=200, unique=True)
    role = models.CharField(max_length=300, blank=True)
    organisation = models.CharField(max_length=300, blank=True, help_text="Organisation or country.")
    wikidata_id = models.CharField(max_length=32, blank=True)
    curated = models.BooleanField(
        default=False, help_text="Came from the curated fixtures rather than discovered by an import."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        """Also copy a changed name into the statements, whose search vector indexes it."""
        update_fields = kwargs.get("update_fields")
        name_saved = not self._state.adding and (update_fields is None or "name" in update_fields)
        with transaction.atomic(using=kwargs.get("using")):
            super().save(*args, **kwargs)
            if name_saved:
                self.statements.exclude(speaker_name=self.name).update(speaker_name=self.name)


class SpeakerAlias(models.Model):
    """Another spelling of a speaker's name, as found in texts (e.g. "Sergei Ryabkov", "Ryabkov")."""

    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)

    class Meta:
        verbose_name_plural = "speaker aliases"
        constraints = [
            models.UniqueConstraint(fields=["speaker", "name"], name="unique_alias_per_speaker"),
        ]

    def __str__(self) -> str:
        return self.name


class Topic(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    terms = ArrayField(
        models.CharField(max_length=200),
        default=list,
        blank=True,
        help_text="Words and phrases that tag a statement with this topic.",
    )
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Document(models.Model):
    """One imported text file, kept verbatim so statements can point into it by character offsets."""

    class DatePrecision(models.TextChoices):
        DAY = "day", "Day"
        MONTH = "month", "Month"
        YEAR = "year", "Year"

    title = models.CharField(max_length=500, blank=True)
    outlet = models.CharField(
        max_length=200, blank=True, help_text="Who published the interview or statement, e.g. Izvestia."
    )
    publisher = models.CharField(max_length=200, blank=True, help_text="Who published this copy, e.g. a blog.")
    url = models.URLField(max_length=1000, blank=True)
    date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(max_length=5, blank=True, choices=DatePrecision.choices)
    file_name = models.CharField(max_length=255, unique=True)
    checksum = models.CharField(max_length=64, help_text="SHA-256 (hex) of the raw file bytes.")
    raw_text = models.TextField(help_text="The file's text, verbatim.")
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.title or self.file_name


class Statement(models.Model):
    class Kind(models.TextChoices):
        ANSWER = "answer", "Answer"
        SPEECH = "speech", "Speech"
        QUOTE = "quote", "Quote"
        REMARK = "remark", "Remark"

    key = models.CharField(max_length=16, unique=True, help_text="Stable key of the statement's permalink.")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="statements")
    speaker = models.ForeignKey(Speaker, on_delete=models.PROTECT, related_name="statements")
    speaker_name = models.CharField(
        max_length=200, editable=False, help_text="Copy of speaker.name, kept for the search vector."
    )
    position = models.PositiveIntegerField(help_text="Order of the statement within its document.")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.TextField()
    context = models.TextField(blank=True, help_text="The question answered, or the reporting sentence.")
    start_offset = models.PositiveIntegerField(help_text="Character offset into document.raw_text.")
    end_offset = models.PositiveIntegerField(help_text="Character offset into document.raw_text.")
    topics = models.ManyToManyField(Topic, through="StatementTopic", related_name="statements")
    speaker_locked = models.BooleanField(
        default=False, help_text="An editor corrected the speaker; re-imports keep it."
    )
    topics_locked = models.BooleanField(
        default=False, help_text="An editor corrected the topics; re-imports keep them."
    )
    quote_group = models.BigIntegerField(
        null=True, blank=True, db_index=True, editable=False,
        help_text="Shared by statements that are the same words of one speaker in several documents "
                  "(the smallest statement id among them); set by the importer.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Computed by PostgreSQL on every write, so bulk updates can never leave it stale. The quote text
    # outranks the speaker's name.
    search_vector = models.GeneratedField(
        expression=SearchVector("text", config="english", weight="A")
        + SearchVector("speaker_name", config="english", weight="B"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        ordering = ["document_id", "position"]
        indexes = [
            # Written straight into the index, not through GIN's pending list: the importer looks copies up
            # in this index after every file, and a pending list is read in full by every lookup.
            GinIndex(fields=["search_vector"], name="statement_search_vector_gin", fastupdate=False),
            models.Index(fields=["document", "position"], name="statement_document_position"),
        ]

    def __str__(self) -> str:
        return f"{self.speaker_name}: {self.text[:60]}"

    def save(self, *args, **kwargs) -> None:
        """Copy the speaker's name first; bulk_create and update() bypass this and must set it themselves."""
        self.speaker_name = self.speaker.name
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "speaker" in update_fields:
            kwargs["update_fields"] = {*update_fields, "speaker_name"}
        super().save(*args, **kwargs)


class SearchEntry(models.Model):
    """The narrow search table: one row per statement with what search matches, filters, counts and sorts by.

    A statement row is wide (text, context, timestamps), so scanning thousands of matches to count them
    reads a lot; this row holds only the facet keys, the document's date and a copy of the search
    vector. PostgreSQL triggers (migration 0002) write it whenever a statement is inserted, updated or
    deleted, its topics change or its document's date changes, so it cannot go stale whatever writes the
    source tables (the importer, the admin, bulk updates); Python code only reads it. Outlet and year
    are not copied: they are the document's, and search reads them through ``document_id``.
    """

    statement = models.OneToOneField(
        Statement, primary_key=True, on_delete=models.CASCADE, related_name="search_entry", editable=False
    )
    speaker_id = models.BigIntegerField()  # indexed with the date, below
    document_id = models.BigIntegerField(db_index=True)
    date = models.DateField(null=True, help_text="The document's date.")
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=Statement.Kind.choices)
    topic_ids = ArrayField(models.BigIntegerField(), default=list, help_text="The statement's topics, by id, sorted.")
    search_vector = SearchVectorField(help_text="Copy of Statement.search_vector.")

    class Meta:
        verbose_name_plural = "search entries"
        indexes = [
            GinIndex(fields=["search_vector"], name="searchentry_vector_gin"),
            GinIndex(fields=["topic_ids"], name="searchentry_topics_gin"),
            # The two date orders of search pages, undated statements last in both.
            models.Index(F("date").desc(nulls_last=True), F("document_id").desc(), "position", name="searchentry_newest"),
            models.Index(F("date").asc(nulls_last=True), "document_id", "position", name="searchentry_oldest"),
            # A speaker's statements newest first (the speaker page), whatever the speaker's share.
            models.Index(F("speaker_id"), F("date").desc(nulls_last=True), F("document_id").desc(), "position",
                         name="searchentry_speaker_newest"),
        ]

    def __str__(self) -> str:
        return f"search entry of statement {self.statement_id}"


class FacetCount(models.Model):
    """How many statements of one speaker, document and kind there are, and how many of them have each
    topic. Written only by triggers on SearchEntry (migration 0002).

    Search counts a page without words from these rows instead of from every statement: an archive of a
    million statements has about 11,000 rows with ``topic_id`` 0 (every statement of the speaker, document
    and kind) and 120,000 with a topic, and each row carries the document's outlet and year, so every facet
    of such a page is exact at any size. Rows whose statements are all gone keep a count of 0.
    """

    ALL_TOPICS = 0  # the topic_id of the row that counts every statement of its group

    speaker_id = models.BigIntegerField()  # the unique constraint's index starts with it
    document_id = models.BigIntegerField(db_index=True)
    kind = models.CharField(max_length=10, choices=Statement.Kind.choices)
    topic_id = models.BigIntegerField(db_index=True, help_text="0: every statement; else those with this topic.")
    outlet = models.CharField(max_length=200, blank=True, help_text="The document's outlet.")
    year = models.SmallIntegerField(null=True, help_text="The year of the document's date.")
    statements = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["speaker_id", "document_id", "kind", "topic_id"], name="unique_facet_count"),
        ]

    def __str__(self) -> str:
        return f"{self.statements} statements of speaker {self.speaker_id} in document {self.document_id}"


class StatementTopic(models.Model):
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE)
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE)
    matched_terms = ArrayField(models.CharField(max_length=200), default=list, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["statement", "topic"], name="unique_topic_per_statement"),
        ]

    def __str__(self) -> str:
        return str(self.topic)


class RetiredKey(models.Model):
    """A permalink key retired by an edit; its URL redirects to the successor statement."""

    key = models.CharField(max_length=16, unique=True)
    successor = models.ForeignKey(
        Statement, null=True, blank=True, on_delete=models.SET_NULL, related_name="retired_keys"
    )
    retired_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.key
