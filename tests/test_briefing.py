"""The briefing: slide content from the tiny dataset, the .pptx and PDF handouts, the CLI, chart rendering."""

from __future__ import annotations

import dataclasses
import html
import io
import os
import subprocess
import sys
from pathlib import Path

import plotly.io as pio
import pytest
import yaml
from PIL import Image
from pptx import Presentation
from pptx.util import Pt
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from summit.briefing import images as images_module
from summit.briefing.html import slide_html
from summit.briefing.images import IMAGE_SCALE, ChartRenderError, ChartStep, render_chart_images
from summit.briefing.layout import (
    CANVAS_HEIGHT,
    CANVAS_WIDTH,
    CONTENT_BOTTOM,
    PT_PER_PX,
    Box,
    DocumentInfo,
    Slide,
    slide_layout,
)
from summit.briefing.pdf import to_pdf
from summit.briefing.pptx import to_pptx
from summit.briefing.slides import build_briefing, build_view, document_info
from summit.briefing.text import SUBTITLE_MIN_PX, SUBTITLE_PX, bullets_height, table_row_heights
from summit.briefing.theme import projector_chart, themed_figure
from summit.dataset import load_dataset
from summit.figures import type_bar_chart
from summit.filters import Filters
from summit.frames import build_frames
from summit.maps import CONTEXT_NAME
from tests.conftest import REPO, TINY

APP = str(REPO / "app.py")
CHROMIUM = Path("/usr/bin/chromium")


def small_png() -> bytes:
    """A tiny PNG: stands in for chart images where the test is about the deck, not the drawing."""
    buffer = io.BytesIO()
    Image.new("RGB", (16, 9), "steelblue").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def slides(tiny, tiny_frames) -> list[Slide]:
    return build_briefing(tiny, tiny_frames, Filters())


def by_key(slides: list[Slide], key: str) -> Slide:
    return next(s for s in slides if s.key == key)


def images_for(slides: list[Slide]) -> dict[str, bytes]:
    return {s.key: small_png() for s in slides if s.chart is not None}


# --- content -----------------------------------------------------------------------------------


def test_slides_come_in_presenting_order(slides):
    assert [s.key for s in slides] == [
        "title",
        "numbers",
        "map",
        "types",
        "who",
        "leads",
        "conditions",
        # What changed since the video call of 1 December: the Paris records (the meeting before the last one).
        "changes",
        # No "questions": the fixture records no open questions (see below).
        "disputed",
        # Most pledges first (stances, press reports and the coalition as a whole do not count), then by
        # name. Three at most: the EU, France, Luxembourg and the US have one each, so the US is left out.
        "spotlight-eu",
        "spotlight-fra",
        "spotlight-lux",
        "sources",
    ]


def test_title_slide_names_meeting_date_and_as_of_date(slides):
    title = by_key(slides, "title")
    assert title.title == "Leaders' summit in Paris"
    assert title.subtitle == "6 January 2026 · Paris · Data as of 28 February 2026"
    assert title.bullets[0] == "Showing 8 pledges and stances, at Paris, 6 Jan 2026."


def test_key_numbers_match_the_data(slides):
    numbers = by_key(slides, "numbers").table
    assert list(numbers["Figure"]) == ["Delegations", "Leaders present", "Pledges", "Conditional", "Refusals"]
    # Paris in the fixture: 5 delegations, 3 led by a head of state or government (not the EU's, not the US
    # envoy's), of whom France's and Luxembourg's are named and present, Norway's unconfirmed; 8 records made
    # at the meeting, of which 2 are stances (Luxembourg's refusal, Norway's call for a sea mission) and 1 a
    # press report (US support at sea), so 5 pledges, 3 of them conditional; 1 refusal (a call for something
    # is a stance, not a refusal).
    assert list(numbers["Value"]) == ["5", "2 (+1 unconfirmed)", "5 (+1 report)", "3 of 5", "1"]


