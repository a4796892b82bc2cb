"""The hosting period's admin form."""

from django import forms
from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from resources.listing import MAX_PAGE_ID
from resources.models import CityPage


class CityChoiceField(forms.ModelChoiceField):
    """A city by page id; a number no page id can be is refused before the database is asked
    (SQLite's driver raises OverflowError past 64 bits, which Django's choice field lets through)."""

    def to_python(self, value):
        if isinstance(value, str) and value.strip().isdigit() and int(value) > MAX_PAGE_ID:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class HostingPeriodForm(WagtailAdminModelForm):
    city = CityChoiceField(
        queryset=CityPage.objects.order_by("title"),
        widget=forms.Select,
        help_text="The member city hosting the network and its secretariat.",
    )
