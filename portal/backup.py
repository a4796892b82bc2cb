"""Backups of the portal and their restore: the database and the uploaded files (MEDIA_ROOT).

One backup is one folder, ``ctpn-<UTC time>``, holding:

- ``database.dump``: PostgreSQL's ``pg_dump --format=custom``; or ``database.sqlite3``: a copy
  of the embedded default's SQLite file made with SQLite's backup API (consistent while the
  portal writes to it);
- ``media.tar``: MEDIA_ROOT without image renditions (Wagtail makes them again when shown);
- ``manifest.json``: what, when, and how many pages, documents, images and accounts the
  database copy holds, counted in the same snapshot as the copy.

``bin/backup`` (``make backup``) and ``bin/restore`` run them with the portal's own settings;
docs/operations.md says how and when.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import time
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection, transaction

from search import es

FORMAT = 1
MANIFEST = "manifest.json"
FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
MEDIA = "media.tar"


class BackupError(Exception):
    """Something the operator must fix or know: shown as one line, without a traceback."""


def engine() -> str:
    """ "postgresql" or "sqlite": the configured database's kind (nothing is connected)."""
    if connection.vendor not in FILES:
        raise BackupError(f"backups cover PostgreSQL and SQLite, not {connection.vendor}")
    return connection.vendor


def database_name() -> str:
    """The database's name (PostgreSQL) or its file (SQLite), as settings say."""
    return str(settings.DATABASES["default"]["NAME"])


def pg_tool(name: str) -> str:
    """pg_dump or pg_restore: from PG_BINDIR if set, else on PATH, else the newest
    /usr/lib/postgresql/*/bin (where Debian's packages put them)."""
    bindir = os.environ.get("PG_BINDIR", "")
    if bindir:
        candidates, where = [Path(bindir) / name], f"in PG_BINDIR ({bindir})"
    else:
        installed = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=_major_version, reverse=True)
        on_path = shutil.which(name)
        candidates, where = [Path(on_path)] if on_path else [], "on PATH or in /usr/lib/postgresql/*/bin"
        candidates += installed
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    raise BackupError(
        f"{name} not found {where}: install PostgreSQL's client tools "
        "(Debian: apt-get install postgresql-client) or set PG_BINDIR to their folder"
    )


def _major_version(tool: Path) -> int:
    version = tool.parent.parent.name
    return int(version) if version.isdigit() else 0


def pg_environment() -> dict[str, str]:
    """The environment that points libpq's tools at the configured database, the password
    and TLS options included (Django's own mapping), so none of it shows in a process list."""
    from django.db.backends.postgresql.client import DatabaseClient

    db = settings.DATABASES["default"]
    _, env = DatabaseClient.settings_to_cmd_args_env(db, [])
    env = env or {}
    names = {"PGHOST": db.get("HOST"), "PGPORT": db.get("PORT"), "PGUSER": db.get("USER"), "PGDATABASE": db["NAME"]}
    return {**os.environ, **env, **{key: str(value) for key, value in names.items() if value}}


