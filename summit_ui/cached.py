"""Figures built once per (data version, filter state) and shared read-only by every session."""

from __future__ import annotations

from collections.abc import Callable, Hashable

import streamlit as st

from summit.figures import Chart
from summit.filters import Filters
from summit_ui.context import PageContext


@st.cache_resource(show_spinner=False, max_entries=256)
def _chart(
    kind: str, fingerprint: str, filters: Filters, args: tuple[Hashable, ...], _build: Callable[[], Chart]
) -> Chart:
    return _build()


def memo_chart(ctx: PageContext, kind: str, build: Callable[[], Chart], *args: Hashable) -> Chart:
    """The chart `build` makes for this view; rebuilt only when the data, the filters or args change."""
    return _chart(kind, ctx.dataset.fingerprint, ctx.filters, args, build)