def test_leads_slide_names_the_lead_per_component(slides):
    leads = by_key(slides, "leads").table
    assert leads.to_dict("records") == [
        {
            "Component": "Ceasefire monitoring and verification",
            "Lead": "United States",
            "Also contributing": "Coalition of the Willing (all members), France",
        }
    ]
    # At sea there is no pledge (Norway advocates; the US record is a press report): no component to lead.
    assert by_key(slides, "leads").bullets == ("No lead recorded for: Force: land, Logistics.",)


def test_conditions_slide_counts_pledges_and_names_who_waits(slides):
    conditions = by_key(slides, "conditions")
    assert conditions.subtitle == "3 of 5 pledges depend on a condition"
    assert conditions.table.to_dict("records") == [
        {
            "Condition": "After a ceasefire",
            "Pledges": 3,
            "Who": "Coalition of the Willing (all members), France, Luxembourg",
        },
        {"Condition": "Subject to parliamentary approval", "Pledges": 1, "Who": "Luxembourg"},
    ]


def test_disputed_slide_quotes_both_claims(slides):
    (bullet,) = by_key(slides, "disputed").bullets
    assert bullet.startswith("United States (Force: sea): ")
    assert "“The final text only mentions proposed US support.”" in bullet
    assert "“The US signed onto the plan.”" in bullet


def test_a_kind_of_slide_with_nothing_to_show_is_left_out(tiny, tiny_frames):
    # At sea only Norway's call and the press report of US support: no pledge to chart or put in the
    # spotlight, no lead role, no condition and no open question in the view.
    slides = build_briefing(tiny, tiny_frames, Filters(types=("mnf_sea",)))
    assert [s.key for s in slides] == ["title", "numbers", "map", "who", "changes", "disputed", "sources"]


def test_conditions_slide_leaves_out_who_no_longer_waits(tiny_copy):
    # Luxembourg's airlift, once approved, no longer waits on parliament (taxonomy: satisfied_by [approved]),
    # but it still depends on a ceasefire and still counts as a pledge under both conditions.
    path = tiny_copy / "meetings" / "2026-01-06-paris.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "    status: announced\n    description: Airlift", "    status: approved\n    description: Airlift"
        ),
        encoding="utf-8",
    )
    dataset = load_dataset(tiny_copy).dataset
    assert dataset is not None
    rows = by_key(build_briefing(dataset, build_frames(dataset), Filters()), "conditions").table.to_dict("records")
    assert rows == [
        {
            "Condition": "After a ceasefire",
            "Pledges": 3,
            "Who": "Coalition of the Willing (all members), France, Luxembourg",
        },
        {"Condition": "Subject to parliamentary approval", "Pledges": 1, "Who": "—"},
    ]


def test_without_satisfied_by_an_approved_pledge_still_waits(tiny_copy):
    # The behaviour comes from the data: a taxonomy without satisfied_by names Luxembourg as waiting.
    meeting = tiny_copy / "meetings" / "2026-01-06-paris.yaml"
    meeting.write_text(
        meeting.read_text(encoding="utf-8").replace(
            "    status: announced\n    description: Airlift", "    status: approved\n    description: Airlift"
        ),
        encoding="utf-8",
    )
    taxonomy = tiny_copy / "taxonomy.yaml"
    taxonomy.write_text(
        taxonomy.read_text(encoding="utf-8").replace("    satisfied_by: [approved]\n", ""), encoding="utf-8"
    )
    dataset = load_dataset(tiny_copy).dataset
    assert dataset is not None
    rows = by_key(build_briefing(dataset, build_frames(dataset), Filters()), "conditions").table.to_dict("records")
    assert rows[1] == {"Condition": "Subject to parliamentary approval", "Pledges": 1, "Who": "Luxembourg"}


def test_who_does_what_lists_participants_per_type_with_marks(slides):
    who = by_key(slides, "who").table
    rows = {r["Commitment type"]: r for r in who.to_dict("records")}
    assert rows["Ceasefire monitoring and verification"]["Pledging"] == 3
    assert rows["Multinational force on land"]["Pledging"] == 1  # France; Luxembourg's refusal is listed, not counted
    # The lead first, then by mark and name.
    assert rows["Ceasefire monitoring and verification"]["Who"].startswith("★ United States")
    assert rows["Multinational force on land"]["Who"] == "◐ France, ✕ Luxembourg"


