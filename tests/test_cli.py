"""The command line: every sub-command in summit/cli.py, `validate` kept light and naming files not read
(as warnings before its one-line summary), every format of the formats table a choice of one command."""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from summit.cli import main
from summit.formats import EXPORT_FORMATS, Subject
from tests.conftest import REPO, TINY

# What `export` and `briefing` need and `validate` must not load (it answers in a fraction of a second).
HEAVY = ("pandas", "numpy", "plotly", "openpyxl", "pptx", "reportlab", "kaleido")


def modules_loaded_by(*args: str) -> list[str]:
    """The heavy libraries in sys.modules after `python -m summit ARGS` (run in a fresh interpreter)."""
    script = (
        "import sys\nfrom summit.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, *args], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return ast.literal_eval(result.stdout.splitlines()[-1])


@pytest.mark.parametrize(
    "args",
    [
        ("validate", str(TINY)),
        ("export", "--help"),
        ("briefing", "--help"),
        ("dataset", "--help"),
        ("template", "--help"),
        ("import", "--help"),
    ],
    ids=["validate", "export-help", "briefing-help", "dataset-help", "template-help", "import-help"],
)
def test_validate_and_help_load_no_heavy_library(args):
    assert modules_loaded_by(*args) == []


@pytest.mark.parametrize(
    ("command", "fmt", "accepted"),
    [
        ("export", "csv", True),
        ("export", "xlsx", True),
        ("export", "pdf", False),
        ("briefing", "pptx", True),
        ("briefing", "pdf", True),
        ("briefing", "csv", False),
        ("dataset", "zip", True),
        ("dataset", "xlsx", False),
    ],
)
def test_format_choices_follow_what_each_command_writes(command, fmt, accepted, capsys):
    # --help after a valid --format prints help (exit 0); an invalid choice is a usage error (exit 2).
    with pytest.raises(SystemExit) as stop:
        main([command, "--format", fmt, "--out", "x", "--help"] if accepted else [command, "--format", fmt])
    assert stop.value.code == (0 if accepted else 2)
    if not accepted:
        assert f"invalid choice: '{fmt}'" in capsys.readouterr().err


def test_new_loads_no_heavy_library(tmp_path):
    assert modules_loaded_by("new", str(tmp_path / "dataset")) == []


def test_help_lists_every_sub_command(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for line in (
        "validate            check a dataset folder or one of its files",
        "schema              write the JSON Schema files generated from the model",
        "export              export the filtered view as CSV or Excel",
        "briefing            write the briefing slides as PowerPoint (.pptx) or PDF",
        "dataset             write the whole dataset (YAML and schemas) as zip",
        "new                 write a valid, commented skeleton dataset to a folder",
        "template            write an Excel template to fill in for one meeting",
        "import              add a filled-in template's meeting to a dataset",
    ):
        assert line in out


# The command that writes each subject of the formats table.
COMMAND_OF = {Subject.TABLE: "export", Subject.BRIEFING: "briefing", Subject.DATASET: "dataset"}


@pytest.mark.parametrize("export", EXPORT_FORMATS, ids=lambda f: f.id)
def test_every_row_of_the_formats_table_is_a_format_choice_of_its_command(export, capsys):
    with pytest.raises(SystemExit) as stop:
        main([COMMAND_OF[export.subject], "--format", export.id, "--out", "x", "--help"])
    assert stop.value.code == 0
    assert export.id in capsys.readouterr().out


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
        "OK: 2 meetings, 6 participants, 6 delegations, 11 pledges, 5 sources, 100% sourced; 1 file not read",
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
        f"{meeting}:114:19: pledges[4].disputed_claims[1].sources[0]: unknown source 'manhattan' "
        "(did you mean 'manhattandaily-signed'?)"
    )
    assert out[-1].startswith("FAILED: 1 problem; 2 meetings,")


def test_the_tiny_dataset_validates_without_warnings(capsys):
    assert main(["validate", str(TINY)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "OK: 2 meetings, 6 participants, 6 delegations, 11 pledges, 5 sources, 100% sourced"
    ]
