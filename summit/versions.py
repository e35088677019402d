"""Versions of a dataset folder kept in git: the commits that touched it, and the data as one of them left it.

Git is used through its own command (`git log`, `git archive`), run without a shell; a folder outside a git
repository, or a machine without git, gets a NoVersions with the reason in words.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from summit.dataset import Dataset, load_dataset
from summit.i18n import format_day

GIT_TIMEOUT_S = 20
# The versions listed: the latest ones that touched the folder (a long history is listed in part).
MAX_VERSIONS = 200


@dataclass(frozen=True)
class Version:
    """One commit that touched the dataset folder."""

    revision: str  # the full commit hash
    short: str  # its first 7 characters
    committed: dt.datetime
    subject: str

    @property
    def label(self) -> str:
        """'4 March 2026, 10:15 — Corrects Italy's status (1a2b3c4)'."""
        return f"{format_day(self.committed.date())}, {self.committed:%H:%M} — {self.subject} ({self.short})"


@dataclass(frozen=True)
class NoVersions:
    """Why no versions can be listed, in words."""

    reason: str


class VersionError(Exception):
    """A revision that git cannot give for the folder."""


def _git(folder: Path, *args: str, binary: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", "-C", str(folder), *args],
        capture_output=True,
        text=not binary,
        timeout=GIT_TIMEOUT_S,
        check=False,
    )


def repository_of(folder: Path) -> tuple[Path, str] | NoVersions:
    """The repository's top folder and the dataset folder's path inside it, or why there is none."""
    if shutil.which("git") is None:
        return NoVersions("Git is not installed on this machine, so the versions of the data cannot be listed.")
    done = _git(folder, "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        return NoVersions(
            f"The data folder {folder} is not in a git repository, so there are no versions to compare with. "
            "Keep it in git (git init, then commit each edit) to compare the data with an earlier version."
        )
    top = Path(done.stdout.strip()).resolve()
    inside = folder.resolve().relative_to(top).as_posix()
    return top, "." if inside == "" else inside


def list_versions(folder: Path, limit: int = MAX_VERSIONS) -> list[Version] | NoVersions:
    """The commits that touched the folder, newest first, or why they cannot be listed."""
    found = repository_of(folder)
    if isinstance(found, NoVersions):
        return found
    top, inside = found
    done = _git(top, "log", f"--max-count={limit}", "--format=%H%x09%cI%x09%s", "--", inside)
    if done.returncode != 0:
        return NoVersions(f"Git could not list the versions of {folder}: {done.stderr.strip()}")
    versions = []
    for line in done.stdout.splitlines():
        revision, committed, subject = line.split("\t", 2)
        versions.append(Version(revision, revision[:7], dt.datetime.fromisoformat(committed), subject))
    if not versions:
        return NoVersions(f"No commit of the git repository touches {folder} yet: commit the data to compare it.")
    return versions


def dataset_at(folder: Path, revision: str) -> Dataset:
    """The dataset folder as the revision left it, read and validated like the folder itself.

    Raises VersionError when git cannot give the revision (or the folder is not in git), or when the data
    at that revision is not valid (its first problem named by the version and the file's path)."""
    found = repository_of(folder)
    if isinstance(found, NoVersions):
        raise VersionError(found.reason)
    top, inside = found
    resolved = _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if resolved.returncode != 0:
        raise VersionError(f"{revision!r} is not a version (commit) of the git repository at {top}")
    commit = resolved.stdout.strip()
    archive = _git(top, "archive", "--format=tar", commit, "--", inside, binary=True)
    if archive.returncode != 0:
        message = archive.stderr.decode("utf-8", "replace").strip()
        raise VersionError(f"the data folder was not in the repository at version {commit[:7]}: {message}")
    with tempfile.TemporaryDirectory(prefix="summit-version-") as scratch:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(scratch, filter="data")
        root = Path(scratch) / inside
        result = load_dataset(root)
        if result.dataset is None:
            first = str(result.problems[0]).replace(f"{root}/", f"{commit[:7]}:") if result.problems else ""
            raise VersionError(
                f"the data at version {commit[:7]} has {len(result.problems)} problem(s), so it cannot be "
                f"compared; the first: {first}"
            )
    return result.dataset
