"""Changes: what was added, upgraded, downgraded, withdrawn or revised between two moments, and what a meeting's
pledges became since."""

from dataclasses import replace

import streamlit as st

from summit.changes import (
    CHANGE_LABELS,
    CHANGE_RULE,
    CHANGED_KINDS,
    FOLLOW_THROUGH_COLUMNS,
    FOLLOW_THROUGH_RULE,
    ChangeKind,
    follow_through,
    follow_through_counts,
    previous_meeting_day,
    summary_text,
)
from summit.exports import table_csv
from summit.figures import follow_through_chart
from summit.filters import AS_OF, SINCE
from summit.i18n import N_, Messages, _, ngettext, translated_columns
from summit.maps import BORDER_NOTE, change_map_data, page_map
from summit.tables import COL_CODE, COL_ID, COL_SOURCES
from summit.versions import NoVersions
from summit_ui.changes import (
    CHANGE_PARAM,
    VERSION_PARAM,
    cached_versions,
    change_link,
    changes_between_days,
    changes_with_version,
    participant_list,
)
from summit_ui.context import page_context
from summit_ui.map_component import render_map
from summit_ui.render import render_chart, render_empty, render_sentence, render_title, table_height, text_cell
from summit_ui.sidebar import open_page
from summit_ui.tables import open_profile, render_record_table, render_selectable_table

PAGE = "app_pages/changes.py"
DAYS, VERSIONS = "days", "versions"
MODES = Messages({DAYS: N_("Two days or meetings"), VERSIONS: N_("A version of the data")})
PICKED_FROM, PICKED_TO = "changes_from_picked", "changes_to_picked"

ctx = page_context()
dataset = ctx.dataset
render_title(_("What changed"))

# A meeting picked as either end becomes the shared filter's day ('Changes since', 'As of'), so a link keeps it.
for picked_key, field in ((PICKED_FROM, SINCE), (PICKED_TO, AS_OF)):
    picked = st.session_state.pop(picked_key, None)
    if picked:
        ending = next(m.meeting for m in dataset.meetings if m.meeting.id == picked)
        open_page(PAGE, replace(ctx.filters, **{field: ending.end_date or ending.date}))

mode = st.segmented_control(
    _("Compare"), list(MODES), format_func=MODES.__getitem__, key="changes_mode",
    default=VERSIONS if VERSION_PARAM in st.query_params else DAYS,
) or DAYS  # fmt: skip

if mode == DAYS:
    st.query_params.pop(VERSION_PARAM, None)
    since = ctx.filters.since or previous_meeting_day(dataset)
    if since is None:
        st.info(_("The data holds a single meeting: set “Changes since” in the sidebar to compare two days."))
        st.stop()
    meetings = {"": _("Pick a meeting…")} | {m.meeting.id: m.meeting.short_name for m in reversed(dataset.meetings)}
    ends = zip(
        st.columns(2),
        (_("From the end of a meeting"), _("To the end of a meeting")),
        (PICKED_FROM, PICKED_TO),
        strict=True,
    )
    for column, label, picked_key in ends:
        column.selectbox(
            label, list(meetings), format_func=meetings.__getitem__, key=f"{picked_key}_box",
            on_change=lambda k=picked_key: st.session_state.__setitem__(k, st.session_state[f"{k}_box"]),
        )  # fmt: skip
    st.caption(_("Or set the two days in the sidebar: “Changes since” and “As of”. The address keeps them."))
    compared = changes_between_days(ctx, since)
else:
    versions = cached_versions(dataset.root)
    if isinstance(versions, NoVersions):
        st.info(versions.reason)
        st.stop()
    by_short = {v.short: v for v in versions}
    wanted = st.query_params.get(VERSION_PARAM)
    index = list(by_short).index(wanted) if wanted in by_short else min(1, len(versions) - 1)
    compare_label = ngettext(
        "Compare the data now with the version of ({n} version touched the data folder)",
        "Compare the data now with the version of ({n} versions touched the data folder)",
        len(versions),
    ).format(n=len(versions))
    short = st.selectbox(
        compare_label,
        list(by_short), index=index, format_func=lambda s: by_short[s].label, key="changes_version",
    )  # fmt: skip
    st.query_params[VERSION_PARAM] = short
    compared = changes_with_version(ctx, by_short[short])

