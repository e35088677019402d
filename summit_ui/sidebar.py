"""The shared filter widgets, drawn once in app.py, kept in the URL so a view can be sent as a link.

One widget per row of summit.filters.FILTERS, drawn by its kind (WIDGETS below).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from summit.dataset import Dataset
from summit.filters import (
    AS_OF,
    DATE,
    FLAG,
    LANGUAGE,
    MANY,
    ONE,
    SCENARIO,
    TEXT,
    FilterOperations,
    Filters,
    FilterSpec,
    filter_options,
)
from summit.i18n import DATA_LANGUAGE_NOTE, DEFAULT_LANGUAGE, N_, _, current_language

SEEDED_KEY = "filters_seeded_from_url"
RESET_KEY = "filter_reset"
ALL_PLACEHOLDER = N_("All")


def widget_key(spec: FilterSpec) -> str:
    """The session-state key of a filter's widget (tests find widgets by it)."""
    return f"filter_{spec.field}"


# --- one widget per kind -----------------------------------------------------------------


@dataclass(frozen=True)
class Widget:
    """How a kind of filter is drawn, and how its value moves between the widget and Filters."""

    draw: Callable[[FilterSpec, dict[str, str]], None]  # (spec, options) → the widget, keyed by widget_key
    to_state: Callable[[Any], Any] = lambda value: value  # Filters value → widget value
    from_state: Callable[[Any], Any] = lambda state: state  # widget value → Filters value
    cleared: Any = None  # widget value for 'all' (Reset filters)


def _help(spec: FilterSpec) -> str | None:
    return _(spec.help) if spec.help else None


def _selectbox(spec: FilterSpec, options: dict[str, str]) -> None:
    if options:
        st.selectbox(
            _(spec.label), list(options), format_func=options.__getitem__, key=widget_key(spec), help=_help(spec)
        )


def _multiselect(spec: FilterSpec, options: dict[str, str]) -> None:
    st.multiselect(
        _(spec.label),
        list(options),
        format_func=options.__getitem__,
        key=widget_key(spec),
        placeholder=_(spec.placeholder or ALL_PLACEHOLDER),
        help=_help(spec),
    )


def _text_input(spec: FilterSpec, _options: dict[str, str]) -> None:
    st.text_input(
        _(spec.label),
        key=widget_key(spec),
        max_chars=spec.kind.max_chars,
        placeholder=_(spec.placeholder) if spec.placeholder else None,
        help=_help(spec),
    )


def _toggle(spec: FilterSpec, _options: dict[str, str]) -> None:
    st.toggle(_(spec.label), key=widget_key(spec), help=_help(spec))


def _date_input(spec: FilterSpec, _options: dict[str, str]) -> None:
    st.date_input(_(spec.label), key=widget_key(spec), format="YYYY-MM-DD", help=_help(spec))


# Kind name → widget. A new kind of filter needs its widget here.
WIDGETS: dict[str, Widget] = {
    ONE.name: Widget(_selectbox),
    MANY.name: Widget(_multiselect, to_state=list, from_state=lambda state: tuple(state or ()), cleared=[]),
    # A scenario picks a state per condition from the same kind of list ("After a ceasefire: not met").
    SCENARIO.name: Widget(_multiselect, to_state=list, from_state=lambda state: tuple(state or ()), cleared=[]),
    TEXT.name: Widget(_text_input, from_state=lambda state: (state or "").strip(), cleared=""),
    FLAG.name: Widget(_toggle, from_state=bool, cleared=False),
    DATE.name: Widget(_date_input),
}


# --- state, URL --------------------------------------------------------------------------


def _query_params(specs: tuple[FilterSpec, ...]) -> dict[str, list[str]]:
    return {s.key: st.query_params.get_all(s.key) for s in specs if s.key in st.query_params}


def reseed_from_url() -> None:
    """Make the next run set the filter widgets from the URL again, as on a first visit.

    Call it before st.switch_page: switching page in the middle of a run makes Streamlit drop every
    widget's value (streamlit PR 8425), and the sidebar would fall back to its defaults (seen in the
    browser: the meeting reset when a table row opened a profile). The query params given to
    switch_page carry the filters.
    """
    st.session_state[SEEDED_KEY] = False


def open_page(page: str, filters: FilterOperations) -> None:
    """Go to a page with these filters: its sidebar is set from them, and the URL shows them."""
    reseed_from_url()
    st.switch_page(page, query_params=filters.to_query_params())