def test_spotlight_lists_the_participants_records(tiny, tiny_frames):
    """NATO members: France, Luxembourg, Norway, the US; the US's spotlight lists its press report apart."""
    usa = by_key(build_briefing(tiny, tiny_frames, Filters(groups=("nato",))), "spotlight-usa")
    assert usa.title == "Spotlight: United States"
    assert usa.subtitle == "Steve Witkoff, Special Envoy · in person"
    assert usa.bullets == (
        "★ Monitoring — Announced: Leads the ceasefire monitoring mechanism.",
        "◌ Force: sea — Reported, not confirmed: Whether the US backs the force if attacked is unclear.",
    )


def test_sources_slide_ranks_sources_by_records_citing_them(slides):
    sources = by_key(slides, "sources").table
    assert list(sources["Publisher"])[:2] == ["Élysée", "Le Quotidien"]
    # Élysée: the meeting, 4 delegations (EU, France, Norway, USA), 5 records (France, the US's lead,
    # the coalition, the EU, Norway's stance); the video call is another meeting.
    assert list(sources["Records"])[:2] == [10, 3]


def test_chart_slides_carry_figures_sized_to_their_box(slides):
    for key in ("map", "types"):
        slide = by_key(slides, key)
        box = slide_layout(slide).chart
        assert (slide.chart.figure.layout.width, slide.chart.figure.layout.height) == (box.w, box.h)
    bars = by_key(slides, "types").chart.figure
    assert {trace.marker.line.width for trace in bars.data} == {3}


def test_filters_narrow_every_slide(tiny, tiny_frames):
    slides = build_briefing(tiny, tiny_frames, Filters(types=("mnf_sea",)))
    title = by_key(slides, "title").bullets[0]
    assert title == "Showing 2 pledges and stances, of type Multinational force at sea, at Paris, 6 Jan 2026."
    # Norway only advocates and the US record at sea is a press report: nobody to put in the spotlight.
    assert [s.key for s in slides if s.key.startswith("spotlight")] == []
    assert list(by_key(slides, "who").table["Commitment type"]) == ["Multinational force at sea"]


def test_empty_view_keeps_the_title_numbers_and_sources(tiny, tiny_frames):
    slides = build_briefing(tiny, tiny_frames, Filters(text="no such words anywhere"))
    assert [s.key for s in slides] == ["title", "numbers", "sources"]
    assert by_key(slides, "title").bullets[0].startswith("Showing 0 pledges and stances")
    assert list(by_key(slides, "numbers").table["Value"]) == ["0", "0", "0", "0", "0"]


def test_dataset_without_meetings_gives_a_title_and_sources(tiny, tiny_frames):
    empty = dataclasses.replace(tiny, meetings=())
    slides = build_briefing(empty, tiny_frames, Filters())
    assert [s.key for s in slides] == ["title", "sources"]
    assert slides[0].bullets == ("The dataset has no meetings yet, so there is nothing to brief on.",)


@pytest.fixture
def berlin(tiny_copy: Path) -> Path:
    """The tiny dataset with its meeting moved to Berlin, with open questions and a description that looks like HTML."""
    path = tiny_copy / "meetings" / "2026-01-06-paris.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    meeting = data["meeting"]
    meeting.update(id="berlin-2026-02-01", name="Berlin follow-up", short_name="Berlin, 1 Feb 2026", city="Berlin")
    meeting["date"] = "2026-02-01"
    meeting["open_questions"] = [f"Question {n}: " + "who pays for what, and when? " * 12 for n in range(1, 9)]
    data["pledges"][0]["description"] = "<b>Bold</b> *claim* [link](http://x.invalid) & more"
    for pledge in data["pledges"]:
        pledge["date"] = "2026-02-01"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return tiny_copy


