"""factory_boy factories for the knowledge base. Pages need ``parent=<page>``."""

import datetime

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from portal.access import network_members_group
from resources.choices import EventFormat, Phase, PublicationType
from resources.models import EventPage, PracticePage, ResearchAuthor, ResearchPage


class PracticePageFactory(wagtail_factories.PageFactory):
    """Pass ``themes=[...]``: ParentalManyToMany values are saved with the page."""

    title = factory.Sequence(lambda n: f"Practice {n}")
    summary = factory.LazyAttribute(lambda o: f"{o.title}: what the city did and learned.")
    phase = Phase.PREVENT
    start_date = datetime.date(2021, 3, 1)
    themes = factory.LazyFunction(list)

    class Meta:
        model = PracticePage


class ResearchPageFactory(wagtail_factories.PageFactory):
    """Pass ``author_names=[(name, affiliation), ...]``, ``themes=[...]``, ``cities=[...]``."""

    class Params:
        author_names = (("Ana Researcher", "University of Example"),)

    title = factory.Sequence(lambda n: f"Research {n}")
    abstract = factory.LazyAttribute(lambda o: f"The abstract of {o.title}.")
    practitioner_summary = factory.LazyAttribute(lambda o: f"What practitioners take from {o.title}.")
    publication_type = PublicationType.REPORT
    publication_date = datetime.date(2021, 6, 1)
    themes = factory.LazyFunction(list)
    cities = factory.LazyFunction(list)
    authors = factory.LazyAttribute(
        lambda o: [
            ResearchAuthor(name=name, affiliation=affiliation, sort_order=order)
            for order, (name, affiliation) in enumerate(o.author_names)
        ]
    )

    class Meta:
        model = ResearchPage


def _in_days(days, hour=9):
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


class EventPageFactory(wagtail_factories.PageFactory):
    """An upcoming in-person event by default; pass ``start``/``end`` for others."""

    title = factory.Sequence(lambda n: f"Event {n}")
    summary = factory.LazyAttribute(lambda o: f"{o.title}: who meets and why.")
    start = factory.LazyFunction(lambda: _in_days(30))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=8))
    format = EventFormat.IN_PERSON
    themes = factory.LazyFunction(list)

    class Meta:
        model = EventPage


def members_only_collection(name="Members-only files") -> Collection:
    """A top-level collection restricted to the Network members group."""
    collection = Collection.get_first_root_node().add_child(name=name)
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(network_members_group())
    return collection


def make_document(title, filename, content: bytes, collection=None):
    """A Wagtail document with real bytes on disk, in ``collection`` (root if None)."""
    return get_document_model().objects.create(
        title=title,
        file=ContentFile(content, name=filename),
        collection=collection or Collection.get_first_root_node(),
    )
