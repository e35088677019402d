"""Scenarios: which pledges stand if a condition fails, side by side with the data as recorded."""

from dataclasses import replace

import streamlit as st

from summit.filters import SCENARIO_FIELD
from summit.i18n import _
from summit.scenarios import SCENARIO_RULES, scenario_name, scenario_sentence, standing, tokens_of
from summit.tables import MATRIX_LEGEND, SCENARIO_LEGEND, matrix_table
from summit_ui.context import page_context
from summit_ui.maps import render_map_block
from summit_ui.render import filter_link, render_empty, render_sentence, render_title, text_cell
from summit_ui.sidebar import open_page
from summit_ui.tables import translated_index

PAGE = "app_pages/scenarios.py"
CUSTOM = "custom"
PICK_KEY, PICKED_KEY = "scenario_pick", "scenario_picked"

ctx = page_context()
render_title(_("Scenarios — {meeting}").format(meeting=ctx.meeting_name))
states = ctx.filters.scenario_states
named = ctx.dataset.scenarios
current = next((i for i, s in named.items() if dict(s.conditions) == states), CUSTOM if states else "")
choices = {"": _("None: the data as recorded")} | {i: s.name for i, s in named.items()}
if current == CUSTOM:
    choices[CUSTOM] = _("Built in the sidebar: {scenario}").format(scenario=scenario_name(ctx.dataset, states))
# The picker shows the scenario in the filters (the sidebar may have changed it); picking one replaces them.
picked = st.session_state.pop(PICKED_KEY, None)
if picked is not None and picked != CUSTOM and picked != current:
    tokens = tokens_of(named[picked].conditions) if picked else ()
    open_page(PAGE, replace(ctx.filters, **{SCENARIO_FIELD: tokens}))
st.session_state[PICK_KEY] = current
choice = st.selectbox(
    _("Scenario"),
    list(choices),
    format_func=choices.__getitem__,
    key=PICK_KEY,
    on_change=lambda: st.session_state.__setitem__(PICKED_KEY, st.session_state[PICK_KEY]),
)
st.caption(
    _(
        "Or mark any condition of the data met, not met or open under “Scenario: conditions” in the sidebar; "
        "the address keeps the scenario, so a link shows the same view."
    )
)
render_sentence(ctx.describe(len(ctx.shown_pledges), "pledges and stances"), ctx.notes)
if not states:
    st.info(_("Pick a scenario to see which pledges stand, which lapse and which are uncertain."))
    for scenario in named.values():
        st.markdown(f"- **{text_cell(scenario.name)}**: {text_cell(scenario.description or '')}")
    st.caption(text_cell(_(SCENARIO_RULES)))
    st.stop()

name = scenario_name(ctx.dataset, states)
if choice in named and named[choice].description:
    st.caption(text_cell(named[choice].description))
rows = standing(ctx.dataset, ctx.shown_pledges)
if not rows:
    render_empty(_("No pledges match the current filters."))
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


st.subheader(_("As recorded and in the scenario"), anchor=False)
headings = [_("Pledges of"), _("As recorded"), _("Stand"), _("Lapse"), _("Uncertain"), _("Participants still pledging")]
lines = ["| " + " | ".join(headings) + " |", "|---|---:|---:|---:|---:|---:|"]
for row in rows:
    still = _("{count} of {total}").format(count=row.participants_after, total=row.participants_before)
    lines.append(
        f"| {text_cell(row.label)} | {link(row, None, row.pledges)} | {link(row, 'stands', row.stands)} | "
        f"{link(row, 'lapses', row.lapses)} | {link(row, 'uncertain', row.uncertain)} | {still} |"
    )
st.markdown("\n".join(lines))
st.caption(
    _(
        "Each number opens the pledges it counts. Stances and third-party reports are not pledges; a refusal "
        "unless conditions are met shows on the map and in the grid."
    )
    + " "
    + _(SCENARIO_RULES)
)

render_map_block(ctx, key="scenario_map", scenario_first=True)

st.subheader(_("Who does what, in the scenario"), anchor=False)
legend = {**MATRIX_LEGEND, **SCENARIO_LEGEND}
st.markdown("  ·  ".join(f"**{text_cell(mark)}** {_(meaning)}" for mark, meaning in legend.items()))
matrix = matrix_table(ctx.dataset, ctx.shown_pledge_types, ctx.shown_delegations)
st.dataframe(translated_index(matrix), width="stretch", height=min(900, 38 + 35 * len(matrix)))
