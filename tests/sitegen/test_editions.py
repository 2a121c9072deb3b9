"""sitegen.editions: every edition checked together, and where one page lives in each."""

from __future__ import annotations

from sitegen.editions import alternates, load_editions
from tests.helpers import ROOT


def test_english_comes_first_then_spanish_with_its_own_words_and_texts() -> None:
    english, spanish = load_editions(ROOT)
    assert (english.lang, english.prefix, spanish.lang, spanish.prefix) == ("en", "", "es", "es/")
    assert spanish.dataset.triage.start == english.dataset.triage.start
    assert spanish.dataset.causes.causes[0].name != english.dataset.causes.causes[0].name
    assert spanish.t("page.home") == "Inicio"


def test_a_page_s_alternates_link_the_same_path_in_every_edition() -> None:
    base = "https://example.org/spasms/"
    from_english = {a["lang"]: a for a in alternates("causes/dehydration/", "en", ["es"], base)}
    from_spanish = {a["lang"]: a for a in alternates("causes/dehydration/", "es", ["es"], base)}
    assert from_english["es"]["href"] == from_spanish["es"]["href"] == f"{base}es/causes/dehydration/"
    assert from_english["es"]["link"] == "../../es/causes/dehydration/"
    assert from_spanish["en"]["link"] == "../../../causes/dehydration/"
    assert {a["lang"]: a["link"] for a in alternates("", "es", ["es"], base)} == {"en": "../", "es": "../es/"}
