"""The project's `mkdocs.yml` as the core reads it: MkDocs' `!ENV` values resolved, and the
settings every page prints checked, so a wrong one is named on its line like data is."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml

from sitegen.problems import DataError, Problem
from sitegen.text import check_web_address

CONFIG = "mkdocs.yml"


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml's YAML: safe, plus MkDocs' `!ENV [NAME, default]`, resolved now."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    elif isinstance(node, yaml.SequenceNode):
        *names, default = loader.construct_sequence(node)
    else:
        raise yaml.constructor.ConstructorError(None, None, "!ENV takes a name or a list of names", node.start_mark)
    for name in names:
        if name in os.environ:
            return yaml.safe_load(os.environ[name]) if os.environ[name] else ""
    return default


_ConfigLoader.add_constructor("!ENV", _env_tag)


def read_config(path: Path) -> dict[str, Any]:
    """The project's `mkdocs.yml`, with `!ENV` values taken from the environment; DataError
    names its line if it is not YAML, or a setting the pages print is wrong."""
    text = path.read_text(encoding="utf-8")
    try:
        config = yaml.load(text, Loader=_ConfigLoader)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        what = getattr(error, "problem", None) or str(error)
        raise DataError([Problem(CONFIG, line, "(syntax)", f"YAML syntax error: {what}")]) from None
    if not isinstance(config, dict):
        raise DataError([Problem(CONFIG, 1, "(document)", "expected the settings as keys and values")])
    problems = list(_settings_problems(config, text))
    if problems:
        raise DataError(problems)
    return config


EMERGENCY_NUMBER = re.compile(r"\d{2,6}")
"""An emergency number as people dial it: 911, 999, 112, 000."""


SITE_URL = re.compile(r"https?://[A-Za-z0-9.\-]+(?::\d+)?(?:/[A-Za-z0-9\-._~/%]*)?")
"""Where the site is published: a scheme, a host and a path, in the characters that stay inside
the attributes and scripts every page prints it into (no quotes, no < >, no spaces)."""
_FROM_ENVIRONMENT = "; mkdocs.yml takes it from SITE_URL when that is set"


def _settings_problems(config: dict[str, Any], text: str) -> list[Problem]:
    """The settings printed on every page: where the site is published (its canonical links and
    the theme's set-up script), the emergency number (in the banner, the checker and a `tel:`
    link) and where readers report a problem (a link in every footer)."""
    extra = config.get("extra", {})
    if not isinstance(extra, dict):
        return [
            Problem(CONFIG, _line_of(text, "extra"), "extra", "expected settings under it, such as emergency_number")
        ]
    problems = []
    number = extra.get("emergency_number", "911")
    if not (isinstance(number, str) and EMERGENCY_NUMBER.fullmatch(number)):
        message = f'expected the digits people dial, quoted, such as "911" (got {number!r}; unquoted, 000 is read as 0)'
        problems.append(Problem(CONFIG, _line_of(text, "emergency_number"), "extra.emergency_number", message))
    site_url = config.get("site_url") or ""
    if site_url and not (isinstance(site_url, str) and SITE_URL.fullmatch(site_url)):
        message = f"expected the http:// or https:// address the site is published at (got {site_url!r})"
        problems.append(Problem(CONFIG, _line_of(text, "site_url"), "site_url", message + _FROM_ENVIRONMENT))
    feedback = extra.get("feedback_url", "")
    if feedback and not _a_feedback_address(feedback):
        message = "expected a mailto: address or a public https:// web address"
        problems.append(Problem(CONFIG, _line_of(text, "feedback_url"), "extra.feedback_url", message))
    return problems


def _a_feedback_address(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    if value.startswith("mailto:"):
        return re.fullmatch(r"mailto:[^\s\"'<>()]+@[^\s\"'<>()]+", value) is not None
    try:
        check_web_address(value)
    except ValueError:
        return False
    return True


def _line_of(text: str, key: str) -> int:
    """The line where `key:` is set, or 1."""
    match = re.search(rf"^\s*{re.escape(key)}\s*:", text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else 1
