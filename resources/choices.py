"""Fixed vocabularies of the knowledge base."""

from django.db import models


class Phase(models.TextChoices):
    ANTICIPATE = "anticipate", "Anticipate"
    PREVENT = "prevent", "Prevent"
    PROTECT = "protect", "Protect"
    RESPOND = "respond", "Respond"
    RECOVER = "recover", "Recover"


class EvaluationType(models.TextChoices):
    NONE = "none", "Not evaluated"
    INTERNAL = "internal", "Internal evaluation"
    EXTERNAL = "external", "External evaluation"


class PracticeStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    ONGOING = "ongoing", "Ongoing"
    COMPLETED = "completed", "Completed"
    DISCONTINUED = "discontinued", "Discontinued"


class PublicationType(models.TextChoices):
    JOURNAL_ARTICLE = "journal-article", "Journal article"
    REPORT = "report", "Report"
    POLICY_BRIEF = "policy-brief", "Policy brief"
    BOOK_CHAPTER = "book-chapter", "Book chapter"
    THESIS = "thesis", "Thesis"
    DATASET = "dataset", "Dataset"


class OpenAccess(models.TextChoices):
    OPEN = "open", "Open access"
    EMBARGOED = "embargoed", "Embargoed"
    CLOSED = "closed", "Subscription / closed"


class EventFormat(models.TextChoices):
    IN_PERSON = "in-person", "In person"
    ONLINE = "online", "Online"
    HYBRID = "hybrid", "Hybrid"


class Language(models.TextChoices):
    """ISO 639-1 codes of the languages the network's members publish in."""

    CATALAN = "ca", "Catalan"
    DANISH = "da", "Danish"
    DUTCH = "nl", "Dutch"
    ENGLISH = "en", "English"
    FINNISH = "fi", "Finnish"
    FRENCH = "fr", "French"
    GERMAN = "de", "German"
    GREEK = "el", "Greek"
    ITALIAN = "it", "Italian"
    NORWEGIAN = "no", "Norwegian"
    POLISH = "pl", "Polish"
    PORTUGUESE = "pt", "Portuguese"
    SPANISH = "es", "Spanish"
    SWEDISH = "sv", "Swedish"


class Country(models.TextChoices):
    """ISO 3166-1 alpha-2 codes of European countries."""

    AUSTRIA = "AT", "Austria"
    BELGIUM = "BE", "Belgium"
    DENMARK = "DK", "Denmark"
    FINLAND = "FI", "Finland"
    FRANCE = "FR", "France"
    GERMANY = "DE", "Germany"
    GREECE = "GR", "Greece"
    IRELAND = "IE", "Ireland"
    ITALY = "IT", "Italy"
    NETHERLANDS = "NL", "Netherlands"
    NORWAY = "NO", "Norway"
    POLAND = "PL", "Poland"
    PORTUGAL = "PT", "Portugal"
    SPAIN = "ES", "Spain"
    SWEDEN = "SE", "Sweden"
    UNITED_KINGDOM = "GB", "United Kingdom"


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", "Registered"
    WAITING = "waiting", "On the waiting list"
    CANCELLED = "cancelled", "Cancelled"
