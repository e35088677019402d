"""Find, read and validate a dataset folder; the result is a Dataset or a list of problems."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path
from typing import Any, Generic, TypeVar

from summit import countries
from summit.load import read_yaml_file
from summit.problems import Problem
from summit.references import readable_meetings, reference_names
from summit.schema import (
    Category,
    CommitmentType,
    Condition,
    DatasetFile,
    Group,
    GroupsFile,
    MeetingFile,
    NamedScenario,
    Organisation,
    OrganisationsFile,
    Record,
    Source,
    SourcesFile,
    TaxonomyFile,
)
from summit.validate import Checked, DataFiles, check_references, count_sourced, validate_model
from summit.vocabulary import PALETTE

M = TypeVar("M", bound=Record)

BUNDLED_DATA = Path(__file__).resolve().parent.parent / "data"
DATA_ENV = "SUMMIT_DATA"
MEETINGS_DIR = "meetings"


@dataclass(frozen=True)
class TopFile(Generic[M]):
    """A top-level file of a dataset folder and the model it must match."""

    name: str
    model: type[M]


DATASET_FILE = TopFile("dataset.yaml", DatasetFile)
SOURCES_FILE = TopFile("sources.yaml", SourcesFile)
TAXONOMY_FILE = TopFile("taxonomy.yaml", TaxonomyFile)
ORGANISATIONS_FILE = TopFile("organisations.yaml", OrganisationsFile)
GROUPS_FILE = TopFile("groups.yaml", GroupsFile)
TOP_FILES: dict[str, type[Record]] = {
    kind.name: kind.model for kind in (DATASET_FILE, SOURCES_FILE, TAXONOMY_FILE, ORGANISATIONS_FILE, GROUPS_FILE)
}


class DataPathError(Exception):
    """The dataset path does not exist or cannot be read."""


@dataclass(frozen=True)
class Dataset:
    """A valid dataset: every reference in it resolves."""

    root: Path
    info: DatasetFile
    sources: dict[str, Source]
    categories: dict[str, Category]
    commitment_types: dict[str, CommitmentType]
    conditions: dict[str, Condition]
    scenarios: dict[str, NamedScenario]
    organisations: dict[str, Organisation]
    groups: dict[str, Group]
    meetings: tuple[MeetingFile, ...]  # oldest first
    fingerprint: str = ""
    # Meeting and pledge id → the words readers are shown for it (summit.references.REFERENCE_RULE).
    record_names: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def meeting_series(self) -> str:
        """What its meetings are called ('Coalition of the Willing meetings'; 'meetings' when not given)."""
        return self.info.meeting_series or "meetings"

    def type_colour(self, type_id: str) -> str:
        """A commitment type's colour: its own, else its category's, else the palette's in the order of the
        categories (so a taxonomy with more types than colours gives them by category)."""
        kind = self.commitment_types[type_id]
        if kind.colour:
            return kind.colour
        category = self.categories[kind.category]
        if category.colour:
            return category.colour
        # Grey (the palette's last colour) is for "none"; categories cycle through the others.
        return PALETTE[list(self.categories).index(category.id) % (len(PALETTE) - 1)]

    def default_meeting_id(self) -> str | None:
        """The meeting shown first: dataset.yaml's featured_meeting, else the one with most delegations (latest)."""
        ids = {m.meeting.id for m in self.meetings}
        if self.info.featured_meeting in ids:
            return self.info.featured_meeting
        ranked = sorted(self.meetings, key=lambda m: (len(m.delegations), m.meeting.date))
        return ranked[-1].meeting.id if ranked else None


@dataclass(frozen=True)
class Summary:
    """Counts for the validation report."""

    meetings: int = 0
    delegations: int = 0
    participants: int = 0
    pledges: int = 0
    sources: int = 0
    sourced_records: int = 0
    records: int = 0

    @property
    def sourced_share(self) -> float:
        """Share of records (meetings, documents, delegations, pledges) with at least one source."""
        return self.sourced_records / self.records if self.records else 0.0


@dataclass(frozen=True)
class LoadResult:
    """What loading a dataset gave: the dataset when it is valid, every problem found, and warnings (files in
    the folder that were not read; the data loads all the same)."""

    dataset: Dataset | None
    problems: list[Problem] = field(default_factory=list)
    summary: Summary = Summary()
    warnings: list[Problem] = field(default_factory=list)


def data_root() -> Path:
    """The dataset folder: $SUMMIT_DATA when set, else the bundled data."""
    configured = os.environ.get(DATA_ENV)
    return Path(configured).expanduser().resolve() if configured else BUNDLED_DATA


YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class FolderListing:
    """What a dataset folder holds, as paths relative to it (a/b.yaml), each list sorted.

    Entries whose name starts with a dot (.git, editor swap files, .DS_Store) are left out unseen.
    """

    top: list[str]  # the top-level files of TOP_FILES that exist
    meetings: list[str]  # meetings/**/*.yaml and *.yml, in subfolders too (meetings/2025/...)
    skipped: list[tuple[str, str]]  # (file, why it is not read): a YAML file elsewhere, a non-YAML file in meetings/


def list_folder(root: Path) -> FolderListing:
    """One walk over a dataset folder: the files the loader reads and the files it does not.

    Raises DataPathError when the folder itself cannot be listed; a subfolder that cannot be is skipped.
    """
    top: list[str] = []
    meetings: list[str] = []
    skipped: list[tuple[str, str]] = []

    # Strings, not Path objects, and one os.scandir per folder: every rerun lists the folder (fingerprint)
    # to notice edits, and at ×100 that is 1,900 meeting files.
    def visit(folder: str, in_meetings: bool) -> None:
        try:
            with os.scandir(f"{root}/{folder}" if folder else root) as scan:
                entries = [(e.name, e.is_dir(follow_symlinks=False)) for e in scan if not e.name.startswith(".")]
        except OSError as error:
            if not folder:
                raise DataPathError(f"{root}: cannot list the folder ({error.strerror})") from None
            skipped.append((folder, f"not read: cannot list the folder ({error.strerror})"))
            return
        for name, is_dir in entries:
            relative = f"{folder}/{name}" if folder else name
            # A folder named like a data file (x.yaml/) is taken as the file: reading it says what is wrong.
            if is_dir and not name.endswith(YAML_SUFFIXES):
                visit(relative, in_meetings or relative == MEETINGS_DIR)
            elif in_meetings:
                if name.endswith(YAML_SUFFIXES):
                    meetings.append(relative)
                else:
                    skipped.append((relative, "not read: a meeting file's name ends in .yaml or .yml"))
            elif not folder and name in TOP_FILES:
                top.append(name)
            elif name.lower().endswith(YAML_SUFFIXES):  # notes.YAML is meant as YAML too: say it is not read
                skipped.append((relative, _not_read(relative)))
            # Other files outside meetings/ (README.md, LICENSE) are documentation, not data: nothing to say.

    visit("", False)
    return FolderListing(sorted(top, key=list(TOP_FILES).index), sorted(meetings), sorted(skipped))


def _not_read(relative: str) -> str:
    """Why a YAML file outside meetings/ is not read, naming the file meant when the name is close to one."""
    if "/" in relative:
        return f"not read: meeting files go in {MEETINGS_DIR}/ (or a folder inside it)"
    stems = {name.rsplit(".", 1)[0]: name for name in TOP_FILES}
    near = get_close_matches(relative.rsplit(".", 1)[0].lower(), stems, n=1, cutoff=0.8)
    if near:
        return f"not read: not one of the dataset's files (did you mean {stems[near[0]]}?)"
    return f"not read: not one of the dataset's files ({', '.join(TOP_FILES)}); a meeting goes in {MEETINGS_DIR}/"


def data_files(root: Path) -> list[Path]:
    """Every data file of a dataset folder, in a stable order: the top-level files, then the meetings."""
    listing = list_folder(root)
    return [root / relative for relative in (*listing.top, *listing.meetings)]


def fingerprint(root: Path) -> str:
    """Changes whenever a data file is added, removed or edited (path, size, mtime, ctime, inode), and when a
    file that is not read appears or goes (its warning must show or go)."""
    try:
        return _fingerprint(root, list_folder(root))
    except DataPathError:
        return ""  # loading says why


def _fingerprint(root: Path, listing: FolderListing) -> str:
    digest = hashlib.sha1()
    for relative in (*listing.top, *listing.meetings):
        try:
            stat = os.stat(f"{root}/{relative}")
        except OSError:
            continue
        # Size and mtime alone miss a same-size edit by a tool that keeps the old mtime (cp -p,
        # rsync -t, unzip); ctime cannot be set back, and a save by rename gives a new inode.
        digest.update(f"{relative}:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}:{stat.st_ino};".encode())
    for relative, _why in listing.skipped:
        digest.update(f"not read {relative};".encode())
    return digest.hexdigest()


