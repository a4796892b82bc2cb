"""Forms for a person's own account details, the expert profile and the expert directory filter."""

import re

from django import forms
from django.contrib.auth import get_user_model
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from members.models import ExpertProfile
from resources.models import Theme

ORCID_URL_PREFIX = re.compile(r"^(https?://)?(www\.)?orcid\.org/", re.IGNORECASE)


class NameForm(forms.ModelForm):
    """The name every account holder may change; the email address has its own page."""

    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name"]


class ExpertProfileForm(forms.ModelForm):
    """An invited expert's own profile. The bio is plain text: it is escaped wherever it is shown."""

    # Wider than the stored iD so that a pasted https://orcid.org/... address reaches clean_orcid.
    orcid = forms.CharField(
        label=_("ORCID iD"), max_length=64, required=False, help_text=ExpertProfile._meta.get_field("orcid").help_text
    )

    class Meta:
        model = ExpertProfile
        fields = ["display_name", "affiliation", "themes", "bio", "orcid", "visibility"]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "bio": forms.Textarea(attrs={"rows": 8}),
            "visibility": forms.RadioSelect,
        }

    def clean_orcid(self) -> str:
        # Experts often paste the full https://orcid.org/... address; keep just the iD.
        # The model validates the format and check digit.
        return ORCID_URL_PREFIX.sub("", self.cleaned_data.get("orcid", "")).upper()


class DirectoryFilterForm(forms.Form):
    """The expert directory's query string. An invalid filter is reported and ignored."""

    theme = forms.ModelChoiceField(
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All themes"),
        label=_("Theme"),
    )

    def __init__(self, data: QueryDict):
        super().__init__({name: data.get(name) for name in self.base_fields if name in data})

    def valid_filters(self) -> dict:
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}
