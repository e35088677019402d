"""The briefing's slides, built once from the data and the filters, in presenting order.

Each kind of slide is one row of SLIDE_BUILDERS; build_briefing runs them in order. A builder gives no
slide when it has nothing to show, so the briefing never spends a slide saying that something is not
recorded; only the title and the sources are always there. Text is fitted to the slide's boxes here
(summit.briefing.layout, summit.briefing.text), so every rendering shows all of it; text too long for its
box ends on a whole sentence and says where the rest is (summit.briefing.text.CUT_RULE).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace

import pandas as pd

from summit import frames as F
from summit.briefing.layout import DocumentInfo, Slide, slide_layout, subtitle_px, title_px
from summit.briefing.text import (
    FOOTER_PX,
    SUBTITLE_MIN_PX,
    SUBTITLE_PX,
    TITLE_MIN_PX,
    TITLE_PX,
    bullets_height,
    chars_per_line,
    fit_line,
    fit_size,
    fit_table,
    name_list,
    paginate,
    shorten,
    whole_sentences,
)
from summit.briefing.theme import PROJECTOR_SCALE, projector_chart
from summit.changes import change_line, changes_since, summary_text
from summit.dataset import Dataset
from summit.dates import headcount_text, meeting_days
from summit.figures import type_bar_chart
from summit.filters import FilteredRows, Filters
from summit.frames import Frames
from summit.i18n import N_, _, collation_key, format_day, ngettext, translated_columns
from summit.maps import BORDER_NOTE, build_map_data, map_chart
from summit.overview import key_numbers, leaders_present
from summit.scenarios import SCENARIO_RULES, scenario_name, scenario_sentence, standing
from summit.tables import MATRIX_LEGEND, PLEDGE_MARKS, SCENARIO_MARKS, WITHDRAWN_MARK, matrix_table, pledge_mark
from summit.vocabulary import STATUS_LABELS, Attendance, Confidence, ParticipantKind, Status

MAX_BAR_TYPES = 12
SPOTLIGHTS = 3
# Descriptions on spotlight slides keep the whole sentences that fit in this many characters (the notes
# keep them whole), so that a participant's records share the slide.
SPOTLIGHT_CHARS = 240
# The meeting's summary on the opening slide: the whole sentences that fit in this many characters.
SUMMARY_CHARS = 500
# Where the full text is, said after the whole sentences of a text too long for its slide (CUT_RULE).
# Each names a page of the dashboard that shows that text in full.
SUMMARY_REST = N_("Full summary on the dashboard's Timeline page.")
DESCRIPTION_REST = N_("Full text on the participant's profile page.")
QUESTION_REST = N_("Full text on the Sources & method page.")
CHANGES_REST = N_("Every change, with its sources, on the dashboard's Changes page.")
DISPUTED_REST = N_("Both claims in full in the data files (whole dataset download, Pledges page).")
CITATION_REST = N_("Full citation on the Sources & method page.")
MAX_SOURCES = 8
# A word or two per mark of MATRIX_LEGEND, so the legend fits a subtitle line.
LEGEND_WORDS = (
    N_("lead"), N_("pledge"), N_("conditional"), N_("considering"), N_("reported"), N_("willing if"),
    N_("position"), N_("refused for now"), N_("ruled out"), N_("withdrawn"),
)  # fmt: skip

# The filtered rows the slides are built from: the same as the pages'.
View = FilteredRows


def build_view(dataset: Dataset, frames: Frames, filters: Filters) -> View:
    """Apply the filters the way every page does."""
    return filters.rows(dataset, frames)


def as_of_text(dataset: Dataset) -> str:
    """'Data as of 28 February 2026'."""
    return _("Data as of {day}").format(day=format_day(dataset.info.as_of))


def view_sentence(dataset: Dataset, filters: Filters, view: View) -> str:
    """The filters in the sentence every page shows: on the opening slide and in the handouts' properties."""
    return filters.describe(dataset, len(view.pledges), "pledges and stances")


