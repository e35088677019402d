"""Hostile and broken data files: each is refused with one located message, in bounded memory, never a traceback.

Every case is built in tmp_path (no 50 MB file in the repo) and replaces the meeting file of a copy of the
tiny dataset. For each: the loader names the file, `python -m summit validate` exits 1 with a
FILE:LINE:COLUMN line and no traceback, its peak memory stays within MEMORY_BUDGET_MB of a run on the
clean data, and the app shows the problem instead of failing. Run times are printed, not asserted (the
machine is noisy); `scripts/hostile_timings.py` reports them.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from summit.dataset import load_dataset
from summit.load import MAX_DEPTH, MAX_FILE_BYTES, MAX_VALUE_CHARS, MAX_VALUES

REPO = Path(__file__).resolve().parent.parent
TINY = REPO / "tests" / "fixtures" / "tiny"
APP = str(REPO / "app.py")
TARGET = "meetings/2026-01-06-paris.yaml"
MEMORY_BUDGET_MB = 200
# A guard against a hang, not a timing assertion: the budget is 5 s and a case takes about 1 s here.
HANG_GUARD_S = 30


def _alias_bomb(_original: bytes) -> bytes:
    # "Billion laughs": ten levels of ten aliases each, 10^10 values when expanded.
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for previous, name in zip("abcdefghi", "bcdefghij", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    return ("\n".join(lines) + "\n").encode()


def _truncated(original: bytes) -> bytes:
    # Cut mid-line, as a crashed editor or a failed copy leaves it: here inside a [list] of sources.
    return original[: original.index(b"sources: [elysee-summit]") + len(b"sources: [elysee")]


def _invalid_utf8(original: bytes) -> bytes:
    # What a Latin-1 editor writes for "Déclaration".
    return original.replace(b"title: Paris Declaration", "title: Déclaration de Paris".encode("latin-1"))


def _tab_indented(original: bytes) -> bytes:
    return original.replace(b"\n  id: paris-2026-01-06", b"\n\tid: paris-2026-01-06")


@dataclass(frozen=True)
class Case:
    """A hostile file: how to build it from the original meeting file, and what the message says."""

    build: Callable[[bytes], bytes]
    message: str  # a fragment of the one problem reported for the file


CASES: dict[str, Case] = {
    "alias-bomb": Case(_alias_bomb, "alias bomb"),
    "50-mb-file": Case(lambda _: b"a: " + b"x" * 50_000_000 + b"\n", f"over the {MAX_FILE_BYTES:,}-byte limit"),
    "binary-garbage": Case(lambda _: random.Random(7).randbytes(100_000), "file is binary"),
    "binary-without-nul": Case(lambda _: bytes(range(0x80, 0x100)) * 400, "not valid UTF-8"),
    "invalid-utf8": Case(_invalid_utf8, "not valid UTF-8 (byte 0xe9)"),
    "utf16": Case(lambda original: original.decode("utf-8").encode("utf-16"), "saved as UTF-16"),
    "truncated": Case(_truncated, "YAML syntax error"),
    "deep-flow-nesting": Case(lambda _: b"a: " + b"[" * 1_000_000 + b"]" * 1_000_000, "nesting depth"),
    "deep-block-nesting": Case(
        lambda _: "".join("  " * i + f"k{i}:\n" for i in range(500)).encode() + b"  " * 500 + b"v: 1\n",
        f"nested more than {MAX_DEPTH} levels",
    ),
    "tab-indentation": Case(_tab_indented, "a tab is used for indentation"),
    "very-long-value": Case(
        lambda original: original.replace(b"summary: Leaders met", b"summary: " + b"y" * 4_900_000),
        f"over the {MAX_VALUE_CHARS:,}-character limit",
    ),
    "millions-of-values": Case(lambda _: b"x: [" + b"1," * 2_000_000 + b"1]\n", f"more than {MAX_VALUES:,} values"),
}
# Not hostile: what Windows editors write. These must load as if nothing were different.
ACCEPTED: dict[str, Callable[[bytes], bytes]] = {
    "byte-order-mark": lambda original: b"\xef\xbb\xbf" + original,
    "crlf-line-ends": lambda original: original.replace(b"\n", b"\r\n"),
}


@dataclass(frozen=True)
class Run:
    """One finished `python -m summit validate` process."""

    exit_code: int
    stdout: str
    stderr: str
    seconds: float
    peak_rss_mb: float


# Runs the validator and reports its run time and peak memory. A small parent of its own, because a child
# forked from pytest starts with pytest's memory high-water mark (ru_maxrss survives fork and exec).
_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
try:
    code = subprocess.call(sys.argv[2:], timeout=float(sys.argv[1]))
except subprocess.TimeoutExpired:
    code = 124
seconds = time.perf_counter() - start
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"measured: {seconds:.3f} {peak_kb}", file=sys.stderr)
sys.exit(code)
"""


