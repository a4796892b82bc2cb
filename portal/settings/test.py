"""Test settings: fast hashing, in-memory email and cache, plain static files."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import ELASTICSEARCH, STORAGES

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="ctpn-test-media-"))
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="ctpn-test-static-"))


def _remove_temporary_folders(owner: int = os.getpid()) -> None:
    if os.getpid() == owner:  # not in a forked child, such as a server's worker
        shutil.rmtree(MEDIA_ROOT, ignore_errors=True)
        shutil.rmtree(STATIC_ROOT, ignore_errors=True)


atexit.register(_remove_temporary_folders)
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING = {"version": 1, "disable_existing_loggers": False}

# Tests search the database unless a test asks for Elasticsearch (the
# ``elasticsearch`` fixture), which then uses the server at ELASTICSEARCH_URL
# with an index of its own.
TEST_ELASTICSEARCH_URL = ELASTICSEARCH["URL"]
ELASTICSEARCH = {**ELASTICSEARCH, "URL": "", "INDEX": f"ctpn-test-{os.getpid()}"}