def document_info(dataset: Dataset, filters: Filters, view: View) -> DocumentInfo:
    """The handouts' document properties: the briefing's title, the dataset's maintainer, the filters."""
    meeting = view.meeting.meeting if view.meeting else None
    title = (
        _("Briefing: {meeting} ({days})").format(meeting=meeting.name, days=meeting_days(meeting))
        if meeting
        else _("Briefing: {title}").format(title=dataset.info.title)
    )
    keywords = (_("briefing"), *((meeting.short_name,) if meeting else ()), as_of_text(dataset))
    return DocumentInfo(
        title=title,
        author=dataset.info.maintainer,
        subject=view_sentence(dataset, filters, view),
        keywords=keywords,
        comments=_("Cite as: {citation}").format(citation=dataset.info.citation),
    )


def build_briefing(dataset: Dataset, frames: Frames, filters: Filters, view: View | None = None) -> list[Slide]:
    """The slides for the current filters, in presenting order.

    view: the rows these filters select, when the caller has them already (the app applies the filters once
    per rerun); worked out here otherwise.
    """
    view = view if view is not None else build_view(dataset, frames, filters)
    footer = as_of_text(dataset) + (f" · {view.meeting.meeting.short_name}" if view.meeting else "")
    return [
        _finish(slide, footer)
        for builder in SLIDE_BUILDERS
        if view.meeting is not None or not builder.needs_meeting
        for slide in builder.build(dataset, filters, view)
    ]


def _finish(slide: Slide, footer: str) -> Slide:
    """Titles and subtitles fitted to one line each by their type size (the opening title may take two), the
    footer cut to one line."""
    layout = slide_layout(slide)
    opening = slide.kind == "title"
    title, title_size = fit_line(
        slide.title, layout.title.w, title_px(slide), TITLE_PX if opening else TITLE_MIN_PX, 2 if opening else 1
    )
    subtitle, subtitle_size = fit_line(
        slide.subtitle, layout.title.w, subtitle_px(slide), SUBTITLE_PX if opening else SUBTITLE_MIN_PX
    )
    return replace(
        slide,
        title=title,
        title_size=title_size,
        subtitle=subtitle,
        subtitle_size=subtitle_size,
        footer=shorten(footer, chars_per_line(layout.footer.w, FOOTER_PX)),
    )


# --- the slides, one builder per kind -------------------------------------------------------------


def _title_slides(dataset: Dataset, filters: Filters, view: View) -> list[Slide]:
    if view.meeting is None:
        return [
            Slide(
                "title",
                dataset.info.title,
                as_of_text(dataset),
                (_("The dataset has no meetings yet, so there is nothing to brief on."),),
                kind="title",
            )
        ]
    meeting = view.meeting.meeting
    place = meeting.city or _("online")
    sentence = view_sentence(dataset, filters, view)
    box = slide_layout(Slide("title", meeting.name, "date", ("text",), kind="title")).bullets
    assert box is not None
    summary = whole_sentences(
        meeting.summary,
        lambda text: len(text) <= SUMMARY_CHARS and bullets_height((sentence, text), box.w) <= box.h,
        _(SUMMARY_REST),
    )
    return [
        Slide(
            "title",
            meeting.name,
            f"{meeting_days(meeting)} · {place} · {as_of_text(dataset)}",
            (sentence, summary),
            notes=f"{meeting.summary}\n\n{meeting.outcome or ''}".strip(),
            kind="title",
        )
    ]


def _numbers_slides(dataset: Dataset, filters: Filters, view: View) -> list[Slide]:
    assert view.meeting is not None
    numbers = key_numbers(dataset, view.meeting, view.delegations, view.pledges)
    table = pd.DataFrame({N_("Figure"): [n.label for n in numbers], N_("Value"): [n.text for n in numbers]})
    bullets = []
    reported, expected = view.meeting.meeting.reported_counts, view.meeting.meeting.expected_counts
    if reported is not None:
        # English has always said "delegations" whatever the count: both forms stay that.
        n = len(view.delegations)
        bullets.append(
            ngettext(
                "Sources report {headcount} taking part; the figures count the {n} delegations identified in the "
                "current view.",
                "Sources report {headcount} taking part; the figures count the {n} delegations identified in the "
                "current view.",
                n,
            ).format(headcount=headcount_text(reported), n=n)
        )
    if expected is not None:
        bullets.append(
            _("Expected before the meeting: {headcount}.").format(headcount=headcount_text(expected, say_missing=False))
        )
    slide = Slide(
        "numbers",
        _("Key numbers"),
        view.meeting.meeting.short_name,
        tuple(bullets),
        table=translated_columns(table),
        table_widths=(0.5, 0.5),
        notes="\n".join(f"{n.label}: {n.text}. {n.help}" for n in numbers),
        kind="numbers",
    )
    return [slide]


