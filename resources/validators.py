"""Format checks for identifiers researchers cite."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Crossref's recommended pattern for modern DOIs.
DOI_RE = re.compile(r"^10\.\d{4,9}/[-._;()/:A-Za-z0-9<>\[\]]+$")
ORCID_RE = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")


def validate_doi(value: str) -> None:
    if not DOI_RE.match(value or ""):
        raise ValidationError(
            _("Enter a DOI such as 10.1080/09546553.2020.1234567 (without https://doi.org/)."),
            code="invalid_doi",
        )


def _orcid_checksum_ok(value: str) -> bool:
    """ISO 7064 11,2 check digit, as ORCID documents it."""
    digits = value.replace("-", "")
    total = 0
    for char in digits[:-1]:
        total = (total + int(char)) * 2
    remainder = (12 - total % 11) % 11
    check = "X" if remainder == 10 else str(remainder)
    return digits[-1] == check


def validate_orcid(value: str) -> None:
    if not ORCID_RE.match(value or "") or not _orcid_checksum_ok(value):
        raise ValidationError(_("Enter an ORCID iD such as 0000-0002-1825-0097."), code="invalid_orcid")