def _reset(specs: tuple[FilterSpec, ...]) -> None:
    """Reset button callback: every filter back to 'all'; settings (the language) stay."""
    for spec in specs:
        if not spec.setting:
            st.session_state[widget_key(spec)] = WIDGETS[spec.kind.name].cleared


def _shown(spec: FilterSpec, value: Any, defaults: dict[str, Any]) -> Any:
    """The value a widget shows: a 'one' filter left at None shows the option None stands for."""
    return defaults.get(spec.field) if value is None else value


def _seed_and_sanitise(
    dataset: Dataset,
    options: dict[str, dict[str, str]],
    defaults: dict[str, Any],
    filters_type: type[FilterOperations],
) -> None:
    state = st.session_state
    if not state.get(SEEDED_KEY):
        seed = filters_type.from_query_params(_query_params(filters_type.SPECS), dataset)
        for spec in filters_type.SPECS:
            shown = _shown(spec, getattr(seed, spec.field), defaults)
            state[widget_key(spec)] = WIDGETS[spec.kind.name].to_state(shown)
        state[SEEDED_KEY] = True
    # After a data edit (or Reset), a remembered value may no longer exist: drop it rather than fail.
    for spec in filters_type.SPECS:
        if spec.options is None:
            continue
        widget = WIDGETS[spec.kind.name]
        value = widget.from_state(state.get(widget_key(spec), widget.cleared))
        kept = _shown(spec, spec.kind.restrict(value, options[spec.field]), defaults)
        if kept != value:
            state[widget_key(spec)] = widget.to_state(kept)


def requested(field: str, filters_type: type[FilterOperations] = Filters) -> Any:
    """The value of one filter for this run, read before the sidebar is drawn: the sidebar's own once it has been
    drawn, else the URL's (a link opened first); None when the filter table has no such field."""
    spec = next((s for s in filters_type.SPECS if s.field == field), None)
    if spec is None:
        return None
    if st.session_state.get(SEEDED_KEY) and widget_key(spec) in st.session_state:
        return WIDGETS[spec.kind.name].from_state(st.session_state[widget_key(spec)])
    return spec.kind.parse(st.query_params.get_all(spec.key))


def requested_as_of(filters_type: type[FilterOperations] = Filters) -> dt.date | None:
    """The as-of day this run shows, so that the sidebar's options (the meetings held by then) come from the
    data as of that day."""
    return requested(AS_OF, filters_type)


def requested_language(filters_type: type[FilterOperations] = Filters) -> str:
    """The interface language of this run, set before anything is drawn (summit.i18n)."""
    return requested(LANGUAGE, filters_type) or DEFAULT_LANGUAGE


def render_filters(dataset: Dataset, filters_type: type[FilterOperations] = Filters) -> Any:
    """Draw the sidebar filters and return the Filters they describe; the URL is updated to match."""
    specs = filters_type.SPECS
    options = filter_options(dataset, specs)
    defaults = {s.field: s.default_option(dataset) for s in specs if s.default_option is not None}
    _seed_and_sanitise(dataset, options, defaults, filters_type)
    with st.sidebar:
        for spec in (s for s in specs if s.setting):
            WIDGETS[spec.kind.name].draw(spec, options.get(spec.field, {}))
        if current_language() != DEFAULT_LANGUAGE:
            st.caption(_(DATA_LANGUAGE_NOTE))
        st.header(_("Filters"))
        for spec in (s for s in specs if not s.setting):
            WIDGETS[spec.kind.name].draw(spec, options.get(spec.field, {}))
        st.button(_("Reset filters"), on_click=_reset, args=(specs,), key=RESET_KEY, width="stretch")
    values = {}
    for spec in specs:
        widget = WIDGETS[spec.kind.name]
        value = widget.from_state(st.session_state.get(widget_key(spec), widget.cleared))
        # The option None stands for is left out of the Filters (and so of the URL).
        values[spec.field] = None if spec.field in defaults and value == defaults[spec.field] else value
    filters = filters_type(**values)
    write_url(filters)
    return filters


def write_url(filters: FilterOperations) -> None:
    """Make the filter keys of the address bar match filters; other keys (participant, slide) stay."""
    wanted = filters.to_query_params()
    for spec in filters.SPECS:
        key = spec.key
        if key in wanted:
            if st.query_params.get_all(key) != [wanted[key]]:
                st.query_params[key] = wanted[key]
        elif key in st.query_params:
            del st.query_params[key]