def test_nothing_assumes_the_paris_meeting(berlin):
    dataset = load_dataset(berlin).dataset
    assert dataset is not None
    slides = build_briefing(dataset, build_frames(dataset), Filters())
    assert slides[0].title == "Berlin follow-up"
    assert not any("Paris" in text for s in slides for text in (s.title, s.subtitle, *s.bullets, s.footer))
    # Long open questions are split over slides that each fit.
    questions = [s for s in slides if s.key.startswith("questions")]
    assert len(questions) > 1
    assert questions[0].title == f"Open questions (1/{len(questions)})"
    assert sum(len(s.bullets) for s in questions) == 8


def test_data_text_is_shown_as_typed_in_the_browser(berlin):
    dataset = load_dataset(berlin).dataset
    slides = build_briefing(dataset, build_frames(dataset), Filters())
    markup = slide_html(by_key(slides, "spotlight-fra"))
    assert "&lt;b&gt;Bold&lt;/b&gt; *claim* [link](http://x.invalid) &amp; more" in markup
    assert "<b>Bold" not in markup


def test_every_slide_of_the_bundled_data_fits_its_canvas():
    dataset = load_dataset(REPO / "data").dataset
    frames = build_frames(dataset)
    for meeting in dataset.meetings:
        for slide in build_briefing(dataset, frames, Filters(meeting=meeting.meeting.id)):
            layout = slide_layout(slide)
            if layout.bullets and slide.bullets:
                assert bullets_height(slide.bullets, layout.bullets.w) <= layout.bullets.h, slide.key
            if layout.table and slide.table is not None and slide.kind != "numbers":
                heights = table_row_heights(slide.table, slide.table_widths, layout.table.w)
                assert layout.table.y + sum(heights) <= CONTENT_BOTTOM, slide.key
            for box in (layout.title, layout.subtitle, layout.bullets, layout.table, layout.chart, layout.footer):
                if box is not None:
                    assert box.x >= 0 and box.x + box.w <= CANVAS_WIDTH, slide.key
                    assert box.y >= 0 and box.y + box.h <= CANVAS_HEIGHT, slide.key


def test_a_subtitle_too_long_for_its_line_takes_a_smaller_size_in_every_rendering(slides):
    who = by_key(slides, "who")
    # The legend of the marks, whole: the last marks are the ones a cut would lose.
    assert who.subtitle.endswith("⊘ refused for now · ✕ ruled out")  # nothing withdrawn: no ⊖ in the legend
    assert SUBTITLE_MIN_PX <= who.subtitle_size < SUBTITLE_PX
    assert f'font-size:{who.subtitle_size}px">{html.escape(who.subtitle)}' in slide_html(who)
    deck = Presentation(io.BytesIO(to_pptx(slides, images_for(slides))))
    page = deck.slides[[s.key for s in slides].index("who")]
    (run,) = [r for shape in page.shapes if shape.has_text_frame for p in shape.text_frame.paragraphs for r in p.runs
              if r.text == who.subtitle]  # fmt: skip
    assert run.font.size == Pt(who.subtitle_size * PT_PER_PX)


def test_dark_theme_recolours_the_figure_not_the_data(slides):
    figure = by_key(slides, "types").chart.figure
    dark = themed_figure(figure, "dark")
    assert dark.layout.paper_bgcolor == "#000000"
    assert dark.layout.font.color == "#ffffff"
    assert [list(t.marker.color) for t in dark.data] == [list(t.marker.color) for t in figure.data]
    assert figure.layout.paper_bgcolor == "white"  # the shared figure is untouched


@pytest.mark.parametrize(("theme", "background"), [("light", "#ffffff"), ("dark", "#000000")])
def test_the_map_background_is_the_themes_and_nothing_is_fetched_for_it(slides, theme, background):
    figure = by_key(slides, "map").chart.figure
    themed = themed_figure(figure, theme)
    style = themed.layout.map.style
    assert [layer["paint"]["background-color"] for layer in style["layers"]] == [background]
    assert style["sources"] == {} and "glyphs" not in style and "sprite" not in style
    assert themed.layout.paper_bgcolor == background

    # The participants keep their data colours in either theme.
    def colours(fig):
        traces = [t for t in fig.data if t.type == "choroplethmap" and t.name != CONTEXT_NAME]
        return [(t.name, t.locations, t.z.tolist(), t.colorscale) for t in traces]

    assert colours(themed) == colours(figure) != []
    assert figure.layout.map.style == "white-bg"  # the shared figure is untouched


