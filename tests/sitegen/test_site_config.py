"""sitegen/site_config.py: the mkdocs.yml settings every page prints, checked like data."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.problems import DataError
from sitegen.site_config import read_config
from tests.helpers import ROOT


def problems_of(tmp_path: Path, old: str, new: str) -> list[str]:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert old in text, f"the test's anchor {old!r} is no longer in mkdocs.yml"
    (tmp_path / "mkdocs.yml").write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_config(tmp_path / "mkdocs.yml")
    return [str(problem) for problem in caught.value.problems]


def test_the_project_s_settings_are_read() -> None:
    assert read_config(ROOT / "mkdocs.yml")["extra"]["emergency_number"] == "911"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # Unquoted, YAML reads 000 (Australia's number) as the number 0: every page would say "Call 0".
        ('emergency_number: "911"', "emergency_number: 000", "extra.emergency_number: expected the digits people dial, quoted"),  # noqa: E501
        # The banner prints it outside the article: a script there would be blessed by the policy.
        ('emergency_number: "911"', 'emergency_number: "911 <script>alert(1)</script>"', "extra.emergency_number: expected the digits"),  # noqa: E501
        ('feedback_url: "mailto:editor@spasms.example.org"', 'feedback_url: "javascript:alert(1)"', "extra.feedback_url: expected a mailto: address or a public https:// web address"),  # noqa: E501
        # Printed into every page's canonical link and the theme's set-up script.
        ('site_url: !ENV [SITE_URL, "https://spasms.example.org/"]', 'site_url: "https://x.example/\\"><script>alert(1)</script>"', "site_url: expected the http:// or https:// address the site is published at"),  # noqa: E501
        ('site_url: !ENV [SITE_URL, "https://spasms.example.org/"]', 'site_url: "javascript:alert(1)//"', "site_url: expected the http:// or https:// address"),  # noqa: E501
        ('emergency_number: "911"', 'emergency_number: "911\n  feedback: [', "(syntax): YAML syntax error"),
    ],
)  # fmt: skip
def test_a_wrong_setting_is_named_on_its_line(tmp_path: Path, old: str, new: str, expected: str) -> None:
    line = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split(old)[0].count("\n") + 1
    found = problems_of(tmp_path, old, new)
    assert any(problem.startswith("mkdocs.yml:") and expected in problem for problem in found), found
    if "syntax" not in expected:
        assert found[0].startswith(f"mkdocs.yml:{line}: "), found
