"""WCAG 2.2 AA in a real browser: axe-core on one page of each template in light and dark mode,
wide and narrow, on each state of the symptom checker and on the open search panel; and the keyboard:
what Tab reaches, that the focus shows, and that the palette toggle works from the keyboard.

axe-core is the copy pinned in the `axe-playwright-python` wheel (requirements/test.txt), injected
into the page: nothing is fetched at test time. What a test proves unchanged, axe does not read
again: a template page in dark mode is read for colour once the page shows it is the light page
but for colour, and a checker state is read inside the checker once the page around it is the
one axe read whole (each state still gets every rule, and a page that differs is read whole).
At a phone's width, each template is read for every rule but colour's (colours do not change
with the width), and the phone's shell for colour on the home page in both schemes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Page

from sitegen.kinds import KINDS
from tests.checker import TREE, Step, hash_of, open_checker, shortest_routes
from tests.helpers import NARROW, WIDE, PageIn, Scheme
from tests.site_html import html_pages

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
SCHEMES = {"light": "default", "dark": "slate"}
COMBINATIONS: list[tuple[Scheme, tuple[int, int]]] = [
    ("light", WIDE),
    ("dark", WIDE),
    ("light", NARROW),
    ("dark", NARROW),
]
COMBINATION_IDS = ["light-wide", "dark-wide", "light-narrow", "dark-narrow"]
Finding = dict[str, Any]
"""What a script in the page returned: an axe violation, a focus stop."""
BOX = "[data-site-search-input]"
SETTLED = "() => document.querySelector('[data-site-search-results]').getAttribute('aria-busy') === 'false'"


# -- axe ------------------------------------------------------------------------------------


def axe_violations(
    page: Page, context: str | None = None, rules: list[str] | None = None, without: list[str] | None = None
) -> list[Finding]:
    """axe-core's violations of the page as it is now, for the WCAG A/AA tags and best practice;
    only inside the element `context` selects, or only `rules` (axe's rule ids), or all but
    `without`, if given."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": AXE_TAGS}
    options: dict[str, Any] = {"runOnly": only, "resultTypes": ["violations"]}
    if without:
        options["rules"] = {rule: {"enabled": False} for rule in without}
    violations: list[Finding] = page.evaluate(
        "([context, options]) => axe.run(context ? { include: [[context]] } : document, options)", [context, options]
    )["violations"]
    return violations


def report(where: str, violations: list[Finding]) -> list[str]:
    """One line per violation: where, the rule, its impact and the elements (axe's selectors)."""
    lines = []
    for violation in violations:
        targets = [" ".join(node["target"]) for node in violation["nodes"]]
        more = f" and {len(targets) - 5} more" if len(targets) > 5 else ""
        first = violation["nodes"][0]
        why = " / ".join(check["message"] for check in (*first["any"], *first["all"], *first["none"]))
        lines.append(f"{where}: {violation['id']} ({violation['impact']}): {'; '.join(targets[:5])}{more} -- {why}")
    return lines


LUMINANCE = """() => {
  const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/[\\d.]+/g).map(Number);
  const lin = v => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  return [document.body.dataset.mdColorScheme, 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)];
}"""


def assert_scheme(page: Page, scheme: Scheme, where: str) -> None:
    """The page is really in `scheme`: Material's attribute, and a background to match."""
    attribute, luminance = page.evaluate(LUMINANCE)
    assert attribute == SCHEMES[scheme], f"{where}: scheme {attribute!r}, expected {SCHEMES[scheme]!r}"
    assert (luminance < 0.05) if scheme == "dark" else (luminance > 0.9), f"{where}: background luminance {luminance}"


def template_pages(site: Path) -> list[str]:
    """One built page of each template, as a URL relative to the edition's root (`site` or
    `site / "es"`), the 404 page too: every fixed page (each has its own template or hand-written
    text) and the first record page of each kind (`causes/<id>/`: all of a kind share one
    template, sitegen/kinds.py)."""
    sections = {kind.section for kind in KINDS.values() if kind.section}
    chosen: dict[str, str] = {}
    for path in html_pages(site):
        url = str(path.relative_to(site)).removesuffix("index.html")
        parts = url.strip("/").split("/")
        template = "/".join([*parts[:-1], "*"]) if len(parts) > 1 and parts[-2] in sections else url
        chosen.setdefault(template, url)
    assert len(chosen) > 10, chosen
    return [*chosen.values(), "404.html"]