def run(argv: list[str]) -> None:
    result = subprocess.run(argv, env=pg_environment(), capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        message = result.stderr.strip() or f"exit status {result.returncode}"
        raise BackupError(f"{Path(argv[0]).name} failed: {message}")


def _tables() -> dict[str, str]:
    from django.contrib.auth import get_user_model
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page

    image = get_image_model()
    return {
        "pages": Page._meta.db_table,
        "documents": get_document_model()._meta.db_table,
        "images": image._meta.db_table,
        "accounts": get_user_model()._meta.db_table,
        "renditions": image.get_rendition_model()._meta.db_table,
    }


def counts(cursor) -> dict[str, int]:
    """Pages (the tree's root left out), documents, images and accounts, read with ``cursor``
    (Django's or sqlite3's: the queries are plain SQL on the models' tables)."""
    tables = _tables()
    found = {}
    for name in ("pages", "documents", "images", "accounts"):
        where = " WHERE depth > 1" if name == "pages" else ""
        cursor.execute(f"SELECT COUNT(*) FROM {tables[name]}{where}")  # noqa: S608 - table names from models
        found[name] = cursor.fetchone()[0]
    return found


def rendition_files(cursor) -> set[str]:
    cursor.execute(f"SELECT file FROM {_tables()['renditions']}")  # noqa: S608 - a table name from a model
    return {row[0] for row in cursor.fetchall()}


# Backing up


def dump_postgresql(target: Path, pg_dump: str) -> tuple[dict[str, int], set[str]]:
    """pg_dump into ``target``, and the counts and rendition files, all read in one snapshot
    (exported by this transaction and shared with pg_dump), so the manifest says what the dump holds."""
    connection.ensure_connection()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        found = counts(cursor), rendition_files(cursor)
        run([pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={target}"])
    return found


def copy_sqlite(target: Path) -> tuple[dict[str, int], set[str]]:
    """Copy the SQLite file with SQLite's backup API (a consistent copy even while the portal
    writes, unlike copying the file); the counts are read from the copy."""
    source = Path(database_name())
    live_uri = f"{source.resolve().as_uri()}?mode=rw"  # never creates an empty file in its place
    with closing(sqlite3.connect(live_uri, uri=True, timeout=30)) as live, closing(sqlite3.connect(target)) as copy:
        live.backup(copy)
        cursor = copy.cursor()
        return counts(cursor), rendition_files(cursor)


def archive_media(target: Path, left_out: set[str]) -> dict[str, int]:
    """Every file under MEDIA_ROOT but ``left_out`` (the renditions) into an uncompressed tar:
    uploads are mostly PDFs and images, which compress no further."""
    root = Path(settings.MEDIA_ROOT)
    files = size = 0
    with tarfile.open(target, "w") as tar:
        for folder, _, names in os.walk(root):
            for name in sorted(names):
                path = Path(folder) / name
                relative = path.relative_to(root).as_posix()
                if relative in left_out or path.is_symlink():
                    continue
                try:
                    tar.add(path, arcname=relative, recursive=False)
                except FileNotFoundError:  # deleted since it was listed: so is its row, or soon
                    continue
                files, size = files + 1, size + tar.getmember(relative).size
    return {"files": files, "bytes": size, "renditions_left_out": len(left_out)}


@contextmanager
def private_files():
    """Files made meanwhile are readable by their owner only: backups hold members-only content."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def new_backup_folder(parent: Path) -> Path:
    """Where a backup made now goes; refuses one that exists or a place inside MEDIA_ROOT."""
    parent = parent.resolve()
    media_root = Path(settings.MEDIA_ROOT).resolve()
    if parent == media_root or media_root in parent.parents:
        raise BackupError(f"{parent} is inside MEDIA_ROOT ({media_root}): choose a folder outside it")
    folder = parent / f"ctpn-{datetime.now(UTC):%Y%m%d-%H%M%S}"
    for taken in (folder, partial(folder)):
        if taken.exists():
            raise BackupError(f"{taken} already exists: another backup is running or was interrupted")
    return folder


def partial(folder: Path) -> Path:
    return folder.with_name(folder.name + ".partial")


def backup(parent: Path) -> tuple[Path, dict]:
    """Back up the configured database and MEDIA_ROOT into a new folder under ``parent``;
    returns the folder and its manifest. The folder appears only once it is complete."""
    kind = engine()
    pg_dump = pg_tool("pg_dump") if kind == "postgresql" else ""
    if kind == "sqlite" and not Path(database_name()).is_file():
        raise BackupError(f"no SQLite database at {database_name()}: nothing to back up (make run creates it)")
    folder = new_backup_folder(parent)
    started, clock = datetime.now(UTC), time.monotonic()
    with private_files():
        folder.parent.mkdir(parents=True, exist_ok=True)
        work = partial(folder)
        work.mkdir()
        try:
            database = work / FILES[kind]
            found, renditions = dump_postgresql(database, pg_dump) if kind == "postgresql" else copy_sqlite(database)
            media = archive_media(work / MEDIA, renditions)
            manifest = {
                "format": FORMAT,
                "created": started.isoformat(timespec="seconds"),
                "seconds": round(time.monotonic() - clock, 1),
                "database": {
                    "engine": kind,
                    "name": database_name(),
                    "file": database.name,
                    "bytes": database.stat().st_size,
                },
                "media": {"file": MEDIA, "from": str(settings.MEDIA_ROOT), **media},
                "counts": found,
            }
            (work / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
            work.rename(folder)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
    return folder, manifest


# Restoring


def read_manifest(folder: Path) -> dict:
    """The backup's manifest, once its files are known to be there."""
    path = folder / MANIFEST
    if not folder.is_dir():
        raise BackupError(f"{folder} is not a folder")
    if not path.is_file():
        raise BackupError(f"{folder} holds no {MANIFEST}: not a backup made by bin/backup, or not a finished one")
    try:
        manifest = json.loads(path.read_text())
        kind, media = manifest["database"]["engine"], manifest["media"]["file"]
        files = [folder / FILES[kind], folder / media]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BackupError(f"{path} cannot be read ({error!r}): not a manifest bin/backup wrote") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is of format {manifest.get('format')!r}; this portal reads format {FORMAT}")
    for file in files:
        if not file.is_file():
            raise BackupError(f"{file} is missing: the backup is incomplete")
    return manifest


def check_targets(manifest: dict) -> bool:
    """Refuse, before anything changes, unless the configured database and MEDIA_ROOT are new
    and of the backup's kind; returns whether the (empty) PostgreSQL database exists already."""
    kind, wanted = engine(), manifest["database"]["engine"]
    if kind != wanted:
        raise BackupError(
            f"the backup holds a {wanted} database but the portal is set up for {kind} ({database_name()}): "
            f"set DATABASE_URL to a new {wanted} database"
        )
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.exists() and (not media_root.is_dir() or any(media_root.iterdir())):
        raise BackupError(f"MEDIA_ROOT {media_root} is not empty: set MEDIA_ROOT to a new folder to restore into")
    if kind == "sqlite":
        target = Path(database_name())
        if target.exists() and target.stat().st_size > 0:
            raise BackupError(f"{target} exists: restore into a new file (DATABASE_URL=sqlite:///...)")
        return False
    return _empty_postgresql_database()


def _empty_postgresql_database() -> bool:
    """Whether the configured database exists; refuses one that holds any table."""
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database_name()])
        exists = cursor.fetchone() is not None
    if exists:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT COUNT(*) FROM information_schema.tables "
                "WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"
            )
            tables = cursor.fetchone()[0]
        connection.close()
        if tables:
            raise BackupError(
                f"database {database_name()} is not empty ({tables} tables): set DATABASE_URL to a new database"
            )
    return exists


