"""The cramp diary (/diary/, docs/contracts.md "Diary and offline"): in Chromium, as a reader uses
it. Entries survive a reload, the CSV round trip is exact, a malformed file changes nothing, an
episode with a red flag shows that flag's care card from the same data as the checker, the
summary tells a doctor what they want, and the page prints on one page."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from sitegen.diary import flagged_ids
from tests.helpers import NARROW, WIDE, PageIn, own_modules, real_dataset
from tests.test_accessibility import in_both_schemes

pytestmark = pytest.mark.browser

DATA = real_dataset()
FLAGS = DATA.red_flags_by_id
LEVEL_LABEL = {level.level: level.label for level in DATA.triage.levels}
SCRIPT_GZIP_MAX = 10_000

TRICKY_NOTES = [
    'Woke at 3am, "like a knot", then a second one',
    "line one\nline two, with a comma\n\nand a blank line",
    "Crampe au mollet, très forte; ça a duré. 足がつった 🦵",
    "=1+2, a formula a spreadsheet must not run; 'quotes' and \\ too",
]


@pytest.fixture
def diary(page: Page, served: dict[str, str]) -> object:
    page.goto(served["root"] + "diary/")
    page.get_by_role("button", name="Save entry").wait_for()
    return page


def record(page: Page, *, date: str = "2026-11-20", time: str = "03:10", place: str = "calf", **fields: Any) -> None:
    """Fill the form as a reader does, and save."""
    page.get_by_label("Date").fill(date)
    page.get_by_label("Time").fill(time)
    page.get_by_label("Where in the body").select_option(place)
    if fields.get("other"):
        page.get_by_label("Which other place").fill(str(fields["other"]))
    if "minutes" in fields:
        page.get_by_label("Minutes").fill(str(fields["minutes"]))
    if "seconds" in fields:
        page.get_by_label("Seconds").fill(str(fields["seconds"]))
    if "severity" in fields:
        page.get_by_role("group", name="How bad").get_by_label(str(fields["severity"]), exact=True).check()
    if "activity" in fields:
        page.get_by_label("What you were doing").fill(str(fields["activity"]))
    if fields.get("medicine"):
        page.get_by_label("A new or changed medicine recently").check()
        page.get_by_label("Which medicine").fill(str(fields["medicine"]))
    if "stress" in fields:
        page.get_by_role("group", name="Stress").get_by_label(str(fields["stress"])).check()
    for sign in fields.get("signs", ()):
        page.get_by_label(sign, exact=True).check()
    if "note" in fields:
        page.get_by_label("Note (optional)").fill(str(fields["note"]))
    page.get_by_role("button", name="Save").click()
    page.get_by_role("status").filter(has_text="Saved").wait_for()


def entries(page: Page) -> list[str]:
    return page.locator(".diary__entry").all_inner_texts()


def download_csv(page: Page) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("button", name="Download CSV").click()
    return Path(info.value.path()).read_bytes()


def import_csv(page: Page, data: bytes, name: str = "diary.csv") -> None:
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import CSV").click()
    chooser.value.set_files({"name": name, "mimeType": "text/csv", "buffer": data})


def stored(page: Page) -> str:
    entries: str = page.evaluate("() => JSON.stringify(Object.entries(localStorage))")
    return entries


def test_the_diary_is_one_form_in_the_article_with_labelled_fields(diary: Page) -> None:
    assert diary.locator("article form").count() == 1
    for label in ("Date", "Time", "Where in the body", "Minutes", "What you were doing", "Note (optional)"):
        assert diary.get_by_label(label).count() == 1, label
    names = ("How bad", "Stress", "Did you also notice")
    for name in names:
        assert diary.get_by_role("group", name=name).count() == 1, name
    save = diary.get_by_role("button", name="Save entry")
    box = save.bounding_box()
    assert box is not None and box["height"] >= 44


def test_a_saved_entry_is_listed_after_a_reload(diary: Page) -> None:
    record(diary, minutes=2, severity=7, activity="Sleeping", note="Left calf, woke me up")
    assert "Saved" in diary.get_by_role("status").inner_text()
    diary.reload()
    diary.get_by_role("heading", name="Your entries (1)").wait_for()
    (entry,) = entries(diary)
    for text in ("Calf", "lasted 2 min", "7 of 10", "while Sleeping", "Left calf, woke me up"):
        assert text in entry


def test_the_csv_round_trip_is_exact(diary: Page, browser: Browser, served: dict[str, str]) -> None:
    for index, note in enumerate(TRICKY_NOTES):
        record(
            diary,
            date=f"2026-11-{10 + index}",
            place="other" if index == 2 else "calf",
            other="Mollet, côté gauche" if index == 2 else None,
            seconds=30 + index,
            severity=index,
            activity=f'Running, "hill" {index}',
            medicine="Neue Tablette, 5 mg" if index == 1 else "",
            stress="High",
            note=note,
        )
    first = download_csv(diary)
    text = first.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0][:3] == ["id", "when", "place"], "a header row first"
    assert len(rows) == 1 + len(TRICKY_NOTES), "one row per entry"
    notes = [row[rows[0].index("note")] for row in rows[1:]]
    assert sorted(note.removeprefix("'") for note in notes) == sorted(TRICKY_NOTES)

    fresh = browser.new_context(service_workers="block")
    try:
        other = fresh.new_page()
        other.goto(served["root"] + "diary/")
        other.get_by_role("button", name="Import CSV").wait_for()
        import_csv(other, first)
        other.get_by_role("heading", name=f"Your entries ({len(TRICKY_NOTES)})").wait_for()
        assert stored_entries(other) == stored_entries(diary), (
            "the imported entries are the saved ones, field for field"
        )
        assert sorted(entries(other)) == sorted(entries(diary))
        assert download_csv(other) == first
    finally:
        fresh.close()


@pytest.mark.parametrize(
    ("case", "content", "message"),
    [
        ("not a diary", b"name,age\nAnna,3\n", "the first row should be the header"),
        ("quote never closed", None, "a quoted field is never closed"),
        ("severity out of range", None, "severity should be a whole number from 0 to 10"),
        ("a row too short", None, "fields, expected 12"),
    ],
)
def test_a_malformed_csv_changes_nothing_and_says_why(diary: Page, case: str, content: bytes, message: str) -> None:
    record(diary, note="keep me")
    good = download_csv(diary).decode("utf-8")
    header, row = good.rstrip("\r\n").split("\r\n")
    other = row.replace(row.split(",")[0], "another-id", 1)
    content = (
        content
        or {
            "quote never closed": f'{header}\r\n{other[: -len("keep me")]}"keep me\r\n',
            "severity out of range": f"{header}\r\n{other.replace(',calf,,,,', ',calf,,,11,')}\r\n",
            "a row too short": f"{header}\r\n{other.rsplit(',', 2)[0]}\r\n",
        }[case].encode()
    )
    before = stored(diary)
    import_csv(diary, content, "broken.csv")
    alert = diary.get_by_role("alert")
    alert.filter(has_text="Nothing was imported").wait_for()
    assert message in alert.inner_text()
    assert "unchanged" in alert.inner_text()
    assert stored(diary) == before
    assert len(entries(diary)) == 1


def diary_rules() -> list[tuple[str, dict[str, Any], str]]:
    """(case, what the reader records, red flag it must show) for every rule in data/diary.yaml."""
    rules: list[tuple[str, dict[str, Any], str]] = [
        (f"place {p.id}", {"place": p.id}, flag) for p in DATA.diary.places for flag in p.red_flags
    ]
    rules += [(f"sign {s.id}", {"signs": [s.label]}, flag) for s in DATA.diary.signs for flag in s.red_flags]
    rules += [("medicine", {"medicine": "new pills"}, flag) for flag in DATA.diary.medicine.red_flags]
    for rule in DATA.diary.durations:
        rules += [(f"over {rule.over_minutes} min", {"minutes": rule.over_minutes + 1}, f) for f in rule.red_flags]
    assert rules, "data/diary.yaml maps no answer to a red flag"
    return rules


def assert_care_card_shown(page: Page, served: dict[str, str], case: str, flag_id: str) -> None:
    """Just after saving: the episode's warning has focus, with the flag's care card at its
    level, linked to the warning sign and to the checker."""
    flag = FLAGS[flag_id]
    warning = page.locator(".diary__result")
    assert page.evaluate("() => document.activeElement.textContent") == "This episode had a warning sign", case
    card = warning.locator(f".care-card--{flag.level}")
    assert card.get_by_role("link", name=flag.text).count() == 1, case
    assert LEVEL_LABEL[flag.level] in card.inner_text(), case
    checker = card.get_by_role("link", name="Check your symptoms")
    assert checker.get_attribute("href") == served["root"] + "triage/", case
    href = card.get_by_role("link", name=flag.text).get_attribute("href")
    assert href == served["root"] + f"when-to-see-a-doctor/#{flag_id}", case


def test_each_red_flag_episode_shows_its_care_card_then_again_after_a_reload(
    diary: Page, served: dict[str, str]
) -> None:
    """Every answer data/diary.yaml maps to a red flag, one episode each: its card on saving,
    and after a reload, worked out again from what was stored, for all of them at once."""
    rules = diary_rules()
    for number, (case, fields, flag_id) in enumerate(rules):
        record(diary, **fields, note=f"episode {number}")
        assert_care_card_shown(diary, served, case, flag_id)
    diary.reload()
    diary.get_by_role("heading", name=f"Your entries ({len(rules)})").wait_for()
    for number, (case, _, flag_id) in enumerate(rules):
        note = diary.locator(".diary__note", has_text=re.compile(f"^episode {number}$"))
        entry = diary.locator(".diary__entry").filter(has=note)
        assert entry.locator(".care-card").get_by_role("link", name=FLAGS[flag_id].text).count() == 1, case


def test_an_ordinary_episode_shows_no_warning(diary: Page) -> None:
    record(diary, minutes=1, activity="Sleeping")
    assert diary.locator(".care-card").count() == 0


def test_the_published_red_flags_are_the_checker_s(site: Path) -> None:
    config = json.loads((site / "diary" / "diary.json").read_text(encoding="utf-8"))
    tree = json.loads((site / "triage" / "tree.json").read_text(encoding="utf-8"))
    assert sorted(config["red_flags"]) == sorted(flagged_ids(DATA.diary))
    for flag_id, flag in config["red_flags"].items():
        assert {k: flag[k] for k in ("level", "text")} == tree["red_flags"][flag_id], flag_id


def test_edit_delete_and_delete_all_with_a_confirmation(diary: Page) -> None:
    record(diary, date="2026-11-01", note="first")
    record(diary, date="2026-11-02", note="second")
    diary.get_by_role("button", name="Edit the entry of Nov 2").click()
    assert "Edit the entry" in diary.evaluate("() => document.activeElement.textContent")
    assert diary.get_by_label("Note (optional)").input_value() == "second"
    diary.get_by_label("Note (optional)").fill("second, edited")
    diary.get_by_role("button", name="Save changes").click()
    diary.get_by_role("heading", name="Your entries (2)").wait_for()
    assert any("second, edited" in e for e in entries(diary))
    diary.get_by_role("button", name="Delete the entry of Nov 1").click()
    diary.get_by_role("heading", name="Your entries (1)").wait_for()
    diary.get_by_role("button", name="Delete all entries").click()
    diary.get_by_role("button", name="Keep my entries").click()
    assert len(entries(diary)) == 1
    diary.get_by_role("button", name="Delete all entries").click()
    diary.get_by_role("button", name="Yes, delete all").click()
    assert entries(diary) == []
    diary.reload()
    diary.get_by_text("No entries yet").wait_for()


def test_the_summary_counts_weeks_places_and_the_longest_episode(diary: Page) -> None:
    record(diary, date="2026-11-16", place="calf", minutes=1, activity="Sleeping")
    record(diary, date="2026-11-18", place="calf", minutes=4, seconds=30, activity="Sleeping")
    record(diary, date="2026-11-24", place="foot", seconds=20, activity="Walking")
    summary = diary.locator(".diary__summary")
    chart = summary.get_by_role("img", name="Episodes per week")
    weeks = chart.locator("title").text_content() or ""
    assert "week of Nov 16: 2; week of Nov 23: 1" in weeks
    assert chart.locator("rect").count() == 8
    text = summary.inner_text()
    assert "Calf (2), Foot or toes (1)" in text
    assert "Sleeping (2)" in text
    assert "4 min 30 s, Nov 18, 2026" in text


def test_print_for_your_doctor_is_one_page_without_the_form(diary: Page) -> None:
    for day in range(1, 13):
        record(diary, date=f"2026-11-{day:02d}", minutes=day, severity=day % 11, activity="Sleeping", note="woke up")
    diary.emulate_media(media="print")
    assert diary.locator("article form").is_hidden()
    assert diary.locator(".diary__summary").is_visible()
    pdf = diary.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1


def test_without_javascript_the_page_says_what_the_diary_needs(browser: Browser, served: dict[str, str]) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(served["root"] + "diary/")
        note = page.locator(".diary-nojs")
        assert note.is_visible()
        assert "needs JavaScript" in note.inner_text()
        assert "storage" in note.inner_text()
    finally:
        context.close()


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["wide", "narrow"])
def test_the_diary_with_entries_and_warnings_has_no_axe_violations(
    page_in: PageIn, served: dict[str, str], size: tuple[int, int]
) -> None:
    page = page_in("light", size)
    page.goto(served["root"] + "diary/")
    page.get_by_role("button", name="Save entry").wait_for()
    record(page, date="2026-11-20", minutes=3, severity=6, activity="Sleeping", note="a note")
    record(page, date="2026-11-21", signs=[DATA.diary.signs[0].label], medicine="new pills")
    found = in_both_schemes(page, "/diary/", size[0])
    page.get_by_role("button", name="Delete all entries").click()
    found += in_both_schemes(page, "/diary/ delete all", size[0])
    assert found == [], "\n".join(found)


def test_the_diary_s_scripts_are_at_most_10_kb_gzip(site: Path, figure: Callable[[str], None]) -> None:
    """As a reader downloads them: diary.js and every module it loads but those every page script
    shares (tests/helpers.py `own_modules`), each a response of its own, minified by the build
    (sitegen/minify.py), so their comments cost nothing."""
    own = own_modules(site / "assets" / "diary.js")
    raw = sum(len(module.read_bytes()) for module in own)
    packed = sum(len(gzip.compress(module.read_bytes(), 6, mtime=0)) for module in own)
    figure(f"[diary] {len(own)} scripts as served: {raw / 1000:.1f} KB, {packed / 1000:.2f} KB gzip")
    assert packed <= SCRIPT_GZIP_MAX


def test_what_a_reader_types_or_imports_is_shown_as_text_never_run(diary: Page) -> None:
    payload = '<img src=x onerror="window.__ran=1"><script>window.__ran=2</script>'
    record(diary, place="other", other=payload, activity=payload, note=payload)
    diary.reload()
    diary.get_by_role("heading", name="Your entries (1)").wait_for()
    (entry,) = entries(diary)
    assert payload in entry
    assert diary.locator(".diary img, .diary script").count() == 0
    assert diary.evaluate("() => window.__ran === undefined")


def test_an_episode_longer_than_a_red_flag_s_limit_shows_its_card_and_one_at_the_limit_does_not(
    page: Page, served: dict[str, str], site: Path
) -> None:
    """The limit is tested at its edge with a published rule on one flag, whatever data/diary.yaml holds."""
    config = json.loads((site / "diary" / "diary.json").read_text(encoding="utf-8"))
    flag_id = next(iter(config["red_flags"]))
    config["durations"] = [{"over_minutes": 10, "red_flags": [flag_id]}]
    body = json.dumps(config)
    page.route("**/diary/diary.json", lambda route: route.fulfill(body=body, content_type="application/json"))
    page.goto(served["root"] + "diary/")
    page.get_by_role("button", name="Save entry").wait_for()
    record(page, place="calf", minutes=10)
    assert page.locator(".care-card").count() == 0
    record(page, place="calf", minutes=10, seconds=1)
    card = page.locator(".diary__result .care-card")
    assert card.get_by_role("link", name=config["red_flags"][flag_id]["text"]).count() == 1


def test_the_form_works_from_the_keyboard_alone(diary: Page) -> None:
    diary.get_by_label("Where in the body").focus()
    diary.keyboard.press("ArrowDown")
    for _ in range(40):
        diary.keyboard.press("Tab")
        if diary.evaluate("() => document.activeElement.textContent") == "Save entry":
            break
    else:
        pytest.fail("Tab never reached the Save button")
    diary.keyboard.press("Enter")
    diary.get_by_role("status").filter(has_text="Saved").wait_for()
    assert len(entries(diary)) == 1


# -- nothing is lost: two tabs, browser clean-ups, formula cells, storage switched off


@pytest.fixture
def two_tabs(browser: Browser, served: dict[str, str]) -> Iterator[tuple[Page, Page]]:
    """Two pages of one browser: the diary open in two tabs, as a phone keeps old tabs."""
    context = browser.new_context(service_workers="block")
    try:
        tabs = (context.new_page(), context.new_page())
        for tab in tabs:
            tab.goto(served["root"] + "diary/")
            tab.get_by_role("button", name="Save entry").wait_for()
        yield tabs
    finally:
        context.close()


def stored_entries(page: Page) -> list[dict[str, str]]:
    found: list[dict[str, str]] = page.evaluate(
        "() => JSON.parse(Object.entries(localStorage).find(([k]) => /^spasms-diary:[^:]*$/.test(k))[1])"
    )
    return found


def test_two_tabs_saving_editing_and_deleting_in_turn_keep_every_entry_once(two_tabs: tuple[Page, Page]) -> None:
    first, second = two_tabs
    record(first, date="2026-11-01", note="saved in the first tab")
    second.get_by_role("heading", name="Your entries (1)").wait_for()  # the other tab shows it too
    record(second, date="2026-11-02", note="saved in the second tab")
    first.get_by_role("heading", name="Your entries (2)").wait_for()
    first.get_by_role("button", name="Edit the entry of Nov 2").click()
    first.get_by_label("Note (optional)").fill("saved in the second tab, edited in the first")
    first.get_by_role("button", name="Save changes").click()
    second.get_by_text("edited in the first").wait_for()
    second.get_by_role("button", name="Delete the entry of Nov 1").click()
    first.get_by_role("heading", name="Your entries (1)").wait_for()
    record(first, date="2026-11-03", note="saved in the first tab again")
    for tab in (first, second):
        tab.reload()
        tab.get_by_role("heading", name="Your entries (2)").wait_for()
        notes = sorted(e["note"] for e in stored_entries(tab))
        assert notes == ["saved in the first tab again", "saved in the second tab, edited in the first"]
        assert len({e["id"] for e in stored_entries(tab)}) == 2, "every entry exactly once"


def test_an_entry_deleted_in_another_tab_while_edited_is_said_and_what_was_typed_is_kept(
    two_tabs: tuple[Page, Page],
) -> None:
    first, second = two_tabs
    record(first, date="2026-11-01", note="to be deleted")
    second.get_by_role("button", name="Edit the entry of Nov 1").click()
    second.get_by_label("Note (optional)").fill("typed while it was deleted elsewhere")
    first.get_by_role("button", name="Delete the entry of Nov 1").click()
    second.get_by_role("alert").filter(has_text="deleted in another tab").wait_for()
    second.get_by_role("button", name="Save changes").click()
    assert second.get_by_label("Note (optional)").input_value() == "typed while it was deleted elsewhere"
    assert stored_entries(second) == [], "nothing saved over the deletion"
    second.get_by_role("button", name="Save entry").click()  # the form now saves it as a new entry
    second.get_by_role("heading", name="Your entries (1)").wait_for()
    assert [e["note"] for e in stored_entries(first)] == ["typed while it was deleted elsewhere"]


def test_the_diary_says_whether_the_browser_keeps_it_and_reminds_of_entries_never_downloaded(diary: Page) -> None:
    kept = diary.locator(".diary__kept")
    kept.filter(has_text="diary").wait_for()
    assert any(
        words in kept.inner_text() for words in ("agreed to keep your diary", "may delete your diary", "does not say")
    ), kept.inner_text()
    record(diary, date="2026-11-01")
    record(diary, date="2026-11-02")
    diary.get_by_text("Entries never downloaded: 2.").wait_for()
    download_csv(diary)
    diary.get_by_text("Entries never downloaded").wait_for(state="detached")
    record(diary, date="2026-11-03")
    diary.get_by_text("Entries never downloaded: 1.").wait_for()
    diary.reload()
    diary.get_by_text("Entries never downloaded: 1.").wait_for()  # kept on the device


FORMULA_TEXTS = [
    '=HYPERLINK("http://example.com","click")',
    "+1 after a run",
    "-2 minutes",
    "@SUM(A1:A9)",
    "\ttabbed in",
    "'an apostrophe typed first",
    "''two of them",
]


def test_formula_cells_download_as_text_and_import_back_exactly(
    diary: Page, browser: Browser, served: dict[str, str]
) -> None:
    for index, text in enumerate(FORMULA_TEXTS):
        record(diary, date=f"2026-11-{10 + index}", activity=text.strip(), note=text)
    data = download_csv(diary)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")], (
        "a cell a spreadsheet would run"
    )
    fresh = browser.new_context(service_workers="block")
    try:
        other = fresh.new_page()
        other.goto(served["root"] + "diary/")
        import_csv(other, data)
        other.get_by_role("heading", name=f"Your entries ({len(FORMULA_TEXTS)})").wait_for()
        assert stored_entries(other) == stored_entries(diary), "every text as it was typed"
        assert sorted(e["note"] for e in stored_entries(other)) == sorted(FORMULA_TEXTS)
    finally:
        fresh.close()


@pytest.mark.parametrize(
    ("case", "script"),
    [
        (
            "switched off",
            "Object.defineProperty(window, 'localStorage', "
            "{ get() { throw new DOMException('denied', 'SecurityError'); } });",
        ),
        (
            "full or private",
            "Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };",
        ),
    ],
)
def test_storage_that_cannot_keep_an_entry_is_said_before_any_typing(
    browser: Browser, served: dict[str, str], case: str, script: str
) -> None:
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        page.add_init_script(script)
        page.goto(served["root"] + "diary/")
        page.get_by_text("does not let the site keep data on this device").wait_for()
        assert page.locator("#diary form").count() == 0, f"{case}: a form no entry could be saved from"
    finally:
        context.close()
