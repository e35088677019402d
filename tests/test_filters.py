"""The filter object: URL round trip, applying to frames, and the sentence that describes it."""

from __future__ import annotations

import pytest

from summit import frames as F
from summit.filters import ORGANISATIONS, UNCONDITIONAL, URL_KEYS, Filters

ALL_PLEDGES = {"paris-fra-1", "paris-lux-1", "paris-lux-2", "paris-usa-1", "paris-usa-2", "paris-coalition-1"}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), ALL_PLEDGES),
        (Filters(types=("mnf_land",)), {"paris-fra-1", "paris-lux-1"}),
        (Filters(types=("logistics", "mnf_sea")), {"paris-lux-2", "paris-usa-2"}),
        (Filters(statuses=("ruled_out",)), {"paris-lux-1"}),
        (Filters(conditions=("after_ceasefire",)), {"paris-fra-1", "paris-lux-2", "paris-coalition-1"}),
        (Filters(conditions=("parliamentary_approval",)), {"paris-lux-2"}),
        (Filters(conditions=(UNCONDITIONAL,)), {"paris-lux-1", "paris-usa-1", "paris-usa-2"}),
        (Filters(domains=("sea",)), {"paris-usa-2"}),
        (Filters(domains=("land",)), {"paris-fra-1", "paris-lux-1"}),
        (Filters(confidence=("disputed", "single_source")), {"paris-usa-2", "paris-lux-2"}),
        (Filters(groups=("nato",)), ALL_PLEDGES - {"paris-coalition-1"}),
        (Filters(groups=(ORGANISATIONS,)), {"paris-coalition-1"}),
        (Filters(text="a400m"), {"paris-lux-2"}),
        (Filters(text="LUXEMBOURG"), {"paris-lux-1", "paris-lux-2"}),
        (Filters(groups=("nato",), domains=("land",), conditions=("after_ceasefire",)), {"paris-fra-1"}),
        (Filters(types=("mnf_land",), statuses=("announced",)), set()),
    ],
)
def test_apply_pledges_keeps_only_matching_rows(tiny, tiny_frames, filters, expected):
    shown = filters.apply_pledges(tiny_frames.pledges, filters.meeting_id(tiny))
    assert set(shown[F.PLEDGE]) == expected


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), {"FRA", "LUX", "NOR", "USA"}),
        (Filters(statuses=("ruled_out",)), {"LUX"}),
        (Filters(text="witkoff"), {"USA"}),  # a head of delegation's name
        (Filters(text="luxembourg"), {"LUX"}),
        (Filters(groups=(ORGANISATIONS,)), set()),
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
    ],
)
def test_query_params_round_trip(filters):
    assert Filters.from_query_params(filters.to_query_params()) == filters


def test_defaults_are_left_out_of_the_url():
    assert Filters().to_query_params() == {}
    assert set(Filters(text="x", types=("a",)).to_query_params()) == {URL_KEYS["text"], URL_KEYS["types"]}


def test_url_keys_are_short_and_unique():
    keys = list(URL_KEYS.values())
    assert len(set(keys)) == len(keys) and all(len(k) <= 2 for k in keys)


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
