"""axe-core in the page: the WCAG 2.2 A/AA rules run on what the browser shows, from a vendored copy (no network).

The script is `vendor/axe-core/axe.min.js` (version, source and checksum in its README), added to the page and
to every frame in it with Playwright's `add_script_tag(path=...)`: nothing is fetched from any host. axe then
tests the frames too (a slide's chart is drawn in one), through the copy in each.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

AXE_DIR = Path(__file__).resolve().parent / "vendor" / "axe-core"
AXE_SCRIPT = AXE_DIR / "axe.min.js"
# The success criteria of WCAG 2.0, 2.1 and 2.2 at levels A and AA, as axe tags its rules.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
# What fails a test; "moderate" and "minor" are reported by axe but are not errors of conformance here.
FAILING_IMPACTS = frozenset({"critical", "serious"})
SNIPPET_CHARS = 160

# Parts of the page that Streamlit draws and the app cannot change: (CSS selector, rule id, reason).
# Each entry turns off one rule on one element only; color-contrast is never turned off as a whole.
# Empty: every violation found so far was the app's own colours.
EXCLUSIONS: tuple[tuple[str, str, str], ...] = ()

# axe's copies talk to each other by postMessage and by default answer only their own origin; a frame
# written with srcdoc (a slide's chart, a test page) has an opaque one, so axe would skip it and only
# say so as "frame-tested" (a best-practice rule, not run here). Everything in these pages is local.
CONFIGURE_JS = "() => axe.configure({allowedOrigins: ['<unsafe_all_origins>']})"

RUN_JS = """async ([tags, exclusions]) => {
    const options = {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'], elementRef: true};
    const results = await axe.run(document, options);
    // An excluded rule is skipped on the element that matches its selector and on what is inside it.
    const skipped = (rule, node) => node.element instanceof Element
        && exclusions.some(([selector, id]) => id === rule && node.element.closest(selector) !== null);
    return results.violations.map((v) => ({
        rule: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.filter((n) => !skipped(v.id, n)).map((n) => ({
            target: n.target.map((t) => Array.isArray(t) ? t.join(' >>> ') : t).join(' > frame > '),
            impact: n.impact,
            html: n.html,
            summary: n.failureSummary || '',
        })),
    })).filter((v) => v.nodes.length > 0);
}"""


@dataclass(frozen=True)
class Violation:
    """One element that breaks one axe rule."""

    rule: str
    impact: str
    help: str
    target: str  # axe's CSS selector; a frame's element as "<frame selector> > frame > <selector>"
    html: str
    summary: str

    def describe(self) -> str:
        """'color-contrast (serious) at .x > p: <p class="x">…' plus axe's own explanation, one line each."""
        html = " ".join(self.html.split())
        if len(html) > SNIPPET_CHARS:
            html = html[: SNIPPET_CHARS - 1] + "…"
        why = " ".join(self.summary.split())
        return f"{self.rule} ({self.impact}) at {self.target}: {html}\n    {why}"


def inject_axe(page: Page) -> None:
    """Add the vendored axe-core to the page and to each of its frames (those already there)."""
    for frame in page.frames:
        if frame.is_detached():
            continue
        try:
            if not frame.evaluate("() => typeof window.axe === 'object'"):
                frame.add_script_tag(path=str(AXE_SCRIPT))
                frame.evaluate(CONFIGURE_JS)
        except PlaywrightError:
            # A frame that navigated or closed meanwhile has nothing left to test.
            continue


def run_axe(page: Page, tags: tuple[str, ...] = WCAG_TAGS) -> list[Violation]:
    """Every violation of the rules with these tags on the page as shown now, frames included."""
    inject_axe(page)
    found = page.evaluate(RUN_JS, [list(tags), [[selector, rule] for selector, rule, _ in EXCLUSIONS]])
    return [
        Violation(v["rule"], node["impact"] or v["impact"], v["help"], node["target"], node["html"], node["summary"])
        for v in found
        for node in v["nodes"]
    ]


def failing(violations: list[Violation]) -> list[Violation]:
    """The violations of impact critical or serious."""
    return [v for v in violations if v.impact in FAILING_IMPACTS]


def report(violations: list[Violation]) -> str:
    """One paragraph per violation, for a test's failure message."""
    return "\n".join(v.describe() for v in violations)
