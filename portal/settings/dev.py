"""Local development: SQLite in var/, console email, DEBUG on."""

from .base import *  # noqa: F403
from .base import ENV_ALLOWED_HOSTS, ENV_SECRET_KEY, STORAGES

DEBUG = True
# A fixed key is acceptable only here: dev data is demo content on a laptop.
SECRET_KEY = ENV_SECRET_KEY or "dev-only-not-secret-ctpn-knowledge-exchange"  # noqa: S105
ALLOWED_HOSTS = ENV_ALLOWED_HOSTS or ["127.0.0.1", "localhost"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
