"""Compare practices: two to four practices on one theme, side by side.

GET /practices/compare/                           the themes, with how many practices the reader may read
GET /practices/compare/?theme=<slug>              the practices on that theme, by city, to tick
GET /practices/compare/?theme=<slug>&practice=<id>&practice=<id>...   the comparison table

Every practice compared is a live PracticePage on the theme that the reader may read
(``portal.access.visible_pages``). One the reader may not read is refused with the same
words as one that does not exist, so the answer tells nothing about it.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from django import forms
from django.db.models import Count, Prefetch
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model

from portal.access import visible_documents, visible_pages
from portal.page_cache import cache_public
from resources.listing import MAX_PAGE_ID, prepare_cards
from resources.models import PracticeAttachment, PracticePage, Theme

MIN_PRACTICES, MAX_PRACTICES = 2, 4
MAX_ID_LENGTH = len(str(MAX_PAGE_ID))
LIMITS = {"min_practices": MIN_PRACTICES, "max_practices": MAX_PRACTICES}
MAX_VALUES = 16  # more practice values than this are refused before any is read

NOT_FOUND = _(
    "At least one of the chosen practices could not be found, or you may not read it. Choose again from the list below."
)


# Input


def parse_id(value) -> int | None:
    """A page id from user input, or None: digits only, and no larger than a page id can be."""
    value = str(value).strip()
    if not (value.isascii() and value.isdigit() and len(value) <= MAX_ID_LENGTH):
        return None
    number = int(value)
    return number if 0 < number <= MAX_PAGE_ID else None


def parse_ids(values) -> tuple[list[int], bool]:
    """The distinct page ids among ``values``, in order, and whether any value was no id."""
    parsed = [parse_id(value) for value in values]
    return list(dict.fromkeys(pk for pk in parsed if pk is not None)), None in parsed


class CompareForm(forms.Form):
    """The query string: a theme and the practices on it to compare."""

    theme = forms.ModelChoiceField(
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        error_messages={"invalid_choice": _("There is no such theme. Choose one from the list below.")},
    )
    practice = forms.Field(required=False, widget=forms.MultipleHiddenInput)

    def __init__(self, data, user):
        super().__init__(data)
        self.user = user
        self.practices: list[PracticePage] = []
        # What to tick again on the picker (only practices it lists are ever shown).
        self.requested_ids = parse_ids(data.getlist("practice")[:MAX_VALUES])[0]

    def clean_practice(self) -> list[int]:
        values = self.cleaned_data["practice"] or []
        ids, malformed = parse_ids(values[:MAX_VALUES])
        if len(values) > MAX_VALUES or len(ids) > MAX_PRACTICES:
            raise forms.ValidationError(
                _("You can compare at most %(max)s practices at a time.") % {"max": MAX_PRACTICES}
            )
        if malformed:
            raise forms.ValidationError(NOT_FOUND)
        return ids

    def clean(self):
        cleaned = super().clean()
        theme, ids = cleaned.get("theme"), cleaned.get("practice")
        if ids and theme is None and "theme" not in self.errors:
            self.add_error("theme", _("Choose a theme first: practices are compared on one theme."))
        elif theme is not None and ids:
            self.practices = compared_practices(theme, ids, self.user)
            self._refuse_missing(theme, ids)
        return cleaned

    def _refuse_missing(self, theme, ids) -> None:
        """Name a readable practice that is on another theme; say nothing about any other."""
        missing = set(ids) - {practice.pk for practice in self.practices}
        if not missing:
            return
        readable = visible_pages(PracticePage.objects.filter(pk__in=missing), self.user).order_by("title")
        for practice in readable:
            message = _("“%(practice)s” is not on the theme “%(theme)s”.")
            self.add_error("practice", message % {"practice": practice.title, "theme": theme.name})
        if len(readable) < len(missing):
            self.add_error("practice", NOT_FOUND)


# Reading


def theme_counts(user) -> list[tuple[Theme, int]]:
    """Every theme with the number of practices on it that ``user`` may read."""
    practices = visible_pages(PracticePage.objects.all(), user).filter(themes__isnull=False)
    counts = dict(practices.order_by().values_list("themes").annotate(count=Count("pk", distinct=True)))
    return [(theme, counts.get(theme.pk, 0)) for theme in Theme.objects.order_by("name")]


def practices_by_city(theme, user) -> list[tuple]:
    """The practices on ``theme`` that ``user`` may read, as (city, practices) by city name."""
    practices = prepare_cards(visible_pages(PracticePage.objects.filter(themes=theme), user), user)
    practices.sort(key=lambda p: (_city_title(p).casefold(), p.title.casefold()))
    return [(city, list(group)) for city, group in groupby(practices, key=lambda p: p.city)]


def _city_title(practice) -> str:
    return practice.city.title if practice.city else ""


def compared_practices(theme, ids, user) -> list[PracticePage]:
    """The practices among ``ids`` that ``user`` may read and that are on ``theme``, in the
    order asked, with their city, badge and the attachments the reader may open."""
    attachments = PracticeAttachment.objects.select_related("document").order_by("sort_order")
    queryset = visible_pages(PracticePage.objects.filter(pk__in=ids, themes=theme), user).prefetch_related(
        Prefetch("attachments", queryset=attachments)
    )
    found = {practice.pk: practice for practice in prepare_cards(queryset, user)}
    practices = [found[pk] for pk in ids if pk in found]
    _attach_visible_attachments(practices, user)
    return practices


def _attach_visible_attachments(practices, user) -> None:
    """Set ``practice.visible_attachments``: one query for the documents of all of them."""
    document_ids = {a.document_id for practice in practices for a in practice.attachments.all()}
    allowed = set()
    if document_ids:
        documents = get_document_model().objects.filter(pk__in=document_ids)
        allowed = set(visible_documents(documents, user).values_list("pk", flat=True))
    for practice in practices:
        practice.visible_attachments = [a for a in practice.attachments.all() if a.document_id in allowed]


# The table


@dataclass
class Cell:
    value: object
    lang: str = ""


@dataclass
class Row:
    label: str
    kind: str  # how a cell is shown: label, text, lines, multiline, rich, date, dates, city, attachments
    cells: list[Cell]


INTERFACE_KINDS = {"city", "label", "date", "dates"}  # shown in the interface's language, not the report's
# (label, kind, value of a practice, whether the row stays when every cell is empty)
SECTIONS = [
    (
        _("At a glance"),
        [
            (_("City"), "city", lambda p: p.city, True),
            (_("Phase"), "label", lambda p: p.get_phase_display(), True),
            (_("Status"), "label", lambda p: p.get_status_display(), True),
            (_("Dates"), "dates", lambda p: p, True),
            (_("Last verified"), "date", lambda p: p.last_verified, True),
            (_("Language"), "label", lambda p: p.get_language_display(), True),
            (_("Summary"), "text", lambda p: p.summary, False),
        ],
    ),
    (
        _("Approach"),
        [
            (_("Objectives"), "rich", lambda p: p.objectives, False),
            (_("Method"), "rich", lambda p: p.method, False),
            (_("Target audiences"), "text", lambda p: p.target_audiences, False),
            (_("Partners and agencies"), "lines", lambda p: p.partner_list, False),
            (_("Resources and budget"), "multiline", lambda p: p.resources_budget, False),
        ],
    ),
    (
        _("Results and lessons"),
        [
            (_("Evaluation"), "label", lambda p: p.get_evaluation_display(), True),
            (_("Outcomes"), "rich", lambda p: p.outcomes, False),
            (_("Lessons learned"), "rich", lambda p: p.lessons_learned, False),
            (_("Transferability"), "rich", lambda p: p.transferability, False),
            (_("Attachments"), "attachments", lambda p: p.visible_attachments, False),
        ],
    ),
]


def comparison_sections(practices) -> list[tuple[str, list[Row]]]:
    """The table's rows by section; a row empty for every practice is left out, and so is
    a section left with no row."""
    sections = []
    for heading, specs in SECTIONS:
        rows = []
        for label, kind, value_of, always in specs:
            cells = [Cell(value_of(p), "" if kind in INTERFACE_KINDS else p.language) for p in practices]
            if always or any(cell.value for cell in cells):
                rows.append(Row(label, kind, cells))
        if rows:
            sections.append((heading, rows))
    return sections


# The view


@cache_public  # the same for every anonymous visitor; signed-in readers are never cached
def compare_view(request):
    """Choose a theme, then two to four practices on it, then read them side by side."""
    form = CompareForm(request.GET, request.user)
    valid = form.is_valid()
    status = 200 if valid else 400
    theme = form.cleaned_data.get("theme")
    if theme is None:
        context = {"form": form, "themes": theme_counts(request.user), **LIMITS}
        return TemplateResponse(request, "resources/compare_themes.html", context, status=status)
    groups = practices_by_city(theme, request.user)
    context = {
        "form": form,
        "theme": theme,
        "groups": groups,
        "practice_count": sum(len(practices) for _city, practices in groups),
        "checked": form.requested_ids,
        **LIMITS,
    }
    if valid and len(form.practices) >= MIN_PRACTICES:
        context |= {"practices": form.practices, "sections": comparison_sections(form.practices)}
        return TemplateResponse(request, "resources/compare_table.html", context)
    context["one_chosen"] = valid and len(form.practices) == 1
    return TemplateResponse(request, "resources/compare_picker.html", context, status=status)
