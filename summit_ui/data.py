"""Cached loading of the dataset, keyed on its files, keeping the last good data when an edit breaks it."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path

import streamlit as st

from summit.dataset import DataPathError, Dataset, data_root, fingerprint, load_dataset
from summit.frames import Frames, build_frames
from summit.history import dataset_as_of
from summit.i18n import DEFAULT_LANGUAGE, language
from summit.problems import Problem
from summit.translations import localised


@dataclass(frozen=True)
class DataState:
    """What the pages show: the newest valid data, and the problems of the files on disk now."""

    dataset: Dataset | None
    frames: Frames | None
    problems: tuple[Problem, ...] = ()
    stale: bool = False  # True when the files on disk are broken and older, good data is shown
    warnings: tuple[Problem, ...] = ()  # files in the data folder that are not read (the data loads all the same)


@dataclass
class _LastGood:
    """Server-wide memory of the last valid load per data folder (read-only data, shared safely)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    by_root: dict[Path, tuple[Dataset, Frames]] = field(default_factory=dict)


@st.cache_resource(show_spinner=False)
def _last_good() -> _LastGood:
    return _LastGood()


@st.cache_resource(show_spinner=False, max_entries=8)
def _load(root: Path, stamp: str) -> DataState:
    """Load once per version of the files (stamp = names, sizes, mtimes); shared by every session. Built in
    English, whatever the language of the run that loads it: the data's words are English-keyed (the record
    names in prose, the frames' labels), and `data_in_language` makes the other languages' copies."""
    with language(DEFAULT_LANGUAGE):
        return _load_in_english(root)


def _load_in_english(root: Path) -> DataState:
    try:
        result = load_dataset(root)
    except DataPathError as error:
        return DataState(None, None, (Problem(root, 1, 1, str(error)),))
    problems = tuple(p.relative_to(root.parent) for p in result.problems)
    warnings = tuple(p.relative_to(root.parent) for p in result.warnings)
    if result.dataset is None:
        return DataState(None, None, problems, warnings=warnings)
    return DataState(result.dataset, build_frames(result.dataset), problems, warnings=warnings)


@st.cache_resource(show_spinner=False, max_entries=16)
def _as_of(_dataset: Dataset, fingerprint: str, day: dt.date) -> tuple[Dataset, Frames]:
    """The dataset and its frames as they stood on a day, once per version of the data and day (in English)."""
    with language(DEFAULT_LANGUAGE):
        seen = dataset_as_of(_dataset, day)
        return seen, build_frames(seen)


def data_as_of(dataset: Dataset, frames: Frames, day: dt.date | None) -> tuple[Dataset, Frames]:
    """The data a view with this as-of day shows (summit.history.HISTORY_RULE); the data itself for None or a
    day on or after its as-of date."""
    if day is None or day >= dataset.info.as_of:
        return dataset, frames
    return _as_of(dataset, dataset.fingerprint, day)


@st.cache_resource(show_spinner=False, max_entries=16)
def _in_language(_dataset: Dataset, fingerprint: str, lang: str) -> tuple[Dataset, Frames]:
    with language(lang):
        shown = localised(_dataset, lang)
        return shown, build_frames(shown)


def data_in_language(dataset: Dataset, frames: Frames, lang: str) -> tuple[Dataset, Frames]:
    """The data in the reader's language: the dataset's own translated labels (summit.translations) and frames
    built in that language (statuses, levels, history in its words), once per version of the data and language;
    the data itself in English."""
    if lang == DEFAULT_LANGUAGE:
        return dataset, frames
    return _in_language(dataset, dataset.fingerprint, lang)


def current_data() -> DataState:
    """The data to show on this rerun; cheap when nothing changed (a stat of each data file)."""
    root = data_root()
    loaded = _load(root, fingerprint(root))
    memory = _last_good()
    with memory.lock:
        if loaded.dataset is not None and loaded.frames is not None:
            memory.by_root[root] = (loaded.dataset, loaded.frames)
            return loaded
        if root in memory.by_root:
            good_dataset, good_frames = memory.by_root[root]
            return replace(loaded, dataset=good_dataset, frames=good_frames, stale=True)
    return loaded
