"""The built site shows every record of the data, on the URLs the design promises."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest
from bs4 import Tag

from sitegen import urls
from sitegen.kinds import KINDS, records, with_pages
from sitegen.models import Tip
from sitegen.provenance import next_review
from sitegen.strings import strings
from tests.helpers import real_dataset
from tests.site_html import article, attribute, html_pages, json_ld, markdown_text, page_file, soup, text_of, words

DATA = real_dataset()
money, amount = strings("en").money, strings("en").amount


@pytest.fixture(scope="session")
def site(engine_site: Path) -> Path:
    """Every test here holds for the site as each engine builds it (tests/conftest.py)."""
    return engine_site


def entity_ids(kind: str) -> list[str]:
    return list(DATA.by_id[kind])


def assert_shows(node: Tag, text: str, where: str) -> None:
    assert markdown_text(text) in text_of(node), f"{where}: does not show {text!r}"


def assert_provenance(site: Path, url: str) -> None:
    footer = article(site, url).select_one(".provenance")
    assert footer is not None, f"{url}: no sources / last reviewed"
    text = text_of(footer)
    assert "Sources:" in text and "Last reviewed:" in text and "Next review due:" in text, url
    reviewed, due = (date.fromisoformat(attribute(t, "datetime")) for t in footer.select("time[datetime]")[:2])
    assert due == next_review(reviewed, DATA.sources.review_interval_months), f"{url}: next review {due}"
    assert "has not yet been reviewed by a clinician" in text or "Clinical review:" in text, url
    report = footer.find("a", string="Report a problem with this page")
    assert report is not None, f"{url}: no way to report a problem"
    title = text_of(soup(page_file(site, url)).title).rsplit(" - ", 1)[0]
    href = attribute(report, "href")
    assert quote(title) in href or quote_plus(title) in href, f"{url}: report link names no page"


@pytest.mark.parametrize(("kind", "record_id"), [(k.name, r.id) for k in with_pages() for r in records(DATA, k.name)])
def test_every_record_of_a_kind_with_pages_is_published_as_its_declaration_says(
    site: Path, kind: str, record_id: str
) -> None:
    spec, record = KINDS[kind], DATA.pages_by_id[kind][record_id]
    url = urls.entity(kind, record_id).url
    assert url == f"{spec.section}/{record_id}/"
    page = article(site, url)
    assert text_of(page.h1) == record.name, url
    assert attribute(page, "data-pagefind-meta") == f"type:{spec.search_type}", url
    data = json_ld(site, url)
    assert spec.schema in (data["@type"], data.get("about", {}).get("@type")), url
    assert spec.description is not None and data.get("description") == spec.description(record), url
    overview = article(site, urls.PAGES[str(spec.overview)].url)
    assert overview.select_one(f'a[href$="{record_id}/"]'), f"{spec.overview}: no link to {url}"
    assert_provenance(site, url)


LEVEL_ORDER = ["emergency", "urgent", "doctor"]


@pytest.mark.parametrize("guide_id", entity_ids("guides"))
def test_guide_page_shows_every_section_and_its_warning_signs_most_urgent_first(site: Path, guide_id: str) -> None:
    guide = DATA.guides_by_id[guide_id]
    url = urls.entity("guides", guide_id).url
    page = article(site, url)
    assert text_of(page.h1) == guide.name
    for text in (guide.summary, guide.what_it_is, guide.look_alikes, guide.do_now, guide.prevent, guide.get_help):
        assert_shows(page, text, url)
    assert_shows(page, guide.doctor, url)
    cards = page.select(".care-card")
    levels = [next(c for c in attribute(card, "class").split() if c.startswith("care-card--")) for card in cards]
    expected = [
        f"care-card--{level}"
        for level in LEVEL_ORDER
        if any(DATA.red_flags_by_id[f].level == level for f in guide.red_flags)
    ]
    assert levels == expected, f"{url}: care cards {levels}, expected {expected}"
    for flag_id in guide.red_flags:
        flag = DATA.red_flags_by_id[flag_id]
        link = page.select_one(f'.care-card--{flag.level} a[href$="when-to-see-a-doctor/#{flag_id}"]')
        assert link is not None and text_of(link) == flag.text, f"{url}: {flag_id} not in its {flag.level} card"
    for kind in ("conditions", "causes"):
        for entity_id in getattr(guide, kind):
            assert page.select_one(f'a[href$="{kind}/{entity_id}/"]'), f"{url}: no link to {kind} {entity_id}"
    assert json_ld(site, url)["@type"] == "MedicalWebPage"
    assert_provenance(site, url)


@pytest.mark.parametrize("where", ["", "guides/"])
def test_home_and_the_guides_overview_list_every_guide_with_its_summary(site: Path, where: str) -> None:
    page = article(site, where)
    for guide in DATA.guides.guides:
        link = page.select_one(f'a[href$="{guide.id}/"]')
        assert link is not None and text_of(link) == guide.name, f"{where or 'home'}: no link to guide {guide.id}"
        assert guide.summary in text_of(page), f"{where or 'home'}: no summary of {guide.id}"


@pytest.mark.parametrize("cause_id", entity_ids("causes"))
def test_cause_page_shows_all_of_its_record(site: Path, cause_id: str) -> None:
    cause = DATA.causes_by_id[cause_id]
    url = urls.entity("causes", cause_id).url
    page = article(site, url)
    assert text_of(page.h1) == cause.name
    for text in (
        cause.summary,
        cause.mechanism,
        cause.example,
        *cause.lay_terms,
        *([cause.advice] if cause.advice else []),
    ):
        assert_shows(page, text, url)
    for specialist_id in cause.specialists:
        assert page.select_one(f'a[href$="specialists/{specialist_id}/"]'), f"{url}: no link to {specialist_id}"
    assert_provenance(site, url)


@pytest.mark.parametrize("cause_id", entity_ids("causes"))
def test_causes_overview_has_a_row_linking_each_cause(site: Path, cause_id: str) -> None:
    cause = DATA.causes_by_id[cause_id]
    rows = [row for row in article(site, "causes/").select("tr") if row.select_one(f'a[href$="{cause_id}/"]')]
    assert len(rows) == 1, f"causes/: {cause_id} should have one row"
    assert_shows(rows[0], cause.mechanism, f"causes/ row {cause_id}")


@pytest.mark.parametrize("condition_id", entity_ids("conditions"))
def test_condition_page_and_overview_show_the_record(site: Path, condition_id: str) -> None:
    condition = DATA.conditions_by_id[condition_id]
    url = urls.entity("conditions", condition_id).url
    page = article(site, url)
    assert text_of(page.h1) == condition.name
    for text in (
        condition.spasm_pattern,
        condition.description,
        condition.relation,
        condition.signs,
        condition.what_to_do,
        condition.outlook,
        *condition.next_steps,
        *condition.lay_terms,
    ):
        assert_shows(page, text, url)
    for flag_id in condition.red_flags:
        assert page.select_one(f'a[href$="when-to-see-a-doctor/#{flag_id}"]'), f"{url}: no link to red flag {flag_id}"
    row = article(site, "conditions/").select_one(f'tr:has(a[href$="{condition_id}/"])')
    assert row is not None and condition.spasm_pattern in text_of(row), f"conditions/: no row for {condition_id}"
    assert json_ld(site, url)["about"]["@type"] == "MedicalCondition"
    assert_provenance(site, url)


@pytest.mark.parametrize("specialist_id", entity_ids("specialists"))
def test_specialist_page_and_overview_show_cost_range(site: Path, specialist_id: str) -> None:
    specialist = DATA.specialists_by_id[specialist_id]
    url = urls.entity("specialists", specialist_id).url
    cost = money(specialist.cost)
    assert f"${specialist.cost.min}" in cost and f"{specialist.cost.max}" in cost.replace(",", "")
    for where in (url, "specialists/"):
        assert cost in text_of(article(site, where)), f"{where}: no cost {cost!r} for {specialist_id}"
    for text in specialist.helps_with:
        assert_shows(article(site, url), text, url)
    assert_provenance(site, url)


@pytest.mark.parametrize("faq_id", entity_ids("faqs"))
def test_each_faq_is_a_heading_with_its_anchor(site: Path, faq_id: str) -> None:
    faq = DATA.faqs_by_id[faq_id]
    heading = article(site, "faq/").find(id=faq_id)
    assert heading is not None and heading.name in ("h2", "h3"), f"faq/#{faq_id}: no heading"
    assert faq.question in text_of(heading)
    assert_shows(article(site, "faq/"), faq.answer, f"faq/#{faq_id}")
    section = []
    for sibling in heading.find_next_siblings():
        if sibling.name == heading.name:
            break
        section.append(sibling)
    more = [p for p in section if p.name == "p" and text_of(p).startswith("Read more")]
    assert more, f"faq/#{faq_id}: no link to the page that says more"
    for kind in ("guides", "conditions", "causes"):
        for entity_id in getattr(faq, kind):
            assert more[0].select_one(f'a[href$="{kind}/{entity_id}/"]'), f"faq/#{faq_id}: no link to {entity_id}"


def test_faq_page_is_marked_up_as_an_faq(site: Path) -> None:
    data = json_ld(site, "faq/")
    assert "FAQPage" in data["@type"]
    assert [q["name"] for q in data["mainEntity"]] == [f.question for f in DATA.faqs.faqs]


@pytest.mark.parametrize("flag_id", entity_ids("red_flags"))
def test_red_flag_sits_in_the_care_card_of_its_level(site: Path, flag_id: str) -> None:
    flag = DATA.red_flags_by_id[flag_id]
    heading = article(site, "when-to-see-a-doctor/").find(id=flag_id)
    assert heading is not None, f"when-to-see-a-doctor/#{flag_id}: missing"
    card = heading.find_parent(class_="care-card")
    assert card is not None and f"care-card--{flag.level}" in attribute(card, "class").split(), (
        f"{flag_id}: not in the {flag.level} card"
    )
    label = next(t.label for t in DATA.triage.levels if t.level == flag.level)
    hidden = card.select_one("h2 .visually-hidden")
    assert hidden is not None and text_of(hidden).startswith(label), f"{flag_id}: urgency not spoken to screen readers"
    assert flag.text in text_of(heading)


@pytest.mark.parametrize(
    ("section", "tip"),
    [(s.id, t) for s in DATA.action_plan.sections for t in s.tips],
    ids=lambda v: getattr(v, "id", v),
)
def test_action_plan_shows_every_tip_with_its_quantities(site: Path, section: str, tip: Tip) -> None:
    page = article(site, "action-plan/")
    heading = page.find(id=tip.id)
    assert heading is not None, f"action-plan/#{tip.id}: missing"
    assert_shows(page, tip.text, f"action-plan/#{tip.id}")
    for quantity in tip.quantities:
        assert amount(quantity) in text_of(page), f"action-plan/#{tip.id}: no {amount(quantity)!r}"
    for food in tip.foods:
        assert food in text_of(page)
    if tip.experience:
        quote = heading.find_next(class_="admonition")
        assert quote is not None and "One writer's experience" in text_of(quote), f"action-plan/#{tip.id}: unlabelled"
        assert_shows(quote, tip.experience, f"action-plan/#{tip.id}")


def test_action_plan_shows_the_tracking_prompts(site: Path) -> None:
    page = text_of(article(site, "action-plan/"))
    for prompt in DATA.action_plan.tracking.prompts:
        assert prompt in page


@pytest.mark.parametrize("page", ["", "about/", "causes/", "triage/", "faq/", "action-plan/"])
def test_fixed_pages_exist_at_their_contract_urls(site: Path, page: str) -> None:
    assert page_file(site, page).is_file()
    assert_provenance(site, page)


def test_every_page_has_the_emergency_number_and_json_ld(site: Path) -> None:
    for path in html_pages(site):
        html = soup(path)
        number = html.select_one(".emergency .emergency__number")
        assert number is not None and words(number.get_text()) == "911", f"{path}: no emergency number"
        assert "MedicalWebPage" in str(html.select_one('script[type="application/ld+json"]')), f"{path}: no JSON-LD"


def test_no_page_loads_anything_from_another_host_or_links_to_the_root(site: Path) -> None:
    for path in html_pages(site):
        html = soup(path)
        for tag in html.select("script[src], link[href], img[src], source[src], iframe[src]"):
            ref = attribute(tag, "src") or attribute(tag, "href")
            if tag.name == "link" and set(attribute(tag, "rel").split()) & {"canonical", "alternate"}:
                continue
            assert not ref.startswith(("http:", "https:", "//")), f"{path}: loads {ref}"
        for tag in html.select("a[href], link[href], script[src], img[src]"):
            ref = attribute(tag, "href") or attribute(tag, "src")  # Zensical links a page to itself as href=""
            assert not (ref.startswith("/") and not ref.startswith("//")), (
                f"{path}: absolute link {ref} breaks sub-path hosting"
            )


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    broken = []
    for path in html_pages(site):
        for tag in soup(path).select("a[href], link[href], script[src], img[src]"):
            ref = attribute(tag, "href") or attribute(tag, "src")  # "" is the page itself (Zensical)
            if ref.startswith(("http:", "https:", "mailto:", "tel:", "//")):
                continue
            target, _, anchor = ref.partition("#")
            file = (path.parent / target).resolve() if target else path
            if file.is_dir() or target.endswith("/"):
                file = file / "index.html"
            if not file.is_file():
                broken.append(f"{path.relative_to(site)}: {ref}")
            elif anchor and file.suffix == ".html" and soup(file).find(id=anchor) is None:
                broken.append(f"{path.relative_to(site)}: {ref} (no #{anchor})")
    assert not broken, "\n".join(broken)


def test_hand_written_pages_name_their_sources(site: Path) -> None:
    about = text_of(article(site, "about/"))
    for source in DATA.sources.sources:
        assert source.title in about, source.id


def test_about_page_links_every_source_where_it_was_read(site: Path) -> None:
    about = article(site, "about/")
    for source in DATA.sources.sources:
        if source.url:
            assert about.find("a", href=source.url), f"about/: {source.id} is not linked to {source.url}"


@pytest.mark.parametrize("flag_id", entity_ids("red_flags"))
def test_red_flag_gives_its_reason_and_links_its_sources(site: Path, flag_id: str) -> None:
    flag = DATA.red_flags_by_id[flag_id]
    rows = [r for r in article(site, "when-to-see-a-doctor/").select("tr") if r.select_one(f'a[href="#{flag_id}"]')]
    assert len(rows) == 1, f"when-to-see-a-doctor/: {flag_id} should have one row in the table of reasons"
    assert_shows(rows[0], flag.level_reason, flag_id)
    for source_id in flag.sources:
        source = DATA.sources_by_id[source_id]
        if source.url:
            assert rows[0].find("a", href=source.url), f"{flag_id}: source {source_id} not linked"


def test_emergency_banner_names_the_commonest_signs_and_links_the_rest(site: Path) -> None:
    named = [f.short for f in DATA.red_flags.red_flags if f.level == "emergency" and f.short]
    assert named, "no emergency sign is named in the banner"
    for path in html_pages(site):
        banner = soup(path).select_one(".emergency")
        for short in named:
            assert short in text_of(banner), f"{path}: banner does not name {short!r}"
        assert banner is not None, f"{path}: no emergency banner"
        link = banner.select_one('a[href*="#level-emergency"]')
        target = (path.parent / attribute(link, "href").partition("#")[0]).resolve() if link else None
        assert target in (site / "when-to-see-a-doctor", site / "when-to-see-a-doctor" / "index.html"), (
            f"{path}: no link to the rest of the emergency signs"
        )


def test_no_page_shows_editors_notes(site: Path) -> None:
    notes = ("the article", "this site treats", "the seed", "editorial")
    for path in html_pages(site):
        text = text_of(soup(path).select_one("article") or soup(path)).lower()
        found = [note for note in notes if note in text]
        assert not found, f"{path.relative_to(site)}: reads like an editor's note: {found}"
