"""Tests of the browser-test harness itself, on throwaway pages and a throwaway Streamlit script."""

from __future__ import annotations

import textwrap

from playwright.sync_api import expect

# Sleeps inside the app under test (not the test), so finding "done" proves wait_for_app waited.
PROBE_SCRIPT = textwrap.dedent(
    """
    import time

    import streamlit as st

    st.title("probe")
    time.sleep(1.5)
    st.write("done")
    if st.query_params.get("fail"):
        st.error("probe error box")
        raise RuntimeError("probe exception")
    """
)


def test_request_recorder_flags_requests_outside_localhost(page):
    with page.expect_request("http://example.invalid/x.png"):
        page.set_content('<img src="http://example.invalid/x.png">', wait_until="domcontentloaded")

    assert page.external_requests == ["http://example.invalid/x.png"]
    page.external_requests.clear()  # so the fixture's own teardown check passes


def test_console_recorder_collects_errors_and_uncaught_exceptions(page):
    page.set_content("<p>console</p>")
    page.evaluate("console.error('probe console error')")
    page.evaluate("console.warn('a warning is not an error')")
    with page.expect_event("pageerror"):
        page.evaluate("setTimeout(() => { throw new Error('probe page error'); }, 0)")

    assert page.console_errors[0] == "probe console error"
    assert "probe page error" in page.console_errors[1]
    assert len(page.console_errors) == 2


def test_streamlit_script_is_served_and_waited_for(tmp_path, start_app, page, wait_for_app, error_boxes, screenshot):
    script = tmp_path / "probe_app.py"
    script.write_text(PROBE_SCRIPT, encoding="utf-8")
    base_url = start_app(script=script)

    page.goto(base_url)
    wait_for_app(page)

    # Plain lookups, not auto-waiting ones: the run must already be over.
    assert page.get_by_role("heading", name="probe").count() == 1
    assert page.get_by_text("done", exact=True).count() == 1
    assert error_boxes(page) == []
    assert page.console_errors == []
    screenshot(page, "harness-probe")

    page.goto(f"{base_url}/?fail=1")
    wait_for_app(page)

    boxes = error_boxes(page)
    assert len(boxes) == 2  # the st.error box and the uncaught exception, each counted once
    assert boxes[0] == "probe error box"
    assert "error" in boxes[1].lower()  # the exception message line, redacted or not (config)
    expect(page.get_by_test_id("stException")).to_have_count(1)
