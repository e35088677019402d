"""The benchmark's synthetic datasets: valid, marked synthetic, and scaled by the factor asked for."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.synthetic import SYNTHETIC_HOST, generate
from summit import cli
from summit.dataset import BUNDLED_DATA, data_files, load_dataset


@pytest.fixture(scope="module")
def real():
    """The bundled dataset and its counts."""
    result = load_dataset(BUNDLED_DATA)
    assert result.dataset is not None
    return result


@pytest.fixture(scope="module", params=[1, 3])
def synthetic(request, tmp_path_factory) -> tuple[int, Path]:
    """A synthetic dataset at ×1 and at ×3."""
    factor = request.param
    return factor, generate(BUNDLED_DATA, factor, tmp_path_factory.mktemp(f"x{factor}"))


def test_generated_dataset_passes_validate_command(synthetic, capsys):
    _factor, root = synthetic
    assert cli.main(["validate", str(root)]) == cli.EXIT_OK, capsys.readouterr().out


def test_counts_scale_with_the_factor(synthetic, real):
    factor, root = synthetic
    summary = load_dataset(root).summary
    assert summary.meetings == factor * real.summary.meetings
    assert summary.delegations == factor * real.summary.delegations
    assert summary.pledges == factor * real.summary.pledges
    assert summary.sources >= factor * real.summary.sources
    if factor > 1:  # other ISO states join the pool of participants
        assert summary.participants > real.summary.participants
    assert summary.sourced_share == 1.0


def test_output_is_marked_synthetic(synthetic):
    _factor, root = synthetic
    dataset = load_dataset(root).dataset
    assert dataset is not None
    assert dataset.info.synthetic is True
    assert "SYNTHETIC" in dataset.info.title
    assert all(path.read_text(encoding="utf-8").startswith("# SYNTHETIC") for path in data_files(root))
    cited = {s for m in dataset.meetings for p in m.pledges for s in p.sources}
    assert cited and all(dataset.sources[s].url.startswith(SYNTHETIC_HOST) for s in cited)


def test_records_are_new_and_dated_before_as_of(synthetic, real):
    _factor, root = synthetic
    dataset = load_dataset(root).dataset
    real_pledges = {p.id for m in real.dataset.meetings for p in m.pledges}
    pledges = [p for m in dataset.meetings for p in m.pledges]
    assert not real_pledges & {p.id for p in pledges}
    assert all(m.meeting.date <= dataset.info.as_of for m in dataset.meetings)


def test_featured_meeting_is_the_copy_of_the_real_one(synthetic, real):
    _factor, root = synthetic
    dataset = load_dataset(root).dataset
    featured = next(m for m in dataset.meetings if m.meeting.id == dataset.default_meeting_id())
    real_featured = next(m for m in real.dataset.meetings if m.meeting.id == real.dataset.default_meeting_id())
    assert featured.meeting.date == real_featured.meeting.date
    assert len(featured.pledges) == len(real_featured.pledges)


def test_same_seed_gives_the_same_files(tmp_path):
    first = generate(BUNDLED_DATA, 1, tmp_path / "a")
    second = generate(BUNDLED_DATA, 1, tmp_path / "b")
    assert [p.read_bytes() for p in data_files(first)] == [p.read_bytes() for p in data_files(second)]


def test_factor_below_one_is_refused(tmp_path):
    with pytest.raises(ValueError, match="factor"):
        generate(BUNDLED_DATA, 0, tmp_path / "none")