def _scenario_slides(dataset: Dataset, filters: Filters, view: View) -> list[Slide]:
    """When a scenario is set: what stands, lapses or is uncertain, on land, at sea, in the air and per type."""
    if not filters.in_scenario or F.OUTCOME not in view.pledges.columns:
        return []
    name = scenario_name(dataset, filters.scenario_states) or _("The data as recorded")
    rows = standing(dataset, view.pledges)
    if not rows:
        return []
    table = pd.DataFrame(
        {
            N_("Pledges of"): [r.label for r in rows],
            N_("Pledges"): [r.pledges for r in rows],
            N_("Stand"): [r.stands for r in rows],
            N_("Lapse"): [r.lapses for r in rows],
            N_("Uncertain"): [r.uncertain for r in rows],
            N_("Still pledging"): [
                _("{after} of {before}").format(after=r.participants_after, before=r.participants_before) for r in rows
            ],
        }
    )
    table = translated_columns(table)
    domains = [scenario_sentence(name, r) for r in rows if r.filter_key == "domains"]
    bullets = tuple(domains[:1])
    widths = (0.34, 0.12, 0.12, 0.12, 0.14, 0.16)
    notes = "\n".join([*domains, _(SCENARIO_RULES)])
    subtitle = _("What stands if the conditions turn out so")
    title = _("Scenario: {name}").format(name=name)
    slide = Slide("scenario", title, subtitle, bullets, table=table, table_widths=widths, notes=notes)
    fitted, bullets = _fit_with_note(
        slide,
        lambda shown, rest: ngettext(
            "{rest} more rows on the Scenarios page.", "{rest} more rows on the Scenarios page.", rest
        ).format(rest=rest),
    )
    return [replace(slide, table=fitted, bullets=bullets)]


def _map_slides(dataset: Dataset, filters: Filters, view: View) -> list[Slide]:
    if view.delegations.empty:
        return []
    title = _("Who took part")
    data = build_map_data(dataset, view.delegations, view.pledge_types, "pledges")
    organisations = data.organisations[F.NAME].tolist()
    states = len(data.states)
    # English has always said "states" and "delegations" whatever the count: both forms stay that.
    bullets = [
        ngettext(
            "{n} state on the map, shaded by its number of pledges.",
            "{n} states on the map, shaded by their number of pledges.",
            states,
        ).format(n=states)
    ]
    if organisations:
        bullets.append(_("Not on the map: {names}.").format(names=name_list(organisations, 160)))
    leaders, unconfirmed = leaders_present(view.delegations)
    n = len(view.delegations)
    if unconfirmed:
        led = ngettext(
            "{leaders} of {n} delegations led in person or by video by a named head of state or government; "
            "{unconfirmed} more at that level unconfirmed.",
            "{leaders} of {n} delegations led in person or by video by a named head of state or government; "
            "{unconfirmed} more at that level unconfirmed.",
            n,
        )
    else:
        led = ngettext(
            "{leaders} of {n} delegations led in person or by video by a named head of state or government.",
            "{leaders} of {n} delegations led in person or by video by a named head of state or government.",
            n,
        )
    bullets.append(led.format(leaders=leaders, n=n, unconfirmed=unconfirmed))
    bullets.append(
        _("Crimea is shown as part of Ukraine (UN General Assembly resolution 68/262). Grey: not taking part.")
    )
    subtitle = _("Participants by number of pledges")
    chart = map_chart(data, "europe", dataset, scale=PROJECTOR_SCALE)
    layout = slide_layout(Slide("map", title, subtitle, tuple(bullets), chart=chart))
    assert layout.chart is not None and layout.bullets is not None
    chart = projector_chart(chart, layout.chart)
    shown = paginate(bullets, layout.bullets.w, layout.bullets.h, _("Full list on the Participants page."))[0]
    return [Slide("map", title, subtitle, shown, chart=chart, notes=f"{chart.alt} {_(BORDER_NOTE)}")]


