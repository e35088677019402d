"""The app's pages in menu order: one table that app.py builds its navigation from and that the tests and the
benchmark loop over, so a new page is one row here plus its script in app_pages/."""

from dataclasses import dataclass
from enum import StrEnum

from summit.i18n import N_


class PageKind(StrEnum):
    VIEW = "view"  # the shared filters' view, with the sentence that states them
    ONE_PARTICIPANT = "one participant"  # one participant, named by ?participant=
    SLIDES = "slides"  # the briefing slides, paged by ?slide=


@dataclass(frozen=True)
class PageSpec:
    name: str  # the script's file stem in app_pages/
    title: str  # in English, marked for translation: app.py shows it with _()
    icon: str
    url_path: str  # "" for the default page, served at /
    kind: PageKind = PageKind.VIEW
    has_map: bool = False

    @property
    def script(self) -> str:
        return f"app_pages/{self.name}.py"

    @property
    def path(self) -> str:
        return "/" + self.url_path


PAGES = (
    PageSpec("overview", N_("Overview"), ":material/dashboard:", "", has_map=True),
    PageSpec("map", N_("Map"), ":material/public:", "map", has_map=True),
    PageSpec("participants", N_("Participants"), ":material/groups:", "participants"),
    PageSpec("pledges", N_("Pledges"), ":material/handshake:", "pledges"),
    PageSpec("matrix", N_("Who does what"), ":material/grid_on:", "matrix"),
    PageSpec("profile", N_("Participant profile"), ":material/person:", "profile", PageKind.ONE_PARTICIPANT),
    PageSpec("scenarios", N_("Scenarios"), ":material/alt_route:", "scenarios"),
    PageSpec("timeline", N_("Timeline"), ":material/timeline:", "timeline"),
    PageSpec("changes", N_("Changes"), ":material/difference:", "changes", has_map=True),
    PageSpec("sources", N_("Sources & method"), ":material/menu_book:", "sources"),
    PageSpec("briefing", N_("Briefing"), ":material/co_present:", "briefing", PageKind.SLIDES),
)
BY_NAME = {page.name: page for page in PAGES}
DEFAULT_PAGE = PAGES[0]


def pages_of(kind: PageKind) -> list[PageSpec]:
    """The pages of one kind, in menu order."""
    return [page for page in PAGES if page.kind == kind]
