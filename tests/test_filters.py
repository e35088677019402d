"""The filter object: URL round trip, applying to frames, and the sentence that describes it.

The tests at the top loop over the filter table (summit.filters.FILTERS): a filter added without its
row in EXAMPLES fails them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
from typing import NamedTuple

import pytest

from summit import frames as F
from summit.dataset import Dataset, load_dataset
from summit.filters import (
    DATE,
    FILTERS,
    FLAG,
    MANY,
    ONE,
    ORGANISATIONS,
    TEXT,
    UNCONDITIONAL,
    Filters,
    FilterSpec,
    make_filters_class,
)
from summit.frames import Frames, build_frames
from summit_ui.briefing import SLIDE_PARAM, THEME_PARAM
from summit_ui.tables import PROFILE_PARAM
from tests.conftest import TINY
from tests.dated_filters import DatedFilters

ALL_PLEDGES = {
    "paris-fra-1",
    "paris-lux-1",
    "paris-lux-2",
    "paris-usa-1",
    "paris-usa-2",
    "paris-coalition-1",
    "paris-eu-1",
    "paris-nor-1",
}
ORGANISATION_PLEDGES = {"paris-coalition-1", "paris-eu-1"}  # by the whole coalition, and by the EU
PARIS = "at Paris, 6 Jan 2026"
VIDEO_CALL = "video-2025-12-01"  # tiny/meetings/2025-12-01-video.yaml: FRA alone, one pledge (video-fra-1)


class Example(NamedTuple):
    """One filter set through the URL, on the tiny data plus a second meeting, stated by hand."""

    url: str  # the URL value
    value: object  # the Filters field it gives
    kept: set[str]  # pledges shown (at Paris unless the filter picks the meeting)
    stale: str  # a URL value the filter cannot use (an id the data does not know): dropped
    sentence: str  # describe(count=1, noun="pledges")


EXAMPLES = {
    # The language is a setting: it hides nothing and the sentence does not say it (it is written in it).
    "lang": Example("fr", "fr", ALL_PLEDGES, "xx", f"Showing 1 pledge, {PARIS}."),
    "meeting": Example(
        VIDEO_CALL, VIDEO_CALL, {"video-fra-1"}, "yalta-1945", "Showing 1 pledge, at Video call, 1 Dec 2025."
    ),
    "text": Example(
        "luxembourg",
        "luxembourg",
        {"paris-lux-1", "paris-lux-2"},
        " ",
        f'Showing 1 pledge, matching "luxembourg", {PARIS}.',
    ),
    "groups": Example(
        "nato",
        ("nato",),
        ALL_PLEDGES - ORGANISATION_PLEDGES,
        "warsaw_pact",
        f"Showing 1 pledge, by NATO members, {PARIS}.",
    ),
    "types": Example(
        "mnf_land",
        ("mnf_land",),
        {"paris-fra-1", "paris-lux-1"},
        "teleportation",
        f"Showing 1 pledge, of type Multinational force on land, {PARIS}.",
    ),
    "statuses": Example(
        "ruled_out", ("ruled_out",), {"paris-lux-1"}, "maybe", f"Showing 1 pledge, with status Ruled out, {PARIS}."
    ),
    "conditions": Example(
        "after_ceasefire",
        ("after_ceasefire",),
        {"paris-fra-1", "paris-lux-2", "paris-coalition-1"},
        "after_the_war",
        f"Showing 1 pledge, after a ceasefire, {PARIS}.",
    ),
    "domains": Example("sea", ("sea",), {"paris-usa-2", "paris-nor-1"}, "space", f"Showing 1 pledge, at sea, {PARIS}."),
    "confidence": Example(
        "disputed", ("disputed",), {"paris-usa-2"}, "certain", f"Showing 1 pledge, with confidence disputed, {PARIS}."
    ),
    "lead": Example("1", True, {"paris-usa-1"}, "maybe", f"Showing 1 pledge, with a lead role, {PARIS}."),
    # The time scope widens: the earlier record (November 2025) joins what was made at the meeting.
    "scope": Example(
        "earlier",
        ("earlier",),
        ALL_PLEDGES | {"paris-nor-0"},
        "someday",
        f"Showing 1 pledge, with earlier statements, {PARIS}.",
    ),
    # A scenario hides nothing: it gives each record an outcome (the outcome filter below lists by it).
    "scenario": Example(
        "after_ceasefire:not_met",
        ("after_ceasefire:not_met",),
        ALL_PLEDGES,
        "after_the_war:met",
        f"Showing 1 pledge, {PARIS}, in the scenario “After a ceasefire: not met”.",
    ),
    # With no scenario, the data as recorded: Luxembourg's refusal and Norway's call are not conditional.
    "outcomes": Example(
        "unaffected",
        ("unaffected",),
        {"paris-lux-1", "paris-nor-1"},
        "doomed",
        f"Showing 1 pledge, {PARIS}, with outcome not conditional.",
    ),
    "counted": Example(
        "refusals", "refusals", {"paris-lux-1"}, "everything", f"Showing 1 pledge, counted as refusals, {PARIS}."
    ),
    # The day before Paris: nothing of Paris had been said yet (the video call's records stay).
    "as_of": Example(
        "2026-01-05",
        dt.date(2026, 1, 5),
        set(),
        "soon",
        f"Showing 1 pledge, {PARIS}, as the data stood on 5 January 2026.",
    ),
    # The day changes are listed since hides nothing: the Changes page, a slide and a sheet compare with it.
    "since": Example(
        "2025-12-01",
        dt.date(2025, 12, 1),
        ALL_PLEDGES,
        "last week",
        f"Showing 1 pledge, {PARIS}, changes listed since 1 December 2025.",
    ),
}
SPEC_IDS = [spec.field for spec in FILTERS]


class Data(NamedTuple):
    dataset: Dataset
    frames: Frames


@pytest.fixture(scope="module")
def two_meetings() -> Data:
    """The tiny data: Paris and an earlier, smaller video call (Paris stays the default meeting: more delegations)."""
    result = load_dataset(TINY)
    assert result.dataset is not None, [str(p) for p in result.problems]
    return Data(result.dataset, build_frames(result.dataset))


def test_every_filter_has_an_example():
    assert set(EXAMPLES) == set(SPEC_IDS)


@pytest.mark.parametrize("spec", FILTERS, ids=SPEC_IDS)
def test_every_filter_round_trips_through_the_url(spec: FilterSpec):
    example = EXAMPLES[spec.field]
    filters = Filters.from_query_params({spec.key: example.url})
    assert filters == Filters(**{spec.field: example.value})
    assert filters.to_query_params() == {spec.key: example.url}
    assert not filters.is_default


@pytest.mark.parametrize("spec", FILTERS, ids=SPEC_IDS)
def test_every_filter_narrows_the_rows(spec: FilterSpec, two_meetings: Data):
    assert set(Filters().rows(*two_meetings).pledges[F.PLEDGE]) == ALL_PLEDGES
    rows = Filters(**{spec.field: EXAMPLES[spec.field].value}).rows(*two_meetings)
    assert set(rows.pledges[F.PLEDGE]) == EXAMPLES[spec.field].kept


@pytest.mark.parametrize("spec", FILTERS, ids=SPEC_IDS)
def test_every_filter_drops_a_value_it_cannot_use(spec: FilterSpec, two_meetings: Data):
    example = EXAMPLES[spec.field]
    assert Filters.from_query_params({spec.key: example.stale}, two_meetings.dataset) == Filters()
    # Next to a value it knows, only the stale one goes (lists keep the rest).
    if spec.kind is MANY:
        mixed = Filters.from_query_params({spec.key: f"{example.url},{example.stale}"}, two_meetings.dataset)
        assert mixed == Filters(**{spec.field: example.value})


@pytest.mark.parametrize("spec", FILTERS, ids=SPEC_IDS)
def test_every_filter_is_said_in_the_sentence(spec: FilterSpec, two_meetings: Data):
    filters = Filters(**{spec.field: EXAMPLES[spec.field].value})
    assert filters.describe(two_meetings.dataset, 1, "pledges") == EXAMPLES[spec.field].sentence


def test_url_keys_of_links_already_sent_never_change():
    keys = {spec.field: spec.key for spec in FILTERS}
    sent = {"meeting": "m", "groups": "g", "types": "t", "statuses": "s", "conditions": "c", "domains": "d"}
    assert (
        sent
        | {
            "confidence": "k",
            "text": "q",
            "lead": "lead",
            "scope": "scope",
            "scenario": "sc",
            "outcomes": "so",
            "counted": "n",
            "as_of": "asof",
            "since": "since",
            "lang": "lang",
        }
        == keys
    )


def test_url_keys_are_short_unique_and_free():
    keys = [spec.key for spec in FILTERS]
    assert len(set(keys)) == len(keys)
    assert all(key.isascii() and key.isalpha() and key.islower() and len(key) <= 5 for key in keys)
    assert not set(keys) & {PROFILE_PARAM, SLIDE_PARAM, THEME_PARAM, "embed"}  # the pages' own keys


def test_two_filters_on_one_key_are_refused():
    with pytest.raises(ValueError, match="own field and URL key"):
        make_filters_class((*FILTERS, dataclasses.replace(FILTERS[-1], field="also_lead")))


def test_filters_are_frozen_hashable_and_picklable():
    filters = Filters(types=("mnf_land",), lead=True)
    assert {filters: "cached"}[Filters(types=("mnf_land",), lead=True)] == "cached"
    assert hash(filters) != hash(Filters(types=("mnf_land",)))
    assert pickle.loads(pickle.dumps(filters)) == filters
    with pytest.raises(dataclasses.FrozenInstanceError):
        filters.lead = False  # type: ignore[misc]
    with pytest.raises(TypeError):
        Filters(no_such_filter=("x",))  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("kind", "texts", "value", "url"),
    [
        (ONE, ["paris,london"], "paris", "paris"),
        (ONE, [" "], None, None),
        (MANY, ["a,b", "b", " c "], ("a", "b", "c"), "a,b,c"),
        (MANY, [","], (), None),
        (TEXT, ["  Black Sea, Odesa "], "Black Sea, Odesa", "Black Sea, Odesa"),
        (TEXT, ["x" * 300], "x" * 200, "x" * 200),
        (FLAG, ["1"], True, "1"),
        (FLAG, ["true"], True, "1"),
        (FLAG, ["0"], False, None),
        (FLAG, ["maybe"], False, None),
        (DATE, ["2025-09-30"], dt.date(2025, 9, 30), "2025-09-30"),
        (DATE, ["30/09/2025"], None, None),
        (DATE, ["2025-02-30"], None, None),
    ],
)
def test_kinds_read_and_write_url_values(kind, texts, value, url):
    assert kind.parse(texts) == value
    assert kind.is_set(value) == (url is not None)
    if url is not None:
        assert kind.to_url(value) == url


def test_a_date_filter_is_one_row(two_meetings: Data):
    """tests/dated_filters.py adds an 'until' date row to the table: URL, rows and sentence follow."""
    dated = DatedFilters.from_query_params({"until": "2025-12-31", "s": "considering"}, two_meetings.dataset)
    assert dated == DatedFilters(until=dt.date(2025, 12, 31), statuses=("considering",))
    assert dated.to_query_params() == {"s": "considering", "until": "2025-12-31"}
    assert DatedFilters.from_query_params({"until": "soon"}) == DatedFilters()
    rows = dated.rows(*two_meetings, all_meetings=True)
    assert set(rows.pledges[F.PLEDGE]) == {"video-fra-1"}
    assert list(rows.delegations[F.MEETING]) == [VIDEO_CALL]
    sentence = "Showing 1 pledge, with status Under consideration, meetings until 31 Dec 2025, across all meetings."
    assert dated.describe(two_meetings.dataset, 1, "pledges", all_meetings=True) == sentence
    assert DatedFilters(until=dt.date(2025, 1, 1)).rows(*two_meetings).pledges.empty  # before both meetings


def test_rows_across_all_meetings_match_delegations_meeting_by_meeting(two_meetings: Data):
    rows = Filters(types=("logistics",)).rows(*two_meetings, all_meetings=True)
    assert rows.meeting is None
    assert set(rows.pledges[F.PLEDGE]) == {"paris-lux-2", "paris-eu-1", "video-fra-1"}
    # France pledged logistics at the video call, not in Paris: its Paris delegation is not shown.
    shown = set(zip(rows.delegations[F.MEETING], rows.delegations[F.PARTICIPANT], strict=True))
    assert shown == {("paris-2026-01-06", "LUX"), ("paris-2026-01-06", "EU"), (VIDEO_CALL, "FRA")}
    assert set(rows.pledge_types[F.PLEDGE]) == {"paris-lux-2", "paris-eu-1", "video-fra-1"}


def test_rows_of_one_meeting_leave_the_others_out(two_meetings: Data):
    rows = Filters(meeting=VIDEO_CALL).rows(*two_meetings)
    assert rows.meeting.meeting.id == VIDEO_CALL
    assert list(rows.delegations[F.PARTICIPANT]) == ["FRA"]
    assert Filters().rows(*two_meetings).meeting.meeting.id == "paris-2026-01-06"


def test_lead_roles_keep_only_the_commitments_led(tiny_copy):
    # France's pledge covers a land force and monitoring; here it leads the land force only.
    paris = tiny_copy / "meetings" / "2026-01-06-paris.yaml"
    paris.write_text(
        paris.read_text().replace(
            "conditions: [after_ceasefire]\n    quantities:",
            "conditions: [after_ceasefire]\n    lead_for: [mnf_land]\n    quantities:",
        )
    )
    dataset = load_dataset(tiny_copy).dataset
    rows = Filters(lead=True).rows(dataset, build_frames(dataset))
    assert set(rows.pledges[F.PLEDGE]) == {"paris-fra-1", "paris-usa-1"}
    led = set(zip(rows.pledge_types[F.PLEDGE], rows.pledge_types[F.TYPE], strict=True))
    assert led == {("paris-fra-1", "mnf_land"), ("paris-usa-1", "ceasefire_monitoring")}
    assert set(rows.delegations[F.PARTICIPANT]) == {"FRA", "USA"}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), ALL_PLEDGES),
        (Filters(types=("mnf_land",)), {"paris-fra-1", "paris-lux-1"}),
        (Filters(types=("logistics", "mnf_sea")), {"paris-lux-2", "paris-usa-2", "paris-eu-1", "paris-nor-1"}),
        (Filters(statuses=("ruled_out",)), {"paris-lux-1"}),
        (Filters(conditions=("after_ceasefire",)), {"paris-fra-1", "paris-lux-2", "paris-coalition-1"}),
        (Filters(conditions=("parliamentary_approval",)), {"paris-lux-2"}),
        (
            Filters(conditions=(UNCONDITIONAL,)),
            {"paris-lux-1", "paris-usa-1", "paris-usa-2", "paris-eu-1", "paris-nor-1"},
        ),
        (Filters(domains=("sea",)), {"paris-usa-2", "paris-nor-1"}),
        (Filters(domains=("land",)), {"paris-fra-1", "paris-lux-1"}),
        (Filters(confidence=("disputed", "single_source")), {"paris-usa-2", "paris-lux-2", "paris-nor-1"}),
        (Filters(groups=("nato",)), ALL_PLEDGES - ORGANISATION_PLEDGES),
        (Filters(groups=(ORGANISATIONS,)), ORGANISATION_PLEDGES),
        (Filters(text="a400m"), {"paris-lux-2"}),
        (Filters(text="LUXEMBOURG"), {"paris-lux-1", "paris-lux-2"}),
        (Filters(groups=("nato",), domains=("land",), conditions=("after_ceasefire",)), {"paris-fra-1"}),
        (Filters(types=("mnf_land",), statuses=("announced",)), set()),
        (Filters(lead=True, groups=(ORGANISATIONS,)), set()),
    ],
)
def test_apply_pledges_keeps_only_matching_rows(tiny, tiny_frames, filters, expected):
    shown = filters.apply_pledges(tiny_frames.pledges, filters.meeting_id(tiny))
    assert set(shown[F.PLEDGE]) == expected


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), {"FRA", "LUX", "NOR", "USA", "EU"}),
        (Filters(statuses=("ruled_out",)), {"LUX"}),
        (Filters(text="witkoff"), {"USA"}),  # a head of delegation's name
        (Filters(text="luxembourg"), {"LUX"}),
        (Filters(text="von der leyen"), {"EU"}),
        (Filters(groups=(ORGANISATIONS,)), {"EU"}),  # the EU's delegation; the coalition as a whole has none
        (Filters(lead=True), {"USA"}),
        (Filters(lead=True, text="luxembourg"), set()),  # the lead filter has no name match: a kept pledge is needed
    ],
)
def test_apply_delegations(tiny, tiny_frames, filters, expected):
    meeting = filters.meeting_id(tiny)
    pledges = filters.apply_pledges(tiny_frames.pledges, meeting)
    shown = filters.apply_delegations(tiny_frames.delegations, pledges, meeting)
    assert set(shown[F.PARTICIPANT]) == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, Filters()),
        (
            {"g": "nato", "t": "mnf_land,logistics"},
            Filters(groups=("nato",), types=("mnf_land", "logistics")),
        ),
        ({"t": ["mnf_land", "logistics"]}, Filters(types=("mnf_land", "logistics"))),  # repeated keys
        ({"t": "mnf_land,mnf_land"}, Filters(types=("mnf_land",))),
        (
            {"s": "ruled_out", "k": "confirmed", "d": "sea"},
            Filters(statuses=("ruled_out",), confidence=("confirmed",), domains=("sea",)),
        ),
        ({"q": "  Black Sea "}, Filters(text="Black Sea")),
        ({"m": "paris-2026-01-06"}, Filters(meeting="paris-2026-01-06")),
        ({"c": "none"}, Filters(conditions=(UNCONDITIONAL,))),
        ({"lead": "1", "s": "announced"}, Filters(lead=True, statuses=("announced",))),
        ({"lead": ["0"]}, Filters()),
    ],
)
def test_from_query_params(params, expected):
    assert Filters.from_query_params(params) == expected


def test_unknown_values_are_dropped_against_the_dataset(tiny):
    params = {"t": "mnf_land,teleportation", "g": "warsaw_pact", "m": "yalta-1945", "s": "maybe"}
    assert Filters.from_query_params(params, tiny) == Filters(types=("mnf_land",))


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(meeting="paris-2026-01-06", groups=("nato", ORGANISATIONS), text="sea"),
        Filters(
            types=("mnf_land",),
            statuses=("announced", "signed"),
            conditions=(UNCONDITIONAL,),
            domains=("air",),
        ),
        Filters(confidence=("disputed",)),
        Filters(lead=True, text="monitoring"),
    ],
)
def test_query_params_round_trip(filters):
    assert Filters.from_query_params(filters.to_query_params()) == filters


def test_defaults_are_left_out_of_the_url():
    assert Filters().to_query_params() == {}
    assert set(Filters(text="x", types=("a",)).to_query_params()) == {"q", "t"}


@pytest.mark.parametrize(
    ("filters", "count", "sentence"),
    [
        (Filters(), 6, "Showing 6 pledges, at Paris, 6 Jan 2026."),
        (Filters(), 1, "Showing 1 pledge, at Paris, 6 Jan 2026."),
        (
            Filters(groups=("nato",), domains=("land",), conditions=("after_ceasefire",)),
            1,
            "Showing 1 pledge, by NATO members, on land, after a ceasefire, at Paris, 6 Jan 2026.",
        ),
        (
            Filters(types=("mnf_land", "logistics"), text="sea"),
            0,
            'Showing 0 pledges, of type Multinational force on land or Logistics and basing, matching "sea", '
            "at Paris, 6 Jan 2026.",
        ),
        (
            Filters(confidence=("disputed",)),
            1,
            "Showing 1 pledge, with confidence disputed, at Paris, 6 Jan 2026.",
        ),
        (
            Filters(text="monitoring", lead=True, groups=("nato",)),
            1,
            'Showing 1 pledge, by NATO members, with a lead role, matching "monitoring", at Paris, 6 Jan 2026.',
        ),
    ],
)
def test_describe_states_every_active_filter(tiny, filters, count, sentence):
    assert filters.describe(tiny, count, "pledges") == sentence


def test_default_meeting_is_the_one_with_most_delegations(tiny):
    assert Filters().meeting_id(tiny) == "paris-2026-01-06"


def test_featured_meeting_wins(tiny_copy):
    from summit.dataset import load_dataset

    later = (tiny_copy / "meetings" / "2026-01-06-paris.yaml").read_text().replace("paris-2026-01-06", "later")
    later = later.replace("date: 2026-01-06\n  city", "date: 2026-02-01\n  city").split("delegations:")[0]
    (tiny_copy / "meetings" / "2026-02-01-later.yaml").write_text(later)
    assert load_dataset(tiny_copy).dataset.default_meeting_id() == "paris-2026-01-06"  # more delegations
    with (tiny_copy / "dataset.yaml").open("a") as file:
        file.write("featured_meeting: later\n")
    assert Filters().meeting_id(load_dataset(tiny_copy).dataset) == "later"


def test_rows_select_the_meeting_pledges_types_and_delegations(tiny, tiny_frames):
    rows = Filters(types=("mnf_land",)).rows(tiny, tiny_frames)
    assert rows.meeting.meeting.id == "paris-2026-01-06"
    assert set(rows.pledges[F.PLEDGE]) == {"paris-fra-1", "paris-lux-1"}
    assert set(rows.pledge_types[F.TYPE]) == {"mnf_land"}  # France's monitoring row is not shown
    assert set(rows.delegations[F.PARTICIPANT]) == {"FRA", "LUX"}
