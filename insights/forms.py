"""The gap map's filters, read from the query string.

Anyone can type a query string: a filter that does not validate is reported
on the page and ignored, and the map is drawn with the rest (as the listings do).
"""

from __future__ import annotations

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from resources.choices import EvidenceType, Phase
from resources.listing import MAX_YEAR, MIN_YEAR
from search.backends import TYPES
from search.forms import MAX_FACET_VALUES
from search.service import SearchFilters

MAP_TYPES = ("practice", "research", "event")
DEFAULT_TYPES = ("practice", "research")
# Each cell links to the search with every year of the period in its query string, and the
# search reads at most this many values of one parameter.
MAX_YEARS = MAX_FACET_VALUES
MAX_REPEATS = 50  # values kept of one repeated parameter: more is not a reader ticking boxes
UNKNOWN_CHOICE = _("Values that are not among the options were ignored.")


def _choice_field(label, choices) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        # Django's own message repeats the value, which a query string can make as long as it likes.
        error_messages={"invalid_choice": UNKNOWN_CHOICE, "invalid_list": UNKNOWN_CHOICE},
    )


def _year_field(label) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=MIN_YEAR, max_value=MAX_YEAR)


class GapMapForm(forms.Form):
    """Which items the map counts: types, phases, kinds of evidence and a period of years."""

    type = _choice_field(_("Type"), [(value, TYPES[value][1]) for value in MAP_TYPES])
    phase = _choice_field(_("Phase"), Phase.choices)
    evidence = _choice_field(_("Evidence"), EvidenceType.choices)
    year_from = _year_field(_("From year"))
    year_to = _year_field(_("To year"))

    def __init__(self, data: QueryDict):
        bounded = _bounded(data, self.base_fields)
        # Unknown values are dropped one by one, so the boxes ticked are the filters applied.
        self.dropped = [name for name in CHOICE_FIELDS if _drop_unknown(bounded, name, self.base_fields[name])]
        if not bounded.getlist("type"):
            bounded.setlist("type", list(DEFAULT_TYPES))
        super().__init__(bounded)

    def clean(self):
        cleaned = super().clean()
        for name in self.dropped:
            self.add_error(name, UNKNOWN_CHOICE)
        first, last = cleaned.get("year_from"), cleaned.get("year_to")
        cleaned["years"] = ()
        if first is None and last is None:
            return cleaned
        last = last if last is not None else max(first, timezone.now().year)
        first = first if first is not None else max(last - MAX_YEARS + 1, MIN_YEAR)
        if first > last:
            self.add_error(None, _("The first year comes after the last; the period was ignored."))
        elif last - first + 1 > MAX_YEARS:
            message = _("Choose a period of at most %(count)s years; the period was ignored.")
            self.add_error(None, forms.ValidationError(message, params={"count": MAX_YEARS}))
        else:
            cleaned["years"] = tuple(range(first, last + 1))
        return cleaned

    def search_filters(self) -> SearchFilters:
        """The filters that validated, as the search understands them; a bad one is left out."""
        self.is_valid()
        # The choices were checked value by value in __init__ (an error there empties cleaned_data's).
        return SearchFilters(
            types=tuple(self.data.getlist("type")),
            phases=tuple(self.data.getlist("phase")),
            evidence=tuple(self.data.getlist("evidence")),
            years=self.cleaned_data.get("years", ()),
        )


CHOICE_FIELDS = ("type", "phase", "evidence")


def _bounded(data: QueryDict, fields) -> MultiValueDict:
    """The form's own parameters, each repeated value once and at most ``MAX_REPEATS`` of them."""
    bounded = MultiValueDict()
    for name in fields:
        values = list(dict.fromkeys(data.getlist(name)[:MAX_REPEATS]))
        if values:
            bounded.setlist(name, values)
    return bounded


def _drop_unknown(data: MultiValueDict, name: str, field: forms.ChoiceField) -> bool:
    """Keep only the known values of ``name`` in ``data``; whether any was dropped."""
    known = {str(value) for value, _label in field.choices}
    given = data.getlist(name)
    data.setlist(name, [value for value in given if value in known])
    return len(data.getlist(name)) < len(given)
