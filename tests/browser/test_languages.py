"""Issue 15, item 3 in Chromium: every page and every briefing slide in French and Ukrainian opens with no
exception, declares its language, and leaves no English interface text (data text apart); dates are written
for the locale; a French deck downloads with French headings."""

from __future__ import annotations

import io
import re
from functools import cache

import pytest
from babel.messages.pofile import read_po
from playwright.sync_api import Page, expect
from pptx import Presentation

from summit.briefing.layout import Slide
from summit.briefing.slides import build_briefing
from summit.filters import Filters
from summit.frames import build_frames
from summit.i18n import DEFAULT_LANGUAGE, LANGUAGES, LOCALES, catalogue_path, format_day, format_short_day, language
from summit.translations import localised
from tests.browser.test_briefing_slides import wait_for_slide
from tests.browser.test_pages import PAGES as PAGE_PATHS
from tests.browser.test_pages import wait_for_content

TRANSLATED = [lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE]
TIMEOUT_MS = 60_000
# The text of every element that holds text of its own (not only its children's), in the page and the sidebar,
# SVG text (charts) included: interface text is a whole element (a heading, a label, a button, a cell).
# Shadow roots (the map component's) are walked too; each frame (a slide's chart) is read apart.
OWN_TEXTS_JS = """() => {
    const texts = new Set();
    const visit = (root) => {
        for (const element of root.querySelectorAll('*')) {
            if (element.shadowRoot) visit(element.shadowRoot);
            if (element.closest('script, style, noscript')) continue;
            let own = '';
            for (const node of element.childNodes) if (node.nodeType === Node.TEXT_NODE) own += node.textContent;
            own = own.replace(/\\s+/g, ' ').trim();
            if (own) texts.add(own);
        }
    };
    if (document.body) visit(document.body);
    return Array.from(texts);
}"""


@cache
def english_patterns(lang: str) -> list[tuple[str, re.Pattern[str]]]:
    """Each English message the catalogue translates differently, as a pattern matching a whole text ({…}
    placeholders match up to 80 characters: names, numbers, days). Left out: messages with fewer than four
    letters of their own (a mark, a unit), those whose words around their placeholders are a single word
    (", with " would match a sentence of data), and those the translation keeps (a name such as 'PDF')."""
    with catalogue_path(lang).open("rb") as po:
        catalog = read_po(po, locale=LOCALES[lang])
    patterns = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        for english in ids:
            literal = re.sub(r"\{[^{}]*\}", "", english)
            words = re.findall(r"[^\W\d_]+", literal)
            if sum(map(len, words)) < 4 or english in forms or ("{" in english and len(words) < 2):
                continue
            parts = re.split(r"\{[^{}]*\}", english)
            pattern = ".{1,80}?".join(re.escape(p) for p in parts)
            patterns.append((english, re.compile(pattern)))
    return patterns


def english_left(page: Page, lang: str) -> list[tuple[str, str]]:
    """The texts on the page that are an English interface message, whole: (text, the message)."""
    texts = {text for frame in page.frames for text in frame.evaluate(OWN_TEXTS_JS)}
    return sorted(
        (text, english) for text in texts for english, pattern in english_patterns(lang) if pattern.fullmatch(text)
    )


def assert_in_language(page: Page, lang: str, error_boxes) -> None:
    assert page.evaluate("() => document.documentElement.lang") == lang
    assert error_boxes(page) == []
    assert english_left(page, lang) == []


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("name", list(PAGE_PATHS))
def test_every_page_is_in_the_language_asked_for(name, lang, app_server, page, wait_for_app, error_boxes):
    path = PAGE_PATHS[name]
    page.goto(f"{app_server}{path}{'&' if '?' in path else '?'}lang={lang}")
    wait_for_app(page)
    wait_for_content(page)
    assert_in_language(page, lang, error_boxes)


_SLIDES: dict[str, list[Slide]] = {}


def slides_in(lang: str, dataset) -> list[Slide]:
    """The slides of the default view as the core builds them in that language (the bundled data's)."""
    if lang not in _SLIDES:
        with language(lang):
            shown = localised(dataset, lang)
            _SLIDES[lang] = build_briefing(shown, build_frames(shown), Filters(lang=lang))
    return _SLIDES[lang]


def slide_titles(lang: str, dataset) -> list[str]:
    return [slide.title for slide in slides_in(lang, dataset)]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_slide_is_in_the_language_asked_for(lang, app_server, page, wait_for_app, error_boxes, bundled_dataset):
    slides = slides_in(lang, bundled_dataset)
    assert slide_titles(lang, bundled_dataset) != slide_titles(DEFAULT_LANGUAGE, bundled_dataset)
    for number, slide in enumerate(slides, start=1):
        page.goto(f"{app_server}/briefing?slide={number}&lang={lang}")
        wait_for_slide(page, wait_for_app, slide)
        assert_in_language(page, lang, error_boxes)


def test_the_map_in_ukrainian_writes_its_dates_for_the_locale(app_server, page, wait_for_app, bundled_dataset):
    page.goto(f"{app_server}/map?lang=uk")
    wait_for_app(page)
    with language("uk"):
        days = {format_day(bundled_dataset.info.as_of), format_short_day(bundled_dataset.info.as_of)}
    text = page.get_by_test_id("stMain").inner_text()
    assert any(day in text for day in days), days
    assert page.evaluate("() => document.documentElement.lang") == "uk"


def test_the_second_slide_in_french(app_server, page, wait_for_app, error_boxes, bundled_dataset):
    page.goto(f"{app_server}/briefing?slide=2&lang=fr")
    wait_for_app(page)
    wait_for_slide(page, wait_for_app, slides_in("fr", bundled_dataset)[1])
    with language("fr"):
        day = format_day(bundled_dataset.info.as_of)
    expect(page.locator(".briefing-slide").first).to_contain_text(day)
    assert_in_language(page, "fr", error_boxes)


def test_a_french_deck_downloads_with_french_headings(app_server, page_at, wait_for_app, bundled_dataset):
    page = page_at(1280, 720)
    page.goto(f"{app_server}/briefing?slide=1&lang=fr")
    wait_for_app(page)
    page.locator(".st-key-briefing_handouts button:visible").click()
    page.get_by_role("dialog").wait_for()
    page.locator(".st-key-briefing_prepare button:visible").click()
    page.locator(".st-key-briefing_pptx button:visible").wait_for(timeout=180_000)
    with page.expect_download(timeout=120_000) as download:
        page.locator(".st-key-briefing_pptx button:visible").click()
    deck = Presentation(io.BytesIO(download.value.path().read_bytes()))
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert titles == slide_titles("fr", bundled_dataset)
    assert titles != slide_titles(DEFAULT_LANGUAGE, bundled_dataset)


def test_the_language_picker_keeps_the_view_and_writes_lang_to_the_url(app_server, page, wait_for_app):
    page.goto(f"{app_server}/pledges?s=announced")
    wait_for_app(page)
    control = page.locator(".st-key-filter_lang input")
    control.click()
    expect(control).to_have_attribute("aria-expanded", "true")
    page.keyboard.type("Français")
    expect(page.get_by_role("option").first).to_have_text("Français")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"lang=fr"), timeout=TIMEOUT_MS)
    wait_for_app(page)
    assert "s=announced" in page.url
    assert page.evaluate("() => document.documentElement.lang") == "fr"