def _types_slides(dataset: Dataset, filters: Filters, view: View) -> list[Slide]:
    pledged = view.pledge_types[view.pledge_types[F.IS_PLEDGE]]
    if pledged.empty:
        return []
    title = _("Pledges by commitment type")
    counts = pledged.groupby(F.TYPE)[F.PLEDGE].nunique().sort_values(ascending=False, kind="stable")
    kept = list(counts.index[:MAX_BAR_TYPES])
    conditional = int(view.pledges[view.pledges[F.IS_PLEDGE]][F.IS_CONDITIONAL].sum())
    total = int(view.pledges[F.IS_PLEDGE].sum())
    # English has always said "pledges" and "types" whatever the count: both forms stay that.
    subtitle = ngettext(
        "{total} pledges, {conditional} of them conditional (hatched)",
        "{total} pledges, {conditional} of them conditional (hatched)",
        total,
    ).format(total=total, conditional=conditional)
    if len(counts) > len(kept):
        subtitle += ngettext(
            "; the {kept} most frequent of {n} types", "; the {kept} most frequent of {n} types", len(counts)
        ).format(kept=len(kept), n=len(counts))
    meeting_name = view.meeting.meeting.short_name if view.meeting else ""
    chart = type_bar_chart(
        dataset, view.pledge_types[view.pledge_types[F.TYPE].isin(kept)], meeting_name, scale=PROJECTOR_SCALE
    )
    stub = Slide("types", title, subtitle, chart=chart)
    chart = projector_chart(chart, slide_layout(stub).chart)  # type: ignore[arg-type]
    return [Slide("types", title, subtitle, chart=chart, notes=chart.alt)]


def _who_slides(dataset: Dataset, filters: Filters, view: View) -> list[Slide]:
    matrix = matrix_table(dataset, view.pledge_types, view.delegations)
    if matrix.empty or not len(matrix.columns):
        return []
    title = _("Who does what")
    # Every mark, but the withdrawn one only when the grid draws it (the line holds nine at its smallest size).
    drawn = WITHDRAWN_MARK in "".join(str(v) for v in matrix.to_numpy().ravel())
    legend = [(m, w) for m, w in zip(MATRIX_LEGEND, LEGEND_WORDS, strict=True) if m != WITHDRAWN_MARK or drawn]
    subtitle = " · ".join(f"{mark} {_(word)}" for mark, word in legend)
    labels = {t.short_label: t.label for t in dataset.commitment_types.values()}
    rows = []
    names = list(matrix.index)
    for column in matrix.columns:
        marked = [(name, marks) for name, marks in zip(names, matrix[column].tolist(), strict=True) if marks != ""]
        # Lead roles first, then pledges, then the rest, in the legend's order of marks.
        # In a scenario a mark may be bracketed or questioned: order by the mark itself.
        legend = list(MATRIX_LEGEND)
        order = sorted(
            marked, key=lambda item: (legend.index(next(c for c in item[1] if c in legend)), item[0].casefold())
        )
        rows.append(
            {
                N_("Commitment type"): labels.get(column, column),
                # Stances (positions and refusals) are listed, not counted: they are no part in the commitment.
                # In a scenario, a lapsed "(●)" or uncertain "●?" pledge is not counted.
                N_("Pledging"): sum(any(m in PLEDGE_MARKS for m in marks.split(" ")) for _name, marks in marked),
                N_("Who"): name_list([f"{marks} {name}" for name, marks in order], 140),
            }
        )
    table = pd.DataFrame(rows).sort_values("Pledging", ascending=False, kind="stable", ignore_index=True)
    table = translated_columns(table)
    widths = (0.26, 0.12, 0.62)
    scenario = ()
    if F.OUTCOME in view.pledge_types.columns:
        marks = ", ".join(f"{mark} {words}" for mark, words in SCENARIO_MARKS.items())
        scenario = (_("In the scenario: {marks}; Pledging counts what stands.").format(marks=marks),)
    fitted, bullets = _fit_with_note(
        Slide("who", title, subtitle, scenario, table=table, table_widths=widths),
        lambda shown, rest: ngettext(
            "The {shown} types with most pledging; {rest} more on the Who does what page.",
            "The {shown} types with most pledging; {rest} more on the Who does what page.",
            shown,
        ).format(shown=shown, rest=rest),
    )
    notes = "\n".join(f"{r['Commitment type']}: {r['Who']}" for r in rows)
    return [Slide("who", title, subtitle, bullets, table=fitted, table_widths=widths, notes=notes)]


