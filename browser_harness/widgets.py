"""Using Streamlit's widgets from the keyboard in the browser tests, without the races a click has."""

from __future__ import annotations

from playwright.sync_api import Locator, expect

# True once the element has kept its place for two animation frames and lies wholly in the viewport.
SETTLED_IN_VIEW_JS = """(el) => { const box = el.getBoundingClientRect(); const at = box.top + ',' + box.left;
    const still = el.__settledAt === at; el.__settledAt = at;
    return still && box.top >= 0 && box.bottom <= innerHeight; }"""


def pick_option(combobox: Locator, label: str) -> None:
    """Add an option to a multiselect from the keyboard, as a keyboard user would, and close its list.

    Streamlit closes an open option list whenever something on the page scrolls. Two such scrolls made
    this flaky on a busy machine (issue 17): focusing a select below the sidebar's fold scrolls the
    sidebar, and the browser reports it at the next frame, which came after ArrowDown had opened the
    list; and a click on an option below the fold scrolls the page first. So the select is brought into
    view and left to settle before the list opens, and the option is typed (the list then shows it at
    the top) and picked with Enter. A click instead of the keyboard can toggle a just-drawn multiselect
    shut again.
    """
    page = combobox.page
    combobox.scroll_into_view_if_needed()
    page.wait_for_function(SETTLED_IN_VIEW_JS, arg=combobox.element_handle(), polling="raf")
    combobox.focus()
    combobox.press("ArrowDown")
    expect(combobox).to_have_attribute("aria-expanded", "true")
    combobox.press_sequentially(label)
    expect(page.get_by_role("option").first).to_have_text(label)
    combobox.press("Enter")
    widget = combobox.locator("xpath=ancestor::*[@data-testid='stMultiSelect']")
    expect(widget.get_by_text(label, exact=True)).to_be_visible()
    combobox.press("Escape")
