"""The bundled dataset: valid, fully sourced, and honest about what it does not know."""

from __future__ import annotations

import pytest

from summit import frames as F
from summit.cli import main
from summit.dataset import BUNDLED_DATA, load_dataset
from summit.frames import build_frames


@pytest.fixture(scope="module")
def bundled():
    result = load_dataset(BUNDLED_DATA)
    assert result.problems == [], "\n".join(str(p) for p in result.problems)
    return result


def test_bundled_data_validates_with_zero_problems(bundled):
    assert bundled.dataset is not None
    assert bundled.summary.sourced_share == 1.0


def test_validate_cli_on_bundled_data(capsys):
    assert main(["validate"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("OK: ") and "100% sourced" in last


def test_paris_summit_has_its_delegations(bundled):
    frames = build_frames(bundled.dataset)
    paris = frames.delegations[frames.delegations[F.MEETING] == "paris-2026-01-06"]
    assert len(paris) >= 35
    expected = {"FRA", "GBR", "DEU", "UKR", "USA", "EU", "NATO", "LUX", "JPN", "AUS", "NZL", "TUR"}
    assert expected <= set(paris[F.PARTICIPANT])


def test_unknown_heads_are_not_guessed(bundled):
    """Estonia's representative is not named in any source: the record must say so, not name someone."""
    paris = next(m for m in bundled.dataset.meetings if m.meeting.id == "paris-2026-01-06")
    estonia = next(d for d in paris.delegations if d.participant == "EST")
    assert all(head.name is None for head in estonia.heads)


def test_a_person_is_counted_once_per_meeting(bundled):
    for meeting in bundled.dataset.meetings:
        names = [h.name for d in meeting.delegations for h in d.heads if h.name]
        assert len(names) == len(set(names)), meeting.meeting.id


def test_every_source_is_cited(bundled):
    dataset = bundled.dataset
    cited = set()
    for group in dataset.groups.values():
        cited |= set(group.sources)
    for meeting_file in dataset.meetings:
        meeting = meeting_file.meeting
        records = [meeting, *meeting.documents, *meeting_file.delegations, *meeting_file.pledges]
        steps = [step for pledge in meeting_file.pledges for step in pledge.history]
        for record in [*records, *steps]:  # a step of a pledge's history cites sources of its own
            cited |= set(record.sources)
            cited |= {s for claim in record.disputed_claims for s in claim.sources}
    assert set(dataset.sources) - cited == set()