def _fit_with_note(slide: Slide, note) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """The rows of the slide's table that fit, and its bullets plus note(shown, rest) when rows are left off."""
    assert slide.table is not None
    box = slide_layout(slide).table
    assert box is not None
    fitted, left_off = fit_table(slide.table, slide.table_widths, box.w, box.h)
    if not left_off:
        return fitted, slide.bullets
    # The note takes room from the table: fit again with it, until the count it states is right.
    shown = len(fitted)
    while True:
        bullets = (*slide.bullets, note(shown, len(slide.table) - shown))
        box = slide_layout(replace(slide, bullets=bullets)).table
        assert box is not None
        fitted, _left_off = fit_table(slide.table, slide.table_widths, box.w, box.h)
        if len(fitted) >= shown or shown == 0:
            return fitted.head(shown), bullets
        shown = len(fitted)


def _leads_slides(dataset: Dataset, filters: Filters, view: View) -> list[Slide]:
    types = view.pledge_types
    leads = types[types[F.IS_LEAD]]
    if leads.empty:
        return []
    title = _("Lead nations per component")
    leaders: dict[str, set[str]] = defaultdict(set)
    contributors: dict[str, set[str]] = defaultdict(set)
    pledged_types = set()
    columns = (types[F.TYPE], types[F.NAME], types[F.IS_LEAD], types[F.IS_PLEDGE])
    for type_id, name, lead, pledge in zip(*columns, strict=True):
        if lead:
            leaders[type_id].add(name)
        elif pledge:
            contributors[type_id].add(name)
        if pledge:
            pledged_types.add(type_id)
    rows = []
    for kind in dataset.commitment_types.values():
        if kind.id not in leaders:
            continue
        others = sorted(contributors[kind.id] - leaders[kind.id])
        rows.append(
            {
                N_("Component"): kind.label,
                N_("Lead"): ", ".join(sorted(leaders[kind.id], key=str.casefold)),
                N_("Also contributing"): name_list(others, 110) if others else _("none recorded"),
            }
        )
    unled = [kind.short_label for kind in dataset.commitment_types.values() if kind.id in pledged_types - set(leaders)]
    bullets = (_("No lead recorded for: {types}.").format(types=", ".join(unled)),) if unled else ()
    table = translated_columns(pd.DataFrame(rows))
    widths = (0.32, 0.24, 0.44)
    subtitle = _("Where the sources name who leads")
    fitted, bullets = _fit_with_note(
        Slide("leads", title, subtitle, bullets, table=table, table_widths=widths),
        lambda shown, rest: ngettext(
            "{rest} more components with a lead on the Who does what page.",
            "{rest} more components with a lead on the Who does what page.",
            rest,
        ).format(rest=rest),
    )
    return [Slide("leads", title, subtitle, bullets, table=fitted, table_widths=widths)]


def _conditions_slides(dataset: Dataset, filters: Filters, view: View) -> list[Slide]:
    pledged = view.pledges[view.pledges[F.IS_PLEDGE]]
    conditional = pledged[pledged[F.IS_CONDITIONAL]]
    if conditional.empty:
        return []
    title = _("What depends on what")
    # English has always said "pledges" whatever the count: both forms stay that.
    subtitle = ngettext(
        "{n} of {total} pledges depends on a condition", "{n} of {total} pledges depend on a condition", len(pledged)
    ).format(n=len(conditional), total=len(pledged))
    # The statuses at which a pledge no longer waits on a condition (e.g. approved, for a vote in parliament).
    satisfied = {condition.id: set(map(str, condition.satisfied_by)) for condition in dataset.conditions.values()}
    pledges: Counter[str] = Counter()  # condition id → pledges that depend on it
    who: dict[str, set[str]] = defaultdict(set)  # condition id → names still waiting on it
    for conditions, name, status in zip(
        conditional[F.CONDITIONS], conditional[F.NAME], conditional[F.STATUS], strict=True
    ):
        for condition_id in set(conditions):
            pledges[condition_id] += 1
            if status not in satisfied.get(condition_id, ()):
                who[condition_id].add(name)
    rows = [
        {
            N_("Condition"): condition.label,
            N_("Pledges"): pledges[condition.id],
            N_("Who"): name_list(sorted(who[condition.id], key=collation_key), 150) or "—",
        }
        for condition in dataset.conditions.values()
        if pledges[condition.id]
    ]
    table = pd.DataFrame(rows).sort_values("Pledges", ascending=False, kind="stable", ignore_index=True)
    table = translated_columns(table)
    widths = (0.28, 0.12, 0.60)
    fitted, bullets = _fit_with_note(
        Slide("conditions", title, subtitle, table=table, table_widths=widths),
        lambda shown, rest: ngettext(
            "{rest} less frequent conditions on the Pledges page (filter by Condition).",
            "{rest} less frequent conditions on the Pledges page (filter by Condition).",
            rest,
        ).format(rest=rest),
    )
    notes = "\n".join(
        f"{name}: {labels}" + (f" ({note})" if note else "")
        for name, labels, note in conditional[[F.NAME, F.CONDITION_LABELS, F.CONDITION_NOTE]].itertuples(index=False)
    )
    return [Slide("conditions", title, subtitle, bullets, table=fitted, table_widths=widths, notes=notes)]


