"""sitegen.script_strings: the page scripts get their words from sitegen/strings/<lang>.yaml, and
a key a script uses that a language lacks stops the build with the place to fix."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from sitegen.editions import load_editions
from sitegen.problems import DataError
from sitegen.script_strings import EMPTY, check_script_keys, with_table
from sitegen.strings import FOLDER, strings
from tests.helpers import ROOT

EN = strings("en")
ASSETS = ROOT / "content" / "assets"


def test_every_key_the_scripts_use_is_in_the_table_and_every_key_there_is_used() -> None:
    assert check_script_keys(ASSETS, EN) == []


def scripts(tmp_path: Path, text: str) -> Path:
    """The project's scripts with `text` added to search.js; the folder they are in."""
    assets = tmp_path / "assets"
    shutil.copytree(ASSETS, assets)
    with (assets / "search.js").open("a", encoding="utf-8") as script:
        script.write(text)
    return assets


def test_a_key_a_script_uses_that_the_table_lacks_is_named_with_its_file_and_line(tmp_path: Path) -> None:
    assets = scripts(tmp_path, 'say(t("search.brand-new"));\nsay(on ? "diary.kept.yes" : "diary.gone");\n')
    lines = len((assets / "search.js").read_text(encoding="utf-8").splitlines())
    problems = [str(p) for p in check_script_keys(assets, EN)]
    assert problems == [
        f'content/assets/search.js:{lines - 1}: t("search.brand-new"): no such key in the scripts section of '
        "sitegen/strings/en.yaml",
        f'content/assets/search.js:{lines}: t("diary.gone"): no such key in the scripts section of '
        "sitegen/strings/en.yaml",
    ]


def test_a_key_built_from_a_beginning_no_key_has_is_refused(tmp_path: Path) -> None:
    assets = scripts(tmp_path, "say(t(`search.nowhere.${kind}`));\n")
    assert [p.field for p in check_script_keys(assets, EN)] == ["t(`search.nowhere.${...}`)"]


def test_a_key_no_script_uses_is_named_at_its_line_in_en_yaml(tmp_path: Path) -> None:
    assets = tmp_path / "assets"
    shutil.copytree(ASSETS, assets)
    triage = assets / "triage.js"
    triage.write_text(triage.read_text(encoding="utf-8").replace('t("triage.read-more")', '"Read more"'))
    text = (FOLDER / "en.yaml").read_text(encoding="utf-8")
    line = text[: text.index("  triage.read-more:")].count("\n") + 1
    assert [str(p) for p in check_script_keys(assets, EN)] == [
        f"sitegen/strings/en.yaml:{line}: scripts.triage.read-more: no script under content/assets/ uses this key"
    ]


def test_a_language_lacking_a_script_key_is_refused_with_its_line(tmp_path: Path) -> None:
    for name in ("en.yaml", "es.yaml"):
        shutil.copy(FOLDER / name, tmp_path / name)
    spanish = (tmp_path / "es.yaml").read_text(encoding="utf-8")
    spanish = re.sub(r"\n  triage\.back: .*", "", spanish)
    spanish = spanish.replace('  triage.call: "Llame al {number}"', '  triage.call: "Llame"')
    (tmp_path / "es.yaml").write_text(spanish, encoding="utf-8")
    section = spanish[: spanish.index("\nscripts:")].count("\n") + 2
    call = spanish[: spanish.index("  triage.call:")].count("\n") + 1
    with pytest.raises(DataError) as error:
        strings("es", tmp_path)
    assert str(error.value).splitlines() == [
        f"sitegen/strings/es.yaml:{section}: scripts: 'triage.back' is missing: every key of en.yaml needs a text here",
        f"sitegen/strings/es.yaml:{call}: scripts.triage.call: "
        "the placeholders differ from en.yaml (expected {number})",
    ]


def test_the_build_stops_on_a_key_a_script_uses_that_the_table_lacks(tmp_path: Path) -> None:
    project = tmp_path / "project"
    for part in ("data", "content"):
        shutil.copytree(ROOT / part, project / part)
    with (project / "content" / "assets" / "triage.js").open("a", encoding="utf-8") as script:
        script.write('t("triage.brand-new");\n')
    with pytest.raises(DataError, match=r'content/assets/triage\.js:\d+: t\("triage\.brand-new"\): no such key'):
        load_editions(project)


def test_the_table_replaces_the_empty_one_and_a_script_without_it_is_refused() -> None:
    script = f"/* words */\n{EMPTY}\nexport const t = (key) => STRINGS[key];\n"
    assert with_table(script, {"b": "“B”", "a": "</script>"}) == (
        '/* words */\nconst STRINGS = {"a": "</script>", "b": "“B”"};\nexport const t = (key) => STRINGS[key];\n'
    )
    with pytest.raises(DataError, match=r"content/assets/strings\.js:1: \(file\): expected the line"):
        with_table(script.replace(EMPTY, "const STRINGS = { a: 1 };"), {})
