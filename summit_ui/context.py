"""What every page needs for this rerun: data, filters and the filtered frames, computed once in app.py."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd
import streamlit as st

from summit.dataset import Dataset
from summit.filters import FilteredRows, Filters, no_domain_note, no_domain_records, scope_note, search_note
from summit.frames import Frames
from summit.i18n import _
from summit.schema import MeetingFile
from summit_ui.render import SCOPE_HINT

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
        return self.meeting.meeting.short_name if self.meeting else _("no meeting")

    @property
    def rows(self) -> FilteredRows:
        """The filtered rows as one object, for the core's functions that take them."""
        return FilteredRows(self.meeting, self.shown_pledges, self.shown_pledge_types, self.shown_delegations)

    def describe(self, count: int, noun: str) -> str:
        """The active filters in one sentence."""
        return self.filters.describe(self.dataset, count, noun)

    @cached_property
    def set_apart(self) -> pd.DataFrame:
        """Records a domain filter sets apart because they name no domain (summit.filters.DOMAIN_RULE)."""
        return no_domain_records(self.filters, self.dataset, self.frames, self.shown_pledges)

    @cached_property
    def notes(self) -> tuple[str, ...]:
        """Under the sentence: what the time scope leaves out, what the search matched, what a domain filter
        sets apart (each '' when nothing)."""
        left_out = scope_note(self.filters, self.dataset, self.frames)
        return (
            f"{left_out} {_(SCOPE_HINT)}" if left_out else "",
            search_note(self.filters, self.dataset, self.frames, self.shown_pledges),
            no_domain_note(self.filters, self.dataset, self.set_apart),
        )


def build_context(dataset: Dataset, frames: Frames, filters: Filters) -> PageContext:
    """Apply the filters once per rerun."""
    rows = filters.rows(dataset, frames)
    context = PageContext(dataset, frames, filters, rows.meeting, rows.pledges, rows.pledge_types, rows.delegations)
    st.session_state[_CONTEXT_KEY] = context
    return context


def page_context() -> PageContext:
    """The context app.py built for this rerun."""
    return st.session_state[_CONTEXT_KEY]
