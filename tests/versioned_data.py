"""The tiny data copied to a folder and edited, alone or in a throwaway git repository: the fixtures of the
comparison tests (tests/test_changes.py) and of the Changes page's git mode (tests/browser)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.conftest import TINY

PARIS = "meetings/2026-01-06-paris.yaml"
# The one edit the versioned copy commits: Luxembourg's refusal becomes a refusal unless conditions are met.
EDITED_RECORD = "paris-lux-1"
EDIT_SUBJECT = "Luxembourg now refuses only while the war lasts"


def tiny_copy(folder: Path) -> Path:
    copy = folder / "data"
    shutil.copytree(TINY, copy)
    return copy


def edit(folder: Path, old: str, new: str, relative: str = PARIS) -> None:
    """Replace one unique piece of a data file."""
    path = folder / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(folder), "-c", "user.name=Tests", "-c", "user.email=tests@example.org", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def versioned_copy(folder: Path) -> Path:
    """The tiny data in a git repository (in a sub-folder), committed, then one status edited and committed."""
    copy = tiny_copy(folder)
    git(folder, "init", "-q")
    git(folder, "add", ".")
    git(folder, "commit", "-q", "-m", "The tiny data")
    edit(copy, "    status: ruled_out\n", "    status: conditional_refusal\n")
    git(folder, "commit", "-q", "-am", EDIT_SUBJECT)
    return copy
