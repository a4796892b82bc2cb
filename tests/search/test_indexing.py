"""Keeping the index true: every change reaches Elasticsearch through the durable
queue and the real worker, and the index then holds exactly what readers may find."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import override_settings
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from resources.models import PracticeAttachment
from search import es
from search.tasks import retry_delay
from tests.conftest import make_city, make_practice, restrict_to_members
from tests.factories import EventPageFactory, ResearchPageFactory, make_document
from tests.search.worker import queued, run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _index(elasticsearch):
    """Elasticsearch on before any page exists, as in production: every change queues its update."""
    return elasticsearch


def indexed() -> dict[int, dict]:
    """What the index holds, by page id."""
    hits = es.client().search(index=es.alias(), query={"match_all": {}}, size=1000)["hits"]["hits"]
    return {int(hit["_id"]): hit["_source"] for hit in hits}


def audiences(page) -> list[str] | None:
    """The page's audiences in the index; None when it is not there."""
    document = indexed().get(page.pk)
    return document and document["audiences"]


@pytest.fixture
def practice(stockholm):
    page = make_practice(stockholm, "Venue staff training", "venue-staff")
    run_worker()
    return page


def test_publishing_indexes_a_page_and_unpublishing_removes_it(stockholm):
    draft = make_practice(stockholm, "Crowded places plan", "crowded-places", live=False)
    draft.save_revision()
    run_worker()
    assert draft.pk not in indexed()

    draft.save_revision().publish()
    run_worker()
    assert indexed()[draft.pk]["title_en"] == "Crowded places plan"

    draft.refresh_from_db()
    draft.unpublish()
    run_worker()
    assert draft.pk not in indexed()


def test_a_draft_of_a_live_page_stays_out_of_the_index_until_published(practice):
    practice.title = "Renamed in a draft"
    practice.save_revision()
    run_worker()
    assert indexed()[practice.pk]["title_en"] == "Venue staff training"

    practice.save_revision().publish()
    run_worker()
    assert indexed()[practice.pk]["title_en"] == "Renamed in a draft"


def test_a_page_moved_under_a_members_only_city_is_members_only(practice, barcelona):
    restrict_to_members(barcelona)
    run_worker()
    practice.move(barcelona, pos="last-child")
    run_worker()
    document = indexed()[practice.pk]
    assert (document["audiences"], document["city_names"]) == (["members"], ["Barcelona"])


def test_restricting_a_parent_reaches_its_pages_without_saving_them(stockholm, practice):
    restriction = restrict_to_members(stockholm)
    run_worker()
    assert audiences(stockholm) == audiences(practice) == ["members"]

    editors = Group.objects.get(pk=stockholm.editors_group_id)
    restriction.groups.set([editors])
    run_worker()
    assert audiences(practice) == [f"group:{editors.pk}"]

    restriction.delete()
    run_worker()
    assert audiences(practice) == ["public"]


def test_password_protected_pages_and_their_children_are_never_indexed(stockholm, practice):
    PageViewRestriction.objects.create(page=stockholm, restriction_type=PageViewRestriction.PASSWORD, password="x")
    run_worker()
    assert stockholm.pk not in indexed() and practice.pk not in indexed()


def test_deleting_a_city_removes_its_pages_and_its_name_elsewhere(site_tree, stockholm, practice):
    research = ResearchPageFactory(parent=site_tree["research"], title="Shelter study", cities=[stockholm])
    event = EventPageFactory(parent=site_tree["events"], title="Annual meeting", host_city=stockholm)
    run_worker()
    assert indexed()[event.pk]["city_names"] == ["Stockholm"]

    stockholm.delete()
    run_worker()
    index = indexed()
    assert stockholm.pk not in index and practice.pk not in index
    assert index[research.pk]["city_names"] == index[event.pk]["city_names"] == []


def test_renaming_a_city_renames_it_on_the_pages_that_show_it(site_tree, stockholm, practice):
    research = ResearchPageFactory(parent=site_tree["research"], title="Shelter study", cities=[stockholm])
    event = EventPageFactory(parent=site_tree["events"], title="Annual meeting", host_city=stockholm)
    stockholm.title = "Stockholm region"
    stockholm.save_revision().publish()
    run_worker()
    index = indexed()
    assert {pk: index[pk]["city_names"] for pk in (stockholm.pk, practice.pk, research.pk, event.pk)} == {
        pk: ["Stockholm region"] for pk in (stockholm.pk, practice.pk, research.pk, event.pk)
    }


def test_a_renamed_city_slug_moves_the_urls_of_its_practices(stockholm, practice):
    stockholm.slug = "stockholm-region"
    stockholm.save_revision().publish()
    run_worker()
    assert indexed()[practice.pk]["url"].endswith("/stockholm-region/venue-staff/")


def test_renaming_a_theme_renames_it_on_its_pages(practice, theme):
    practice.themes.set([theme])
    practice.save_revision().publish()
    run_worker()
    theme.name = "Support for victims"
    theme.save()
    run_worker()
    assert indexed()[practice.pk]["theme_names"] == "Support for victims"


def attach(page, document):
    PracticeAttachment.objects.create(page=page, document=document)
    page.save_revision().publish()


def test_a_replaced_document_is_read_again(practice):
    document = make_document("Plan", "plan.txt", b"North gates first")
    attach(practice, document)
    run_worker()
    assert indexed()[practice.pk]["files"][0]["text_en"] == "North gates first"

    document.file = ContentFile(b"South gates first", name="plan.txt")
    document._set_document_file_metadata()
    document.save()
    run_worker()
    assert indexed()[practice.pk]["files"][0]["text_en"] == "South gates first"


def test_a_collection_made_private_makes_its_files_and_subcollections_files_private(practice):
    parent = Collection.get_first_root_node().add_child(name="Stockholm files")
    document = make_document("Plan", "plan.txt", b"North gates first", parent.add_child(name="Drills"))
    attach(practice, document)
    restriction = CollectionViewRestriction.objects.create(
        collection=parent, restriction_type=CollectionViewRestriction.LOGIN
    )
    run_worker()
    assert indexed()[practice.pk]["files"][0]["audiences"] == ["authenticated"]

    restriction.restriction_type = CollectionViewRestriction.GROUPS
    restriction.save()
    restriction.groups.add(Group.objects.get(name="Network members"))
    run_worker()
    assert indexed()[practice.pk]["files"][0]["audiences"] == ["members"]


def test_a_change_that_is_rolled_back_queues_nothing(stockholm):
    before = queued().count()
    with pytest.raises(RuntimeError), transaction.atomic():
        make_city(stockholm.get_parent(), "Gothenburg", "gothenburg", joined=datetime.date(2020, 1, 1))
        assert queued().count() > before
        raise RuntimeError("the editor's request failed")
    assert queued().count() == before


def test_an_update_that_cannot_reach_elasticsearch_is_queued_again_for_later(practice, settings):
    closed_port = {**settings.ELASTICSEARCH, "URL": "http://127.0.0.1:9"}
    with override_settings(ELASTICSEARCH=closed_port):
        practice.save_revision().publish()
        run_worker(refresh=False)
    retry = queued().get()
    assert retry.args_kwargs == {"args": [[practice.pk]], "kwargs": {"attempt": 1}}
    assert 5 < (retry.run_after - retry.enqueued_at).total_seconds() <= 11
    assert [retry_delay(attempt) for attempt in range(7)] == [10, 20, 40, 80, 160, 300, 300]
