"""Backup and restore: what `make backup` (bin/backup) saves, bin/restore brings back into a new
database and media folder: every page, document (its bytes), image and account; members sign
in with their own passwords, and search finds every page once the indexes are rebuilt.

Each side runs as the operator runs it: the scripts and the restored portal in processes of
their own, pointed at their database and media folder by DATABASE_URL and MEDIA_ROOT. On
PostgreSQL with Elasticsearch (production), and on the embedded default's SQLite file.
"""

import json
import os
import re
import sqlite3
import subprocess
import sys
import tarfile
import time
from pathlib import Path
from urllib.parse import quote

import dj_database_url
import pytest
import wagtail_factories
from django.conf import settings as django_settings
from django.db import connection
from django.test import override_settings

from members.choices import Role
from search import indexing
from tests.conftest import _with_role, make_city, make_practice, restore_migrated_data, restrict_to_members
from tests.factories import EventPageFactory, ResearchPageFactory, make_document, members_only_collection

BASE_DIR = Path(django_settings.BASE_DIR)
MEMBER_PASSWORD = "Backups keep the hash, not the password"  # noqa: S105
PUBLIC_BYTES = b"Checklist for tram stop barriers, version 3\n"
PRIVATE_BYTES = bytes(range(256)) * 64  # every byte value: nothing may be re-encoded on the way
INVENTORY = ("pages", "documents", "images", "accounts")
RENDITION = "fill-80x80"

# The restored portal, looked at from inside: every row, every file's digest, what a member
# and a visitor get, and what search finds. Printed as one line of JSON.
PROBE = r"""
import hashlib, json, sys
import django
django.setup()
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.files.storage import default_storage
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from search import indexing, service

ask = json.loads(sys.argv[1])
User, Document, Image = get_user_model(), get_document_model(), get_image_model()


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def stored(field):
    with field.open("rb") as file:
        return sha256(file.read())


def served(response):
    return sha256(b"".join(response.streaming_content) if response.streaming else response.content)


def found(user, page):
    results = service.search(page.title, service.SearchFilters(), user, per_page=50)
    return [results.backend, results.fell_back, page.pk in [hit.page_id for hit in results.hits]]


report = {
    "pages": sorted([p.pk, p.title, p.url_path, p.live] for p in Page.objects.filter(depth__gt=1)),
    "documents": sorted([d.pk, d.title, d.file.name, stored(d.file)] for d in Document.objects.all()),
    "images": sorted([i.pk, i.title, i.file.name, stored(i.file)] for i in Image.objects.all()),
    "accounts": sorted(
        [u.pk, u.email, u.password, u.is_active, u.is_superuser, sorted(u.groups.values_list("name", flat=True))]
        for u in User.objects.all()
    ),
}
if ask.get("search"):
    superuser = User.objects.filter(is_superuser=True).first()
    report["search"] = {
        str(page.pk): {"visitor": found(AnonymousUser(), page), "superuser": found(superuser, page)}
        for page in indexing.indexed_pages()
    }
if ask.get("member"):
    visitor, member = Client(), Client()
    signed_in = member.post("/accounts/login/", {"login": ask["member"], "password": ask["password"]})
    report["sign_in"] = signed_in.status_code
    if ask.get("pages"):
        live = list(Page.objects.live().filter(depth__gt=1))
        report["visitor_pages"] = {str(page.pk): visitor.get(page.url).status_code for page in live}
        report["member_pages"] = {str(page.pk): member.get(page.url).status_code for page in live}
    report["visitor_documents"] = {str(d.pk): visitor.get(d.url).status_code for d in Document.objects.all()}
    report["member_documents"] = {str(d.pk): served(member.get(d.url)) for d in Document.objects.all()}
    renditions = [image.get_rendition(ask["rendition"]) for image in Image.objects.all()]
    report["renditions"] = [default_storage.size(rendition.file.name) > 0 for rendition in renditions]
print(json.dumps(report))
"""


def portal_env(**values) -> dict:
    """A portal process's environment: dev settings and ``values``, nothing of this test
    run's database, media or Elasticsearch unless given."""
    drop = ("DATABASE_URL", "MEDIA_ROOT", "PORTAL_VAR_DIR", "ELASTICSEARCH_", "PG_BINDIR")
    env = {key: value for key, value in os.environ.items() if not key.startswith(drop)}
    env.update(DJANGO_SETTINGS_MODULE="portal.settings.dev", ALLOWED_HOSTS="testserver")
    env.update({key: str(value) for key, value in values.items()})
    return env