# --- PowerPoint and PDF ------------------------------------------------------------------------


def test_pptx_has_one_slide_per_briefing_slide_with_the_same_titles(slides):
    deck = Presentation(io.BytesIO(to_pptx(slides, images_for(slides))))
    assert len(deck.slides) == len(slides)
    assert [page.shapes.title.text for page in deck.slides] == [s.title for s in slides]
    assert deck.slide_width * 9 == deck.slide_height * 16


def test_pptx_tables_are_real_tables_with_the_slide_cells(slides):
    deck = Presentation(io.BytesIO(to_pptx(slides, images_for(slides))))
    for page, slide in zip(deck.slides, slides, strict=True):
        tables = [shape.table for shape in page.shapes if shape.has_table]
        if slide.table is None or slide.kind == "numbers":
            assert tables == [], slide.key
            continue
        (table,) = tables
        cells = [[cell.text for cell in row.cells] for row in table.rows]
        assert cells[0] == list(slide.table.columns)
        assert cells[1:] == [[str(v) for v in row] for row in slide.table.itertuples(index=False)]


def test_pptx_text_is_editable_and_matches_the_data(slides):
    deck = Presentation(io.BytesIO(to_pptx(slides, images_for(slides))))
    pages = dict(zip([s.key for s in slides], deck.slides, strict=True))
    texts = [shape.text_frame.text for shape in pages["numbers"].shapes if shape.has_text_frame]
    assert "3 of 5\nConditional" in texts
    bullets = [shape.text_frame.text for shape in pages["spotlight-fra"].shapes if shape.has_text_frame]
    assert "\n".join(by_key(slides, "spotlight-fra").bullets) in bullets
    pictures = [shape for shape in pages["map"].shapes if shape.shape_type == 13]  # 13 = picture
    assert len(pictures) == 1
    assert "Map of 4 participating states" in pages["map"].notes_slide.notes_text_frame.text


def test_pdf_has_one_page_per_slide_with_its_title(slides):
    reader = PdfReader(io.BytesIO(to_pdf(slides, images_for(slides))))
    assert len(reader.pages) == len(slides)
    for page, slide in zip(reader.pages, slides, strict=True):
        assert slide.title in " ".join(page.extract_text().split()), slide.key
    assert "3 of 5" in reader.pages[1].extract_text()


def test_pdf_shows_markup_in_data_as_text(berlin):
    dataset = load_dataset(berlin).dataset
    slides = build_briefing(dataset, build_frames(dataset), Filters())
    reader = PdfReader(io.BytesIO(to_pdf(slides, images_for(slides))))
    spotlight = [s.key for s in slides].index("spotlight-fra")
    assert "<b>Bold</b> *claim*" in reader.pages[spotlight].extract_text()


@pytest.fixture(scope="module")
def nato_sea(tiny, tiny_frames) -> tuple[list[Slide], DocumentInfo]:
    """A filtered briefing and its document properties."""
    filters = Filters(types=("mnf_sea",), groups=("nato",))
    view = build_view(tiny, tiny_frames, filters)
    return build_briefing(tiny, tiny_frames, filters, view), document_info(tiny, filters, view)


def test_document_info_names_the_briefing_the_datasets_maintainer_and_the_filters(tiny, nato_sea):
    slides, info = nato_sea
    assert info.title == "Briefing: Leaders' summit in Paris (6 January 2026)"
    assert info.author == tiny.info.maintainer == "Tests"
    # The sentence of the opening slide (and of every page): the filters in words.
    assert info.subject == slides[0].bullets[0]
    assert "NATO" in info.subject and "sea" in info.subject.casefold()
    assert info.keywords == ("briefing", "Paris, 6 Jan 2026", "Data as of 28 February 2026")


