"""Scenarios: which pledges stand if a condition fails, side by side with the data as recorded."""

from dataclasses import replace

import streamlit as st

from summit.filters import SCENARIO_FIELD
from summit.scenarios import SCENARIO_RULES, scenario_name, scenario_sentence, standing, tokens_of
from summit.tables import MATRIX_LEGEND, SCENARIO_LEGEND, matrix_table
from summit_ui.context import page_context
from summit_ui.maps import render_map_block
from summit_ui.render import filter_link, render_empty, render_sentence, render_title, text_cell
from summit_ui.sidebar import open_page

PAGE = "app_pages/scenarios.py"
CUSTOM = "custom"
PICK_KEY, PICKED_KEY = "scenario_pick", "scenario_picked"

ctx = page_context()
render_title(f"Scenarios — {ctx.meeting_name}")
states = ctx.filters.scenario_states
named = ctx.dataset.scenarios
current = next((i for i, s in named.items() if dict(s.conditions) == states), CUSTOM if states else "")
choices = {"": "None: the data as recorded"} | {i: s.name for i, s in named.items()}
if current == CUSTOM:
    choices[CUSTOM] = f"Built in the sidebar: {scenario_name(ctx.dataset, states)}"
# The picker shows the scenario in the filters (the sidebar may have changed it); picking one replaces them.
picked = st.session_state.pop(PICKED_KEY, None)
if picked is not None and picked != CUSTOM and picked != current:
    tokens = tokens_of(named[picked].conditions) if picked else ()
    open_page(PAGE, replace(ctx.filters, **{SCENARIO_FIELD: tokens}))
st.session_state[PICK_KEY] = current
choice = st.selectbox(
    "Scenario",
    list(choices),
    format_func=choices.__getitem__,
    key=PICK_KEY,
    on_change=lambda: st.session_state.__setitem__(PICKED_KEY, st.session_state[PICK_KEY]),
)
st.caption(
    "Or mark any condition of the data met, not met or open under “Scenario: conditions” in the sidebar; "
    "the address keeps the scenario, so a link shows the same view."
)
render_sentence(ctx.describe(len(ctx.shown_pledges), "pledges and stances"), ctx.notes)
if not states:
    st.info("Pick a scenario to see which pledges stand, which lapse and which are uncertain.")
    for scenario in named.values():
        st.markdown(f"- **{text_cell(scenario.name)}**: {text_cell(scenario.description or '')}")
    st.caption(text_cell(SCENARIO_RULES))
    st.stop()

name = scenario_name(ctx.dataset, states)
if choice in named and named[choice].description:
    st.caption(text_cell(named[choice].description))
rows = standing(ctx.dataset, ctx.shown_pledges)
if not rows:
    render_empty("pledges")
    st.stop()
for row in rows:
    if row.filter_key == "domains":
        st.markdown(f"**{text_cell(scenario_sentence(name, row))}**")


def link(row, outcome: str | None, count: int) -> str:
    """A number as a link to the pledges it counts: the same filters, the row's domain or type, the outcome
    (none: every pledge of the row, as recorded)."""
    outcomes = (outcome,) if outcome else ()
    return filter_link(ctx.filters, "pledges", count, **{row.filter_key: (row.filter_value,)}, counted="pledges",
                       outcomes=outcomes)  # fmt: skip


st.subheader("As recorded and in the scenario", anchor=False)
lines = [
    "| Pledges of | As recorded | Stand | Lapse | Uncertain | Participants still pledging |",
    "|---|---:|---:|---:|---:|---:|",
]
for row in rows:
    lines.append(
        f"| {text_cell(row.label)} | {link(row, None, row.pledges)} | {link(row, 'stands', row.stands)} | "
        f"{link(row, 'lapses', row.lapses)} | {link(row, 'uncertain', row.uncertain)} | "
        f"{row.participants_after} of {row.participants_before} |"
    )
st.markdown("\n".join(lines))
st.caption(
    "Each number opens the pledges it counts. Stances and third-party reports are not pledges; a refusal "
    "unless conditions are met shows on the map and in the grid. " + SCENARIO_RULES
)

render_map_block(ctx, key="scenario_map", scenario_first=True)

st.subheader("Who does what, in the scenario", anchor=False)
legend = {**MATRIX_LEGEND, **SCENARIO_LEGEND}
st.markdown("  ·  ".join(f"**{text_cell(mark)}** {meaning}" for mark, meaning in legend.items()))
matrix = matrix_table(ctx.dataset, ctx.shown_pledge_types, ctx.shown_delegations)
st.dataframe(matrix, width="stretch", height=min(900, 38 + 35 * len(matrix)))