def run(argv: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own interpreter and scripts
        [sys.executable, *argv], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=900, check=False
    )


def succeeds(argv: list[str], env: dict) -> str:
    result = run(argv, env)
    assert result.returncode == 0, f"{' '.join(argv)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def refused(argv: list[str], env: dict) -> str:
    """What the script said when it refused: one clear line, exit status 1, no traceback."""
    result = run(argv, env)
    assert result.returncode == 1, f"{' '.join(argv)} did not refuse:\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr
    return result.stderr


def probe(env: dict, **ask) -> dict:
    ask = {"rendition": RENDITION, **ask}
    return json.loads(succeeds(["-c", PROBE, json.dumps(ask)], env).strip().splitlines()[-1])


def the_backup(parent: Path, output: str) -> Path:
    """The one backup folder under ``parent``, which the script's output names."""
    folders = list(parent.glob("ctpn-*"))
    assert len(folders) == 1, folders
    assert str(folders[0]) in output
    return folders[0]


def manifest_of(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text())


def assert_same_content(before: dict, after: dict) -> None:
    for name in INVENTORY:
        assert after[name] == before[name], name


def assert_counts(manifest: dict, inventory: dict) -> None:
    assert manifest["counts"] == {name: len(inventory[name]) for name in INVENTORY}


# PostgreSQL and Elasticsearch


def postgres_url(name: str) -> str:
    db = connection.settings_dict
    credentials = f"{quote(db['USER'], safe='')}:{quote(db['PASSWORD'], safe='')}"
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def drop_database(name: str) -> None:
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)} WITH (FORCE)")


def database_exists(name: str) -> bool:
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL backup needs PostgreSQL: this run is on SQLite, tested below")


@pytest.fixture
def new_database(postgresql):
    """The name of a database that does not exist yet (dropped again afterwards): the
    configured database's name (not the test database's) with ``_restored``."""
    name = f"{dj_database_url.parse(os.environ['DATABASE_URL'])['NAME']}_restored"
    drop_database(name)
    yield name
    drop_database(name)


@pytest.fixture
def elasticsearch_alias():
    """An alias of this test's own on the Elasticsearch at ELASTICSEARCH_URL, removed afterwards."""
    url = getattr(django_settings, "TEST_ELASTICSEARCH_URL", "")
    if not url:
        pytest.fail("The restore test rebuilds an Elasticsearch index: set ELASTICSEARCH_URL (make test does).")
    alias = f"ctpn-backup-test-{os.getpid()}"
    yield url, alias
    with override_settings(ELASTICSEARCH={**django_settings.ELASTICSEARCH, "URL": url, "INDEX": alias}):
        indexing.delete_all_indexes()


@pytest.fixture(scope="module")
def _migrated_data_outlives_the_module(django_db_setup, django_db_blocker):
    """The round trip is transactional and ends with a flush: put back what the migrations made."""
    yield
    restore_migrated_data(django_db_blocker)