def test_pptx_properties_name_title_author_subject_and_keywords(nato_sea):
    slides, info = nato_sea
    properties = Presentation(io.BytesIO(to_pptx(slides, images_for(slides), info))).core_properties
    assert (properties.title, properties.author, properties.subject) == (info.title, "Tests", info.subject)
    assert properties.keywords == "briefing; Paris, 6 Jan 2026; Data as of 28 February 2026"
    # Nothing left from python-pptx's template: its author, its comment, its 2013 dates.
    assert properties.last_modified_by == "Tests"
    assert properties.comments == info.comments and "python-pptx" not in properties.comments
    assert properties.created.year >= 2026 and properties.modified == properties.created


def test_pdf_properties_name_title_author_subject_and_keywords(nato_sea):
    slides, info = nato_sea
    pdf = to_pdf(slides, images_for(slides), info)
    metadata = PdfReader(io.BytesIO(pdf)).metadata
    assert (metadata.title, metadata.author, metadata.subject) == (info.title, "Tests", info.subject)
    assert metadata["/Keywords"] == "briefing; Paris, 6 Jan 2026; Data as of 28 February 2026"
    assert metadata.creator == "Tests"
    for placeholder in (b"anonymous", b"untitled", b"unspecified"):
        assert placeholder not in pdf


def test_pptx_properties_longer_than_python_pptx_takes_end_on_a_sentence(slides):
    long = DocumentInfo(
        title="T" * 300,
        author="Tests",
        subject="Showing 3 pledges, " + "by NATO members, " * 30 + "at Paris.",
        keywords=tuple(f"keyword {n}" for n in range(40)),
        comments="Cite as: Tiny test dataset. " + "A long licence sentence goes on. " * 10,
    )
    properties = Presentation(io.BytesIO(to_pptx(slides, images_for(slides), long))).core_properties
    assert len(properties.title) <= 255 and properties.title.endswith("…")
    assert properties.subject == "The whole sentence is on the first slide."
    assert properties.comments.startswith("Cite as: Tiny test dataset. A long licence sentence goes on. ")
    assert properties.comments.endswith(". The whole citation is on the Sources slide.")
    assert len(properties.comments) <= 255 and len(properties.keywords) <= 255
    assert properties.keywords.startswith("keyword 0; keyword 1;") and properties.keywords.endswith(tuple("0123456789"))


def test_every_pptx_picture_has_alt_text_written_from_the_data(slides):
    deck = Presentation(io.BytesIO(to_pptx(slides, images_for(slides))))
    described = {}
    for page, slide in zip(deck.slides, slides, strict=True):
        pictures = [shape for shape in page.shapes if shape.shape_type == 13]  # 13 = picture
        assert len(pictures) == (slide.chart is not None), slide.key
        for picture in pictures:
            # The same words as the chart's description on the slide page (one text, summit.maps / figures).
            assert picture._element.nvPicPr.cNvPr.get("descr") == slide.chart.alt
            assert picture.name == f"Chart: {slide.chart.title}"
            described[slide.key] = slide.chart.alt
    assert described == {
        "map": "Map of 4 participating states shaded by number of pledges; highest: France (1), Luxembourg (1), "
        "United States (1).",
        "types": "Bar chart of pledges per commitment type; Ceasefire monitoring and verification: 3 (2 conditional); "
        "Logistics and basing: 2 (1 conditional); Multinational force on land: 1 (1 conditional).",
    }
    # The speaker notes say it once.
    notes = deck.slides[[s.key for s in slides].index("map")].notes_slide.notes_text_frame.text
    assert notes.count(described["map"]) == 1


def test_deck_without_chart_images_and_no_browser_fails_with_a_message(slides, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    with pytest.raises(ChartRenderError, match=r"No browser at /nonexistent/chromium\. .*Chromium"):
        to_pptx(slides)


# --- drawing charts with a real browser, and its failures ---------------------------------------

needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make browser)")


