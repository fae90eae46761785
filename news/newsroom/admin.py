import errno
import logging

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from news.models import (
    Article,
    ArticleCorrection,
    ArticleImage,
    Division,
    Revision,
    Status,
    public_q,
    scheduled_q,
    withdrawn_q,
)
from news.newsroom import (
    revisions,
    tag_admin,  # noqa: F401  (registers the tag list with the merge action)
)
from news.newsroom.forms import ArticleCorrectionForm, ArticleCorrectionFormSet, ArticleForm, ArticleImageForm
from news.newsroom.oversight import overseen_satker, oversight_view
from news.newsroom.preview import article_preview
from news.newsroom.statistics import article_statistics_view, satker_statistics_view
from news.newsroom.workflow import (
    STATE_LABELS,
    TRANSITIONS,
    action_summary,
    can_change,
    can_delete_for_good,
    can_publish,
    can_withdraw,
    check_status_change,
    save_outcome,
    state_of,
)
from news.newsroom.zones import SatkerZoneAdminMixin, local_time
from news.public.search import matching
from news.templatetags.news import satker_datetime
from satker.admin import SatkerScopedAdmin
from satker.scoping import editable_satker, membership_of

logger = logging.getLogger(__name__)


def shares_down(user):
    """KPU RI and the provinces may show an article on the sites below them; a kab/kota has none."""
    if user.is_superuser:
        return True
    membership = membership_of(user)
    return membership is not None and membership.satker.has_units_below and can_publish(user)


class StateFilter(admin.SimpleListFilter):
    """The states an editor thinks in; "terjadwal" and "tayang" split Terbit by the public rule."""

    title = gettext_lazy("keadaan")
    parameter_name = "keadaan"

    def lookups(self, request, model_admin):
        return list(STATE_LABELS.items())

    def queryset(self, request, queryset):
        value = self.value()
        if value == "live":
            return queryset.filter(public_q())
        if value == "scheduled":
            return queryset.filter(scheduled_q())
        if value == "withdrawn":
            return queryset.filter(withdrawn_q())
        if value in {"draft", "review", "archived"}:
            return queryset.filter(status=value)
        return queryset


class ArticleImageInline(admin.TabularInline):
    model = ArticleImage
    form = ArticleImageForm
    extra = 1


class ArticleCorrectionInline(admin.TabularInline):
    """Ralat: dated notes under a published article (the form refuses them on unpublished ones)."""

    model = ArticleCorrection
    form = ArticleCorrectionForm
    formset = ArticleCorrectionFormSet
    fields = ["text", "noted_at"]
    readonly_fields = ["noted_at"]
    extra = 1


def revision_id(text):
    """A revision id from the address, checked against the column's range: a 30-digit number is
    an unknown revision, not a database error."""
    field = Revision._meta.pk
    value = field.to_python(text)
    field.run_validators(value)
    return value


def transition_action(name):
    transition = TRANSITIONS[name]

    @transaction.atomic
    def action(modeladmin, request, queryset):
        # The selection is read once: counting the queryset again after the change would apply
        # the list's filter to the new states ("Menunggu tinjauan" after publishing: -1 skipped).
        done, skipped = 0, []
        for article in list(queryset.select_related("satker")):
            if transition.apply(request.user, article):  # raises PermissionDenied: nothing is kept
                revisions.record(article, request.user, note=str(transition.label))
                done += 1
            else:
                skipped.append(article)
        level = messages.SUCCESS if done else messages.WARNING
        modeladmin.message_user(request, action_summary(name, done, skipped), level)

    action.__name__ = f"{name}_action"
    action.short_description = transition.label
    action.allowed_permissions = ("change",) if not transition.needs_publish else ("publish",)
    return action


