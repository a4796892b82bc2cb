"""Hostile input drill: generated input (hypothesis) to every public form, URL parameter
and upload. Whatever arrives, the portal answers below 500 (a 4xx says what was wrong,
a 429 is the rate limit at work) and nothing typed comes back as markup.

Every payload carries MARK, so what the check looks for is the visitor's markup, never
the page's own: no element, event-handler attribute, ``javascript:`` link or script
text holding MARK in an HTML answer, no tag of a payload at all in JSON or XML, and
plain-text formats (calendars, CSV) only with "nosniff". Response times are recorded as
a figure, not asserted (speed is the benchmarks' business).
"""

from __future__ import annotations

import datetime
import re
import time
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from home.site_structure import ensure_site_structure
from members import invitations
from members.choices import Role
from resources.permissions import city_collection
from tests.conftest import make_city, make_practice
from tests.factories import EventPageFactory, ResearchPageFactory, make_document
from tests.search.helpers import kept_for_module

BACKENDS = [pytest.param("database"), pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)]

pytestmark = pytest.mark.django_db

MARK = "hx7q"  # in every payload; found unescaped in an answer, it is the visitor's markup
DRILL = settings(
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

# What a hostile visitor types: markup, query and SQL syntax, awkward Unicode, numbers.
MARKUP = [
    f"<script>{MARK}(1)</script>",
    f"<ScRiPt src=//x/{MARK}.js></sCrIpT>",
    f'"><script>{MARK}()</script>',
    f"'><img src=x onerror={MARK}(1)>",
    f'" onmouseover="{MARK}(1)" x="',
    f"' autofocus onfocus='{MARK}()' x='",
    f"javascript:{MARK}(1)",
    f"JaVaScRiPt:/*-/*`/*\\`/*'/*\"/**/({MARK}())//",
    f"</title></textarea></style><svg/onload={MARK}()>",
    f"<iframe srcdoc='<script>{MARK}()</script>'>",
    f"<a href=javascript:{MARK}()>x</a>",
    f"<{MARK} x=1>",
    f"{{{{{MARK}}}}} {{% {MARK} %}} ${{{MARK}}}",
    f"&lt;script&gt;{MARK}&lt;/script&gt;",
    f"%3Cscript%3E{MARK}%3C/script%3E",
]
SYNTAX = [
    "' OR '1'='1' --",
    "'; DROP TABLE wagtailcore_page; --",
    '" OR ""="',
    "1) UNION SELECT password FROM auth_user --",
    "title:* OR _id:1",
    "(((",
    ")))",
    "AND OR NOT",
    "ice~2 fire* +-| data^10",
    "/.*/",
    '{"query": {"match_all": {}}}',
    "\\",
    "%",
    "_",
    "*",
    "?*",
    "${jndi:ldap://127.0.0.1/a}",
    "../../../../etc/passwd",
    "%s%s%n",
    "stockholm",
    "victim-support",
    "prevent",
    "sv",
    "2021",
    "date",
    "relevance",
]
UNICODE = [
    "\x00",
    "a\x00b",
    "\ud800",
    "\udfff x",
    "\u202eerif\u202c",
    "\u200f\u200e\u200b",
    "e\u0301\u0301\u0301\u0301",
    "Z̷̡̛a̵l̴g̶o̸",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "🔥🧯",
    "\ufeff",
    "\uffff",
    "İı ß ﬃ",
    "١٢٣",
    "Lägesbild på plats",
    "\r\nSet-Cookie: x=y",
    "\t\x0b\x0c",
]
NUMBERS = [
    "-1",
    "0",
    "1",
    "2",
    "1e9",
    "1.5",
    "0x10",
    "NaN",
    "inf",
    "-0",
    " 3 ",
    "+4",
    str(2**31),
    str(2**63),
    str(-(2**63) - 1),
    "9" * 400,
    "-" + "9" * 40,
]


def _long(pieces):
    return st.builds(lambda piece, times: piece * times, st.sampled_from(pieces), st.integers(50, 5_000))


atoms = st.one_of(st.sampled_from(MARKUP), st.sampled_from(SYNTAX), st.sampled_from(UNICODE), st.sampled_from(NUMBERS))
hostile_text = st.one_of(
    atoms,
    st.lists(atoms, min_size=2, max_size=4).map(" ".join),
    st.text(max_size=40),
    _long(["x", "a ", "ice ", "<", "%", "\u0301", "🔥", f"<b>{MARK}</b>"]),
)
hostile_number = st.one_of(st.sampled_from(NUMBERS), st.integers().map(str), atoms)
# Path segments for int and slug converters: ids far beyond any column's range too.
hostile_id = st.one_of(st.integers(min_value=0, max_value=10**30), st.sampled_from(["0", "9" * 60]))


def params_of(names: list[str], values=hostile_text, max_size: int = 6):
    """Query parameters, each name possibly repeated, some names the visitor made up."""
    name = st.one_of(st.sampled_from(names), st.sampled_from(names).map(lambda n: f"{n}[]"), atoms)
    return st.lists(st.tuples(name, values), max_size=max_size)


def query_string(pairs) -> str:
    """URL-encoded as a browser would, and lone surrogates too (as %ED%A0%80)."""
    encode = lambda value: quote(str(value), safe="", errors="surrogatepass")  # noqa: E731
    return "&".join(f"{encode(name)}={encode(value)}" for name, value in pairs)


def form_body(data: dict) -> bytes:
    return query_string(data.items()).encode()


def no_surrogates(value: str) -> str:
    return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


# ---------------------------------------------------------------------------
# The check every answer passes, and what the run adds up.


class Tally:
    def __init__(self):
        self.cases = 0
        self.requests = 0
        self.statuses: dict[int, int] = {}
        self.times: list[float] = []
        self.by_surface: dict[str, int] = {}

    def p95_ms(self) -> float:
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000 if ordered else 0.0


TALLY = Tally()


class MarkupFinder(HTMLParser):
    """The visitor's markup in an HTML answer: elements, handlers, links or script code holding MARK.
    (MARK inside a JSON data block is data, as long as it did not break out into an element.)"""

    URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcdoc", "data", "xlink:href"}
    DATA_SCRIPTS = {"application/json", "application/ld+json"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_code = False

    def handle_starttag(self, tag, attrs):
        if MARK in tag:
            self.found.append(f"element <{tag}>")
        for name, value in attrs:
            value = value or ""
            if MARK in name:
                self.found.append(f"attribute {name} on <{tag}>")
            elif name.startswith("on") and MARK in value:
                self.found.append(f"handler {name}={value[:60]!r} on <{tag}>")
            elif name in self.URL_ATTRIBUTES and MARK in value and self.runs(name, value):
                self.found.append(f"{name}={value[:60]!r} on <{tag}>")
        script_type = (dict(attrs).get("type") or "").lower()
        self.in_code = tag == "style" or (tag == "script" and script_type not in self.DATA_SCRIPTS)

    @staticmethod
    def runs(name: str, value: str) -> bool:
        return name == "srcdoc" or bool(re.match(r"\s*(javascript|data|vbscript):", value, re.IGNORECASE))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.in_code = False

    def handle_endtag(self, tag):
        self.in_code = False

    def handle_data(self, data):
        if self.in_code and MARK in data:
            self.found.append(f"script text {data[:60]!r}")


PLAIN_TEXT_TYPES = ("text/calendar", "text/csv", "text/plain")
PAYLOAD_TAG = re.compile(rf"<(?:script|img|svg|iframe|a|b|{MARK})[\s/>][^<]{{0,40}}", re.IGNORECASE)


def unescaped_markup(response) -> list[str]:
    content_type = response.get("Content-Type", "")
    body = response.content.decode("utf-8", "replace")
    if MARK not in body:
        return []
    if content_type.startswith("text/html"):
        finder = MarkupFinder()
        finder.feed(body)
        finder.close()
        return finder.found
    if content_type.startswith(PLAIN_TEXT_TYPES):
        # Calendars, CSV and text are plain text by their formats (a calendar app shows "&lt;" as
        # such): what keeps a browser from reading them as a page is "nosniff".
        return [] if response.get("X-Content-Type-Options") == "nosniff" else ["plain text without nosniff"]
    # JSON and XML hold none of the payloads' tags (a client that sniffs them would run them).
    return PAYLOAD_TAG.findall(body)


@pytest.mark.parametrize(
    ("content_type", "body", "found"),
    [
        ("text/html", f"<p>&lt;script&gt;{MARK}&lt;/script&gt; &quot; onmouseover=&quot;{MARK}</p>", False),
        ("text/html", f'<input value="&quot;&gt;&lt;img onerror={MARK}&gt;">', False),
        ("text/html", f'<script type="application/ld+json">{{"name": "\\u003Cb\\u003E{MARK}"}}</script>', False),
        ("text/html", f"<p><script>{MARK}(1)</script></p>", True),
        ("text/html", f'<input value=""><img src=x onerror="{MARK}(1)">', True),
        ("text/html", f'<a href=" javascript:{MARK}()">x</a>', True),
        ("text/html", f"<{MARK} x=1>", True),
        ("application/json", f'{{"message": "\\u003Cscript\\u003E{MARK}"}}', False),
        ("application/json", f'{{"message": "<script>{MARK}"}}', True),
        ("application/rss+xml", f"<rss><title>&lt;script&gt;{MARK}</title></rss>", False),
        ("application/atom+xml", f"<feed><title><svg onload={MARK}()></title></feed>", True),
    ],
)
def test_the_check_finds_markup_and_only_markup(content_type, body, found):
    """The check itself: escaped text passes, a live element, handler or link does not."""
    response = HttpResponse(body, content_type=content_type)
    assert bool(unescaped_markup(response)) is found


def assert_survived(response, surface: str, started: float) -> None:
    """What every answer to hostile input must be; counted for the drill's figures."""
    TALLY.times.append(time.perf_counter() - started)
    TALLY.requests += 1
    TALLY.statuses[response.status_code] = TALLY.statuses.get(response.status_code, 0) + 1
    assert response.status_code < 500, (surface, response.status_code, response.content[:300])
    assert not unescaped_markup(response), (surface, unescaped_markup(response))
    location = response.get("Location", "")
    assert not re.match(r"\s*(javascript|data):", location, re.IGNORECASE), location
    assert "\n" not in location and "\r" not in location


def assert_get_survives(client, surface: str, path: str, pairs=(), **headers):
    """GET with hostile input; asserts what every answer must be (assert_survived)."""
    TALLY.by_surface[surface] = TALLY.by_surface.get(surface, 0) + 1
    started = time.perf_counter()
    response = client.get(f"{path}?{query_string(pairs)}" if pairs else path, headers=headers)
    assert_survived(response, surface, started)
    return response


def assert_post_survives(client, surface: str, path: str, data: dict):
    """POST a hostile form; asserts what every answer must be (assert_survived)."""
    TALLY.by_surface[surface] = TALLY.by_surface.get(surface, 0) + 1
    started = time.perf_counter()
    response = client.post(path, form_body(data), content_type="application/x-www-form-urlencoded")
    assert_survived(response, surface, started)
    return response


def case() -> None:
    TALLY.cases += 1


# ---------------------------------------------------------------------------
# Content for the whole module: words of the payloads are in it, so searches match and highlight.


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    with kept_for_module(django_db_blocker):
        _home, cities, research, events = ensure_site_structure()
        stockholm = make_city(cities, "Stockholm", "stockholm")
        summary = "Script alert drill: img onerror and javascript links, ice & fire, <b>bold</b> 100% effort."
        make_practice(stockholm, "Script alert drill", "script-alert", summary=summary)
        make_practice(stockholm, "Ice and fire drill", "ice-fire", summary="Data from the fire drill: it's cold.")
        ResearchPageFactory(parent=research, title="Alert fatigue in control rooms")
        EventPageFactory(parent=events, title="Script writing workshop", host_city=stockholm)
        EventPageFactory(
            parent=events,
            title="Past onerror seminar",
            start=datetime.datetime(2021, 3, 1, 9, tzinfo=datetime.UTC),
            end=datetime.datetime(2021, 3, 1, 17, tzinfo=datetime.UTC),
        )
        make_document("Alert plan", "alert-plan.txt", b"Script alert plan")
        yield {"stockholm": stockholm}


@pytest.fixture
def stockholm(corpus):
    """The corpus' Stockholm, for the editor fixtures."""
    return corpus["stockholm"]


# ---------------------------------------------------------------------------
# Search and autocomplete, on both backends.

SEARCH_PARAMS = ["q", "page", "city", "type", "theme", "year", "lang", "phase", "evidence", "sort", "after", "per_page"]


@pytest.mark.parametrize("search_backend", BACKENDS, indirect=True)
@settings(DRILL, max_examples=150)
@given(pairs=params_of(SEARCH_PARAMS, st.one_of(hostile_text, hostile_number)), q=hostile_text)
def test_search_page(client, backend, pairs, q):
    case()
    assert_get_survives(client, f"search ({backend.name})", "/search/", [("q", q), *pairs])


@pytest.mark.parametrize("search_backend", BACKENDS, indirect=True)
@settings(DRILL, max_examples=60)
@given(q=hostile_text, extra=params_of(["q", "limit", "type"], max_size=3))
def test_search_suggest(client, backend, q, extra):
    case()
    assert_get_survives(client, f"suggest ({backend.name})", "/search/suggest/", [("q", q), *extra])


# ---------------------------------------------------------------------------
# Listings and the calendar grid, anonymous and as a network member.

LISTINGS = ["/practices/", "/research/", "/events/", "/cities/", "/cities/stockholm/", "/events/calendar/", "/"]
LISTING_PARAMS = ["city", "theme", "type", "year", "lang", "when", "page", "month"]


@settings(DRILL, max_examples=150)
@given(
    path=st.sampled_from(LISTINGS),
    pairs=params_of(LISTING_PARAMS, st.one_of(hostile_text, hostile_number)),
    signed_in=st.booleans(),
)
def test_listing_filters(client, corpus, member, path, pairs, signed_in):
    case()
    client.logout()
    if signed_in:
        client.force_login(member)
    assert_get_survives(client, "listings", path, pairs)


@settings(DRILL, max_examples=40)
@given(pairs=params_of(["theme", "page"], st.one_of(hostile_text, hostile_number)))
def test_expert_directory_filters(member_client, corpus, pairs):
    case()
    assert_get_survives(member_client, "expert directory", "/experts/", pairs)


# ---------------------------------------------------------------------------
# The public API.

API_PARAMS = [
    "search",
    "search_operator",
    "type",
    "fields",
    "order",
    "limit",
    "offset",
    "child_of",
    "descendant_of",
    "ancestor_of",
    "translation_of",
    "locale",
    "site",
    "id",
    "slug",
    "title",
    "language",
    "phase",
    "show_in_menus",
    "html_path",
]
API_VALUES = st.one_of(
    hostile_text,
    hostile_number,
    st.sampled_from(
        [
            "*",
            "_,title",
            "-title",
            "title,-id,body",
            "random",
            "resources.PracticePage",
            "resources.PracticePage,resources.EventPage",
            "wagtailcore.Page",
            "auth.User",
            "home.HomePage",
            "and",
            "or",
            "true",
            "localhost",
            "/",
            "/cities/stockholm/",
        ]
    ),
)
API_ENDPOINTS = ["/api/v2/pages/", "/api/v2/documents/", "/api/v2/images/", "/api/v2/pages/find/"]


@settings(DRILL, max_examples=200)
@given(
    endpoint=st.sampled_from(API_ENDPOINTS),
    pairs=params_of(API_PARAMS, API_VALUES),
    accept=st.sampled_from(["application/json", "application/json", "text/html", "*/*"]),
)
def test_api_parameters(client, corpus, endpoint, pairs, accept):
    case()
    response = assert_get_survives(client, "api", endpoint, pairs, accept=accept)
    if accept == "application/json" and 400 <= response.status_code < 500 and response.status_code != 404:
        assert response.json().get("message"), response.content[:200]


def test_the_api_repeats_no_markup_in_its_errors(client, corpus):
    """Wagtail's 400 names the unknown parameters; they come back as JSON escapes, not markup."""
    response = client.get(f"/api/v2/pages/?{quote(f'<script>{MARK}</script>')}=1")
    assert response.status_code == 400
    assert b"<script>" not in response.content
    assert b"\\u003Cscript\\u003E" in response.content
    assert f"<script>{MARK}</script>" in response.json()["message"]


@settings(DRILL, max_examples=40)
@given(
    endpoint=st.sampled_from(["pages", "documents", "images"]), item=hostile_id, pairs=params_of(["fields"], API_VALUES)
)
def test_api_detail_ids(client, corpus, endpoint, item, pairs):
    case()
    assert_get_survives(client, "api", f"/api/v2/{endpoint}/{item}/", pairs)


# ---------------------------------------------------------------------------
# Feeds, calendars, documents and other addresses that take an id or a slug.

slug = st.one_of(
    st.sampled_from(["stockholm", "victim-support", "x"]), st.from_regex(r"[-a-zA-Z0-9_]{1,300}", fullmatch=True)
)
token = st.one_of(
    hostile_text.map(lambda t: quote(t, safe="", errors="surrogatepass")),
    st.from_regex(r"[A-Za-z0-9_-]{0,80}", fullmatch=True),
)
FEED_PATHS = st.one_of(
    st.sampled_from(["/feeds/latest.rss", "/feeds/latest.atom", "/events/feed.ics", "/sitemap.xml", "/robots.txt"]),
    st.builds("/feeds/{}/{}.{}".format, st.sampled_from(["city", "theme"]), slug, st.sampled_from(["rss", "atom"])),
    st.builds("/events/{}.ics".format, hostile_id),
    st.builds("/events/feed/{}.ics".format, token),
)


@settings(DRILL, max_examples=100)
@given(
    path=FEED_PATHS, pairs=params_of(["page", "limit", "format", "type", "p"], st.one_of(hostile_text, hostile_number))
)
def test_feed_parameters(client, corpus, path, pairs):
    case()
    assert_get_survives(client, "feeds", path, pairs)


ID_PATHS = st.one_of(
    st.builds("/documents/{}/".format, hostile_id),
    st.builds("/documents/{}/{}".format, hostile_id, token),
    st.builds("/experts/{}/".format, hostile_id),
    st.builds("/events/{}/register/".format, hostile_id),
    st.builds("/events/{}/registrations/".format, hostile_id),
    st.builds("/events/{}/registrations.csv".format, hostile_id),
    st.builds("/cities/{}/".format, token),
    st.builds("/{}/".format, token),
)


@settings(DRILL, max_examples=80)
@given(path=ID_PATHS, signed_in=st.booleans())
def test_ids_and_slugs_in_addresses(client, corpus, member, path, signed_in):
    case()
    client.logout()
    if signed_in:
        client.force_login(member)
    assert_get_survives(client, "addresses", path)


# ---------------------------------------------------------------------------
# Sign-in, password reset and signup by invitation (allauth, members/).

email = st.one_of(
    st.emails().map(str),
    hostile_text,
    st.sampled_from(["member@example.org", f"a@{MARK}.org<script>", "a@b", "@", "x" * 300 + "@example.org"]),
)


@settings(DRILL, max_examples=60)
@given(
    login=email,
    password=hostile_text,
    remember=hostile_text,
    next_url=st.one_of(
        hostile_text, st.sampled_from(["//evil.example/", "https://evil.example/", f"javascript:{MARK}()", "/search/"])
    ),
)
def test_sign_in_form(client, member, login, password, remember, next_url):
    case()
    cache.clear()  # each attempt reaches the form rather than the rate limit
    assert_get_survives(client, "sign-in", "/accounts/login/", [("next", next_url)])
    assert_post_survives(
        client,
        "sign-in",
        f"/accounts/login/?{query_string([('next', next_url)])}",
        {"login": login, "password": password, "remember": remember, "next": next_url},
    )


@settings(DRILL, max_examples=50)
@given(address=email, key=token, password=hostile_text)
def test_password_reset_forms(client, member, address, key, password):
    case()
    cache.clear()
    assert_post_survives(client, "password reset", "/accounts/password/reset/", {"email": address})
    assert_get_survives(client, "password reset", f"/accounts/password/reset/key/{key}/")
    assert_post_survives(
        client,
        "password reset",
        f"/accounts/password/reset/key/1-{key}/",
        {"password1": password, "password2": password},
    )


@pytest.fixture
def invited(client, secretariat):
    """A visitor who opened a valid invitation link: the signup form is theirs to fill."""
    _, link_token = invitations.invite(email="invited@example.org", role=Role.NETWORK_MEMBER, invited_by=secretariat)
    return link_token


@settings(DRILL, max_examples=50)
@given(
    key=hostile_text,
    form=st.fixed_dictionaries(
        {"email": email, "password1": hostile_text, "password2": hostile_text, "username": hostile_text}
    ),
)
def test_invitation_and_signup_forms(client, invited, key, form):
    case()
    cache.clear()
    assert_get_survives(client, "invitation", "/invitation/", [("key", key)])
    client.get(f"/invitation/?key={invited}")
    assert_post_survives(client, "invitation", "/invitation/", {"next": key})
    assert_post_survives(client, "signup", "/accounts/signup/", form)


# ---------------------------------------------------------------------------
# What signed-in people post: the expert profile, the interface language, event registration.

profile_form = st.fixed_dictionaries(
    {
        "account-first_name": hostile_text,
        "account-last_name": hostile_text,
        "profile-display_name": hostile_text,
        "profile-affiliation": hostile_text,
        "profile-bio": hostile_text,
        "profile-orcid": st.one_of(hostile_text, st.sampled_from(["0000-0002-1825-0097", "https://orcid.org/x"])),
        "profile-visibility": st.one_of(hostile_text, st.sampled_from(["public", "members"])),
        "profile-themes": st.one_of(hostile_number, st.sampled_from(["1", "2"])),
    }
)


@settings(DRILL, max_examples=60)
@given(form=profile_form, language=hostile_text, next_url=hostile_text)
def test_profile_and_language_forms(client, expert, corpus, form, language, next_url):
    case()
    client.force_login(expert)
    assert_post_survives(client, "profile", "/accounts/profile/", form)
    assert_get_survives(client, "profile", "/accounts/profile/")
    assert_post_survives(client, "language", "/i18n/setlang/", {"language": language, "next": next_url})


@settings(DRILL, max_examples=30)
@given(item=hostile_id, action=st.sampled_from(["register", "cancel"]), extra=params_of(["next", "page"]))
def test_event_registration_posts(member_client, corpus, item, action, extra):
    case()
    assert_post_survives(member_client, "event registration", f"/events/{item}/{action}/", dict(extra))


# ---------------------------------------------------------------------------
# Uploads by an editor through the Wagtail admin.

# (A name of only dots never leaves a browser: Django's test client refuses to build one.)
filename = st.builds(
    "{}.{}".format,
    st.one_of(
        st.sampled_from(["report", "a" * 300, f"<script>{MARK}</script>", "..", ".htaccess", "x\x00y"]),
        st.text(max_size=30),
    ),
    st.sampled_from(["pdf", "docx", "txt", "csv", "xlsx", "odt", "PDF", "html", "svg", "gif", "png", "pdf.php", ""]),
).filter(lambda name: name.strip(".") != "")
file_content = st.one_of(
    st.sampled_from(
        [
            b"",
            b"%PDF-1.4\n%%EOF\n",
            f"<html><script>{MARK}()</script></html>".encode(),
            f'<svg xmlns="http://www.w3.org/2000/svg" onload="{MARK}()"/>'.encode(),
            b"PK\x03\x04 not really a zip",
            b"\x89PNG\r\n\x1a\n" + b"\x00" * 20,
            b"GIF89a/*<script>" + MARK.encode() + b"</script>*/",
        ]
    ),
    st.binary(max_size=300),
)


@pytest.fixture
def editor_client(client, stockholm_editor):
    client.force_login(stockholm_editor)
    return client


@settings(DRILL, max_examples=60)
@given(
    name=filename, content=file_content, title=hostile_text, kind=st.sampled_from(["documents", "documents", "images"])
)
def test_uploads_by_an_editor(editor_client, stockholm, name, content, title, kind):
    case()
    TALLY.by_surface["uploads"] = TALLY.by_surface.get("uploads", 0) + 1
    data = {
        "title": no_surrogates(title)[:500],
        "file": SimpleUploadedFile(no_surrogates(name), content),
        "collection": city_collection(stockholm).pk,
    }
    started = time.perf_counter()
    response = editor_client.post(f"/admin/{kind}/add/", data)
    assert_survived(response, "uploads", started)


# ---------------------------------------------------------------------------
# Network insights: the gap map and its downloads, comparing practices, saved searches, and the
# secretariat's reports.

GAP_MAP_PATHS = ["/insights/gap-map/", "/insights/gap-map.csv", "/insights/gap-map.svg"]
GAP_MAP_PARAMS = ["type", "phase", "evidence", "year_from", "year_to"]


@pytest.mark.parametrize("search_backend", BACKENDS, indirect=True)
@settings(DRILL, max_examples=60)
@given(path=st.sampled_from(GAP_MAP_PATHS), pairs=params_of(GAP_MAP_PARAMS, st.one_of(hostile_text, hostile_number)))
def test_gap_map_filters(client, backend, member, path, pairs):
    case()
    client.force_login(member)
    assert_get_survives(client, "gap map", path, pairs)


@settings(DRILL, max_examples=80)
@given(
    pairs=params_of(["theme", "practice", "practice", "practice"], st.one_of(hostile_text, hostile_number, hostile_id)),
    signed_in=st.booleans(),
)
def test_compare_choices(client, corpus, member, pairs, signed_in):
    case()
    client.logout()
    if signed_in:
        client.force_login(member)
    assert_get_survives(client, "compare", "/practices/compare/", pairs)


saved_search_form = st.fixed_dictionaries(
    {
        "search": st.one_of(hostile_text, params_of(SEARCH_PARAMS).map(query_string)),
        "name": hostile_text,
        "frequency": st.one_of(hostile_text, st.sampled_from(["immediate", "weekly", "off"])),
    }
)


@settings(DRILL, max_examples=60)
@given(form=saved_search_form, item=hostile_id)
def test_saved_search_forms(member_client, corpus, form, item):
    case()
    assert_post_survives(member_client, "saved searches", "/accounts/saved-searches/save/", form)
    assert_post_survives(member_client, "saved searches", f"/accounts/saved-searches/{item}/", form)
    assert_get_survives(member_client, "saved searches", "/accounts/saved-searches/")
    assert_get_survives(member_client, "saved searches", f"/accounts/saved-searches/unsubscribe/{quote(form['name'])}/")


REPORTS = ["/admin/search-analytics/", "/admin/search-analytics/csv/", "/admin/hosting-report/"]


@settings(DRILL, max_examples=60)
@given(
    path=st.one_of(st.sampled_from(REPORTS), hostile_id.map(lambda pk: f"/admin/hosting-report/{pk}/csv/")),
    pairs=params_of(["days", "start", "end", "audience"], st.one_of(hostile_text, hostile_number)),
)
def test_secretariat_reports(secretariat_client, corpus, path, pairs):
    case()
    assert_get_survives(secretariat_client, "reports", path, pairs)


# ---------------------------------------------------------------------------


def test_record_the_drill(drill):
    """Runs last: the figures of the whole module."""
    server_errors = sum(count for status, count in TALLY.statuses.items() if status >= 500)
    drill.figure("cases tried", TALLY.cases)
    drill.figure("requests sent", TALLY.requests)
    drill.figure("5xx responses", server_errors)
    drill.figure("p95 response", f"{TALLY.p95_ms():.0f} ms")
    drill.figure("slowest response", f"{max(TALLY.times, default=0) * 1000:.0f} ms")
    drill.figure("statuses", ", ".join(f"{status}: {n}" for status, n in sorted(TALLY.statuses.items())))
    drill.figure("requests by surface", ", ".join(f"{name}: {n}" for name, n in sorted(TALLY.by_surface.items())))
    print(f"hostile input: {TALLY.cases} cases, {TALLY.requests} requests, p95 {TALLY.p95_ms():.0f} ms")
    assert server_errors == 0
