"""`python -m summit validate`: problems, then files not read as warnings, then a one-line summary."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from summit.cli import main
from tests.conftest import TINY

NOTES = "notes.yaml"


@pytest.fixture
def with_notes(tiny_copy: Path) -> Path:
    """The tiny dataset with a YAML file at the top that is none of the dataset's files."""
    (tiny_copy / NOTES).write_text("todo: check the Paris figures\n", encoding="utf-8")
    return tiny_copy


def test_a_file_not_read_is_a_warning_and_the_summary_stays_last(with_notes: Path, capsys):
    assert main(["validate", str(with_notes)]) == 0  # a warning does not fail validation
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines == [
        f"{with_notes / NOTES}:1:1: warning: not read: not one of the dataset's files (dataset.yaml, sources.yaml, "
        "taxonomy.yaml, organisations.yaml, groups.yaml); a meeting goes in meetings/",
        "OK: 1 meetings, 5 participants, 4 delegations, 6 pledges, 5 sources, 100% sourced; 1 file not read",
    ]


def test_a_file_not_read_is_listed_in_the_json_report(with_notes: Path, capsys):
    assert main(["validate", "--json", str(with_notes)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["problems"] == []
    assert [(w["file"], w["line"], w["column"]) for w in report["warnings"]] == [(str(with_notes / NOTES), 1, 1)]
    assert report["warnings"][0]["message"].startswith("not read: not one of the dataset's files")


def test_a_file_not_read_is_named_when_validated_alone(with_notes: Path, capsys):
    assert main(["validate", str(with_notes / NOTES)]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith(f"{with_notes / NOTES}:1:1: warning: not read")


def test_a_meeting_in_a_subfolder_validated_alone_is_checked_against_its_dataset(tiny_copy: Path, capsys):
    meeting = tiny_copy / "meetings" / "2026" / "2026-01-06-paris.yaml"
    meeting.parent.mkdir()
    shutil.move(tiny_copy / "meetings" / "2026-01-06-paris.yaml", meeting)
    text = meeting.read_text(encoding="utf-8").replace("sources: [manhattandaily-signed]", "sources: [manhattan]")
    meeting.write_text(text, encoding="utf-8")
    assert main(["validate", str(meeting)]) == 1
    out = capsys.readouterr().out.splitlines()
    # An unknown source is a rule across files: found only when the dataset folder above meetings/2026/ is read.
    assert out[0] == (
        f"{meeting}:104:19: pledges[4].disputed_claims[1].sources[0]: unknown source 'manhattan' "
        "(did you mean 'manhattandaily-signed'?)"
    )
    assert out[-1].startswith("FAILED: 1 problem; 1 meetings,")


def test_the_tiny_dataset_validates_without_warnings(capsys):
    assert main(["validate", str(TINY)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "OK: 1 meetings, 5 participants, 4 delegations, 6 pledges, 5 sources, 100% sourced"
    ]
