"""Saving a search from the search page, and renaming it or changing its emails later."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from alerts import searches
from alerts.choices import Frequency
from alerts.models import MAX_NAME_LENGTH, MAX_QUERY_STRING_LENGTH, SavedSearch

NOTHING_TO_SAVE = _("Type a search or choose a filter first: there is nothing to save.")
TOO_LONG = _("This search is too long to save. Choose fewer filters.")


class SavedSearchForm(forms.ModelForm):
    """The name and the emails of a saved search (the search itself is not edited: save a new one)."""

    name = forms.CharField(label=_("Name"), max_length=MAX_NAME_LENGTH, strip=True)
    frequency = forms.ChoiceField(label=_("Email me"), choices=Frequency.choices, widget=forms.RadioSelect)

    class Meta:
        model = SavedSearch
        fields = ["name", "frequency"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.previous_frequency = self.instance.frequency

    def save(self, commit=True):
        saved = super().save(commit=False)
        saved.frequency_changed(self.previous_frequency)
        if commit:
            saved.save()
        return saved


class SaveSearchForm(forms.Form):
    """ "Save this search": the search page's query string, a name (optional) and the emails."""

    search = forms.CharField(widget=forms.HiddenInput, required=False, max_length=searches.MAX_RAW_LENGTH)
    name = forms.CharField(
        label=_("Name"),
        max_length=MAX_NAME_LENGTH,
        required=False,
        strip=True,
        help_text=_("Leave it empty to name the search after its words and filters."),
    )
    frequency = forms.ChoiceField(
        label=_("Email me"), choices=Frequency.choices, initial=Frequency.WEEKLY, widget=forms.RadioSelect
    )

    def __init__(self, *args, user, vocabulary, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.vocabulary = user, vocabulary

    def clean(self):
        """The search is a hidden field: what is wrong with it is said above the form."""
        cleaned = super().clean()
        if "search" not in cleaned:  # longer than a form posts
            raise forms.ValidationError(TOO_LONG)
        try:
            query_string = searches.clean(cleaned["search"], self.user)
        except searches.SearchTooLong:
            raise forms.ValidationError(TOO_LONG) from None
        except searches.NotASearch:
            raise forms.ValidationError(NOTHING_TO_SAVE) from None
        if len(query_string) > MAX_QUERY_STRING_LENGTH:
            raise forms.ValidationError(TOO_LONG)
        self._check_room(query_string)
        cleaned["search"] = query_string
        cleaned["name"] = cleaned.get("name") or searches.default_name(query_string, self.vocabulary)
        return cleaned

    def _check_room(self, query_string: str) -> None:
        mine = SavedSearch.objects.filter(user=self.user)
        if existing := mine.filter(query_string=query_string).first():
            raise forms.ValidationError(
                _("You have already saved this search as “%(name)s”."), params={"name": existing.name}
            )
        if mine.count() >= searches.MAX_PER_USER:
            raise forms.ValidationError(
                _(
                    "You have %(limit)d saved searches, as many as an account may keep. "
                    "Delete one you no longer need first."
                ),
                params={"limit": searches.MAX_PER_USER},
            )

    def save(self) -> SavedSearch:
        data = self.cleaned_data
        return SavedSearch.objects.create(
            user=self.user, name=data["name"], query_string=data["search"], frequency=data["frequency"]
        )
