"""Honest domain filters (summit.filters.DOMAIN_RULE): records whose domain the sources do not give are set
apart from a view filtered by domain, never dropped silently and never counted."""

from __future__ import annotations

from pathlib import Path

import pytest

from summit import frames as F
from summit.dataset import Dataset, load_dataset
from summit.exports import build_view
from summit.filters import Filters, no_domain_note, no_domain_records
from summit.frames import Frames, build_frames

UNSPECIFIED_TYPE = """  - id: mnf_any
    label: Multinational force, domain not given
    short_label: "Force: any"
    description: Offers to the force that do not say land or sea.
    category: force
    colour: "#DDDDDD"
    domain_unspecified: true
"""
PLEDGES = """  - id: paris-fra-9
    participant: FRA
    types: [mnf_any]
    status: considering
    description: Ready to take part after a ceasefire.
    sources: [elysee-summit]
    confidence: confirmed
  - id: paris-lux-9
    participant: LUX
    types: [mnf_any]
    domains: [sea]
    status: considering
    description: A ship, if asked.
    sources: [lequotidien-lux]
    confidence: confirmed
"""


@pytest.fixture
def with_unspecified(tiny_copy: Path) -> tuple[Dataset, Frames]:
    taxonomy = tiny_copy / "taxonomy.yaml"
    taxonomy.write_text(
        taxonomy.read_text(encoding="utf-8").replace("conditions:\n", UNSPECIFIED_TYPE + "conditions:\n", 1),
        encoding="utf-8",
    )
    paris = tiny_copy / "meetings" / "2026-01-06-paris.yaml"
    paris.write_text(paris.read_text(encoding="utf-8").replace("pledges:\n", "pledges:\n" + PLEDGES, 1), "utf-8")
    result = load_dataset(tiny_copy)
    assert result.dataset is not None, [str(p) for p in result.problems]
    return result.dataset, build_frames(result.dataset)


def _set_apart(data: tuple[Dataset, Frames], **params: str) -> tuple[list[str], list[str], Filters]:
    dataset, frames = data
    filters = Filters.from_query_params(params, dataset)
    shown = filters.rows(dataset, frames).pledges
    return list(shown[F.PLEDGE]), list(no_domain_records(filters, dataset, frames, shown)[F.PLEDGE]), filters


@pytest.mark.parametrize("params", [{"d": "land"}, {"t": "mnf_land"}, {"d": "sea"}, {"t": "mnf_sea"}])
def test_a_domain_filter_sets_apart_the_record_that_names_no_domain(with_unspecified, params):
    shown, apart, _ = _set_apart(with_unspecified, **params)
    assert apart == ["paris-fra-9"]
    assert "paris-fra-9" not in shown


def test_a_record_of_the_open_type_that_names_its_domain_is_shown_not_set_apart(with_unspecified):
    shown, apart, _ = _set_apart(with_unspecified, d="sea")
    assert "paris-lux-9" in shown and "paris-lux-9" not in apart
    shown, apart, _ = _set_apart(with_unspecified, d="land")
    assert "paris-lux-9" not in shown + apart  # it said sea


def test_the_other_filters_still_apply_to_what_is_set_apart(with_unspecified):
    assert _set_apart(with_unspecified, d="land", q="Luxembourg")[1] == []
    assert _set_apart(with_unspecified, d="land", s="considering")[1] == ["paris-fra-9"]


def test_nothing_is_set_apart_without_a_domain_filter_or_with_a_type_that_has_none(with_unspecified):
    assert _set_apart(with_unspecified)[1] == []
    assert _set_apart(with_unspecified, t="logistics")[1] == []
    assert _set_apart(with_unspecified, t="mnf_any")[1] == []  # chosen itself: shown


def test_the_note_gives_the_number_and_the_category_and_the_export_says_it_too(with_unspecified):
    dataset, frames = with_unspecified
    _, apart, filters = _set_apart(with_unspecified, d="land")
    rows = frames.pledges[frames.pledges[F.PLEDGE].isin(apart)]
    note = no_domain_note(filters, dataset, rows)
    assert note.startswith("Set apart: 1 record under “Multinational force” names no domain")
    assert note in build_view(dataset, frames, filters, "pledges").description