def load_dataset(root: Path) -> LoadResult:
    """Read and validate a dataset folder. Raises DataPathError only when the folder is unreadable."""
    if not root.is_dir():
        raise DataPathError(f"{root}: not a dataset folder")
    listing = list_folder(root)
    stamp = _fingerprint(root, listing)
    warnings = [Problem(root / relative, 1, 1, why) for relative, why in listing.skipped]
    problems: list[Problem] = []
    _, dataset = _read_top_file(root, DATASET_FILE, problems)
    raw_sources, sources = _read_top_file(root, SOURCES_FILE, problems)
    _, taxonomy = _read_top_file(root, TAXONOMY_FILE, problems)
    _, organisations = _read_top_file(root, ORGANISATIONS_FILE, problems)
    _, groups = _read_top_file(root, GROUPS_FILE, problems)

    meeting_paths = [root / relative for relative in listing.meetings]
    if not meeting_paths:
        problems.append(Problem(root / MEETINGS_DIR, 1, 1, "no meeting files: add meetings/<id>.yaml"))
    meetings: list[Checked[MeetingFile]] = []
    raw_meetings = []
    for path in meeting_paths:
        data, meeting = _read_file(path, MeetingFile, problems)
        raw_meetings.append(data)
        if meeting is not None:
            meetings.append(meeting)

    files = None
    if (
        dataset is not None
        and sources is not None
        and taxonomy is not None
        and organisations is not None
        and groups is not None
        and len(meetings) == len(meeting_paths)
    ):
        files = DataFiles(dataset, sources, taxonomy, organisations, groups, tuple(meetings))
        problems += check_references(files)
    summary = _summarise(raw_sources, raw_meetings)
    if problems or files is None:
        return LoadResult(None, sorted(problems), summary, warnings)
    return LoadResult(_assemble(root, files, stamp), [], summary, warnings)


def _read_file(path: Path, model: type[M], problems: list[Problem]) -> tuple[Any, Checked[M] | None]:
    """Read and validate one file, adding its problems: (its raw data, the file when it is valid)."""
    parsed = read_yaml_file(path)
    record, found = validate_model(parsed, model)
    problems += parsed.problems + found
    return parsed.data, Checked(parsed, record) if record is not None and parsed.ok else None


def _read_top_file(root: Path, kind: TopFile[M], problems: list[Problem]) -> tuple[Any, Checked[M] | None]:
    path = root / kind.name
    if not path.exists():
        problems.append(Problem(path, 1, 1, f"missing file: a dataset folder needs {kind.name}"))
        return None, None
    return _read_file(path, kind.model, problems)


def _assemble(root: Path, files: DataFiles, stamp: str) -> Dataset:
    taxonomy = files.taxonomy.record
    organisations = {o.id: o for o in files.organisations.record.organisations}
    types = {t.id: t for t in taxonomy.commitment_types}
    meetings = [m.record for m in files.meetings]
    names = reference_names(
        meetings,
        lambda code: organisations[code].name if code in organisations else countries.name(code),
        lambda type_id: types[type_id].short_label,
    )
    meetings = readable_meetings(meetings, names)  # ids in notes become names (references.REFERENCE_RULE)
    return Dataset(
        root=root,
        info=files.dataset.record,
        sources={s.id: s for s in files.sources.record.sources},
        categories={c.id: c for c in taxonomy.categories},
        commitment_types=types,
        conditions={c.id: c for c in taxonomy.conditions},
        scenarios={s.id: s for s in taxonomy.scenarios},
        organisations=organisations,
        groups={g.id: g for g in files.groups.record.groups},
        meetings=tuple(sorted(meetings, key=lambda m: (m.meeting.date, m.meeting.id))),
        fingerprint=stamp,
        record_names=names,
    )


def _summarise(raw_sources: object, raw_meetings: list) -> Summary:
    """Counts taken from the raw data, so that they are right even when a record is invalid."""
    sourced, records = count_sourced(raw_meetings)
    files = [m for m in raw_meetings if isinstance(m, dict)]

    def rows(data: dict, key: str) -> list[dict]:
        return [r for r in data.get(key) or [] if isinstance(r, dict)] if isinstance(data.get(key), list) else []

    participants = {r.get("participant") for m in files for key in ("delegations", "pledges") for r in rows(m, key)}
    return Summary(
        meetings=sum(isinstance(m.get("meeting"), dict) for m in files),
        delegations=sum(len(rows(m, "delegations")) for m in files),
        participants=len(participants - {None}),
        pledges=sum(len(rows(m, "pledges")) for m in files),
        sources=len(rows(raw_sources, "sources")) if isinstance(raw_sources, dict) else 0,
        sourced_records=sourced,
        records=records,
    )