@admin.register(Article)
class ArticleAdmin(SatkerZoneAdminMixin, SatkerScopedAdmin):
    form = ArticleForm
    inlines = [ArticleImageInline, ArticleCorrectionInline]
    list_display = ["title", "satker", "state", "publication_time", "author", "view_count", "preview_link"]
    list_filter = [StateFilter, "kind", ("satker", admin.RelatedOnlyFieldListFilter), "divisions"]
    list_select_related = ["satker", "author"]
    search_fields = ["title"]
    # Drafts (no publication time yet) first, then the newest: what an editor works on is on top.
    ordering = [F("published_at").desc(nulls_first=True), "-id"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    actions = [transition_action(name) for name in TRANSITIONS]
    change_list_template = "admin/news/article/change_list.html"

    class Media:
        css = {"all": ["newsroom/newsroom.css"]}
        js = ["newsroom/article_form.js", "newsroom/editor.js"]

    def get_inlines(self, request, obj):
        # A draft has nothing to correct: the Ralat rows appear once an article was published.
        published = obj is not None and obj.published_at is not None
        return [inline for inline in self.inlines if published or inline is not ArticleCorrectionInline]

    def has_change_permission(self, request, obj=None):
        # The satker's rule, then the workflow's: a writer changes only its own unpublished drafts.
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or can_change(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        # Editors archive instead (restorable); only the superadmin deletes for good.
        return can_delete_for_good(request.user) and super().has_delete_permission(request, obj)

    def has_publish_permission(self, request):
        return can_publish(request.user)

    @admin.display(description=gettext_lazy("keadaan"), ordering="status")
    def state(self, obj):
        state = state_of(obj)
        return format_html('<span class="state state-{}">{}</span>', state, STATE_LABELS[state])

    @admin.display(description=gettext_lazy("waktu terbit"), ordering="published_at")
    def publication_time(self, obj):
        # In the article's satker's zone, labelled: one list may hold WIB, WITA and WIT satker.
        return local_time(obj.published_at, obj.satker) or "—"

    @admin.display(description=gettext_lazy("isi"))
    def rendered_body(self, obj):
        # clean_html ran on every save (Article.save), so the stored body is safe to show as HTML.
        return format_html('<div class="rendered-body">{}</div>', mark_safe(obj.body))  # noqa: S308

    @admin.display(description=gettext_lazy("pratinjau"))
    def preview_link(self, obj):
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("admin:news_article_preview", args=[obj.pk]),
            _("Pratinjau"),
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/pratinjau/", view(self.preview_view), name="news_article_preview"),
            path("<int:pk>/revisi/", view(self.revisions_view), name="news_article_revisions"),
            path("<int:pk>/revisi/banding/", view(self.compare_view), name="news_article_compare"),
            path("<int:pk>/revisi/<int:rev>/pulihkan/", view(self.restore_view), name="news_article_restore"),
            path(
                "<int:pk>/statistik/",
                view(self.statistics_view),
                name="news_article_statistics",
            ),
            path("statistik-satker/", view(lambda r: satker_statistics_view(r, self)), name="news_satker_statistics"),
            path("pantauan/", view(lambda r: oversight_view(r, self)), name="news_oversight"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        waiting = (
            self.get_queryset(request).filter(status=Status.REVIEW, satker__in=editable_satker(request.user)).count()
        )
        # The oversight button only for those it opens for (KPU RI, provinces): not a way to a 403.
        oversees = overseen_satker(request.user) is not None
        return super().changelist_view(
            request, {"waiting_count": waiting, "oversees": oversees, **(extra_context or {})}
        )

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class UserArticleForm(form):
            def __init__(self, *args, **inner):
                super().__init__(
                    *args, user=request.user, storage_full=getattr(request, "storage_full", False), **inner
                )

        return UserArticleForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (_("Isi"), {"fields": ["title", "slug", "kind", "dateline", "lead", "body"]}),
            (_("Media"), {"fields": ["featured_image", "featured_image_alt", "featured_image_caption", "attachment"]}),
            (_("Klasifikasi"), {"fields": ["divisions", "tags", "editor_credit"]}),
            (_("Publikasi"), {"fields": ["status", "published_at", "loaded_version"]}),
        ]
        if request.user.is_superuser:
            fieldsets[0][1]["fields"].insert(0, "satker")
        read_only = obj is not None and not self.has_change_permission(request, obj)
        if read_only:
            # Read-only (a province reading its kab/kota): the body as the page shows it, not its HTML;
            # no withdrawal fields (form fields, not the model's: a read-only view cannot show them).
            content = fieldsets[0][1]["fields"]
            content[content.index("body")] = "rendered_body"
        if shares_down(request.user):
            fieldsets[3][1]["fields"].append("share_down")
        if can_withdraw(request.user) and obj is not None and obj.published_at is not None and not read_only:
            fieldsets.append((_("Penarikan"), {"fields": ["withdrawn", "withdrawal_reason"], "classes": ["collapse"]}))
        return fieldsets

    def save_model(self, request, obj, form, change):
        before = Article.objects.get(pk=obj.pk) if change else Article()
        try:
            check_status_change(request.user, before, obj.status)
        except PermissionDenied:
            logger.warning("Refused status %s for article %s by %s", obj.status, obj.pk, request.user)
            raise
        if not change:
            obj.author = request.user
        super().save_model(request, obj, form, change)  # the satker: SatkerScopedAdmin.save_model
        request.article_outcome = save_outcome(before, obj)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        # Django's "artikel ... berhasil diubah." names no action: say what the save did.
        outcome = getattr(request, "article_outcome", None)
        if outcome and level == messages.SUCCESS:
            message = format_html("{} {}", message, outcome)
        super().message_user(request, message, level, *args, **kwargs)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            response = super().changeform_view(request, object_id, form_url, extra_context)
        except OSError as exc:
            if request.method != "POST" or exc.errno not in (errno.ENOSPC, errno.EDQUOT):
                raise
            # The save was rolled back; show the form again with the editor's text and a clear error.
            logger.error("Disk full while saving article %s: %s", object_id, exc)
            request.storage_full = True
            return super().changeform_view(request, object_id, form_url, extra_context)
        self.keep_refused_content(request, response)
        return response

    def keep_refused_content(self, request, response):
        """A save refused for an older version is not lost: it goes to the revision history."""
        adminform = (getattr(response, "context_data", None) or {}).get("adminform")
        form = adminform.form if adminform is not None else None
        if form is not None and getattr(form, "refused_content", None) is not None:
            revisions.keep_refused(form.instance.pk, form.refused_content, request.user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        revisions.record(form.instance, request.user)

    def readable_article(self, request, pk):
        article = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        return article

    def get_search_results(self, request, queryset, search_term):
        match = request.resolver_match
        if search_term and (match is None or match.url_name != "autocomplete"):
            # The site's search (stems, "phrases", -exclusion, OR), or a title holding the typed
            # text: an editor's half-typed word still finds the article.
            found = matching(queryset, search_term) | queryset.filter(title__icontains=search_term.strip())
            return found, False
        return super().get_search_results(request, queryset, search_term)  # autocomplete: own satker's

    def preview_view(self, request, pk):
        # Unreadable and unknown articles are the same 404 (article_preview alone answers 403 for one).
        self.readable_article(request, pk)
        return article_preview(request, pk)

    def statistics_view(self, request, pk):
        self.readable_article(request, pk)
        return article_statistics_view(request, pk, self)

    def revision_context(self, request, article, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": article,
            "article": article,
            "can_restore": can_change(request.user, article),
            **extra,
        }

    def revisions_view(self, request, pk):
        article = self.readable_article(request, pk)
        history = list(article.revisions.select_related("author"))
        # Each with the one before it; the oldest with none. An imported article may have none at all.
        for rev, older in zip(history, [*history[1:], None], strict=False):
            # Recomputed from the data, so old rows that counted an untouched time as changed read right.
            names = revisions.real_changes(older.data, rev.data) if older else rev.changed_fields
            rev.changed_labels = [revisions.field_label(name) for name in names if name in revisions.TRACKED_FIELDS]
        context = self.revision_context(
            request, article, title=_("Riwayat revisi: %(t)s") % {"t": article.title}, revisions=history
        )
        return TemplateResponse(request, "newsroom/revision_list.html", context)

    def compare_view(self, request, pk):
        article = self.readable_article(request, pk)
        try:
            ids = [revision_id(request.GET["a"]), revision_id(request.GET["b"])]
        except (KeyError, ValidationError):
            return HttpResponseBadRequest(_("Pilih dua revisi untuk dibandingkan."))
        found = {rev.pk: rev for rev in article.revisions.filter(pk__in=ids)}
        if len(found) != len(set(ids)):
            return HttpResponseBadRequest(_("Revisi tidak ditemukan pada artikel ini."))
        old, new = (
            sorted(found.values(), key=lambda rev: (rev.created_at, rev.pk)) if len(found) == 2 else [found[ids[0]]] * 2
        )
        changes = revisions.compare(old.data, new.data, article.satker)
        context = self.revision_context(
            request, article, title=_("Bandingkan revisi"), old=old, new=new, changes=changes
        )
        return TemplateResponse(request, "newsroom/revision_compare.html", context)

    def restore_view(self, request, pk, rev):
        """GET: what restoring would change, with a confirm button; POST: restore, unless the
        article was saved since the confirmation was shown (its version moved on)."""
        article = self.readable_article(request, pk)
        revision = get_object_or_404(Revision, pk=rev, article=article)
        if not can_change(request.user, article):
            logger.warning("Refused restore of article %s by %s", pk, request.user)
            raise PermissionDenied(_("Anda hanya dapat membaca artikel ini, tidak memulihkannya."))
        when = satker_datetime(revision.created_at, article.satker)
        if request.method == "POST":
            if "loaded_version" not in request.POST:
                # Not from the confirmation (an old tab's one-click button): show what would change first.
                return redirect("admin:news_article_restore", pk, rev)
            try:
                expected = int(request.POST["loaded_version"])
            except ValueError:
                return HttpResponseBadRequest(_("Versi artikel tidak dikenal."))
            try:
                revisions.restore(revision, request.user, expected_version=expected)
            except revisions.ChangedMeanwhile:
                self.message_user(
                    request,
                    _("Artikel ini disimpan orang lain setelah Anda membuka halaman ini; tidak ada yang dipulihkan. "
                      "Periksa lagi perubahan di bawah."),
                    messages.ERROR,
                )  # fmt: skip
                return redirect("admin:news_article_restore", pk, rev)
            self.message_user(request, _("Artikel dipulihkan ke revisi %(when)s.") % {"when": when}, messages.SUCCESS)
            return redirect("admin:news_article_change", pk)
        current = revisions.snapshot(article)
        changes = revisions.compare(current, revision.data, article.satker, fields=revisions.RESTORED_FIELDS)
        context = self.revision_context(
            request, article, title=_("Pulihkan revisi %(when)s?") % {"when": when},
            revision=revision, changes=changes, when=when,
        )  # fmt: skip
        return TemplateResponse(request, "newsroom/revision_restore.html", context)


@admin.register(Division)
class DivisionAdmin(admin.ModelAdmin):
    list_display = ["name", "position"]
    prepopulated_fields = {"slug": ["name"]}