WIDER_THAN_THE_SCREEN = """() => {
  const width = document.documentElement.clientWidth;
  // Inside a box that scrolls sideways (a wide table's) is fine; Material clips the page itself,
  // so what passes the screen's edge anywhere else is cut off, not scrolled to.
  const scrolled = e => {
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      if (['auto', 'scroll'].includes(getComputedStyle(a).overflowX)) return true;
    }
    return false;
  };
  return [...document.querySelectorAll('body *')].filter(e => {
    const box = e.getBoundingClientRect();
    if (!box.width || !box.height || box.right <= width + 1) return false;
    const style = getComputedStyle(e);
    return style.visibility !== 'hidden' && style.position !== 'fixed' && !scrolled(e);
  }).slice(0, 3).map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`);
}"""
"""WCAG 1.4.10 (reflow): at a phone's width nothing reaches past the screen's edge."""


def reflow(where: str, page: Page) -> list[str]:
    wider = page.evaluate(WIDER_THAN_THE_SCREEN)
    return [f"{where}: past the screen's edge: {', '.join(wider)}"] if wider else []


PALETTE = "[data-md-component=palette]"
CHECKER = "#triage"
"""The symptom checker's element (sitegen/templates/triage.md), which assets/triage.js fills."""
"""Material's colour scheme toggle: the one part of a page that is not the same in both schemes."""

COLOUR_RULES = "tags => axe.getRules(tags).filter(rule => rule.tags.includes('cat.color')).map(rule => rule.ruleId)"
"""axe's rules about colour (contrast, links told from text by colour) among the tags checked."""

THE_PAGE_BUT = """selector => {
  const body = document.body.cloneNode(true);
  body.querySelector(selector).replaceChildren();
  const around = [...document.body.querySelectorAll('*')].filter(e => !e.closest(selector));
  return body.innerHTML + around.map(e => +e.checkVisibility()).join('');
}"""
"""What axe's rules read of a page outside the element `selector` picks: the elements and their
attributes, and which are shown (the body's own attributes aside, which name the scheme)."""


def switch_scheme(page: Page, scheme: Scheme) -> None:
    """What the reader's click on the colour scheme toggle does (its label checks the scheme's
    radio input), with no pointer over it: its tooltip fading in would be read mid-fade."""
    page.evaluate(
        f"scheme => document.querySelector(`{PALETTE} input[data-md-color-scheme=${{scheme}}]`).click()",
        SCHEMES[scheme],
    )
    page.wait_for_function("scheme => document.body.dataset.mdColorScheme === scheme", arg=SCHEMES[scheme])


def in_both_schemes(page: Page, where: str, width: int) -> list[str]:
    """axe on the page as loaded in light, then after the reader switches it to dark, and back.
    Switching changes only colours and the toggle, which the page proves before dark is read
    for colour alone (and the toggle whole); a page that changed meanwhile is read whole."""
    light, dark = f"{where} [light, {width}px]", f"{where} [dark, {width}px]"
    assert_scheme(page, "light", light)
    found = report(light, axe_violations(page)) + reflow(light, page)
    as_read = page.evaluate(THE_PAGE_BUT, PALETTE)
    switch_scheme(page, "dark")
    assert_scheme(page, "dark", dark)
    if page.evaluate(THE_PAGE_BUT, PALETTE) == as_read:
        colour = page.evaluate(COLOUR_RULES, AXE_TAGS)
        found += report(dark, axe_violations(page, rules=colour) + axe_violations(page, context=PALETTE))
    else:
        found += report(dark, axe_violations(page)) + reflow(dark, page)
    switch_scheme(page, "light")
    return found


def test_a_page_of_each_template_has_no_axe_violations_wide(
    page_in: PageIn, site: Path, served: dict[str, str]
) -> None:
    page = page_in("light", WIDE)
    found: list[str] = []
    for url in template_pages(site):
        page.goto(served["root"] + url, wait_until="load")
        found += in_both_schemes(page, f"/{url}", WIDE[0])
    assert found == [], "\n".join(found)