def _changes_slides(dataset: Dataset, filters: Filters, view: View) -> list[Slide]:
    """What changed since the 'Changes since' day (or the meeting before the latest one), across the meetings,
    by summit.changes.CHANGE_RULE; none when nothing changed or the data holds one meeting."""
    since = changes_since(dataset, None, filters)
    if since is None or not since.changes:
        return []
    title = _("What changed since {day}").format(day=since.label)
    # After "From … to …: " (a translation may word it otherwise: then the whole summary).
    subtitle = summary_text(since.changes, since.label, format_day(dataset.info.as_of)).split(": ", 1)[-1]
    subtitle = subtitle.split(";")[0]  # '12 records changed (9 added, 1 upgraded, 2 revised or corrected)'
    bullets = [change_line(c) for c in since.changes]
    notes = "\n".join(f"{change_line(c)} [{', '.join(c.sources)}]" for c in since.changes)
    return _paged("changes", title, subtitle, bullets, _(CHANGES_REST), notes)


def _paged(key: str, title: str, subtitle: str, bullets: list[str], rest: str, notes: str = "") -> list[Slide]:
    """Bullets over as many slides as they need; rest: where the full text of a bullet too long for one is."""
    box = slide_layout(Slide(key, title, subtitle, ("x",))).bullets
    assert box is not None
    pages = paginate(bullets, box.w, box.h, rest)
    if len(pages) == 1:
        return [Slide(key, title, subtitle, pages[0], notes=notes)]
    return [
        Slide(f"{key}-{n}", f"{title} ({n}/{len(pages)})", subtitle, page, notes=notes)
        for n, page in enumerate(pages, start=1)
    ]


def _questions_slides(dataset: Dataset, filters: Filters, view: View) -> list[Slide]:
    assert view.meeting is not None
    questions = list(view.meeting.meeting.open_questions)
    if not questions:
        return []
    notes = "\n\n".join(questions)
    title, subtitle = _("Open questions"), _("What the sources leave open")
    return _paged("questions", title, subtitle, questions, _(QUESTION_REST), notes)


def _disputed_slides(dataset: Dataset, filters: Filters, view: View) -> list[Slide]:
    assert view.meeting is not None
    records = {p.id: p for p in view.meeting.pledges}
    short = {t.id: t.short_label for t in dataset.commitment_types.values()}
    bullets = []
    disputed = view.pledges[view.pledges[F.CONFIDENCE] == str(Confidence.DISPUTED)]
    for row in disputed[[F.PLEDGE, F.NAME]].itertuples():
        pledge = records.get(getattr(row, F.PLEDGE))
        if pledge is None:
            continue
        claims = _(" — versus — ").join(f"“{c.claim}”" for c in pledge.disputed_claims)
        kinds = ", ".join(short[t] for t in pledge.types)
        bullets.append(f"{getattr(row, F.NAME)} ({kinds}): {claims}")
    shown = set(view.delegations[F.PARTICIPANT])
    for delegation in view.meeting.delegations:
        if delegation.confidence == Confidence.DISPUTED and delegation.participant in shown:
            claims = _(" — versus — ").join(f"“{c.claim}”" for c in delegation.disputed_claims)
            name = view.delegations.loc[view.delegations[F.PARTICIPANT] == delegation.participant, F.NAME].iloc[0]
            bullets.append(_("{name} (delegation): {claims}").format(name=name, claims=claims))
    if not bullets:
        return []
    notes = "\n\n".join(bullets)
    title, subtitle = _("Disputed figures"), _("Where sources disagree")
    return _paged("disputed", title, subtitle, bullets, _(DISPUTED_REST), notes)


