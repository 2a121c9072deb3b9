"""sitegen/minify.py: readers get the site's own scripts and styles without their comments and
spacing, and the code in them unchanged."""

from __future__ import annotations

import gzip
from pathlib import Path

from sitegen.minify import minify_assets
from sitegen.script_strings import SCRIPT, SECTION, with_table
from sitegen.strings import SOURCE as SOURCE_LANG
from sitegen.strings import strings
from tests.helpers import ROOT

SOURCE = ROOT / "content" / "assets"


def test_the_built_scripts_and_styles_are_the_sources_minified(engine_site: Path) -> None:
    sources = sorted(p for p in SOURCE.rglob("*") if p.suffix in (".js", ".css"))
    assert sources
    for source in sources:
        name = source.relative_to(SOURCE).as_posix()
        served = (engine_site / "assets" / name).read_bytes()
        text = source.read_text(encoding="utf-8")
        if name == SCRIPT:  # with the edition's words (sitegen/script_strings.py)
            text = with_table(text, strings(SOURCE_LANG)[SECTION])
        assert b"/*" not in served, f"{name} is served with its comments"
        assert len(gzip.compress(served)) < len(gzip.compress(text.encode())), name


def test_minifying_keeps_what_only_looks_like_a_comment(tmp_path: Path) -> None:
    script = tmp_path / "a.js"
    script.write_text(
        "// why\nconst url = `${base}//x/*y*/`; /* note */\n"
        'const slashes = /\\/\\//g;\nconst text = "a // b";\nexport { url, slashes, text };\n'
    )
    style = tmp_path / "a.css"
    style.write_text('/* why */\n.box::after {\n  content: "/* kept */";\n  margin: 0 auto;\n}\n')
    minify_assets(tmp_path)
    kept = 'const url=`${base}//x/*y*/`;const slashes=/\\/\\//g;const text="a // b";'
    assert script.read_text() == kept + "export{url,slashes,text};"
    assert style.read_text() == '.box::after{content:"/* kept */";margin:0 auto}'
