"""Overview: the meeting at a glance — key numbers, the map, who does what in brief, documents adopted."""

from dataclasses import replace

import streamlit as st

from summit.dates import meeting_days, partial_date_text
from summit.figures import type_bar_chart
from summit.i18n import _, format_day
from summit.overview import COUNTED, PLEDGES, key_numbers
from summit.scenarios import pledge_outcomes, scenario_name
from summit.tables import MATRIX_LEGEND, brief_matrix, matrix_table
from summit.vocabulary import OUTCOME_LABELS, Outcome
from summit_ui.cached import memo_chart
from summit_ui.context import page_context
from summit_ui.maps import render_map_block
from summit_ui.render import filter_link, render_chart, render_sentence, render_title, text_cell
from summit_ui.sidebar import open_page
from summit_ui.tables import translated_index

ctx = page_context()
if ctx.meeting is None:
    render_title(_("Summit dashboard"))
    st.info(_("The dataset has no meetings yet."))
    st.stop()
meeting = ctx.meeting.meeting
render_title(meeting.name)
st.text(
    _("{days} · {place} · data as of {day}").format(
        days=meeting_days(meeting), place=meeting.city or _("online"), day=format_day(ctx.dataset.info.as_of)
    )
)
render_sentence(ctx.describe(len(ctx.shown_pledges), "pledges and stances"), ctx.notes)

TILE_WIDTH = 168  # pixels: "23 of 33" and "Leaders present" whole; five fit a row at 1280 with the sidebar
numbers = key_numbers(ctx.dataset, ctx.meeting, ctx.shown_delegations, ctx.shown_pledges)


def list_link(container, rule: str, label: str, help_text: str | None = None) -> None:
    """A link to the records a figure counts: the same filters plus "counted as", on the page that lists them."""
    page = "pledges" if COUNTED[rule].frame == PLEDGES else "participants"
    if container.button(label, key=f"counted_{rule}", type="tertiary", help=help_text):
        open_page(f"app_pages/{page}.py", replace(ctx.filters, counted=rule))


# One tile per figure: the number, what it leaves out, and links to the records each counts. The tiles wrap
# onto a second row when the page is narrow (a tablet), so that no number is cut; the links follow the number.
tiles = st.container(horizontal=True, wrap=True, key="key_numbers")
for number in numbers:
    tile = tiles.container(border=True, width=TILE_WIDTH, height="stretch")
    tile.metric(number.label, number.value, number.note or None, delta_color="off", delta_arrow="off", help=number.help)
    list_link(tile, number.counts, _("List the {count} →").format(count=number.value.split(" ")[0]), number.help)
    if number.note_counts:  # "+4 reported, not confirmed" opens those 4
        list_link(tile, number.note_counts, _("List the {count} →").format(count=number.note.lstrip("+").split(",")[0]))

if ctx.filters.in_scenario:  # what the scenario leaves of the pledges counted above, each number a link
    results = pledge_outcomes(ctx.shown_pledges)
    name = scenario_name(ctx.dataset, ctx.filters.scenario_states) or _("the data as recorded")
    parts = [
        filter_link(ctx.filters, "pledges", f"{results[o]} {OUTCOME_LABELS[Outcome(o)].lower()}", counted="pledges",
                    outcomes=(o,))
        for o in results
    ]  # fmt: skip
    st.markdown(
        _("**In the scenario “{name}”**, of the pledges: {counts}").format(
            name=text_cell(name), counts=" · ".join(parts)
        )
    )

render_map_block(ctx, key="overview_map", with_controls=False, height=460)

left, right = st.columns([3, 2])
with left:
    if ctx.shown_pledge_types.empty:
        st.info(_("No pledges match the current filters."))
    else:
        chart = memo_chart(ctx, "types", lambda: type_bar_chart(ctx.dataset, ctx.shown_pledge_types, ctx.meeting_name))
        render_chart(chart, key="overview_types")
with right:
    st.subheader(_("Who does what, in brief"), anchor=False)
    matrix = matrix_table(ctx.dataset, ctx.shown_pledge_types, ctx.shown_delegations)
    if matrix.empty or not len(matrix.columns):
        st.info(_("No pledges or stances match the current filters."))
    else:
        st.dataframe(translated_index(brief_matrix(matrix)), width="stretch")
        st.caption("  ·  ".join(f"{mark} {_(meaning)}" for mark, meaning in MATRIX_LEGEND.items()))
    st.page_link("app_pages/matrix.py", label=_("Who does what, in full →"), query_params=ctx.filters.to_query_params())

if meeting.documents:
    st.subheader(_("Documents adopted"), anchor=False)
    for document in meeting.documents:
        with st.container(border=True):
            st.markdown(f"**{text_cell(document.title)}** — {partial_date_text(document.date)}")
            if document.summary:
                st.text(document.summary)
            if document.url:
                st.link_button(_("Read the text ↗"), document.url)
