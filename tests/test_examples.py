"""Every dataset under examples/: valid with zero problems, fully sourced, every source cited, and
written in its own words (the second dataset is a recovery conference, not an alliance summit)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summit.briefing.slides import build_briefing
from summit.cli import main
from summit.dataset import LoadResult, load_dataset
from summit.filters import Filters
from summit.frames import build_frames

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DATASETS = sorted(path.parent for path in EXAMPLES.glob("*/dataset.yaml"))
URC = EXAMPLES / "urc-2025-rome"
# Words of the bundled Coalition of the Willing data that must not leak into another dataset's pages.
BORROWED = re.compile(r"coalition of the willing|ceasefire|backstop|coalition meetings", re.IGNORECASE)


@pytest.fixture(scope="module", params=DATASETS, ids=[path.name for path in DATASETS])
def example(request: pytest.FixtureRequest) -> LoadResult:
    result = load_dataset(request.param)
    assert result.problems == [], "\n".join(str(p) for p in result.problems)
    return result


def test_there_is_at_least_one_example():
    assert URC in DATASETS


def test_example_validates_with_zero_problems_and_is_fully_sourced(example):
    assert example.dataset is not None
    assert example.summary.sourced_share == 1.0
    assert example.warnings == [], "\n".join(str(w) for w in example.warnings)  # every file in it is read


@pytest.mark.parametrize("path", DATASETS, ids=[path.name for path in DATASETS])
def test_validate_cli_on_example(path, capsys):
    assert main(["validate", str(path)]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("OK: ") and "100% sourced" in last


def test_every_source_of_an_example_is_cited(example):
    dataset = example.dataset
    cited = set()
    for group in dataset.groups.values():
        cited |= set(group.sources)
    for meeting_file in dataset.meetings:
        meeting = meeting_file.meeting
        for record in [meeting, *meeting.documents, *meeting_file.delegations, *meeting_file.pledges]:
            cited |= set(record.sources)
            cited |= {s for claim in record.disputed_claims for s in claim.sources}
    assert set(dataset.sources) - cited == set()


def test_a_person_is_counted_once_per_meeting_in_an_example(example):
    for meeting in example.dataset.meetings:
        names = [h.name for d in meeting.delegations for h in d.heads if h.name]
        assert len(names) == len(set(names)), meeting.meeting.id


def test_urc_dataset_has_its_conference_and_its_own_names():
    dataset = load_dataset(URC).dataset
    assert dataset is not None
    rome = next(m for m in dataset.meetings if m.meeting.id == dataset.default_meeting_id())
    assert rome.meeting.id == "rome-2025-07-10"
    assert (str(rome.meeting.date), str(rome.meeting.end_date)) == ("2025-07-10", "2025-07-11")
    assert {"ITA", "UKR", "EU", "DEU", "POL", "NLD"} <= {d.participant for d in rome.delegations}
    assert dataset.meeting_series == "Ukraine Recovery Conferences"
    assert {"grants", "loans", "guarantees", "energy", "housing"} <= set(dataset.commitment_types)
    assert not any(t.domain or t.domain_unspecified for t in dataset.commitment_types.values())


def test_urc_data_and_briefing_use_none_of_the_first_datasets_words():
    text = "\n".join(path.read_text(encoding="utf-8") for path in URC.rglob("*.yaml"))
    assert BORROWED.findall(text) == []
    dataset = load_dataset(URC).dataset
    slides = build_briefing(dataset, build_frames(dataset), Filters(meeting=dataset.default_meeting_id()))
    for slide in slides:
        words = [slide.title, slide.subtitle, *slide.bullets, slide.notes, slide.footer]
        if slide.table is not None:
            words.append(slide.table.to_string())
        assert BORROWED.findall("\n".join(words)) == [], slide.key
