"""Figures built once per (data version, filter state) and shared read-only by every session."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

import streamlit as st

from summit.filters import Filters
from summit_ui.context import PageContext


@st.cache_resource(show_spinner=False, max_entries=256)
def _chart(
    kind: str, fingerprint: str, filters: Filters, args: tuple[Hashable, ...], _build: Callable[[], object]
) -> object:
    return _build()


T = TypeVar("T")


def memo_chart(ctx: PageContext, kind: str, build: Callable[[], T], *args: Hashable) -> T:
    """The chart `build` makes for this view; rebuilt only when the data, the filters or args change."""
    return _chart(kind, ctx.dataset.fingerprint, ctx.filters, args, build)  # type: ignore[return-value]
