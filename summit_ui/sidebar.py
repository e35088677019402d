"""The shared filter widgets, drawn once in app.py, kept in the URL so a view can be sent as a link."""

from __future__ import annotations

import streamlit as st

from summit.dataset import Dataset
from summit.filters import FILTER_FIELDS, URL_KEYS, Filters, filter_options

# Widget key per filter field (session state); URL keys live in summit.filters.URL_KEYS.
WIDGET_KEYS = {field: f"filter_{field}" for field in FILTER_FIELDS}
SEEDED_KEY = "filters_seeded_from_url"
LABELS = {
    "meeting": "Meeting",
    "groups": "Participant group",
    "types": "Commitment type",
    "statuses": "Status",
    "conditions": "Condition",
    "domains": "Domain",
    "confidence": "Confidence",
    "text": "Search names and descriptions",
}


def _query_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in URL_KEYS.values() if key in st.query_params}


def reseed_from_url() -> None:
    """Make the next run set the filter widgets from the URL again, as on a first visit.

    Call it before st.switch_page: switching page in the middle of a run makes Streamlit drop every
    widget's value (streamlit PR 8425), and the sidebar would fall back to its defaults (seen in the
    browser: the meeting reset when a table row opened a profile). The query params given to
    switch_page carry the filters.
    """
    st.session_state[SEEDED_KEY] = False


def _reset() -> None:
    """Reset button callback: every filter back to 'all'."""
    for field, key in WIDGET_KEYS.items():
        st.session_state[key] = "" if field == "text" else ([] if field != "meeting" else None)


def _seed_and_sanitise(dataset: Dataset, options: dict[str, dict[str, str]], default_meeting: str | None) -> None:
    state = st.session_state
    if not state.get(SEEDED_KEY):
        seed = Filters.from_query_params(_query_params(), dataset)
        for field, key in WIDGET_KEYS.items():
            value = getattr(seed, field)
            state[key] = list(value) if isinstance(value, tuple) else value
        state[SEEDED_KEY] = True
    # After a data edit, a remembered value may no longer exist: drop it rather than fail.
    for field, key in WIDGET_KEYS.items():
        if field == "meeting":
            if state.get(key) not in options["meeting"]:
                state[key] = default_meeting
        elif field != "text":
            state[key] = [v for v in state.get(key) or [] if v in options[field]]


def render_filters(dataset: Dataset) -> Filters:
    """Draw the sidebar filters and return the Filters they describe; the URL is updated to match."""
    options = filter_options(dataset)
    default_meeting = Filters().meeting_id(dataset)
    _seed_and_sanitise(dataset, options, default_meeting)
    with st.sidebar:
        st.header("Filters")
        if options["meeting"]:
            st.selectbox(
                LABELS["meeting"],
                list(options["meeting"]),
                format_func=options["meeting"].__getitem__,
                key=WIDGET_KEYS["meeting"],
            )
        st.text_input(LABELS["text"], key=WIDGET_KEYS["text"], max_chars=200, placeholder="e.g. Black Sea, Macron")
        for field in ("groups", "types", "statuses", "conditions", "domains", "confidence"):
            st.multiselect(
                LABELS[field],
                list(options[field]),
                format_func=options[field].__getitem__,
                key=WIDGET_KEYS[field],
                placeholder="All",
            )
        st.button("Reset filters", on_click=_reset, key="filter_reset", width="stretch")
    state = st.session_state
    meeting = state[WIDGET_KEYS["meeting"]]
    filters = Filters(
        meeting=None if meeting == default_meeting else meeting,
        text=(state[WIDGET_KEYS["text"]] or "").strip(),
        **{
            f: tuple(state[WIDGET_KEYS[f]])
            for f in ("groups", "types", "statuses", "conditions", "domains", "confidence")
        },
    )
    write_url(filters)
    return filters


def write_url(filters: Filters) -> None:
    """Make the filter keys of the address bar match filters; other keys (participant, slide) stay."""
    wanted = filters.to_query_params()
    for key in URL_KEYS.values():
        if key in wanted:
            if st.query_params.get_all(key) != [wanted[key]]:
                st.query_params[key] = wanted[key]
        elif key in st.query_params:
            del st.query_params[key]
