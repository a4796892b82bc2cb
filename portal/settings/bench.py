"""The benchmark harness (`make bench`): production-like (DEBUG off), on loopback,
with a hello-world view beside the portal's own URLs (bench/urls.py)."""

from .base import *  # noqa: F403
from .base import ELASTICSEARCH, ENV_SECRET_KEY, STORAGES

DEBUG = False
# Loopback only, synthetic data: a fixed key is acceptable here as in dev.
SECRET_KEY = ENV_SECRET_KEY or "bench-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.urls"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# Bulk requests of long attachment text take more than the 5 s a reader's search may
# wait, on a small node shared with other work: the rebuild gets longer.
ELASTICSEARCH = {**ELASTICSEARCH, "TIMEOUT": 60}
# The harness compares the page's time with Elasticsearch's for the same requests.
SEARCH_SERVER_TIMING = True