def test_a_page_of_each_template_on_a_phone_has_no_axe_violations(
    page_in: PageIn, site: Path, served: dict[str, str]
) -> None:
    """At 390 px every rule but colour's on every template, and reflow. Colours do not change with
    the width (site.css sets none by width; Material's narrow header is the wide one's colour):
    each template's content is read for colour at full width in both schemes, and the phone's own
    shell (header, search button, drawer toggle) on the home page here, in both schemes."""
    page = page_in("light", NARROW)
    found: list[str] = []
    home, others = "", [url for url in template_pages(site) if url]
    page.goto(served["root"] + home, wait_until="load")
    found += in_both_schemes(page, f"/{home}", NARROW[0])
    colour = page.evaluate(COLOUR_RULES, AXE_TAGS)  # axe is in the page: in_both_schemes ran it
    assert colour, "axe names no rule about colour"
    for url in others:
        page.goto(served["root"] + url, wait_until="load")
        where = f"/{url} [light, {NARROW[0]}px]"
        found += report(where, axe_violations(page, without=colour)) + reflow(where, page)
    assert found == [], "\n".join(found)


def checker_states(tree: dict[str, Any]) -> list[tuple[str, list[Step]]]:
    """Each question, and the nearest outcome of each urgency level, with the clicks to reach it."""
    routes = shortest_routes(tree)
    states = [(node_id, routes[node_id]) for node_id, node in tree["nodes"].items() if node["kind"] == "question"]
    for level in tree["levels"]:
        outcomes = [i for i, node in tree["nodes"].items() if node["kind"] == "outcome" and node["level"] == level]
        if outcomes:
            nearest = min(outcomes, key=lambda i: len(routes[i]))
            states.append((f"{level}: {nearest}", routes[nearest]))
    return states


def test_the_checker_states_cover_every_question_and_every_level() -> None:
    states = [name for name, _ in checker_states(TREE)]
    questions = [i for i, node in TREE["nodes"].items() if node["kind"] == "question"]
    levels = {node["level"] for node in TREE["nodes"].values() if node["kind"] == "outcome"}
    assert set(questions) <= set(states)
    assert {name.split(":")[0] for name in states if ":" in name} == levels


@pytest.mark.parametrize(("scheme", "size"), COMBINATIONS[:3], ids=COMBINATION_IDS[:3])
def test_every_symptom_checker_state_has_no_axe_violations(
    page_in: PageIn, served: dict[str, str], scheme: Scheme, size: tuple[int, int]
) -> None:
    """Every rule at full width in light and dark; at a phone's width every rule but colour's,
    which the width does not change (as for the templates, above)."""
    page = page_in(scheme, size)
    open_checker(page, served["root"] + "triage/")
    page.evaluate(AXE_SCRIPT)  # the checker follows each state's address without a reload: axe stays
    colour = page.evaluate(COLOUR_RULES, AXE_TAGS) if size == NARROW else None
    found: list[str] = []
    around: str | None = None  # the page outside the checker, as axe read it whole
    for name, clicks in checker_states(TREE):
        # Each state from its address, as a shared link opens it (tests/test_triage_browser.py
        # clicks the routes); the checker follows the address without a reload.
        page.evaluate("fragment => { location.hash = fragment }", hash_of(clicks) or "#a=")
        node = TREE["nodes"][name.split(": ")[-1]]
        heading = page.locator("#triage-heading")
        heading.filter(has_text=node.get("title") or node.get("text")).wait_for()
        where = f"/triage/ {name} [{scheme}, {size[0]}px]"
        assert_scheme(page, scheme, where)
        # A state changes the checker alone: once axe has read the page around it, the checker
        # is read (heading order counts the page's headings too); should the page around it
        # have changed, the whole page is read again.
        if around is not None and page.evaluate(THE_PAGE_BUT, CHECKER) == around:
            found += report(where, axe_violations(page, context=CHECKER, without=colour)) + reflow(where, page)
        else:
            found += report(where, axe_violations(page, without=colour)) + reflow(where, page)
            around = page.evaluate(THE_PAGE_BUT, CHECKER)
    assert found == [], "\n".join(found)