def _spotlight_slides(dataset: Dataset, filters: Filters, view: View) -> list[Slide]:
    # The coalition as a whole is not a participant to put in the spotlight.
    pledges = view.pledges
    pledged = pledges[pledges[F.IS_PLEDGE] & (pledges[F.KIND] != str(ParticipantKind.COLLECTIVE))]
    if pledged.empty:
        return []
    counts = Counter(pledged[F.PARTICIPANT])
    names = dict(zip(pledged[F.PARTICIPANT], pledged[F.NAME], strict=True))
    top = sorted(counts, key=lambda code: (-counts[code], collation_key(str(names[code]))))[:SPOTLIGHTS]
    return [_spotlight(dataset, view, code, str(names[code])) for code in top]


SPOTLIGHT_COLUMNS = [
    F.PLEDGE, F.IS_STANCE, F.TYPES, F.LEAD_FOR, F.STATUS, F.STATUS_LABEL, F.IS_CONDITIONAL, F.DESCRIPTION,
    F.CONDITION_LABELS,
]  # fmt: skip


def _spotlight(dataset: Dataset, view: View, code: str, name: str) -> Slide:
    delegation = view.delegations[view.delegations[F.PARTICIPANT] == code]
    heads = ""
    if delegation.empty:
        subtitle = _("No delegation recorded in the current view")
    else:
        row = delegation.iloc[0]
        heads = row[F.HEADS]
        attendance = row[F.ATTENDANCE_LABEL].lower() if row[F.ATTENDANCE] != str(Attendance.UNKNOWN) else ""
        subtitle = " · ".join(p for p in (heads, attendance) if p)
        width = slide_layout(Slide("spotlight", name, subtitle)).title.w
        if fit_size(subtitle, width, SUBTITLE_PX, SUBTITLE_MIN_PX) is None:
            # Too long for the line with their titles: the heads' names (the notes keep the titles).
            room = chars_per_line(width, SUBTITLE_MIN_PX) - len(attendance) - 3
            subtitle = " · ".join(p for p in (name_list(list(row[F.HEAD_NAMES]), room), attendance) if p)
    short = {t.id: t.short_label for t in dataset.commitment_types.values()}
    # Only the columns used: a row of every column costs a copy of each (itertuples).
    records = view.pledges.loc[view.pledges[F.PARTICIPANT] == code, SPOTLIGHT_COLUMNS]
    bullets, full = [], []
    for row in records.sort_values([F.IS_STANCE, F.PLEDGE]).itertuples():
        types = getattr(row, F.TYPES)
        lead = bool(set(getattr(row, F.LEAD_FOR)))
        mark = pledge_mark(getattr(row, F.STATUS), getattr(row, F.IS_CONDITIONAL), lead)
        kinds = ", ".join(short[t] for t in types)
        description = whole_sentences(
            getattr(row, F.DESCRIPTION), lambda text: len(text) <= SPOTLIGHT_CHARS, _(DESCRIPTION_REST)
        )
        text = f"{mark} {kinds} — {STATUS_LABELS[Status(getattr(row, F.STATUS))]}: {description}"
        labels = getattr(row, F.CONDITION_LABELS)
        condition = " " + _("(Condition: {conditions})").format(conditions=labels) if labels else ""
        bullets.append(text + condition)
        full.append(f"{kinds} — {getattr(row, F.STATUS_LABEL)}: {getattr(row, F.DESCRIPTION)}{condition}")
    key = f"spotlight-{code.lower()}"
    title = _("Spotlight: {name}").format(name=name)
    box = slide_layout(Slide(key, title, subtitle, ("x",))).bullets
    assert box is not None
    pages = paginate(bullets, box.w, box.h, _(DESCRIPTION_REST))
    shown = list(pages[0])
    if len(pages) > 1:
        note = _more_on_profile(len(bullets) - len(shown))
        while shown and bullets_height((*shown, note), box.w) > box.h:
            shown.pop()
            note = _more_on_profile(len(bullets) - len(shown))
        shown.append(note)
    notes = "\n\n".join([_("Heads of delegation: {heads}").format(heads=heads) if heads else "", *full]).strip()
    return Slide(key, title, subtitle, tuple(shown), notes=notes)


