"""The gap map and browsing by filters, timed in the process against a bench database.

Not part of ``make bench`` yet: run it by hand on a database the harness has filled
(10,000 resources), on whichever backend the environment selects::

    DATABASE_URL=postgres://.../ctpn_bench DJANGO_SETTINGS_MODULE=portal.settings.dev \\
        .venv/bin/python -m bench.gap_map_timing

Each call is timed REPEATS times after one that is not counted; the figures are in
bench/notes.md.
"""

from __future__ import annotations

import statistics
import time

import django

REPEATS = 15


def timed(label: str, call):
    call()
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    print(f"{label}: median {statistics.median(times):.0f} ms, slowest {times[-1]:.0f} ms", flush=True)
    return result


def main() -> None:
    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import AnonymousUser

    from members.choices import Role
    from members.roles import grant_role
    from search import service
    from search.service import SearchFilters

    member, _created = get_user_model().objects.get_or_create(
        username="bench-gap-map", defaults={"email": "bench-gap-map@example.org"}
    )
    grant_role(member, Role.NETWORK_MEMBER)
    narrowed = SearchFilters(phases=("prevent", "protect"), evidence=("practitioner-report",), years=(2019, 2020))
    for name, user in (("anonymous", AnonymousUser()), ("member", member)):
        found = timed(f"gap map, {name}", lambda user=user: service.gap_map(SearchFilters(), user))
        print(f"  {found.backend}: {found.total} resources, {len(found.cities)} cities x {len(found.themes)} themes")
        timed(f"gap map by phase, evidence and years, {name}", lambda user=user: service.gap_map(narrowed, user))
        one_city = SearchFilters(cities=("stockholm",), types=("practice",))
        timed(f"browsing one city's practices, {name}", lambda user=user, f=one_city: service.search("", f, user))


if __name__ == "__main__":
    main()