@needs_chromium
def test_charts_are_drawn_offline_by_kaleido_at_their_box_size(slides, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", str(CHROMIUM))
    steps = []
    images = render_chart_images(slides, progress=steps.append)
    assert set(images) == {"map", "types"}
    # Each chart is reported as it starts, in order (a chart drawn between two looks is not reported).
    assert steps[0] == ChartStep(1, 2, "Who took part")
    assert steps in ([steps[0]], [steps[0], ChartStep(2, 2, "Pledges by commitment type")])
    for key, png in images.items():
        assert png.startswith(b"\x89PNG"), key
        box = slide_layout(by_key(slides, key)).chart
        width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
        assert (width, height) == (int(box.w * IMAGE_SCALE), int(box.h * IMAGE_SCALE)), key
    # The app's map refers to its shapes by URL; the image has them inline, so countries are drawn:
    # the grey of non-participants and the outline ink of participants, not only the white background.
    colours = {colour for _count, colour in Image.open(io.BytesIO(images["map"])).convert("RGB").getcolors(1 << 20)}
    assert (0xDD, 0xDD, 0xDD) in colours and (0x1A, 0x1A, 0x1A) in colours


def test_projector_styling_leaves_the_shared_chart_as_it_was(slides, tiny, tiny_frames):
    chart = type_bar_chart(tiny, tiny_frames.pledge_types, "Paris")
    before = pio.to_json(chart.spec, validate=False)
    styled = projector_chart(chart, Box(0, 0, 1200, 700))
    assert styled.figure.layout.width == 1200 and styled.figure.data[0].marker.line.width == 3
    assert pio.to_json(chart.spec, validate=False) == before  # the page's cached chart is not restyled


def test_a_browser_that_fails_gives_a_chart_render_error(slides, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/bin/false")
    with pytest.raises(ChartRenderError, match="could not draw the charts"):
        render_chart_images(slides, timeout=30)


def _processes_running(marker: str) -> list[str]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            text = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if marker in text:
            found.append(text)
    return found


def test_a_browser_that_hangs_is_stopped_with_a_chart_render_error(slides, monkeypatch, tmp_path):
    marker = "617.25"  # a sleep no other process uses
    browser = tmp_path / "stuck-browser"
    browser.write_text(f"#!/bin/sh\nexec sleep {marker}\n", encoding="utf-8")
    browser.chmod(0o755)
    monkeypatch.setenv("BROWSER_PATH", str(browser))
    with pytest.raises(ChartRenderError, match="took longer than"):
        render_chart_images(slides, timeout=2)
    assert _processes_running(f"sleep {marker}") == []


def test_a_progress_callback_that_raises_stops_the_drawing_and_its_processes(slides, monkeypatch):
    marker = "617.75"  # a sleep no other process uses
    monkeypatch.setenv("BROWSER_PATH", sys.executable)
    monkeypatch.setattr(images_module, "WORKER_CALL", f"import time; time.sleep({marker})")

    class StoppedError(Exception):
        """What Streamlit raises in a script whose user moved on."""

    def stop(step: ChartStep) -> None:
        assert step == ChartStep(1, 2, "Who took part")
        raise StoppedError

    with pytest.raises(StoppedError):
        render_chart_images(slides, timeout=30, progress=stop)
    assert _processes_running(f"time.sleep({marker})") == []


# --- command line --------------------------------------------------------------------------------


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summit", "briefing", *args],
        cwd=REPO,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
    )


@needs_chromium
@pytest.mark.parametrize("kind", ["pptx", "pdf"])
def test_cli_writes_the_filtered_briefing(kind, tmp_path, tiny, tiny_frames):
    out = tmp_path / f"briefing.{kind}"
    result = run_cli("--format", kind, "--out", str(out), "--data", str(TINY), "t=mnf_sea,ceasefire_monitoring")
    assert result.returncode == 0, result.stderr
    expected = build_briefing(tiny, tiny_frames, Filters(types=("mnf_sea", "ceasefire_monitoring")))
    titles = [s.title for s in expected]
    if kind == "pptx":
        deck = Presentation(str(out))
        assert [p.shapes.title.text for p in deck.slides] == titles
        assert (deck.core_properties.author, deck.core_properties.subject) == ("Tests", expected[0].bullets[0])
    else:
        reader = PdfReader(str(out))
        assert len(reader.pages) == len(titles)
        assert (reader.metadata.author, reader.metadata.subject) == ("Tests", expected[0].bullets[0])
    assert f"{len(titles)} slides" in result.stdout


def test_cli_without_a_browser_fails_with_a_message_and_writes_nothing(tmp_path):
    out = tmp_path / "briefing.pdf"
    result = run_cli("--format", "pdf", "--out", str(out), "--data", str(TINY), env={"BROWSER_PATH": "/nope"})
    assert result.returncode == 1
    assert "No browser at /nope" in result.stderr
    assert not out.exists()


def test_cli_rejects_a_bad_filter_pair(tmp_path):
    result = run_cli("--format", "pdf", "--out", str(tmp_path / "x.pdf"), "--data", str(TINY), "nonsense")
    assert result.returncode == 2
    assert "not KEY=VALUE" in result.stderr


# --- the page --------------------------------------------------------------------------------------


@pytest.fixture
def briefing_page(monkeypatch):
    monkeypatch.setenv("SUMMIT_DATA", str(TINY))

    def open_at(**query: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        at.switch_page("app_pages/briefing.py")
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return open_at


def shown_title(at: AppTest) -> str:
    markup = next(h.proto.body for h in at.get("html") if "briefing-slide" in h.proto.body)
    return markup.split('class="box title"', 1)[1].split(">", 1)[1].split("</h1>", 1)[0]


def test_page_opens_the_slide_the_url_names(briefing_page, slides):
    at = briefing_page(slide="6")
    assert shown_title(at) == slides[5].title
    assert at.query_params["slide"] == "6"


@pytest.mark.parametrize(("asked", "shown"), [("0", "1"), ("999", "13"), ("two", "1")])
def test_slide_number_out_of_range_is_clamped_in_the_url(briefing_page, asked, shown):
    at = briefing_page(slide=asked)
    assert at.query_params["slide"] == shown


def test_next_and_previous_move_and_keep_the_filters(briefing_page, slides):
    at = briefing_page(slide="2", t="ceasefire_monitoring")
    at.button(key="briefing_next").click().run()
    assert at.query_params["slide"] == "3"
    assert at.query_params["t"] == "ceasefire_monitoring"
    at.button(key="briefing_previous").click().run()
    at.button(key="briefing_previous").click().run()
    assert at.query_params["slide"] == "1"
    assert at.button(key="briefing_previous").disabled


def test_theme_button_switches_to_dark_in_the_url(briefing_page):
    at = briefing_page()
    at.button(key="briefing_theme").click().run()
    assert at.query_params["theme"] == "dark"
    assert any("#000000" in h.proto.body for h in at.get("html"))


def test_filters_from_the_url_reach_the_slides(briefing_page, tiny, tiny_frames):
    at = briefing_page(slide="1", g="nato")
    expected = build_briefing(tiny, tiny_frames, Filters(groups=("nato",)))
    markup = next(h.proto.body for h in at.get("html") if "briefing-slide" in h.proto.body)
    assert html.escape(expected[0].bullets[0]) in markup


def test_chart_images_are_drawn_once_per_view_with_progress_and_a_failure_is_not_kept(slides, monkeypatch):
    from summit_ui import briefing as ui

    drawn = []

    def fake_render(slides, *, progress=None):
        drawn.append(len(slides))
        if len(drawn) == 1:
            raise ChartRenderError("no browser today")
        for number, slide in enumerate([s for s in slides if s.chart is not None], start=1):
            progress(ChartStep(number, 2, slide.title))
        return {"map": b"png"}

    monkeypatch.setattr(ui, "render_chart_images", fake_render)
    view = ("fingerprint-of-this-test", Filters(groups=("nato",)))
    steps = []
    with pytest.raises(ChartRenderError):
        ui.chart_images(slides, *view, progress=steps.append)
    assert ui.chart_images(slides, *view, progress=steps.append) == {"map": b"png"}
    assert [step.number for step in steps] == [1, 2]
    assert ui.chart_step_text(steps[1]) == "Drawing chart 2 of 2: Pledges by commitment type…"
    # Drawn: another session (another callback) gets them without drawing or hearing of progress.
    heard = []
    assert ui.chart_images(slides, *view, progress=heard.append) == {"map": b"png"}
    assert heard == [] and len(drawn) == 2