@pytest.fixture
def content(settings, site_tree, django_user_model, tmp_path):
    """Pages public and members-only, documents public and members-only, an image with a
    rendition, and accounts of several roles, with their files in a media folder of their own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]  # as production stores them
    stockholm = make_city(site_tree["cities"], "Stockholm", "stockholm")
    public = make_practice(stockholm, "Tramway barrier drill", "tramway-barrier-drill")
    private = make_practice(stockholm, "Underground shelter roster", "underground-shelter-roster")
    restrict_to_members(private)
    ResearchPageFactory(parent=site_tree["research"], title="Crowded places evacuation study")
    EventPageFactory(parent=site_tree["events"], title="Nordic tabletop exercise", host_city=stockholm)
    make_document("Barrier checklist", "barrier-checklist.txt", PUBLIC_BYTES)
    make_document("Shelter keys", "shelter-keys.bin", PRIVATE_BYTES, members_only_collection())
    wagtail_factories.ImageFactory(title="Barrier at the tram stop").get_rendition(RENDITION)
    member = _with_role(django_user_model, "member@example.org", Role.NETWORK_MEMBER)
    member.set_password(MEMBER_PASSWORD)
    member.save()
    _with_role(django_user_model, "secretariat@example.org", Role.SECRETARIAT, mfa=True)
    _with_role(django_user_model, "expert@example.org", Role.INVITED_EXPERT)
    indexed = {str(pk) for pk in indexing.indexed_pages().values_list("pk", flat=True)}
    return {"public": str(public.pk), "private": str(private.pk), "member": member, "indexed": indexed}


@pytest.mark.elasticsearch
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_postgresql_backup_restores_into_a_new_database_and_media_folder(
    _migrated_data_outlives_the_module,
    postgresql,
    content,
    new_database,
    elasticsearch_alias,
    tmp_path,
    settings,
    drill,
):
    source = portal_env(DATABASE_URL=postgres_url(connection.settings_dict["NAME"]), MEDIA_ROOT=settings.MEDIA_ROOT)
    before = probe(source)
    started = time.monotonic()
    folder = the_backup(tmp_path / "backups", succeeds(["bin/backup", str(tmp_path / "backups")], source))
    drill.figure("PostgreSQL backup took", f"{time.monotonic() - started:.1f} s")
    assert_postgresql_backup(folder, before)

    es_url, alias = elasticsearch_alias
    restored = {"DATABASE_URL": postgres_url(new_database), "MEDIA_ROOT": tmp_path / "restored-media"}
    target = portal_env(**restored, ELASTICSEARCH_URL=es_url, ELASTICSEARCH_INDEX=alias)
    started = time.monotonic()
    assert "as in the manifest" in succeeds(["bin/restore", str(folder)], target)
    drill.figure("restore with the index rebuilt took", f"{time.monotonic() - started:.1f} s")
    after = probe(target, search=True, pages=True, member=content["member"].email, password=MEMBER_PASSWORD)
    assert_same_content(before, after)
    drill.figure("restored and compared", ", ".join(f"{len(after[name])} {name}" for name in INVENTORY))
    assert content["member"].password in [account[2] for account in after["accounts"]]
    assert_portal_works(after, content)
    assert set(after["search"]) == content["indexed"]
    for page, found in after["search"].items():
        assert found["superuser"] == ["elasticsearch", False, True], page
        assert found["visitor"] == ["elasticsearch", False, page != content["private"]], page

    on_database = probe(portal_env(**restored), search=True)
    assert set(on_database["search"]) == content["indexed"]
    for page, found in on_database["search"].items():
        assert found["superuser"] == ["database", False, True], page


def assert_postgresql_backup(folder: Path, before: dict) -> None:
    """A dump, the media without renditions, and a manifest that counts what the dump holds."""
    manifest = manifest_of(folder)
    assert_counts(manifest, before)
    assert manifest["database"]["engine"] == "postgresql"
    assert manifest["media"]["renditions_left_out"] == 1
    with tarfile.open(folder / "media.tar") as tar:
        archived = tar.getnames()
    assert len(archived) == manifest["media"]["files"] == 3  # two documents and the original image
    assert not any(name.startswith("images/") for name in archived)
    assert (folder.stat().st_mode & 0o077) == 0, "a backup holds members-only content: its owner's only"


def assert_portal_works(after: dict, content: dict) -> None:
    """The member signs in with their own password and reads everything; a visitor reads
    the public pages and documents only; the image's rendition is made again."""
    assert after["sign_in"] == 302
    assert set(after["member_pages"].values()) == {200}
    visitor = dict(after["visitor_pages"])
    assert visitor.pop(content["private"]) == 302
    assert content["public"] in visitor
    assert set(visitor.values()) == {200}
    assert sorted(after["member_documents"].values()) == sorted(document[3] for document in after["documents"])
    assert sorted(after["visitor_documents"].values()) == [200, 302]
    assert after["renditions"] == [True]


# SQLite: the embedded default of `make run`


def test_sqlite_backup_of_the_embedded_default_restores_into_a_new_var_folder(tmp_path):
    """`make backup` with nothing configured backs up var/db.sqlite3 and var/media into
    var/backups; restored into another var folder, the portal is the same and searches."""
    var = tmp_path / "var"
    var.mkdir()  # as bin/serve makes it
    source = portal_env(PORTAL_VAR_DIR=var)
    succeeds(["manage.py", "migrate", "--noinput"], source)
    seeded = succeeds(["manage.py", "seed_demo"], source)
    member = "member@demo.ctpn.example"
    password = re.search(rf"^{re.escape(member)}\s.*\s(\S+)$", seeded, re.MULTILINE).group(1)
    before = probe(source, member=member, password=password)
    folder = the_backup(var / "backups", succeeds(["bin/backup"], source))
    manifest = manifest_of(folder)
    assert manifest["database"]["engine"] == "sqlite"
    assert manifest["database"]["name"] == str(var / "db.sqlite3")
    assert_counts(manifest, before)
    assert manifest["media"]["files"] == len(before["documents"]) > 0

    restored = tmp_path / "restored"
    target = portal_env(PORTAL_VAR_DIR=restored)
    assert "as in the manifest" in succeeds(["bin/restore", str(folder)], target)
    after = probe(target, search=True, member=member, password=password)
    assert_same_content(before, after)
    for seen in ("sign_in", "visitor_documents", "member_documents"):
        assert after[seen] == before[seen], seen
    assert after["sign_in"] == 302
    assert sorted(after["member_documents"].values()) == sorted(document[3] for document in after["documents"])
    assert after["search"], "the demo has pages to find"
    for page, found in after["search"].items():
        assert found["superuser"] == ["database", False, True], page

    said = refused(["bin/restore", str(folder)], target)  # not over a restored portal
    assert f"MEDIA_ROOT {restored / 'media'} is not empty" in said


