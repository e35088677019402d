"""What every page needs for this rerun: data, filters and the filtered frames, computed once in app.py."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from summit import frames as F
from summit.dataset import Dataset
from summit.filters import Filters
from summit.frames import Frames
from summit.schema import MeetingFile

_CONTEXT_KEY = "page_context"


@dataclass(frozen=True)
class PageContext:
    """The data and the filtered view shared by all pages."""

    dataset: Dataset
    frames: Frames
    filters: Filters
    meeting: MeetingFile | None
    shown_pledges: pd.DataFrame
    shown_pledge_types: pd.DataFrame
    shown_delegations: pd.DataFrame

    @property
    def meeting_name(self) -> str:
        """Short name of the meeting shown."""
        return self.meeting.meeting.short_name if self.meeting else "no meeting"

    def describe(self, count: int, noun: str) -> str:
        """The active filters in one sentence."""
        return self.filters.describe(self.dataset, count, noun)


def build_context(dataset: Dataset, frames: Frames, filters: Filters) -> PageContext:
    """Apply the filters once per rerun."""
    meeting_id = filters.meeting_id(dataset)
    meeting = next((m for m in dataset.meetings if m.meeting.id == meeting_id), None)
    shown_pledges = filters.apply_pledges(frames.pledges, meeting_id)
    shown_pledge_types = frames.pledge_types[frames.pledge_types[F.PLEDGE].isin(shown_pledges[F.PLEDGE])]
    if filters.types:
        shown_pledge_types = shown_pledge_types[shown_pledge_types[F.TYPE].isin(filters.types)]
    shown_delegations = filters.apply_delegations(frames.delegations, shown_pledges, meeting_id)
    context = PageContext(dataset, frames, filters, meeting, shown_pledges, shown_pledge_types, shown_delegations)
    st.session_state[_CONTEXT_KEY] = context
    return context


def page_context() -> PageContext:
    """The context app.py built for this rerun."""
    return st.session_state[_CONTEXT_KEY]
