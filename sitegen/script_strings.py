"""The page scripts' words: the `scripts` section of each language's table (sitegen.strings),
written into each edition's `assets/strings.js` at export, so the scripts and the pages take
their words from the same YAML files.

Which keys the scripts use is read from the scripts (content/assets/**/*.js, their tests left
out): the quoted first argument of every `t(...)` call, and every quoted string that begins
with one of the section's namespaces (`"diary.hours"` in a list, either side of a `?:`); a
template literal's fixed beginning, `` t(`diary.expected.${name}`) ``, uses every key under it.
A key a script uses that the section lacks, and a key of the section no script uses, are
problems naming their file and line: the section holds the keys the scripts use and no other,
and sitegen.strings makes every language give each of them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path

from sitegen.problems import DataError, Problem
from sitegen.strings import FOLDER, SOURCE, Strings
from sitegen.strings import SECTION as SECTION  # where the callers have always found it
from sitegen.yaml_source import read_yaml

SCRIPT = "strings.js"
"""The scripts' strings module, in the assets folder: `t(key, vars)` over the table."""
EMPTY = "const STRINGS = {};"
"""The line of SCRIPT that the edition's table replaces."""

_CALL = re.compile(r"""\bt\(\s*(?:"([^"\n]+)"|'([^'\n]+)'|`([^`$\n]*)\$\{)""")
"""`t("key"`, `t('key'`, or a template literal's fixed beginning `` t(`prefix${ ``."""

Place = tuple[str, int]
"""A file, as the project names it (`content/assets/search.js`), and a line in it."""


def scripts(assets: Path) -> list[Path]:
    """The page scripts that may name a key: every `*.js` under `assets` but SCRIPT and tests."""
    return [
        path
        for path in sorted(assets.rglob("*.js"))
        if path.name != SCRIPT and not path.name.endswith((".test.js", ".test.mjs"))
    ]


def keys_named(assets: Path, namespaces: set[str], where: str) -> tuple[dict[str, Place], dict[str, Place]]:
    """The keys the scripts under `assets` (the project's `where`, e.g. `content/assets`) name,
    and the beginnings of the keys they build, each with where it is first named."""
    names = "|".join(map(re.escape, sorted(namespaces)))
    literal = re.compile(r"""(["'])((?:""" + names + r""")\.[\w.-]+)\1""")
    keys: dict[str, Place] = {}
    prefixes: dict[str, Place] = {}
    for path in scripts(assets):
        name = f"{where}/{path.relative_to(assets).as_posix()}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in _CALL.finditer(line):
                key, quoted, prefix = match.groups()
                if prefix is not None:
                    prefixes.setdefault(prefix, (name, number))
                else:
                    keys.setdefault(key or quoted, (name, number))
            for match in literal.finditer(line) if namespaces else ():
                keys.setdefault(match.group(2), (name, number))
    return keys, prefixes


def check_script_keys(assets: Path, english: Strings, where: str = "content/assets") -> list[Problem]:
    """Every key the scripts use is in English's `scripts` section, and every key there is used."""
    table = english[SECTION]
    keys, prefixes = keys_named(assets, {key.split(".")[0] for key in table}, where)
    problems = [
        Problem(file, line, f't("{key}")', f"no such key in the {SECTION} section of sitegen/strings/{SOURCE}.yaml")
        for key, (file, line) in keys.items()
        if key not in table
    ]
    problems += [
        Problem(file, line, f"t(`{prefix}${{...}}`)", f"no key begins so in the {SECTION} section of {SOURCE}.yaml")
        for prefix, (file, line) in prefixes.items()
        if not any(key.startswith(prefix) for key in table)
    ]
    unused = [key for key in table if key not in keys and not key.startswith(tuple(prefixes))]
    if unused:
        source = read_yaml(FOLDER / f"{SOURCE}.yaml", f"sitegen/strings/{SOURCE}.yaml")
        problems += [source.problem((SECTION, key), f"no script under {where}/ uses this key") for key in unused]
    return problems


def with_table(script: str, table: Mapping[str, str]) -> str:
    """The text of SCRIPT with `table` in place of its empty one."""
    if script.count(EMPTY) != 1:
        problem = f"expected the line `{EMPTY}` once: the build writes the edition's table there"
        raise DataError([Problem(f"content/assets/{SCRIPT}", 1, "(file)", problem)])
    return script.replace(EMPTY, f"const STRINGS = {json.dumps(dict(table), ensure_ascii=False, sort_keys=True)};")


def write_script_strings(assets: Path, t: Strings) -> None:
    """Give the exported `assets/strings.js` the edition's table (`t`'s `scripts` section)."""
    path = assets / SCRIPT
    path.write_text(with_table(path.read_text(encoding="utf-8"), t[SECTION]), encoding="utf-8")
