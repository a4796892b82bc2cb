"""The home page: the current host city, latest research, and the member-city map."""

import datetime
import itertools
import re

import pytest
from django.utils import timezone

from home.city_map import WIDTH, city_map, project
from home.models import HostingPeriod
from tests.conftest import make_city, restrict_to_members
from tests.factories import ResearchPageFactory

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def map_links(html: str) -> list[str]:
    """The city names linked on the map (the aria-label's part before the comma)."""
    svg = re.search(r'<svg class="city-map__svg".*?</svg>', html, re.S)
    if svg is None:
        return []
    return sorted(label.split(",")[0] for label in re.findall(r'<a [^>]*aria-label="([^"]+)"', svg.group(0)))


@pytest.fixture
def mapped_cities(site_tree, stockholm, barcelona):
    """Two public cities with coordinates, a members-only one, and one without coordinates."""
    for city, lat, lon in ((stockholm, "59.32932", "18.06858"), (barcelona, "41.38879", "2.15899")):
        city.latitude, city.longitude = lat, lon
        city.save_revision().publish()
    hidden = make_city(site_tree["cities"], "Hidden city", "hidden-city", latitude="52.37", longitude="4.89")
    restrict_to_members(hidden)
    make_city(site_tree["cities"], "Nowhere", "nowhere", country="NL")
    return site_tree


class TestProjection:
    def test_north_is_up_and_east_is_right(self):
        stockholm, barcelona = project(59.33, 18.07), project(41.39, 2.16)
        assert stockholm[0] > barcelona[0]
        assert stockholm[1] < barcelona[1]

    def test_places_outside_europe_are_not_drawn(self):
        assert project(40.71, -74.0) is None
        assert project(-33.9, 18.4) is None

    def test_labels_of_neighbouring_cities_do_not_overlap(self, site_tree):
        rotterdam = make_city(site_tree["cities"], "Rotterdam", "rotterdam", latitude="51.92", longitude="4.48")
        antwerp = make_city(site_tree["cities"], "Antwerp", "antwerp", latitude="51.22", longitude="4.40")
        london = make_city(site_tree["cities"], "London", "london", latitude="51.51", longitude="-0.13")
        helsinki = make_city(site_tree["cities"], "Helsinki", "helsinki", latitude="60.17", longitude="24.94")
        points = city_map([rotterdam, antwerp, london, helsinki]).points
        boxes = [point.label_box() for point in points]
        for a, b in itertools.combinations(boxes, 2):
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
        assert all(box[0] >= 0 and box[2] <= WIDTH for box in boxes)


class TestMap:
    def test_anonymous_sees_public_cities_with_coordinates_on_the_map(self, client, mapped_cities):
        html = client.get("/").content.decode()
        assert map_links(html) == ["Barcelona", "Stockholm"]
        assert 'aria-label="Stockholm, Sweden"' in html
        assert "Nowhere" in html, "a city without coordinates is still in the list"
        assert "Hidden city" not in html

    def test_outsider_sees_what_the_public_sees(self, client, outsider, mapped_cities):
        client.force_login(outsider)
        html = client.get("/").content.decode()
        assert map_links(html) == ["Barcelona", "Stockholm"]
        assert "Hidden city" not in html

    def test_member_sees_members_only_cities_on_the_map(self, member_client, mapped_cities):
        html = member_client.get("/").content.decode()
        assert map_links(html) == ["Barcelona", "Hidden city", "Stockholm"]

    def test_each_city_on_the_map_links_to_its_page(self, client, mapped_cities, stockholm):
        html = client.get("/").content.decode()
        assert re.search(rf'<a class="city-map__city" href="{stockholm.url}" aria-label="Stockholm, Sweden">', html)
        assert 'role="group" aria-labelledby="city-map-title"' in html

    def test_no_map_when_no_city_has_coordinates(self, client, stockholm):
        html = client.get("/").content.decode()
        assert "city-map__svg" not in html
        assert "Stockholm" in html


class TestHostCity:
    def test_current_host_and_its_term_are_shown(self, client, stockholm, barcelona):
        HostingPeriod.objects.create(city=stockholm, start=datetime.date(2021, 1, 1), end=datetime.date(2022, 12, 31))
        HostingPeriod.objects.create(city=barcelona, start=TODAY - 30 * DAY, end=TODAY + 300 * DAY)
        response = client.get("/")
        assert response.context["hosting"].city == barcelona
        html = response.content.decode()
        host = re.search(r'<p class="host-city">(.*?)</p>', html, re.S).group(1)
        assert "Barcelona" in host
        assert f"{(TODAY - 30 * DAY):%-d %B %Y}" in host
        assert f"{(TODAY + 300 * DAY):%-d %B %Y}" in host
        assert "Stockholm" not in host

    def test_open_ended_term_reads_since(self, client, stockholm):
        HostingPeriod.objects.create(city=stockholm, start=TODAY)
        html = client.get("/").content.decode()
        assert "hosting the network since" in html
        assert "(current host city)" in html or "city-map__svg" not in html

    def test_no_host_between_terms(self, client, stockholm, barcelona):
        HostingPeriod.objects.create(city=stockholm, start=TODAY - 400 * DAY, end=TODAY - DAY)
        HostingPeriod.objects.create(city=barcelona, start=TODAY + DAY)
        response = client.get("/")
        assert response.context["hosting"] is None
        assert 'class="host-city"' not in response.content.decode()

    def test_members_only_host_city_is_not_named_to_the_public(self, client, member, site_tree):
        hidden = make_city(site_tree["cities"], "Hidden city", "hidden-city")
        restrict_to_members(hidden)
        HostingPeriod.objects.create(city=hidden, start=TODAY - DAY)
        assert client.get("/").context["hosting"] is None
        client.force_login(member)
        assert client.get("/").context["hosting"].city == hidden

    def test_host_city_is_marked_on_the_map(self, client, stockholm):
        stockholm.latitude, stockholm.longitude = "59.33", "18.07"
        stockholm.save()
        HostingPeriod.objects.create(city=stockholm, start=TODAY - DAY)
        html = client.get("/").content.decode()
        assert 'aria-label="Stockholm, Sweden (current host city)"' in html


class TestLatestResearch:
    def test_latest_research_beside_practices_without_members_only_items(self, client, member, site_tree):
        ResearchPageFactory(parent=site_tree["research"], title="Open research")
        restrict_to_members(ResearchPageFactory(parent=site_tree["research"], title="Closed research"))
        response = client.get("/")
        assert [p.title for p in response.context["latest_research"]] == ["Open research"]
        html = response.content.decode()
        assert "Latest research" in html
        assert "Closed research" not in html
        client.force_login(member)
        titles = [p.title for p in client.get("/").context["latest_research"]]
        assert titles == ["Closed research", "Open research"]
