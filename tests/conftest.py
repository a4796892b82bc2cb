"""Shared fixtures: the site tree, two cities, and one user per role."""

import datetime
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.contrib.auth.models import Group
from django.core.cache import cache
from wagtail.models import PageViewRestriction

from home.site_structure import ensure_site_structure
from members.choices import Role
from members.roles import grant_role
from portal.access import network_members_group
from resources.models import CityPage, PracticePage, Theme

# The search backends' fixtures (elasticsearch, search_backend, backend), for every folder.
pytest_plugins = ["tests.search_index"]

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and used one-time codes live in the cache: no test inherits another's."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def uncached(settings):
    """Every request reaches its view (no page cache): for tests that count a view's queries."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def site_tree(db):
    home, cities, research, events = ensure_site_structure()
    return {"home": home, "cities": cities, "research": research, "events": events}


def make_city(index, title, slug, **fields):
    defaults = {"country": "SE", "joined": datetime.date(2018, 1, 1)}
    defaults.update(fields)
    return index.add_child(instance=CityPage(title=title, slug=slug, **defaults))


def make_practice(city, title, slug, **fields):
    defaults = {
        "summary": f"{title}: what the city did and learned.",
        "phase": "prevent",
        "start_date": datetime.date(2021, 3, 1),
    }
    defaults.update(fields)
    return city.add_child(instance=PracticePage(title=title, slug=slug, **defaults))


def restrict_to_members(page):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(network_members_group())
    return restriction


@pytest.fixture
def stockholm(site_tree):
    return make_city(site_tree["cities"], "Stockholm", "stockholm", founding_member=True)


@pytest.fixture
def barcelona(site_tree):
    return make_city(site_tree["cities"], "Barcelona", "barcelona", country="ES", founding_member=True)


@pytest.fixture
def theme(db):
    return Theme.objects.get(slug="victim-support")


def _user(django_user_model, email, *groups, **flags):
    """An account with a verified address, in ``groups`` (by name)."""
    user = django_user_model.objects.create_user(username=email, email=email, password=PASSWORD, **flags)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def enable_totp(user) -> str:
    """Give the user an authenticator app; returns its secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(user_or_secret, offset: int = 0) -> str:
    """The code the user's authenticator app shows now (``offset`` periods later)."""
    secret = user_or_secret
    if not isinstance(secret, str):
        secret = Authenticator.objects.get(user=user_or_secret, type=Authenticator.Type.TOTP).data["secret"]
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset))


def _with_role(django_user_model, email, role, city=None, *, mfa=False):
    user = _user(django_user_model, email)
    grant_role(user, role, city)
    if mfa:
        enable_totp(user)
    return user


@pytest.fixture
def member(django_user_model):
    return _with_role(django_user_model, "member@example.org", Role.NETWORK_MEMBER)


@pytest.fixture
def expert(django_user_model):
    return _with_role(django_user_model, "expert@example.org", Role.INVITED_EXPERT)


@pytest.fixture
def stockholm_editor(django_user_model, stockholm):
    return _with_role(django_user_model, "editor@stockholm.example.org", Role.CITY_EDITOR, stockholm, mfa=True)


@pytest.fixture
def barcelona_editor(django_user_model, barcelona):
    return _with_role(django_user_model, "editor@barcelona.example.org", Role.CITY_EDITOR, barcelona, mfa=True)


@pytest.fixture
def stockholm_coordinator(django_user_model, stockholm):
    return _with_role(
        django_user_model, "coordinator@stockholm.example.org", Role.CITY_COORDINATOR, stockholm, mfa=True
    )


@pytest.fixture
def secretariat(django_user_model):
    return _with_role(django_user_model, "secretariat@example.org", Role.SECRETARIAT, mfa=True)


@pytest.fixture
def outsider(django_user_model):
    """Signed in, but in no group: sees only what the public sees of members-only items."""
    return _user(django_user_model, "outsider@example.org")


@pytest.fixture
def secretariat_client(client, secretariat):
    """A client signed in as the secretariat (superuser), for the Wagtail admin."""
    client.force_login(secretariat)
    return client


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def coordinator_client(client, stockholm_coordinator):
    client.force_login(stockholm_coordinator)
    return client


def restore_migrated_data(django_db_blocker) -> None:
    """Put back what the migrations created (root page, groups, themes, workflow) after a
    transactional test emptied every table, so a reused test database still works."""
    from django.apps import apps
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection
    from wagtail.models import Page

    contents = getattr(connection, "_test_serialized_contents", None)
    with django_db_blocker.unblock():
        if contents and not Page.objects.exists():
            # Clear what was recreated after the flush (content types), then reload.
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            connection.creation.deserialize_db_from_string(contents)
            sql = connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True))
            with connection.cursor() as cursor:
                for statement in sql:
                    cursor.execute(statement)
