"""The command line: every sub-command in summit/cli.py, `validate` kept light, formats from the formats table."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from summit.cli import main
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
    [("validate", str(TINY)), ("export", "--help"), ("briefing", "--help")],
    ids=["validate", "export-help", "briefing-help"],
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
    ],
)
def test_format_choices_follow_what_each_command_writes(command, fmt, accepted, capsys):
    # --help after a valid --format prints help (exit 0); an invalid choice is a usage error (exit 2).
    with pytest.raises(SystemExit) as stop:
        main([command, "--format", fmt, "--out", "x", "--help"] if accepted else [command, "--format", fmt])
    assert stop.value.code == (0 if accepted else 2)
    if not accepted:
        assert f"invalid choice: '{fmt}'" in capsys.readouterr().err


def test_help_lists_every_sub_command(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for line in (
        "validate            check a dataset folder or one of its files",
        "schema              write the JSON Schema files generated from the model",
        "export              export the filtered view as CSV or Excel",
        "briefing            write the briefing slides as PowerPoint (.pptx) or PDF",
    ):
        assert line in out
