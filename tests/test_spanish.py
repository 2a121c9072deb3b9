"""The Spanish edition as built by each engine: every record in Spanish at /es/<the same path>,
`<html lang="es">`, the language switch to the same page both ways, canonical links, the sitemap
with both languages, JSON-LD `inLanguage`, Spanish footer, banner and care cards, the honest
translation notice, and a /es/triage/tree.json that is the English tree with Spanish texts."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import Tag

from sitegen import urls
from sitegen.editions import Edition, load_editions
from sitegen.problems import DataError
from sitegen.script_strings import SECTION
from sitegen.triage import compile_tree
from tests.helpers import ROOT, real_editions
from tests.site_html import article, attribute, html_pages, json_ld, markdown_text, page_file, soup, text_of, words

ENGLISH, SPANISH = real_editions()
ES = SPANISH.dataset
T = SPANISH.t
ENGLISH_WORDS = ("Last reviewed", "Next review due", "Report a problem", "How it happens", "Who can help")


@pytest.fixture(scope="session")
def site(engine_site: Path) -> Path:
    """Every test here holds for the site as each engine builds it (tests/conftest.py)."""
    return engine_site


@pytest.fixture(scope="session")
def es(site: Path) -> Path:
    return site / "es"


def ids(kind: str) -> list[str]:
    return list(ES.by_id[kind])


def shows(node: Tag | None, text: str, where: str) -> None:
    assert markdown_text(text) in text_of(node), f"{where}: does not show {text!r}"


def spanish_footer(es: Path, url: str) -> None:
    footer = article(es, url).select_one(".provenance")
    assert footer is not None, f"es/{url}: no footer"
    text = text_of(footer)
    for key in ("footer.sources", "footer.last_reviewed", "footer.next_review", "footer.clinical_review"):
        assert T(key) in text, f"es/{url}: no {T(key)!r}"
    assert T("translation_note") in text, f"es/{url}: the translation's review status is not shown"
    assert footer.find("a", string=T("footer.report")), f"es/{url}: no {T('footer.report')!r} link"
    assert " de 20" in text, f"es/{url}: dates are not written in Spanish"


@pytest.mark.parametrize("cause_id", ids("causes"))
def test_each_cause_is_in_spanish_at_its_path(es: Path, cause_id: str) -> None:
    cause = ES.causes_by_id[cause_id]
    url = urls.entity("causes", cause_id).url
    page = article(es, url)
    assert text_of(page.h1) == cause.name
    for text in (
        cause.summary,
        cause.mechanism,
        cause.example,
        *cause.lay_terms,
        *([cause.advice] if cause.advice else []),
    ):
        shows(page, text, f"es/{url}")
    assert T("cause.how") in text_of(page)
    spanish_footer(es, url)


@pytest.mark.parametrize("condition_id", ids("conditions"))
def test_each_condition_is_in_spanish_at_its_path(es: Path, condition_id: str) -> None:
    condition = ES.conditions_by_id[condition_id]
    url = urls.entity("conditions", condition_id).url
    page = article(es, url)
    assert text_of(page.h1) == condition.name
    for text in (condition.description, condition.spasm_pattern, *condition.next_steps, *condition.lay_terms):
        shows(page, text, f"es/{url}")
    assert json_ld(es, url)["about"]["name"] == condition.name
    spanish_footer(es, url)


@pytest.mark.parametrize("specialist_id", ids("specialists"))
def test_each_specialist_shows_its_cost_in_spanish_format(es: Path, specialist_id: str) -> None:
    specialist = ES.specialists_by_id[specialist_id]
    url = urls.entity("specialists", specialist_id).url
    cost = T.money(specialist.cost)
    assert cost.startswith(f"US${specialist.cost.min}–{specialist.cost.max} por ")
    for where in (url, "specialists/"):
        assert cost in text_of(article(es, where)), f"es/{where}: no {cost!r}"
    for text in specialist.helps_with:
        shows(article(es, url), text, f"es/{url}")
    spanish_footer(es, url)


@pytest.mark.parametrize("faq_id", ids("faqs"))
def test_each_question_is_a_spanish_heading_with_its_anchor(es: Path, faq_id: str) -> None:
    faq = ES.faqs_by_id[faq_id]
    heading = article(es, "faq/").find(id=faq_id)
    assert heading is not None and faq.question in text_of(heading)
    shows(article(es, "faq/"), faq.answer, f"es/faq/#{faq_id}")


@pytest.mark.parametrize("flag_id", ids("red_flags"))
def test_each_warning_sign_sits_in_its_spanish_care_card(es: Path, flag_id: str) -> None:
    flag = ES.red_flags_by_id[flag_id]
    heading = article(es, "when-to-see-a-doctor/").find(id=flag_id)
    assert heading is not None and flag.text in text_of(heading)
    card = heading.find_parent(class_="care-card")
    assert card is not None and f"care-card--{flag.level}" in card["class"]
    label = next(t.label for t in ES.triage.levels if t.level == flag.level)
    assert text_of(card.select_one("h2 .visually-hidden")).startswith(label), f"{flag_id}: level not spoken in Spanish"


def test_the_action_plan_shows_every_tip_and_quantity_in_spanish(es: Path) -> None:
    page = text_of(article(es, "action-plan/"))
    for section in ES.action_plan.sections:
        for tip in section.tips:
            assert markdown_text(tip.text) in page, tip.id
            for quantity in tip.quantities:
                assert T.amount(quantity) in page, f"{tip.id}: no {T.amount(quantity)!r}"
    assert "3500 mg de potasio al día" in page and "310–320 mg de magnesio (mujeres adultas) al día" in page


def test_every_spanish_page_is_spanish_with_a_switch_to_the_same_english_page(site: Path, es: Path) -> None:
    pages = html_pages(es)
    assert len(pages) == len(html_pages(site)), "every English page has its Spanish twin"
    for path in pages:
        url = path.relative_to(es).as_posix().removesuffix("index.html")
        html = soup(path)
        assert attribute(html.html, "lang") == "es", f"es/{url}: not lang=es"
        canonical = attribute(html.select_one('link[rel="canonical"]'), "href")
        assert canonical.endswith(f"/es/{url}"), f"es/{url}: canonical {canonical}"
        switch = html.select_one(".site-language a[hreflang=en]")
        assert switch is not None, f"es/{url}: no language switch"
        english = (path.parent / attribute(switch, "href")).resolve() / "index.html"
        assert english == (site / url / "index.html").resolve()
        back = soup(page_file(site, url)).select_one(".site-language a[hreflang=es]")
        assert back is not None, f"/{url}: no switch to Spanish"
        assert (page_file(site, url).parent / attribute(back, "href")).resolve() == (es / url).resolve()
        assert json_ld(es, url)["inLanguage"] == "es" and json_ld(site, url)["inLanguage"] == "en"
        banner = text_of(html.select_one(".emergency"))
        assert banner.startswith(T("emergency.ask")) and T("emergency.another") in banner, f"es/{url}: banner"
        text = text_of(html.select_one("article"))
        assert not [w for w in ENGLISH_WORDS if w in text], f"es/{url}: English template words"
        nav = [words(a.get_text()) for a in html.select(".md-nav__link")]
        assert T("page.home") in nav and "Home" not in nav, f"es/{url}: navigation not in Spanish"


def test_the_sitemap_lists_both_editions_with_hreflang_alternates(site: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ElementTree.parse(site / "sitemap.xml")  # noqa: S314 (our own build)
    entries = {u.findtext("s:loc", "", namespaces=ns): u for u in tree.getroot().findall("s:url", ns)}
    english = [loc for loc in entries if "/es/" not in loc]
    assert len(english) == len(html_pages(site)) and len(entries) == 2 * len(english)
    root = min(entries, key=len)
    for loc in english:
        spanish = root + "es/" + loc.removeprefix(root)
        assert spanish in entries, f"{spanish} is not listed"
        for where in (loc, spanish):
            links = {x.get("hreflang"): x.get("href") for x in entries[where].findall("x:link", ns)}
            assert links == {"en": loc, "es": spanish}, where


def test_the_spanish_tree_is_the_english_tree_with_spanish_texts(site: Path, es: Path) -> None:
    english = json.loads((site / "triage" / "tree.json").read_text(encoding="utf-8"))
    spanish = json.loads((es / "triage" / "tree.json").read_text(encoding="utf-8"))
    assert spanish == compile_tree(ES, T)
    assert spanish["start"] == english["start"] and spanish["levels"] == english["levels"]
    assert {k: v["level"] for k, v in spanish["red_flags"].items()} == {
        k: v["level"] for k, v in english["red_flags"].items()
    }
    assert spanish["nodes"].keys() == english["nodes"].keys()
    for node_id, node in english["nodes"].items():
        twin = spanish["nodes"][node_id]
        assert twin["kind"] == node["kind"] and twin.get("level") == node.get("level"), node_id
        shape = [(a["next"], a["red_flags"]) for a in node.get("answers", [])]
        assert [(a["next"], a["red_flags"]) for a in twin.get("answers", [])] == shape, node_id
        assert [link["url"] for link in twin.get("links", [])] == [link["url"] for link in node.get("links", [])]
        if node["kind"] == "question":
            assert twin["text"] != node["text"], f"{node_id}: not translated"
    assert spanish["level_text"]["emergency"]["label"] == "Emergencia"
    assert (es / "diary" / "diary.json").is_file()


def test_a_hand_written_page_without_its_spanish_twin_fails_the_check(tmp_path: Path) -> None:
    project = tmp_path / "project"
    for part in ("data", "content"):
        shutil.copytree(ROOT / part, project / part)
    (project / "content" / "es" / "diary.md").unlink()
    with pytest.raises(
        DataError, match=r"content/es/diary\.md:1: \(file\): file is missing: content/diary\.md needs its es twin"
    ):
        load_editions(project)


def scripts_table(site: Path, edition: Edition) -> dict[str, str]:
    """The page scripts' words as the edition's built `assets/strings.js` holds them."""
    script = (site / edition.prefix / "assets" / "strings.js").read_text(encoding="utf-8")
    found = re.search(r"const STRINGS=(\{.*?\});", script)
    assert found, f"{edition.prefix}assets/strings.js: no table"
    table: dict[str, str] = json.loads(found.group(1))
    return table


def test_each_edition_s_scripts_get_its_own_words_and_only_theirs(site: Path) -> None:
    english, spanish = scripts_table(site, ENGLISH), scripts_table(site, SPANISH)
    assert english == ENGLISH.t[SECTION] and spanish == SPANISH.t[SECTION]
    assert "search.placeholder" not in spanish, "a word of the templates only"
    for key, text in english.items():
        if re.search("[A-Za-z]{4}", re.sub(r"\{\w+\}", "", text)):  # words, not only placeholders and units
            assert spanish[key] != text, f"{key}: not translated"


def test_each_edition_s_not_found_page_is_in_its_language_and_leads_home(site: Path) -> None:
    for edition, home in ((ENGLISH, "/"), (SPANISH, "/es/")):
        html = soup(site / edition.prefix / "404.html")
        assert attribute(html.html, "lang") == edition.lang, edition.lang
        text = text_of(html.select_one("article"))
        assert edition.t("not_found.title") in text and edition.t("not_found.text") in text, edition.lang
        link = html.find("a", string=edition.t("not_found.home"))
        assert link is not None and attribute(link, "href").removesuffix(".") == home, edition.lang
