"""Shared fixtures: the tiny dataset (two meetings; Paris is the default), its rows, and copies a test may break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from summit.dataset import Dataset, load_dataset
from summit.filters import FilteredRows, Filters
from summit.frames import Frames, build_frames

TESTS = Path(__file__).resolve().parent
TINY = TESTS / "fixtures" / "tiny"
REPO = TESTS.parent


@pytest.fixture
def tiny_copy(tmp_path: Path) -> Path:
    """A writable copy of the tiny dataset."""
    target = tmp_path / "tiny"
    shutil.copytree(TINY, target)
    return target


@pytest.fixture(scope="session")
def tiny() -> Dataset:
    """The tiny dataset, loaded and valid."""
    result = load_dataset(TINY)
    assert result.dataset is not None, [str(p) for p in result.problems]
    return result.dataset


@pytest.fixture(scope="session")
def tiny_frames(tiny: Dataset) -> Frames:
    """Frames of the tiny dataset."""
    return build_frames(tiny)


@pytest.fixture(scope="session")
def paris(tiny: Dataset, tiny_frames: Frames) -> FilteredRows:
    """The rows of the tiny data's default meeting (Paris) with no filter: what every page starts from."""
    rows = Filters().rows(tiny, tiny_frames)
    assert rows.meeting is not None and rows.meeting.meeting.id == "paris-2026-01-06"
    return rows
