from .cities import CityIndexPage, CityPage
from .events import EventIndexPage, EventOutput, EventPage
from .practices import PracticeAttachment, PracticePage
from .registrations import Registration
from .research import ResearchAuthor, ResearchFile, ResearchIndexPage, ResearchPage
from .reviews import PracticeReviewSettings, ReviewReminder
from .snippets import Theme

__all__ = [
    "CityIndexPage",
    "CityPage",
    "EventIndexPage",
    "EventOutput",
    "EventPage",
    "PracticeAttachment",
    "PracticePage",
    "PracticeReviewSettings",
    "Registration",
    "ResearchAuthor",
    "ResearchFile",
    "ResearchIndexPage",
    "ResearchPage",
    "ReviewReminder",
    "Theme",
]