def open_search(page: Page, query: str = "cramp at night") -> None:
    box = page.locator(BOX)
    box.click()
    box.fill(query)
    page.wait_for_function(SETTLED)
    page.locator(".site-search__result").first.wait_for()


@pytest.mark.parametrize(("scheme", "size"), COMBINATIONS, ids=COMBINATION_IDS)
def test_the_open_search_panel_has_no_axe_violations(
    page_in: PageIn, served: dict[str, str], scheme: Scheme, size: tuple[int, int]
) -> None:
    page = page_in(scheme, size)
    page.goto(served["root"] + "causes/")
    open_search(page)
    page.keyboard.press("ArrowDown")  # a chosen result, highlighted, as well as the others
    where = f"/causes/ with search results [{scheme}, {size[0]}px]"
    assert_scheme(page, scheme, where)
    assert page.locator("[data-site-search-panel]").is_visible()
    found = report(where, axe_violations(page))
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("url", ["", "causes/", "triage/"])
def test_on_a_narrow_screen_the_open_search_leaves_the_emergency_banner_in_view(
    page_in: PageIn, served: dict[str, str], url: str
) -> None:
    page = page_in("light", NARROW)
    page.goto(served["root"] + url)
    open_search(page)
    on_top = page.evaluate(
        """() => [...document.querySelectorAll('.emergency a')].map(a => {
             const box = a.getClientRects()[0];  // the first line of a link that wraps
             const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
             return [a.textContent.trim(), a.contains(hit)];
           })"""
    )
    assert on_top and all(shown for _, shown in on_top), f"/{url}: search covers the emergency links: {on_top}"
    panel = page.locator("[data-site-search-panel]").bounding_box()
    banner = page.locator(".emergency").bounding_box()
    assert panel is not None and banner is not None, f"/{url}: the results panel or the banner is not shown"
    assert panel["y"] >= banner["y"] + banner["height"], (panel, banner)
    assert panel["y"] + panel["height"] <= NARROW[1] + 1, "the results run off the bottom of the screen"


# -- keyboard ---------------------------------------------------------------------------------

# Whether a focus ring shows (3:1 against what is behind it, WCAG 1.4.11), and what the focused
# element and its parent look like apart from the ring, to compare with the same unfocused: the
# search box shows its focus on its whole form, whose colours change. The palette's radio is
# hidden: its label, the icon, shows the focus.
FOCUS = """el => {
  const shown = el.matches('.md-option') ? el.nextElementSibling : el;
  const parse = c => { const n = (c.match(/[\\d.]+/g) || []).map(Number);
    const rgb = c.startsWith('color(') ? n.slice(0, 3).map(v => v * 255) : n.slice(0, 3);
    return [...rgb, n.length > 3 ? n[3] : 1]; };
  const over = (top, under) => top.slice(0, 3).map((v, i) => v * top[3] + under[i] * (1 - top[3]));
  const lum = c => c.map(v => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const layers = [];
  for (let e = shown.parentElement; e; e = e.parentElement) layers.push(parse(getComputedStyle(e).backgroundColor));
  const behind = layers.reverse().reduce((under, top) => over(top, under), [255, 255, 255]);
  const s = getComputedStyle(shown);
  const ring = parse(s.outlineColor);
  const [hi, lo] = [lum(over(ring, behind)), lum(behind)].sort((x, y) => y - x);
  const look = e => { const c = getComputedStyle(e);
    return [c.color, c.backgroundColor, c.borderColor, c.boxShadow, c.textDecorationLine].join('|'); };
  return {
    name: (el.getAttribute('aria-label') || el.textContent).trim().replace(/\\s+/g, ' '),
    kind: el.matches('.md-skip') ? 'skip' : el.matches('.md-option') ? 'palette'
      : el.matches('[data-site-search-input]') ? 'search' : el.matches('.md-sidebar--primary .md-nav__link') ? 'nav'
      : el.matches('.triage__answer') ? 'answer' : 'other',
    ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && ring[3] > 0,
    ring_contrast: (hi + 0.05) / (lo + 0.05),
    shadow: s.boxShadow !== 'none',
    look: look(shown) + '/' + look(shown.parentElement),
  };
}"""


