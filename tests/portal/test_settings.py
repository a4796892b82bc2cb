"""Settings that protect the network: production refuses to start half-configured,
privacy has no shared passwords, documents are served through Django."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests.conftest import make_practice
from tests.factories import members_only_collection

BASE_DIR = django_settings.BASE_DIR
PRODUCTION_ENV = {
    "SECRET_KEY": "a-real-secret-from-the-environment-0123456789",
    "ALLOWED_HOSTS": "ctpn.example.org,www.ctpn.example.org",
    "DATABASE_URL": "postgres://ctpn:ctpn@127.0.0.1:5432/ctpn",
}


def import_production_settings(**env):
    """Import portal.settings.production in a fresh interpreter with only ``env`` set."""
    clean_env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **env}
    code = "import json, portal.settings.production as s; print(json.dumps([s.DEBUG, s.SECRET_KEY, s.ALLOWED_HOSTS]))"
    return subprocess.run(  # noqa: S603 - fixed argv, our own interpreter
        [sys.executable, "-c", code], cwd=BASE_DIR, env=clean_env, capture_output=True, text=True, timeout=60
    )


class TestProductionSettings:
    def test_refuses_to_start_without_a_secret_key(self):
        env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
        result = import_production_settings(**env)
        assert result.returncode != 0
        assert "ImproperlyConfigured" in result.stderr
        assert "SECRET_KEY must be set" in result.stderr

    def test_refuses_to_start_with_an_empty_secret_key(self):
        result = import_production_settings(**{**PRODUCTION_ENV, "SECRET_KEY": ""})
        assert result.returncode != 0
        assert "SECRET_KEY must be set" in result.stderr

    @pytest.mark.parametrize("hosts", [None, "", " , "])
    def test_refuses_to_start_without_allowed_hosts(self, hosts):
        env = {k: v for k, v in PRODUCTION_ENV.items() if k != "ALLOWED_HOSTS"}
        if hosts is not None:
            env["ALLOWED_HOSTS"] = hosts
        result = import_production_settings(**env)
        assert result.returncode != 0
        assert "ALLOWED_HOSTS must be set" in result.stderr

    def test_starts_with_everything_set(self):
        result = import_production_settings(**PRODUCTION_ENV)
        assert result.returncode == 0, result.stderr
        debug, secret_key, allowed_hosts = json.loads(result.stdout)
        assert debug is False
        assert secret_key == PRODUCTION_ENV["SECRET_KEY"]
        assert allowed_hosts == ["ctpn.example.org", "www.ctpn.example.org"]

    @pytest.mark.parametrize(
        "url",
        [
            "127.0.0.1:9200",
            "http://127.0.0.1",
            "http://127.0.0.1:port",
            "ftp://127.0.0.1:9200",
            "http://127.0.0.1:9200,es2:9200",
            "http://elastic:s3cret@:9200",
        ],
    )
    def test_refuses_to_start_with_a_malformed_elasticsearch_url(self, url):
        result = import_production_settings(**PRODUCTION_ENV, ELASTICSEARCH_URL=url)
        assert result.returncode != 0
        assert "ELASTICSEARCH_URL: each address needs a scheme, a host and a port" in result.stderr
        assert "s3cret" not in result.stderr

    def test_starts_with_several_elasticsearch_nodes(self):
        url = "http://10.0.0.1:9200, https://elastic:s3cret@10.0.0.2:9200,"
        assert import_production_settings(**PRODUCTION_ENV, ELASTICSEARCH_URL=url).returncode == 0


class TestPrivacySettings:
    def test_no_shared_passwords_in_settings(self):
        assert django_settings.WAGTAIL_PRIVATE_PAGE_OPTIONS == {"SHARED_PASSWORD": False}
        assert django_settings.WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS == {"SHARED_PASSWORD": False}

    def test_documents_are_served_through_django(self):
        assert django_settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"

    def test_page_privacy_dialog_offers_no_password(self, secretariat_client, stockholm):
        practice = make_practice(stockholm, "Practice", "practice")
        response = secretariat_client.get(reverse("wagtailadmin_pages:set_privacy", args=[practice.pk]))
        assert response.status_code == 200
        html = response.json()["html"]
        assert 'value="groups"' in html
        assert 'value="login"' in html
        assert 'value="password"' not in html
        assert 'name="password"' not in html

    def test_page_privacy_dialog_refuses_a_password(self, secretariat_client, stockholm):
        practice = make_practice(stockholm, "Practice", "practice")
        url = reverse("wagtailadmin_pages:set_privacy", args=[practice.pk])
        secretariat_client.post(url, {"restriction_type": "password", "password": "shared-secret"})
        assert not PageViewRestriction.objects.filter(page=practice).exists()

    def test_page_privacy_dialog_sets_members_only(self, secretariat_client, stockholm, member):
        """The positive case, to show the dialog posts work at all."""
        from portal.access import network_members_group

        practice = make_practice(stockholm, "Practice", "practice")
        url = reverse("wagtailadmin_pages:set_privacy", args=[practice.pk])
        response = secretariat_client.post(url, {"restriction_type": "groups", "groups": [network_members_group().pk]})
        assert response.status_code == 200
        restriction = PageViewRestriction.objects.get(page=practice)
        assert restriction.restriction_type == PageViewRestriction.GROUPS

    def test_collection_privacy_dialog_offers_no_password(self, secretariat_client, db):
        collection = Collection.get_first_root_node().add_child(name="Reports")
        response = secretariat_client.get(reverse("wagtailadmin_collections:set_privacy", args=[collection.pk]))
        assert response.status_code == 200
        html = response.json()["html"]
        assert 'value="groups"' in html
        assert 'value="password"' not in html

    def test_collection_privacy_dialog_refuses_a_password(self, secretariat_client, db):
        collection = members_only_collection("Reports")
        url = reverse("wagtailadmin_collections:set_privacy", args=[collection.pk])
        secretariat_client.post(url, {"restriction_type": "password", "password": "shared-secret"})
        restriction = CollectionViewRestriction.objects.get(collection=collection)
        assert restriction.restriction_type == CollectionViewRestriction.GROUPS


class TestTestSettings:
    def test_media_is_a_temporary_directory(self):
        assert not str(django_settings.MEDIA_ROOT).startswith(str(BASE_DIR))