def load_postgresql(dump: Path, pg_restore: str, exists: bool) -> None:
    """Create the database if it is missing, then pg_restore into it in one transaction
    (a failure leaves it empty), owned by the connecting role."""
    if not exists:
        name = connection.ops.quote_name(database_name())
        try:
            with connection._nodb_cursor() as cursor:
                cursor.execute(f"CREATE DATABASE {name}")
        except DatabaseError as error:
            raise BackupError(
                f"cannot create database {database_name()} ({error}): create it, empty, and run this again"
            ) from error
    options = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
    run([pg_restore, *options, f"--dbname={database_name()}", str(dump)])


def load_sqlite(copy: Path) -> None:
    target = Path(database_name())
    target.parent.mkdir(parents=True, exist_ok=True)
    incoming = target.with_name(target.name + ".restoring")
    shutil.copyfile(copy, incoming)
    incoming.replace(target)


def extract_media(archive: Path) -> int:
    """Unpack the archive into MEDIA_ROOT, refusing any member that would land outside it."""
    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    try:
        with tarfile.open(archive) as tar:
            members = [member for member in tar.getmembers() if member.isfile()]
            tar.extractall(root, members=members, filter="data")
    except tarfile.TarError as error:
        raise BackupError(f"{archive} cannot be unpacked: {error}") from error
    return len(members)


def make_ready(out) -> None:
    """What a restored database needs before the portal serves it: this version's migrations,
    no renditions whose files were left out, an empty cache (production's is a table that
    came back with the backup) and the database's search index built from the restored pages."""
    from django.core.cache import cache
    from django.core.management import call_command
    from wagtail.images import get_image_model

    call_command("migrate", interactive=False, verbosity=0)
    renditions, _ = get_image_model().get_rendition_model().objects.all().delete()
    cache.clear()
    out.write(f"Migrations applied, cache emptied, {renditions} image renditions dropped (made again when shown)\n")
    call_command("search_index", "rebuild", "--database", stdout=out)


def rebuild_elasticsearch(out) -> None:
    """A new Elasticsearch index from the restored pages, behind the configured alias."""
    from django.core.management import call_command
    from elasticsearch import ApiError, TransportError

    try:
        call_command("search_index", "rebuild", stdout=out)
    except (ApiError, TransportError) as error:
        raise BackupError(
            f"the database and media are restored, but Elasticsearch could not be rebuilt ({error}): "
            "run manage.py search_index rebuild once it answers"
        ) from error


def missing_files() -> list[str]:
    """Document and image files the restored database names that MEDIA_ROOT lacks."""
    from django.core.files.storage import default_storage
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    names = [*get_document_model().objects.values_list("file", flat=True)]
    names += get_image_model().objects.values_list("file", flat=True)
    return sorted(name for name in names if not default_storage.exists(name))


def check_restored(manifest: dict) -> dict[str, int]:
    """The restored database's counts; refuses a restore that differs from the manifest."""
    with connection.cursor() as cursor:
        found = counts(cursor)
    if found != manifest["counts"]:
        raise BackupError(f"the restored database holds {found}, the backup's manifest says {manifest['counts']}")
    missing = missing_files()
    if missing:
        shown = ", ".join(missing[:10]) + (" ..." if len(missing) > 10 else "")
        raise BackupError(f"{len(missing)} files the database names are not in the media archive: {shown}")
    return found


def restore(folder: Path, out) -> dict[str, int]:
    """Restore the backup in ``folder`` into the configured (new) database and (new, empty)
    MEDIA_ROOT and make the portal ready to serve it; each step is reported on ``out``."""
    manifest = read_manifest(folder)
    kind = manifest["database"]["engine"]
    pg_restore = pg_tool("pg_restore") if kind == "postgresql" else ""
    exists = check_targets(manifest)
    database = folder / FILES[kind]
    if kind == "postgresql":
        load_postgresql(database, pg_restore, exists)
    else:
        load_sqlite(database)
    out.write(f"Database: {database} restored into {database_name()}\n")
    out.write(f"Media: {extract_media(folder / manifest['media']['file'])} files into {settings.MEDIA_ROOT}\n")
    make_ready(out)
    found = check_restored(manifest)
    out.write(", ".join(f"{count} {name}" for name, count in found.items()) + ": as in the manifest, files too\n")
    if es.enabled():
        rebuild_elasticsearch(out)
    return found