SETTLED_ANIMATIONS = "() => Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))"


def settle(page: Page) -> None:
    """Wait until every CSS transition and animation on the page has finished (Material's take
    250 ms): the focus is then shown as the reader finally sees it."""
    page.evaluate(SETTLED_ANIMATIONS)


def tab_through(page: Page, stops: int) -> list[Finding]:
    """Press Tab `stops` times from page load; what each press focused and how it showed."""
    seen = []
    for _ in range(stops):
        page.keyboard.press("Tab")
        settle(page)
        focused = page.evaluate_handle("document.activeElement")
        state = focused.evaluate(FOCUS)
        focused.evaluate("el => el.blur()")
        settle(page)
        state["unfocused_look"] = focused.evaluate(FOCUS)["look"]
        focused.evaluate("el => el.focus()")  # the next Tab goes on from here
        seen.append(state)
    return seen


def invisible_focus(seen: list[Finding]) -> list[str]:
    """Stops whose focus shows neither as a ring of 3:1 against its surroundings nor as another
    change of colour, border, shadow or underline."""

    def shows(stop: Finding) -> bool:
        return (
            bool(stop["ring"] and stop["ring_contrast"] >= 3)
            or stop["shadow"]
            or stop["look"] != stop["unfocused_look"]
        )

    return [
        f"{stop['kind']} {stop['name']!r}: ring {stop['ring']}, {stop['ring_contrast']:.1f}:1"
        for stop in seen
        if not shows(stop)
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_tab_reaches_skip_link_palette_search_and_navigation_with_the_focus_showing(
    page_in: PageIn, served: dict[str, str], scheme: Scheme
) -> None:
    page = page_in(scheme)
    page.goto(served["root"])
    seen = tab_through(page, 9)
    kinds = [stop["kind"] for stop in seen]
    assert kinds[0] == "skip", kinds
    assert {"palette", "search", "nav"} <= set(kinds), kinds
    assert max(kinds.index("palette"), kinds.index("search")) < kinds.index("nav"), kinds
    assert invisible_focus(seen) == [], f"[{scheme}] focus does not show: {invisible_focus(seen)}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_tab_reaches_each_checker_answer_with_the_focus_showing(
    page_in: PageIn, served: dict[str, str], scheme: Scheme
) -> None:
    page = page_in(scheme)
    page.goto(served["root"] + "triage/")
    page.locator("#triage .triage__answer").first.wait_for()
    answers = [answer["label"] for answer in TREE["nodes"][TREE["start"]]["answers"]]
    for _ in range(120):  # past the skip link, header and navigation
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.triage__answer')"):
            break
    else:
        raise AssertionError("Tab never reached an answer")
    page.keyboard.press("Shift+Tab")
    seen = tab_through(page, len(answers))
    assert [stop["name"] for stop in seen] == answers
    assert invisible_focus(seen) == [], f"[{scheme}] focus does not show: {invisible_focus(seen)}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_palette_toggle_switches_with_enter_and_space_and_keeps_the_focus_showing(
    page_in: PageIn, served: dict[str, str], scheme: Scheme
) -> None:
    page = page_in(scheme)
    page.goto(served["root"])
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.md-option')"):
            break
    else:
        raise AssertionError("Tab never reached the palette toggle")
    other: dict[Scheme, Scheme] = {"light": "dark", "dark": "light"}
    expected = scheme
    for key in ("Space", "Enter", "Enter", "Space"):
        page.keyboard.press(key)
        expected = other[expected]
        settle(page)  # the colours' transition
        where = f"[{scheme}, then {key}]"
        assert_scheme(page, expected, where)
        state = page.evaluate_handle("document.activeElement").evaluate(FOCUS)
        assert state["kind"] == "palette", f"{where}: focus left the toggle for {state['name']!r}"
        assert state["name"] == f"Switch to {other[expected]} mode", where
        assert state["ring"] and state["ring_contrast"] >= 3, f"{where}: {state}"
