"""Fixed vocabularies of the knowledge base."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    ANTICIPATE = "anticipate", _("Anticipate")
    PREVENT = "prevent", _("Prevent")
    PROTECT = "protect", _("Protect")
    RESPOND = "respond", _("Respond")
    RECOVER = "recover", _("Recover")


class EvaluationType(models.TextChoices):
    NONE = "none", _("Not evaluated")
    INTERNAL = "internal", _("Internal evaluation")
    EXTERNAL = "external", _("External evaluation")


class EvidenceType(models.TextChoices):
    """What an item's knowledge rests on: a practice by how it was evaluated, research by its review.
    Derived from PracticePage.evaluation and ResearchPage.peer_reviewed (``evidence_type``)."""

    PRACTITIONER_REPORT = "practitioner-report", _("Practitioner report, not evaluated")
    INTERNAL_EVALUATION = "internal-evaluation", _("Practice with internal evaluation")
    EXTERNAL_EVALUATION = "external-evaluation", _("Practice with external evaluation")
    PEER_REVIEWED = "peer-reviewed", _("Peer-reviewed research")
    OTHER_RESEARCH = "other-research", _("Research, not peer reviewed")


class PracticeStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    DISCONTINUED = "discontinued", _("Discontinued")


class PublicationType(models.TextChoices):
    JOURNAL_ARTICLE = "journal-article", _("Journal article")
    REPORT = "report", _("Report")
    POLICY_BRIEF = "policy-brief", _("Policy brief")
    BOOK_CHAPTER = "book-chapter", _("Book chapter")
    THESIS = "thesis", _("Thesis")
    DATASET = "dataset", _("Dataset")


class OpenAccess(models.TextChoices):
    OPEN = "open", _("Open access")
    EMBARGOED = "embargoed", _("Embargoed")
    CLOSED = "closed", _("Subscription / closed")


class EventFormat(models.TextChoices):
    IN_PERSON = "in-person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class Language(models.TextChoices):
    """ISO 639-1 codes of the languages the network's members publish in."""

    CATALAN = "ca", _("Catalan")
    DANISH = "da", _("Danish")
    DUTCH = "nl", _("Dutch")
    ENGLISH = "en", _("English")
    FINNISH = "fi", _("Finnish")
    FRENCH = "fr", _("French")
    GERMAN = "de", _("German")
    GREEK = "el", _("Greek")
    ITALIAN = "it", _("Italian")
    NORWEGIAN = "no", _("Norwegian")
    POLISH = "pl", _("Polish")
    PORTUGUESE = "pt", _("Portuguese")
    SPANISH = "es", _("Spanish")
    SWEDISH = "sv", _("Swedish")


class Country(models.TextChoices):
    """ISO 3166-1 alpha-2 codes of European countries."""

    AUSTRIA = "AT", _("Austria")
    BELGIUM = "BE", _("Belgium")
    DENMARK = "DK", _("Denmark")
    FINLAND = "FI", _("Finland")
    FRANCE = "FR", _("France")
    GERMANY = "DE", _("Germany")
    GREECE = "GR", _("Greece")
    IRELAND = "IE", _("Ireland")
    ITALY = "IT", _("Italy")
    NETHERLANDS = "NL", _("Netherlands")
    NORWAY = "NO", _("Norway")
    POLAND = "PL", _("Poland")
    PORTUGAL = "PT", _("Portugal")
    SPAIN = "ES", _("Spain")
    SWEDEN = "SE", _("Sweden")
    UNITED_KINGDOM = "GB", _("United Kingdom")


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")