def _more_on_profile(rest: int) -> str:
    """'… and 4 more on the participant's profile page.'"""
    return ngettext(
        "… and {rest} more on the participant's profile page.",
        "… and {rest} more on the participant's profile page.",
        rest,
    ).format(rest=rest)


def _sources_slides(dataset: Dataset, filters: Filters, view: View) -> list[Slide]:
    title = _("Sources")
    cited: Counter[str] = Counter()
    for column in (view.pledges[F.SOURCE_IDS], view.delegations[F.SOURCE_IDS]):
        for ids in column:
            cited.update(ids)
    if view.meeting is not None:
        cited.update(view.meeting.meeting.sources)
    bullets = (
        _("Cite as: {citation}").format(
            citation=whole_sentences(dataset.info.citation, lambda text: len(text) <= 200, _(CITATION_REST))
        ),
        _("Licence: {licence}. Every record cites its sources; check them before quoting a figure.").format(
            licence=dataset.info.licence
        ),
    )
    if not cited:
        return [
            Slide("sources", title, as_of_text(dataset), (_("No records in the current view cite a source."), *bullets))
        ]
    top = sorted(cited, key=lambda s: (-cited[s], dataset.sources[s].publisher.casefold()))[:MAX_SOURCES]
    table = pd.DataFrame(
        [
            {
                N_("Publisher"): dataset.sources[s].publisher,
                N_("Title"): shorten(dataset.sources[s].title, 90),
                N_("Published"): dataset.sources[s].published or "—",
                N_("Records"): cited[s],
            }
            for s in top
        ]
    )
    table = translated_columns(table)
    widths = (0.22, 0.52, 0.14, 0.12)
    # English has always said "sources" whatever the count: both forms stay that.
    subtitle = ngettext(
        "The most cited of the {n} sources behind this view · {as_of}",
        "The most cited of the {n} sources behind this view · {as_of}",
        len(cited),
    ).format(n=len(cited), as_of=as_of_text(dataset))
    box = slide_layout(Slide("sources", title, subtitle, bullets, table=table, table_widths=widths)).table
    assert box is not None
    fitted, _left_off = fit_table(table, widths, box.w, box.h)
    notes = "\n".join(
        f"{dataset.sources[s].publisher}: {dataset.sources[s].title} {dataset.sources[s].url}" for s in top
    )
    return [Slide("sources", title, subtitle, bullets, table=fitted, table_widths=widths, notes=notes)]


# --- the briefing: one row per kind of slide ----------------------------------------------------


@dataclass(frozen=True)
class SlideBuilder:
    """One kind of slide: `build` gives its slides for the view, none when it has nothing to show."""

    key: str  # the key of its slides; slides split over pages or per participant add a suffix
    build: Callable[[Dataset, Filters, View], list[Slide]]
    needs_meeting: bool = True  # False: built even when the dataset has no meeting yet


# In presenting order. Adding a kind of slide = one builder and one row here.
SLIDE_BUILDERS: tuple[SlideBuilder, ...] = (
    SlideBuilder("title", _title_slides, needs_meeting=False),
    SlideBuilder("numbers", _numbers_slides),
    SlideBuilder("scenario", _scenario_slides),
    SlideBuilder("map", _map_slides),
    SlideBuilder("types", _types_slides),
    SlideBuilder("who", _who_slides),
    SlideBuilder("leads", _leads_slides),
    SlideBuilder("conditions", _conditions_slides),
    SlideBuilder("changes", _changes_slides),
    SlideBuilder("questions", _questions_slides),
    SlideBuilder("disputed", _disputed_slides),
    SlideBuilder("spotlight", _spotlight_slides),
    SlideBuilder("sources", _sources_slides, needs_meeting=False),
)