if compared.error:
    st.error(compared.error)
    st.stop()
changes = compared.changes
render_sentence(
    ctx.filters.describe(dataset, len(changes), "pledges and stances", all_meetings=True),
    [summary_text(changes, compared.before, compared.after)],
)
with st.expander(_("How each kind of change is decided")):
    st.markdown(text_cell(_(CHANGE_RULE)))

kind_wanted = st.query_params.get(CHANGE_PARAM)
counted = [k for k in CHANGE_LABELS if k in CHANGED_KINDS]
tally = {k: sum(c.kind == k for c in changes) for k in counted}
lines = ["| " + _("Change") + " | " + _("Records") + " |", "|---|---:|"]
lines += [f"| {CHANGE_LABELS[k]} | {change_link(ctx, tally[k], k)} |" for k in counted]
lines.append(f"| {CHANGE_LABELS[ChangeKind.UNCHANGED]} | {sum(c.kind == ChangeKind.UNCHANGED for c in changes)} |")
st.markdown("\n".join(lines))
st.caption(_("Each number opens the list below with those records only."))

listed = [c for c in changes if c.kind in CHANGED_KINDS and (kind_wanted is None or c.kind == kind_wanted)]
map_column, list_column = st.columns([3, 2])
with map_column:
    shown = change_map_data(dataset, changes)
    if shown.states.empty:
        render_empty(_("No participating states match the current filters."))
    else:
        drawn = page_map(shown, "europe", dataset)
        selected = render_map(
            drawn.payload, key="changes_map", title=_("Participants by kind of change"), alt=drawn.alt,
            source=drawn.source, height=560,
        )  # fmt: skip
        if selected:
            open_profile(selected)
        st.caption(text_cell(f"{_(BORDER_NOTE)} {drawn.alt} {drawn.source}"))
with list_column:
    st.markdown("**" + _("Every participant, in the map's order") + "**")
    people = participant_list(dataset, changes)
    render_selectable_table(people, key="changes_participants", height=table_height(people, max_rows=13))

title = (
    _("{kind} records").format(kind=CHANGE_LABELS[ChangeKind(kind_wanted)])
    if kind_wanted in CHANGE_LABELS
    else _("Every change")
)
st.subheader(_("{list}: {n}").format(list=title, n=len(listed)), anchor=False)
table = compared.table(listed)
if table.empty:
    render_empty(_("No changes match the current filters."))
else:
    chosen = [c for c in table.columns if c not in (COL_CODE, COL_ID, COL_SOURCES)]  # every source: in the CSV
    render_record_table(table, "changes_table", chosen=chosen)
    st.download_button(
        _("Download the change list (CSV)"), table_csv(translated_columns(table)), file_name="changes.csv",
        mime="text/csv", icon=":material/download:", key="changes_csv",
    )  # fmt: skip

if ctx.meeting is not None:
    meeting = ctx.meeting.meeting
    st.subheader(text_cell(_("Follow-through of {meeting}").format(meeting=meeting.short_name)), anchor=False)
    rows = follow_through(dataset, meeting.id)
    if rows.empty:
        render_empty(_("No pledges made at this meeting match the current filters."))
    else:
        counts = follow_through_counts(rows)
        render_chart(follow_through_chart(dataset, counts, meeting.short_name), key="follow_through_chart")
        st.caption(text_cell(_(FOLLOW_THROUGH_RULE)))
        shown_rows = rows[FOLLOW_THROUGH_COLUMNS]
        chosen = [c for c in FOLLOW_THROUGH_COLUMNS if c not in (COL_CODE, COL_ID)]
        render_record_table(shown_rows, "follow_through_table", chosen=chosen)
