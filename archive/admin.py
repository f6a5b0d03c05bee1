"""Admin for editors. Corrections made here lock the statement so that a re-import keeps them."""

from django.contrib import admin

from archive.models import Document, Speaker, SpeakerAlias, Statement, StatementTopic, Topic


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    extra = 1


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "organisation", "curated", "created_at"]
    list_filter = ["curated", "organisation"]
    search_fields = ["name", "aliases__name", "role", "organisation", "wikidata_id"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SpeakerAliasInline]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "parent"]
    list_filter = ["parent"]
    search_fields = ["name", "description", "terms"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["file_name", "title", "outlet", "date", "imported_at"]
    list_filter = ["outlet", "date_precision", "date"]
    search_fields = ["file_name", "title", "outlet", "publisher", "url"]
    date_hierarchy = "date"
    readonly_fields = ["checksum", "imported_at", "updated_at"]


class StatementTopicInline(admin.TabularInline):
    model = StatementTopic
    extra = 1
    autocomplete_fields = ["topic"]


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["key", "speaker_name", "kind", "document", "position", "speaker_locked", "topics_locked"]
    list_filter = ["kind", "speaker_locked", "topics_locked", "topics"]
    search_fields = ["key", "text", "speaker_name", "document__file_name", "document__title"]
    list_select_related = ["document"]
    autocomplete_fields = ["speaker", "document"]
    readonly_fields = ["speaker_name", "created_at", "updated_at"]
    inlines = [StatementTopicInline]

    def save_model(self, request, obj, form, change):
        if "speaker" in form.changed_data:
            obj.speaker_locked = True
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        topics_changed = any(formset.model is StatementTopic and formset.has_changed() for formset in formsets)
        if topics_changed and not form.instance.topics_locked:
            form.instance.topics_locked = True
            form.instance.save(update_fields=["topics_locked", "updated_at"])
