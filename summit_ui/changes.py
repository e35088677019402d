"""The Changes page's data: the comparison of two moments, cached per version of the data, with the shared
filters applied (summit.changes does the comparing)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from summit.changes import (
    CHANGE_LABELS,
    MAP_ORDER,
    Change,
    ChangeKind,
    change_table,
    changes_by_participant,
    changes_frame,
    compare,
    earlier_moment,
    filter_changes,
    participant_kinds,
)
from summit.dataset import Dataset
from summit.frames import Frames, build_frames, participant_name
from summit.i18n import N_, _, collation_key, format_day
from summit.tables import COL_CODE, COL_PARTICIPANT
from summit.versions import NoVersions, Version, VersionError, dataset_at, list_versions
from summit_ui.context import PageContext

VERSION_PARAM = "version"  # the Changes page's own URL key: the short hash of the version compared with
CHANGE_PARAM = "change"  # and the kind of change its list shows (none: every change)
COL_KIND = N_("Kind of change")
COL_CHANGED = N_("Records changed")
# The versions are read again after this long, so a commit made while the app runs shows up.
VERSIONS_TTL_S = 30


@dataclass(frozen=True)
class Compared:
    """Two moments compared: the changes the shared filters keep, and what readers call each moment."""

    changes: list[Change]
    before: str
    after: str
    old: Dataset | None
    new: Dataset
    error: str = ""

    def table(self, listed: list[Change]) -> pd.DataFrame:
        """The change list in readers' words (summit.changes.change_table)."""
        datasets = (self.new, self.old) if self.old is not None else (self.new,)
        return change_table(changes_frame(listed, *datasets), self.new)


def changes_between_days(ctx: PageContext, since: dt.date) -> Compared:
    """From the end of `since` to the view's as-of day, as the shared filters keep them."""
    after = ctx.dataset.info.as_of
    if since > after:
        error = _("“Changes since” ({since}) is after the as-of day ({as_of}): pick an earlier day.")
        return Compared([], "", "", None, ctx.dataset, error.format(since=format_day(since), as_of=format_day(after)))
    changes, old, old_frames = earlier_moment(ctx.dataset, since)
    kept = filter_changes(changes, ctx.filters, (old, old_frames), (ctx.dataset, ctx.frames))
    return Compared(kept, format_day(since), format_day(after), old, ctx.dataset)


@st.cache_data(show_spinner=False, ttl=VERSIONS_TTL_S, max_entries=4)
def cached_versions(root: Path) -> list[Version] | NoVersions:
    """The versions of the data folder in git, newest first (read again after VERSIONS_TTL_S)."""
    return list_versions(root)


@st.cache_resource(show_spinner=False, max_entries=8)
def _version(root: Path, revision: str) -> tuple[Dataset, Frames] | str:
    """A version of the data and its frames, or why it cannot be read (a commit never changes: cached by hash)."""
    try:
        old = dataset_at(root, revision)
    except VersionError as error:
        return str(error)
    return old, build_frames(old)


def changes_with_version(ctx: PageContext, version: Version) -> Compared:
    """From a version of the data in git to the data shown now, as the shared filters keep them."""
    after = _("the data now ({day})").format(day=format_day(ctx.dataset.info.as_of))
    loaded = _version(ctx.dataset.root, version.revision)
    before = _("the version of {day}, {time} ({version})").format(
        day=format_day(version.committed), time=f"{version.committed:%H:%M}", version=version.short
    )
    if isinstance(loaded, str):
        return Compared([], before, after, None, ctx.dataset, loaded)
    old, old_frames = loaded
    changes = compare(old, ctx.dataset)
    kept = filter_changes(changes, ctx.filters, (old, old_frames), (ctx.dataset, ctx.frames))
    return Compared(kept, before, after, old, ctx.dataset)


def change_link(ctx: PageContext, count: int, kind: ChangeKind) -> str:
    """A count of one kind of change as a link to the page listing those records only (0 is not a link)."""
    if not count:
        return "0"
    params = {**ctx.filters.to_query_params(), CHANGE_PARAM: str(kind)}
    if VERSION_PARAM in st.query_params:
        params[VERSION_PARAM] = st.query_params[VERSION_PARAM]
    return f"[{count}](changes?{urlencode(params)})"


def participant_list(dataset: Dataset, changes: list[Change]) -> pd.DataFrame:
    """Every participant with a record at either moment, in the map's order (its kind in MAP_ORDER, then its
    name), with its kind of change in words and how many of its records changed; organisations included."""
    kinds = participant_kinds(changes)
    changed = changes_by_participant(changes)
    order = {kind: i for i, kind in enumerate(MAP_ORDER)}
    names = {c: participant_name(dataset, c) for c in kinds}
    codes = sorted(kinds, key=lambda c: (order[kinds[c]], collation_key(names[c])))
    return pd.DataFrame(
        {
            COL_PARTICIPANT: [names[c] for c in codes],
            COL_KIND: [CHANGE_LABELS[kinds[c]] for c in codes],
            COL_CHANGED: [len(changed.get(c, ())) for c in codes],
            COL_CODE: codes,
        }
    )
