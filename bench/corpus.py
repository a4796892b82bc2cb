"""A deterministic synthetic corpus: the same N resources for the same seed, every run.

Words come from a fixed list drawn with a Zipf-like frequency, so some terms
are in almost every resource and others in a handful; a few marker words make
known queries (rare term, common term, phrase, typo) meaningful at any N.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from itertools import accumulate

SEED = 6
LANGUAGES = ("en", "sv", "fr", "es", "nl", "de", "ca")
# (slug, title, country, latitude, longitude): 24 member cities.
CITIES = [
    ("stockholm", "Stockholm", "SE", 59.32932, 18.06858),
    ("barcelona", "Barcelona", "ES", 41.38506, 2.17340),
    ("manchester", "Manchester", "GB", 53.48076, -2.24263),
    ("london", "London", "GB", 51.50735, -0.12776),
    ("paris", "Paris", "FR", 48.85661, 2.35222),
    ("rotterdam", "Rotterdam", "NL", 51.92442, 4.47773),
    ("amsterdam", "Amsterdam", "NL", 52.36757, 4.90414),
    ("berlin", "Berlin", "DE", 52.52001, 13.40495),
    ("munich", "Munich", "DE", 48.13513, 11.58198),
    ("lyon", "Lyon", "FR", 45.76404, 4.83566),
    ("madrid", "Madrid", "ES", 40.41678, -3.70379),
    ("valencia", "Valencia", "ES", 39.46991, -0.37629),
    ("gothenburg", "Gothenburg", "SE", 57.70887, 11.97456),
    ("malmo", "Malmo", "SE", 55.60498, 13.00382),
    ("antwerp", "Antwerp", "BE", 51.21945, 4.40246),
    ("brussels", "Brussels", "BE", 50.85034, 4.35171),
    ("copenhagen", "Copenhagen", "DK", 55.67610, 12.56834),
    ("oslo", "Oslo", "NO", 59.91387, 10.75225),
    ("helsinki", "Helsinki", "FI", 60.16986, 24.93838),
    ("vienna", "Vienna", "AT", 48.20817, 16.37382),
    ("dublin", "Dublin", "IE", 53.34981, -6.26031),
    ("lisbon", "Lisbon", "PT", 38.72225, -9.13934),
    ("milan", "Milan", "IT", 45.46421, 9.19000),
    ("warsaw", "Warsaw", "PL", 52.22968, 21.01223),
]
# Frequent words first: rank r is drawn with weight 1 / r.
WORDS = (  # noqa: SIM905 - a paragraph of words reads better than a list of strings
    "city the of and preparedness security plan exercise response public risk training partners police "
    "community resilience venue crowded places protection emergency agencies recovery communication staff "
    "prevention network threat assessment local municipal schools hospital transport station shopping centre "
    "volunteers coordination incident command evaluation lessons learned practice research method survey "
    "interviews workshop awareness campaign radicalisation youth social workers mental health support victims "
    "families media rumours misinformation cyber infrastructure bridges barriers bollards hostile vehicle "
    "mitigation evacuation shelter lockdown alarm drills tabletop simulation scenario debrief report guidance "
    "standards funding budget procurement contract regional national european cooperation exchange peer review "
    "data sharing privacy consent ethics trust neighbourhood mosque church synagogue festival stadium concert "
    "marathon parade market square airport port railway metro tram bus taxi hotel university library museum "
    "theatre cinema nightlife bars restaurants retail owners managers guards stewards cameras lighting signage "
    "wayfinding accessibility disability elderly children tourists language interpreters translation culture "
    "dialogue mediation reconciliation memorial anniversary commemoration solidarity recovery fund insurance "
    "compensation legal framework legislation ordinance regulation inspection audit compliance certification"
).split()
RARE_TERM = "quillwort"  # in about one resource in 500
COMMON_TERM = "preparedness"  # in nearly every resource
PHRASE = ("hostile", "vehicle", "mitigation")
TYPO = "prepardness"
ATTACHMENT_SHARE = 0.1
MEMBERS_SHARE, GROUP_SHARE = 0.3, 0.1


@dataclass
class Resource:
    """One synthetic practice, research or event."""

    number: int
    kind: str  # practice, research, event
    title: str
    slug: str
    summary: str
    body: str
    language: str
    themes: list[str]
    city: str
    cities: list[str] = field(default_factory=list)  # research only: the cities it concerns
    audience: str = "public"  # public, members, group
    date: datetime.date = datetime.date(2020, 1, 1)
    attachment: str = ""


class Words:
    """A seeded word source with a Zipf-like frequency."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.cumulative = list(accumulate(1 / rank for rank in range(1, len(WORDS) + 1)))

    def some(self, count: int) -> list[str]:
        return self.rng.choices(WORDS, cum_weights=self.cumulative, k=count)

    def sentence(self, length: int = 14) -> str:
        words = self.some(self.rng.randint(length // 2, length))
        return " ".join(words).capitalize() + "."

    def paragraphs(self, words: int) -> list[str]:
        """About ``words`` words, in paragraphs of five to ten sentences."""
        paragraphs, count = [], 0
        while count < words:
            sentences = [self.sentence() for _ in range(self.rng.randint(5, 10))]
            paragraphs.append(" ".join(sentences))
            count += sum(len(s.split()) for s in sentences)
        return paragraphs


def _kind(rng: random.Random) -> str:
    return rng.choices(("practice", "research", "event"), weights=(5, 3, 2))[0]


def _audience(rng: random.Random) -> str:
    roll = rng.random()
    return "members" if roll < MEMBERS_SHARE else "group" if roll < MEMBERS_SHARE + GROUP_SHARE else "public"


def _body(words: Words, rng: random.Random, number: int) -> str:
    paragraphs = words.paragraphs(rng.randint(300, 3000))
    if number % 500 == 7:
        paragraphs[0] += f" {RARE_TERM.capitalize()} appears here."
    if number % 20 == 3:
        paragraphs[-1] += " Measures for " + " ".join(PHRASE) + " were tested."
    # The common term everywhere: the engines must rank, not merely find.
    paragraphs[0] = f"{COMMON_TERM.capitalize()}. " + paragraphs[0]
    return "\n\n".join(paragraphs)


def resource(number: int, rng: random.Random, words: Words, themes: list[str]) -> Resource:
    kind = _kind(rng)
    title = " ".join(words.some(rng.randint(3, 8))).capitalize()
    return Resource(
        number=number,
        kind=kind,
        title=f"{title} {number}",
        slug=f"{kind}-{number}",
        summary=" ".join(words.sentence() for _ in range(rng.randint(1, 3))),
        body=_body(words, rng, number),
        language=rng.choices(LANGUAGES, weights=(6, 2, 2, 2, 1, 1, 1))[0],
        themes=rng.sample(themes, rng.randint(1, min(3, len(themes)))),
        city=rng.choice(CITIES)[0],
        cities=[c[0] for c in rng.sample(CITIES, rng.randint(1, 3))] if kind == "research" else [],
        audience=_audience(rng),
        date=datetime.date(2018, 1, 1) + datetime.timedelta(days=rng.randint(0, 365 * 9)),
        attachment="\n\n".join(words.paragraphs(rng.randint(3000, 20000))) if rng.random() < ATTACHMENT_SHARE else "",
    )


def corpus(size: int, themes: list[str], seed: int = SEED):
    """``size`` resources, the same ones for the same size, themes and seed (a generator)."""
    rng = random.Random(seed)  # noqa: S311 - synthetic text, not secrets
    words = Words(rng)
    for number in range(size):
        yield resource(number, rng, words, sorted(themes))
