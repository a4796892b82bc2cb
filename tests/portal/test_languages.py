"""The interface in English and Swedish: the switcher, the catalogue, and each resource's own language."""

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.conftest import make_practice
from tests.factories import EventPageFactory

PO_FILE = Path(settings.BASE_DIR) / "locale" / "sv" / "LC_MESSAGES" / "django.po"
SETLANG = "/i18n/setlang/"
SWEDISH_HTML = '<html lang="sv">'
ENGLISH_HTML = '<html lang="en">'


def po_entries(path: Path = PO_FILE) -> list[dict]:
    """The entries of a .po file as {"ctx", "id", "plural", "strs", "flags"} (header excluded)."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry = {"ctx": None, "id": None, "plural": None, "strs": [], "flags": ""}
        key = None
        for line in block.strip().splitlines():
            if line.startswith("#,"):
                entry["flags"] += line
                continue
            if line.startswith("#") or not line.strip():
                continue
            match = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (\".*\")$", line)
            if match:
                key, text = match.group(1), ast.literal_eval(match.group(2))
                if key.startswith("msgstr"):
                    entry["strs"].append(text)
                else:
                    entry[{"msgctxt": "ctx", "msgid": "id", "msgid_plural": "plural"}[key]] = text
            elif key.startswith("msgstr"):
                entry["strs"][-1] += ast.literal_eval(line)
            else:
                field = {"msgctxt": "ctx", "msgid": "id", "msgid_plural": "plural"}[key]
                entry[field] += ast.literal_eval(line)
        if entry["id"]:
            entries.append(entry)
    return entries


def choose(client, language, next_url="/"):
    # enforce_csrf_checks: the switcher works without a token (pages stay cacheable, see portal/urls.py)
    client.handler.enforce_csrf_checks = True
    return client.post(SETLANG, {"language": language, "next": next_url})


@pytest.fixture
def event(site_tree):
    return EventPageFactory(parent=site_tree["events"], title="Crowd safety day")


# --- Switching ------------------------------------------------------------------------------------


def test_the_switcher_is_in_the_header_and_marks_the_current_language(client, site_tree):
    html = client.get("/").content.decode()
    assert '<form class="language-switcher" action="/i18n/setlang/" method="post">' in html
    assert 'name="language" value="sv" lang="sv" aria-pressed="false"' in html
    assert 'name="language" value="en" lang="en" aria-pressed="true"' in html
    assert 'name="next" value="/"' in html


def test_english_is_the_default(client, site_tree):
    html = client.get("/").content.decode()
    assert ENGLISH_HTML in html
    assert "Skip to main content" in html


def test_switching_to_swedish_without_javascript_returns_to_the_page(client, site_tree):
    response = choose(client, "sv", "/practices/?theme=x")
    assert response.status_code == 302
    assert response["Location"] == "/practices/?theme=x"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "sv"


@pytest.mark.parametrize(
    ("name", "swedish"),
    [
        ("home", "Hoppa till huvudinnehållet"),
        ("practices", "Filtrera"),
        ("search", "Sök efter"),
        ("event", "När och var"),
        ("sign_in", "För personal i nätverkets medlemsstäder"),
    ],
)
def test_pages_speak_swedish_once_chosen(client, site_tree, event, name, swedish):
    url = {
        "home": "/",
        "practices": reverse("practice_list"),
        "search": reverse("search") + "?q=crowd",
        "event": event.url,
        "sign_in": reverse("account_login"),
    }[name]
    choose(client, "sv")
    html = client.get(url).content.decode()
    assert SWEDISH_HTML in html
    assert swedish in html
    assert "Logga in" in html  # the header too
    assert 'value="sv" lang="sv" aria-pressed="true"' in html


def test_swedish_dates_and_choices_follow(client, site_tree, event):
    choose(client, "sv")
    html = client.get(event.url).content.decode()
    assert "På plats" in html  # the event's format, a translated choice
    assert "Engelska" in html  # the event's language, in the interface language


def test_switching_back_to_english(client, site_tree):
    choose(client, "sv")
    choose(client, "en")
    html = client.get(reverse("practice_list")).content.decode()
    assert ENGLISH_HTML in html
    assert "Apply filters" in html
    assert "Använd filter" not in html


def test_the_browser_language_is_honoured_without_a_cookie(client, site_tree):
    html = client.get(reverse("practice_list"), headers={"accept-language": "sv-SE,sv;q=0.9,en;q=0.5"}).content
    assert SWEDISH_HTML in html.decode()
    assert "Använd filter" in html.decode()


def test_the_cookie_wins_over_the_browser(client, site_tree):
    choose(client, "en")
    html = client.get("/", headers={"accept-language": "sv"}).content.decode()
    assert ENGLISH_HTML in html


# --- Hostile input --------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["xx", "", "sv-XX-<script>", "../../etc/passwd", "s" * 5000, "de"])
def test_an_unknown_language_changes_nothing(client, site_tree, language):
    """Django may still store a code it has a catalogue for ("de"), but the portal only speaks en and sv."""
    response = choose(client, language, "/practices/")
    assert response.status_code == 302
    assert response["Location"] == "/practices/"
    assert ENGLISH_HTML in client.get("/").content.decode()


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/x", "http:\\\\evil.example", "javascript:alert(1)"]
)
def test_an_off_site_next_is_not_followed(client, site_tree, next_url):
    response = choose(client, "sv", next_url)
    assert response.status_code in (200, 204, 302)
    location = response.get("Location", "/")
    assert "evil.example" not in location
    assert not location.startswith(("//", "http", "javascript"))
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "sv"


def test_a_get_to_the_switcher_does_not_fail(client, site_tree):
    response = client.get(SETLANG, {"language": "sv", "next": "https://evil.example/"})
    assert response.status_code < 500
    assert "evil.example" not in response.get("Location", "")


# --- The catalogue --------------------------------------------------------------------------------


def test_every_message_is_translated_and_none_is_fuzzy():
    entries = po_entries()
    assert len(entries) > 300
    untranslated = [e["id"] for e in entries if not all(e["strs"])]
    fuzzy = [e["id"] for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []
    assert "fuzzy" not in PO_FILE.read_text(encoding="utf-8")


def test_the_compiled_catalogue_matches_the_po_file():
    """A .po edited without compilemessages shows here: gettext answers from the .mo."""
    stale = []
    with translation.override("sv"):
        for e in po_entries():
            if e["plural"]:
                got = [translation.ngettext(e["id"], e["plural"], n) for n in (1, 2)]
                if e["ctx"]:
                    got = [translation.npgettext(e["ctx"], e["id"], e["plural"], n) for n in (1, 2)]
            elif e["ctx"]:
                got = [translation.pgettext(e["ctx"], e["id"])]
            else:
                got = [translation.gettext(e["id"])]
            if got != e["strs"]:
                stale.append(e["id"])
    assert stale == []


def test_placeholders_survive_translation():
    for e in po_entries():
        wanted = sorted(re.findall(r"%\(\w+\)[sd]", e["id"]))
        for text in e["strs"]:
            assert sorted(re.findall(r"%\(\w+\)[sd]", text)) == wanted, e["id"]


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext tools are not installed")
def test_makemessages_finds_no_new_message(tmp_path):
    """Every interface string in the code is already in the catalogue."""
    base = Path(settings.BASE_DIR)
    copy = tmp_path / "portal"
    skip = shutil.ignore_patterns(".venv", "var", ".git", "node_modules", "__pycache__", "*.mo", "tests", "static")
    shutil.copytree(base, copy, ignore=skip)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "sv", "--ignore=.venv", "--ignore=var", "--no-obsolete"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    key = lambda e: (e["ctx"], e["id"])  # noqa: E731
    fresh = {key(e) for e in po_entries(copy / "locale" / "sv" / "LC_MESSAGES" / "django.po")}
    assert fresh - {key(e) for e in po_entries()} == set()


# --- Each resource's own language -----------------------------------------------------------------


def test_a_french_resource_is_marked_up_as_french(client, stockholm):
    summary = "Ce que la ville a fait."
    practice = make_practice(stockholm, "Sécurité des foules", "securite", language="fr", summary=summary)
    html = client.get(practice.url).content.decode()
    assert ENGLISH_HTML in html
    assert '<h1 lang="fr">Sécurité des foules</h1>' in html
    assert '<p class="lead" lang="fr">Ce que la ville a fait.</p>' in html
    assert re.search(r"<dt>Language</dt>\s*<dd>French</dd>", html)


def test_the_resource_language_is_named_in_the_interface_language(client, stockholm):
    practice = make_practice(stockholm, "Trygghet i city", "trygghet", language="sv")
    choose(client, "sv")
    html = client.get(practice.url).content.decode()
    assert re.search(r"<dt>Språk</dt>\s*<dd>Svenska</dd>", html)
    assert '<p class="lead" lang="sv">' in html


def test_account_pages_echo_nothing_and_the_switch_returns_by_referer(client, site_tree):
    login = reverse("account_login") + "?next=/practices/"
    html = client.get(login).content.decode()
    assert '<form class="language-switcher"' in html
    assert 'name="next" value="/accounts' not in html
    response = client.post(SETLANG, {"language": "sv"}, headers={"referer": "http://testserver" + login})
    assert response["Location"] == "http://testserver" + login
    assert SWEDISH_HTML in client.get(login).content.decode()