# What is refused, before anything changes


def backup_shaped(tmp_path: Path, engine: str) -> Path:
    """A folder with a manifest and (empty) files, enough to be refused before anything is read."""
    folder = tmp_path / "ctpn-20261128-120000"
    folder.mkdir()
    database = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}[engine]
    (folder / database).touch()
    (folder / "media.tar").touch()
    counts = dict.fromkeys(INVENTORY, 0)
    manifest = {"format": 1, "database": {"engine": engine, "file": database}, "media": {"file": "media.tar"}}
    (folder / "manifest.json").write_text(json.dumps({**manifest, "counts": counts}))
    return folder


@pytest.mark.django_db
def test_restore_refuses_a_database_that_holds_tables(postgresql, tmp_path):
    media = tmp_path / "media"
    target = portal_env(DATABASE_URL=postgres_url(connection.settings_dict["NAME"]), MEDIA_ROOT=media)
    said = refused(["bin/restore", str(backup_shaped(tmp_path, "postgresql"))], target)
    assert f"database {connection.settings_dict['NAME']} is not empty" in said
    assert not media.exists()


@pytest.mark.django_db
def test_restore_refuses_a_media_folder_that_is_not_empty(new_database, tmp_path):
    media = tmp_path / "media"
    (media / "documents").mkdir(parents=True)
    (media / "documents" / "kept.pdf").write_bytes(b"%PDF-1.4 a file the restore must not mix with")
    target = portal_env(DATABASE_URL=postgres_url(new_database), MEDIA_ROOT=media)
    said = refused(["bin/restore", str(backup_shaped(tmp_path, "postgresql"))], target)
    assert f"MEDIA_ROOT {media} is not empty" in said
    assert not database_exists(new_database)


def test_restore_refuses_a_backup_of_the_other_database(postgresql, tmp_path):
    target = portal_env(DATABASE_URL=postgres_url("ctpn_never_made"), MEDIA_ROOT=tmp_path / "media")
    said = refused(["bin/restore", str(backup_shaped(tmp_path, "sqlite"))], target)
    assert "the backup holds a sqlite database but the portal is set up for postgresql" in said


def test_restore_refuses_a_folder_that_is_not_a_backup(tmp_path):
    said = refused(["bin/restore", str(tmp_path)], portal_env(PORTAL_VAR_DIR=tmp_path / "var"))
    assert "holds no manifest.json" in said


def test_backup_refuses_without_pg_dump_and_leaves_nothing(postgresql, tmp_path):
    database = postgres_url(connection.settings_dict["NAME"])
    source = portal_env(DATABASE_URL=database, MEDIA_ROOT=tmp_path / "media", PG_BINDIR=tmp_path)
    said = refused(["bin/backup", str(tmp_path / "backups")], source)
    assert f"pg_dump not found in PG_BINDIR ({tmp_path})" in said
    assert not (tmp_path / "backups").exists()


def test_backup_refuses_a_folder_inside_media_root(tmp_path):
    var = tmp_path / "var"
    (var / "media").mkdir(parents=True)
    sqlite3.connect(var / "db.sqlite3").close()
    said = refused(["bin/backup", str(var / "media" / "backups")], portal_env(PORTAL_VAR_DIR=var))
    assert "is inside MEDIA_ROOT" in said
    assert not (var / "media" / "backups").exists()


def test_backup_refuses_when_there_is_no_database_yet(tmp_path):
    said = refused(["bin/backup"], portal_env(PORTAL_VAR_DIR=tmp_path / "var"))
    assert f"no SQLite database at {tmp_path / 'var' / 'db.sqlite3'}" in said
