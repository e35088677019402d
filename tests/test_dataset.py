"""Finding the files of a dataset folder: meetings in subfolders are read, every other file is named, never
skipped in silence, and the fingerprint notices edits anywhere the loader reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from summit.dataset import data_files, fingerprint, list_folder, load_dataset

# A second meeting, filed by year as people do: meetings/2025/2025-12-01-london.yaml.
LONDON = """\
meeting:
  id: london-2025-12-01
  name: Leaders' call from London
  short_name: London, 1 Dec 2025
  date: 2025-12-01
  format: virtual
  level: leaders
  summary: Leaders spoke by video.
  sources: [elysee-summit]
  confidence: confirmed
delegations:
  - participant: LUX
    heads:
      - name: Luc Frieden
        level: head_of_government
    attendance: video
    sources: [lequotidien-lux]
    confidence: confirmed
pledges:
  - id: london-lux-1
    participant: LUX
    types: [logistics]
    status: considering
    description: Airlift, to be confirmed.
    sources: [lequotidien-lux]
    confidence: single_source
"""
IN_SUBFOLDER = "meetings/2025/2025-12-01-london.yaml"


@pytest.fixture
def filed_by_year(tiny_copy: Path) -> Path:
    """The tiny dataset with a second meeting in a subfolder of meetings/."""
    path = tiny_copy / IN_SUBFOLDER
    path.parent.mkdir()
    path.write_text(LONDON, encoding="utf-8")
    return tiny_copy


def test_a_meeting_in_a_subfolder_is_loaded_and_counted(filed_by_year: Path):
    result = load_dataset(filed_by_year)
    assert result.problems == [] and result.warnings == []
    assert result.dataset is not None
    ids = [m.meeting.id for m in result.dataset.meetings]
    assert ids == ["london-2025-12-01", "video-2025-12-01", "paris-2026-01-06"]
    assert result.summary.meetings == 3
    assert result.summary.pledges == 12  # ten in Paris, one at the video call, one in London
    assert filed_by_year / IN_SUBFOLDER in data_files(filed_by_year)


def test_editing_a_meeting_in_a_subfolder_changes_the_fingerprint(filed_by_year: Path):
    before = fingerprint(filed_by_year)
    path = filed_by_year / IN_SUBFOLDER
    path.write_text(LONDON.replace("Airlift, to be confirmed.", "Airlift."), encoding="utf-8")
    assert fingerprint(filed_by_year) != before


def test_a_rule_across_files_names_the_other_file_by_its_path(filed_by_year: Path):
    (filed_by_year / IN_SUBFOLDER).write_text(LONDON.replace("id: london-lux-1", "id: paris-lux-1"), encoding="utf-8")
    paris = filed_by_year / "meetings" / "2026-01-06-paris.yaml"
    # Files are read in path order, meetings/2025/... first, so the Paris pledge is the second use.
    messages = [p.message for p in load_dataset(filed_by_year).problems if p.file == paris]
    assert messages == ["pledges[1].id: pledge id 'paris-lux-1' is used twice (also in 2025/2025-12-01-london.yaml)"]


SKIPPED = [
    ("notes.yaml", "not read: not one of the dataset's files (dataset.yaml, sources.yaml, taxonomy.yaml, "
     "organisations.yaml, groups.yaml); a meeting goes in meetings/"),
    ("organization.yml", "not read: not one of the dataset's files (did you mean organisations.yaml?)"),
    ("drafts/2026-03-01-rome.yaml", "not read: meeting files go in meetings/ (or a folder inside it)"),
    # An upper-case suffix is YAML all the same (a Windows editor's "Save as"): named, not taken for documentation.
    ("Notes.YAML", "not read: not one of the dataset's files (dataset.yaml, sources.yaml, taxonomy.yaml, "
     "organisations.yaml, groups.yaml); a meeting goes in meetings/"),
    ("drafts/2026-03-01-rome.YML", "not read: meeting files go in meetings/ (or a folder inside it)"),
    ("meetings/2026-01-06-paris.yaml.bak", "not read: a meeting file's name ends in .yaml or .yml"),
    ("meetings/2025/minutes.txt", "not read: a meeting file's name ends in .yaml or .yml"),
]  # fmt: skip


def test_every_file_that_is_not_read_is_a_warning_and_the_data_still_loads(tiny_copy: Path):
    for name, _why in SKIPPED:
        (tiny_copy / name).parent.mkdir(parents=True, exist_ok=True)
        (tiny_copy / name).write_text("a: 1\n", encoding="utf-8")
    result = load_dataset(tiny_copy)
    assert result.dataset is not None and result.problems == []
    assert [(p.file, p.line, p.column, p.message) for p in result.warnings] == [
        (tiny_copy / name, 1, 1, why) for name, why in sorted(SKIPPED)
    ]
    assert result.summary.meetings == 2


def test_hidden_files_and_documentation_are_left_alone(tiny_copy: Path):
    for name in (".git/config.yaml", ".notes.yaml", "meetings/.2026-01-06-paris.yaml.swp", "README.md"):
        (tiny_copy / name).parent.mkdir(parents=True, exist_ok=True)
        (tiny_copy / name).write_text("a: 1\n", encoding="utf-8")
    assert list_folder(tiny_copy).skipped == []
    assert load_dataset(tiny_copy).warnings == []


def test_a_file_that_is_not_read_changes_the_fingerprint_when_it_appears(tiny_copy: Path):
    before = fingerprint(tiny_copy)
    (tiny_copy / "notes.yaml").write_text("a: 1\n", encoding="utf-8")
    assert fingerprint(tiny_copy) != before


def test_a_missing_top_level_file_is_a_problem(tiny_copy: Path):
    (tiny_copy / "sources.yaml").unlink()
    result = load_dataset(tiny_copy)
    assert result.dataset is None
    assert [(p.file, p.message) for p in result.problems] == [
        (tiny_copy / "sources.yaml", "missing file: a dataset folder needs sources.yaml")
    ]


def test_a_folder_without_meetings_is_a_problem(tiny_copy: Path):
    for meeting in (tiny_copy / "meetings").iterdir():
        meeting.unlink()
    result = load_dataset(tiny_copy)
    assert result.dataset is None
    assert [(p.file, p.message) for p in result.problems] == [
        (tiny_copy / "meetings", "no meeting files: add meetings/<id>.yaml")
    ]
