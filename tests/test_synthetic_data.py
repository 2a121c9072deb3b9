"""The benchmark's synthetic data stays valid: the generator is checked here, the timings are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.projects import synthetic_project
from bench.synthetic import CONTENT_SOURCE, CONTENT_TIP, EMERGENCY_FLAGS, SMALLEST, write_dataset
from sitegen.loader import load_dataset
from sitegen.navigation import NAV_ENTRIES_MAX
from sitegen.pages import render_pages
from tests.helpers import build_site


@pytest.mark.parametrize("n", [SMALLEST, SMALLEST + 1, 2 * SMALLEST + 7])
def test_synthetic_data_passes_every_check(tmp_path: Path, n: int) -> None:
    write_dataset(n, tmp_path)
    dataset = load_dataset(tmp_path)

    for kind in ("sources", "causes", "red_flags", "conditions", "specialists", "faqs"):
        assert len(dataset.by_id[kind]) == n, kind
    assert sum(len(section.tips) for section in dataset.action_plan.sections) == n


def test_synthetic_data_has_what_the_hand_written_pages_cite(tmp_path: Path) -> None:
    write_dataset(SMALLEST + 1, tmp_path)
    dataset = load_dataset(tmp_path)

    assert CONTENT_SOURCE in dataset.by_id["sources"]
    assert CONTENT_TIP in {tip.id for section in dataset.action_plan.sections for tip in section.tips}


def test_emergency_flags_stay_few_however_large_n_is(tmp_path: Path) -> None:
    write_dataset(3 * SMALLEST, tmp_path)
    flags = load_dataset(tmp_path).red_flags.red_flags

    assert sum(flag.level == "emergency" for flag in flags) == EMERGENCY_FLAGS


def test_synthetic_data_is_the_same_bytes_every_time(tmp_path: Path) -> None:
    first = {p.name: p.read_bytes() for p in write_dataset(SMALLEST + 1, tmp_path / "a")}
    second = {p.name: p.read_bytes() for p in write_dataset(SMALLEST + 1, tmp_path / "b")}

    assert first == second


def test_every_synthetic_record_renders(tmp_path: Path) -> None:
    write_dataset(SMALLEST + 1, tmp_path)
    pages = render_pages(load_dataset(tmp_path), emergency_number="911")

    assert (
        len([page for page in pages if page.doc.startswith(("causes/", "conditions/", "specialists/"))])
        == 3 * (SMALLEST + 1) + 3
    )


def test_a_site_with_more_records_than_its_navigation_lists_builds_every_page(tmp_path: Path) -> None:
    # MkDocs' strict build refuses pages left out of the navigation unless marked; Zensical does not check.
    # One record past the list is all it takes: a fifth of the pages SMALLEST would build.
    project = synthetic_project(NAV_ENTRIES_MAX + 1, tmp_path / "project")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    causes = load_dataset(project / "data").causes.causes
    assert len(causes) == NAV_ENTRIES_MAX + 1
    for cause in causes:
        assert (tmp_path / "site" / "causes" / cause.id / "index.html").is_file()
