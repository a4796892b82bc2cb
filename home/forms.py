"""The hosting period's admin form."""

from django import forms
from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from resources.models import CityPage

# The largest id a database column holds: a larger number names nothing. PostgreSQL answers it
# with an error, not "no rows", and SQLite's driver raises OverflowError, which Django's choice
# field lets through.
MAX_ID = 2**63 - 1


class CityChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if isinstance(value, str) and value.strip().isdigit() and int(value) > MAX_ID:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class HostingPeriodForm(WagtailAdminModelForm):
    city = CityChoiceField(
        queryset=CityPage.objects.order_by("title"),
        widget=forms.Select,
        help_text="The member city hosting the network and its secretariat.",
    )