def run_validate(path: Path) -> Run:
    """Run `python -m summit validate path` and measure it."""
    command = [sys.executable, "-c", _MEASURE, str(HANG_GUARD_S), sys.executable, "-m", "summit", "validate"]
    done = subprocess.run(
        [*command, str(path)], cwd=REPO, capture_output=True, text=True, errors="replace", timeout=HANG_GUARD_S + 30
    )
    stderr, _, measured = done.stderr.rstrip("\n").rpartition("\n")
    seconds, peak_kb = measured.removeprefix("measured: ").split()
    return Run(done.returncode, done.stdout, stderr, float(seconds), int(peak_kb) / 1024)


def build_case(root: Path, name: str) -> Path:
    """A copy of the tiny dataset under root/name whose meeting file is the hostile one; returns the folder."""
    folder = root / name
    shutil.copytree(TINY, folder)
    target = folder / TARGET
    build = CASES[name].build if name in CASES else ACCEPTED[name]
    target.write_bytes(build(target.read_bytes()))
    return folder


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> Run:
    """The validator on the clean tiny data: the memory every case is compared with."""
    clean = tmp_path_factory.mktemp("clean") / "tiny"
    shutil.copytree(TINY, clean)
    run = run_validate(clean)
    assert run.exit_code == 0, run.stdout + run.stderr
    return run


@pytest.mark.parametrize("name", CASES)
def test_loader_names_the_file_and_the_problem(tmp_path, name):
    folder = build_case(tmp_path, name)
    result = load_dataset(folder)
    assert result.dataset is None
    found = [p for p in result.problems if p.file == folder / TARGET]
    assert len(found) == 1, [str(p) for p in result.problems]
    assert CASES[name].message in found[0].message
    assert found[0].line >= 1 and found[0].column >= 1


@pytest.mark.slow
@pytest.mark.parametrize("name", CASES)
def test_validate_cli_reports_one_located_line_in_bounded_memory(tmp_path, baseline, name):
    folder = build_case(tmp_path, name)
    run = run_validate(folder)
    print(f"{name}: {run.seconds:.2f} s, peak {run.peak_rss_mb:.0f} MB (clean data: {baseline.peak_rss_mb:.0f} MB)")

    assert run.exit_code != 124, f"validate did not finish within {HANG_GUARD_S} s"
    assert run.exit_code == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    lines = run.stdout.splitlines()
    located = re.compile(rf"^\S*{re.escape(TARGET)}:\d+:\d+: .+$")
    assert [line for line in lines if located.match(line)] == lines[:-1], lines
    assert len(lines) == 2 and CASES[name].message in lines[0]
    assert lines[-1].startswith("FAILED: 1 problem;")
    assert run.peak_rss_mb - baseline.peak_rss_mb <= MEMORY_BUDGET_MB


@pytest.mark.parametrize("name", ACCEPTED)
def test_windows_encodings_of_a_valid_file_load(tmp_path, name):
    folder = build_case(tmp_path, name)
    result = load_dataset(folder)
    assert result.problems == []
    assert result.dataset is not None


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("fifo", os.mkfifo),  # opening it would block until someone writes
        ("link-to-dev-zero", lambda path: path.symlink_to("/dev/zero")),  # reading it would never end
        ("folder", Path.mkdir),
    ],
)
def test_a_data_file_that_is_not_a_regular_file_is_refused_without_reading(tmp_path, name, make):
    folder = tmp_path / name
    shutil.copytree(TINY, folder)
    target = folder / TARGET
    target.unlink()
    make(target)
    result = load_dataset(folder)
    messages = [p.message for p in result.problems if p.file == target]
    assert messages == ["not a regular file; a data file must be a plain text file"]


@pytest.mark.slow
@pytest.mark.parametrize("name", ["alias-bomb", "binary-garbage", "truncated", "millions-of-values"])
def test_app_shows_the_problem_with_the_file_name_instead_of_failing(tmp_path, monkeypatch, name):
    folder = build_case(tmp_path, name)
    monkeypatch.setenv("SUMMIT_DATA", str(folder))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    errors = " ".join(e.value for e in at.error)
    # Markdown escapes in the banner: compare without them.
    assert f"{name}/meetings/2026-01-06-paris.yaml" in errors.replace("\\", "").replace("\u2060", "")
    assert "No valid data to show" in errors
