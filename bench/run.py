"""Benchmarks: how the build scales with the data, by engine, against the bare engine, and what readers load.

    ./site-build.sh bench                      # every size and engine, the reader side, the preview
    ./site-build.sh bench --lighthouse         # and Lighthouse's scores (needs npm)
    ./site-build.sh bench --sizes 100 --repeat 1 --engines zensical --skip-reader --skip-preview

For each size N (records of each kind, bench/synthetic.py), each engine and each repeat, every
step runs in its own process: load+validate and render (timed inside one interpreter, after
imports), `python -m sitegen export`, `python -m sitegen build` (export, engine, post-build), the
floor (the bare engine building the same exported Markdown and navigation), the whole
`./site-build.sh`, and Pagefind over the site it built. Figures are medians; memory is the peak
resident set of the largest process. The report is printed and written to bench/results.md.
This prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import statistics
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from bench import lighthouse, measure, preview, projects, reader
from sitegen import engines, offline, search
from sitegen.loader import load_dataset
from tests.helpers import own_modules

RESULTS = measure.ROOT / "bench" / "results.md"
LOGS = projects.LOGS
Scaling = dict[tuple[int, str], dict[str, Any]]

GOALS = {  # key: (target, decimals of the measured figure); each row of the Goals table checks one
    "overhead": ("≤ 1.10", 2),  # build less Pagefind / floor at N = 1,000 (issue 10)
    "scaling": ("≤ 1.3", 2),  # ms per page at the largest size / at the smallest
    "first_view": ("≤ 100 KB", 1),
    "triage_js": ("≤ 6 KB", 1),
    "diary_js": ("≤ 10 KB", 2),
    "precache": ("≤ 600 KB", 0),
    "search": ("≤ 120 KB", 1),
    "warm": ("< 10 ms", 1),
    "preview": ("≤ 2 s", 2),
    "lighthouse": ("≥ 100", 0),  # in each of lighthouse.GOAL_CATEGORIES, on every page measured
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="./site-build.sh bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000", help="records of each kind, comma-separated")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each step per size (median)")
    parser.add_argument("--repeat-large", type=int, default=1, help="runs per step for sizes of 5,000 and more")
    parser.add_argument("--engines", default="mkdocs,zensical", help="engines to build with, comma-separated")
    parser.add_argument("--skip-reader", action="store_true", help="skip the browser measurements of the real site")
    parser.add_argument("--skip-preview", action="store_true", help="skip the live-preview measurement")
    parser.add_argument("--lighthouse", action="store_true", help="add Lighthouse's scores (installs it with npm)")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    started, load_before = time.perf_counter(), os.getloadavg()[1]
    scaling: Scaling = {}
    for n in (int(size) for size in args.sizes.split(",") if size):
        for engine in args.engines.split(","):
            scaling[n, engine] = bench_size(n, args.repeat_large if n >= 5000 else args.repeat, engine=engine)
            print(table(SCALING_HEADER, [scaling_row(n, engine, scaling[n, engine])]), flush=True)
    pages = real_pages()
    real = {} if args.skip_reader else bench_real_site(pages)
    live = {} if args.skip_preview else preview.measure_preview()
    scores = lighthouse.measure_or_why(pages) if args.lighthouse else {}
    took = (time.perf_counter() - started, load_before, os.getloadavg()[1])
    report = render_report(scaling, real, live, scores, args=args, took=took)
    args.output.write_text(report, encoding="utf-8")
    print(f"\n{report}\nWrote {args.output}")
    return 0


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- the build, by size ---------------------------------------------------------------------


def bench_size(n: int, repeat: int, *, engine: str) -> dict[str, Any]:
    progress(f"N = {n}, {engine}: generating data and the floor ...")
    project = projects.synthetic_project(n)
    floor = projects.floor_project(project, log=LOGS / f"n{n}-export.log")
    site = project / "site-built"
    python = sys.executable
    steps: dict[str, tuple[list[str], Path, dict[str, str]]] = {
        "export": ([python, "-m", "sitegen", "export", str(project / "tree"), "--root", "."], project, {}),
        "build": ([python, "-m", "sitegen", "build", str(site), "--root", ".", "--engine", engine], project, {}),
        "floor": (engines.engine_command(engine, floor, floor / "site"), floor, {}),  # as the build runs it
        "whole": (["./site-build.sh"], project, {"SITE_ENGINE": engine}),
    }
    runs: dict[str, list[measure.Run]] = {name: [] for name in (*steps, "pagefind")}
    stages: list[dict[str, float]] = []
    for attempt in range(repeat):
        progress(f"N = {n}, {engine}: run {attempt + 1} of {repeat} ...")
        stages.append(measure.stage(project / "data", log=LOGS / f"n{n}-stage.log"))
        # The build and its floor side by side, in turns first: the host's speed drifts over minutes.
        order = ["export", *(("build", "floor") if attempt % 2 == 0 else ("floor", "build")), "whole"]
        for name in order:
            command, cwd, env = steps[name]
            runs[name].append(measure.run(command, cwd=cwd, log=LOGS / f"n{n}-{engine}-{name}.log", env=env))
        # Pagefind alone over the site ./site-build.sh built, into a folder of its own.
        command = pagefind_command(project / "site", "pagefind-bench")
        log = LOGS / f"n{n}-{engine}-pagefind.log"
        runs["pagefind"].append(measure.run(command, cwd=project, log=log, env=search.pagefind_environment()))
        shutil.rmtree(project / "site" / "pagefind-bench")
    precache = offline.plan(site, offline.precache_order(load_dataset(project / "data")), {})
    result: dict[str, Any] = {
        "repeat": repeat,
        "pages": count_pages(site),
        "floor_pages": count_pages(floor / "site"),
        "data_mb": sum(p.stat().st_size for p in (project / "data").glob("*.yaml")) / 1e6,
        "index": reader.directory_size(project / "site" / "pagefind"),
        "precache": (len(precache.files), precache.gzip_bytes / 1000, precache.whole_site),
        **{key: statistics.median(s[key] for s in stages) for key in ("load_s", "load_mb", "render_s", "render_mb")},
    }
    for name, measured in runs.items():
        for key, field in (("s", "seconds"), ("mb", "peak_mb"), ("cpu", "cpu_seconds")):
            result[f"{name}_{key}"] = statistics.median(getattr(r, field) for r in measured)
    # The build without its search index, as the floor has none: the build less Pagefind alone,
    # over the floor run beside it, for each repeat.
    for key, field in (("s", "seconds"), ("cpu", "cpu_seconds")):
        ratios = [
            (getattr(build, field) - getattr(pagefind, field)) / getattr(floor, field)
            for build, pagefind, floor in zip(runs["build"], runs["pagefind"], runs["floor"], strict=True)
        ]
        result[f"overhead_{key}"] = statistics.median(ratios)
        result[f"overhead_{key}_range"] = (min(ratios), max(ratios))
    for folder in (site, project / "site", project / "tree", floor / "site"):
        shutil.rmtree(folder, ignore_errors=True)
    return result


def pagefind_command(site: Path, output: str) -> list[str]:
    """Pagefind alone: its command line over the finished `site`, into `site/<output>/`, with the
    build's settings. (The build feeds the same binary each page as it is written, sitegen.indexing;
    alone, its command line is the faster of the two, so the build is charged the least.)"""
    return [
        sys.executable, "-m", "pagefind_bin",
        "--site", str(site),
        "--output-subdir", output,
        "--exclude-selectors", ", ".join(search.EXCLUDE_SELECTORS),
        "--quiet",
    ]  # fmt: skip


def count_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html")) - int((site / "404.html").is_file())


# -- the real site --------------------------------------------------------------------------


def real_pages() -> dict[str, str]:
    """The pages a reader's view is measured on (name: URL path): home, the first cause, checker, diary."""
    cause = load_dataset(measure.ROOT / "data").causes.causes[0].id
    return {"home": "", f"cause ({cause})": f"causes/{cause}/", "triage": "triage/", "diary": "diary/"}


def bench_real_site(pages: dict[str, str]) -> dict[str, Any]:
    """Build the real site in a copy (site/ of the work tree is left alone) and measure a reader's view."""
    progress("Real site: building and loading pages in Chromium ...")
    project = projects.linked_project(projects.WORK / "real", data=measure.ROOT / "data")
    whole = measure.run(["./site-build.sh"], cwd=project, log=LOGS / "real-whole.log")
    query = next(iter(load_dataset(measure.ROOT / "data").causes.causes[0].lay_terms), "cramp")
    site = project / "site"
    # as served (minified): each script with the modules it loads, less those every script shares
    scripts = {name: own_modules(site / "assets" / f"{name}.js") for name in ("triage", "diary")}
    return {
        "whole_s": whole.seconds,
        "whole_mb": whole.peak_mb,
        "pages": count_pages(site),
        "view": reader.measure_site(site, pages, query=query),
        "index": reader.directory_size(site / "pagefind"),
        **{
            f"{name}_js": (sum(js.stat().st_size for js in files), sum(offline.transfer_size(js) for js in files))
            for name, files in scripts.items()
        },
    }


# -- the report -----------------------------------------------------------------------------


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A Markdown table."""
    lines = [f"| {' | '.join(header)} |", "|" + "---|" * len(header)]
    return "\n".join([*lines, *(f"| {' | '.join(map(str, row))} |" for row in rows)])


SCALING_HEADER = (
    "N", "engine", "pages", "data MB", "load+validate s (MB)", "render s (MB)", "export s (MB)",
    "sitegen build s (MB)", "ms/page", "floor s (MB)", "floor ms/page", "build less Pagefind / floor",
    "same, CPU time", "Pagefind s (MB)", "index MB (files)", "whole site-build.sh s (MB)", "ms/page",
)  # fmt: skip


def scaling_row(n: int, engine: str, r: dict[str, Any]) -> list[object]:
    def step(name: str, digits: int = 1) -> str:
        return f"{r[f'{name}_s']:.{digits}f} ({r[f'{name}_mb']:.0f})"

    return [
        f"{n:,}{'*' if r['repeat'] == 1 else ''}", engine, f"{r['pages']:,}", f"{r['data_mb']:.1f}",
        step("load", 2), step("render", 2), step("export"), step("build"), f"{1000 * r['build_s'] / r['pages']:.1f}",
        step("floor"), f"{1000 * r['floor_s'] / r['floor_pages']:.1f}", f"{r['overhead_s']:.2f}",
        f"{r['overhead_cpu']:.2f}", step("pagefind", 2),
        f"{r['index'][0] / 1e6:.1f} ({r['index'][1]})", step("whole"), f"{1000 * r['whole_s'] / r['pages']:.1f}",
    ]  # fmt: skip


def goal(
    key: str, name: str, value: float | None = None, cpu: float | None = None, runs: tuple[float, float] | None = None
) -> tuple[str, str, str, str]:
    """One row of the Goals table: the goal, its target (GOALS), what was measured (a median, with
    the lowest and highest of the `runs` it is the median of), met or missed."""
    target, digits = GOALS[key]
    operator, limit, *unit = target.split()
    if value is None:
        return name, target, "not measured", "–"
    met = {"≤": value <= float(limit), "<": value < float(limit), "≥": value >= float(limit)}[operator]
    measured = f"{value:.{digits}f}" + "".join(f" {u}" for u in unit)
    notes = [f"runs {runs[0]:.{digits}f}–{runs[1]:.{digits}f}"] if runs and runs[0] != runs[1] else []
    notes += [f"CPU time: {cpu:.2f}"] if cpu is not None else []
    measured += f" ({'; '.join(notes)})" if notes else ""
    return name, target, measured, "met" if met else "**missed**"


def goals(
    scaling: Scaling, real: dict[str, Any], live: dict[str, Any], scores: dict[str, Any]
) -> list[tuple[str, str, str, str]]:
    rows = []
    small, large = min(n for n, _ in scaling), max(n for n, _ in scaling)
    for engine in dict.fromkeys(engine for _, engine in scaling):
        at = {n: r for (n, e), r in scaling.items() if e == engine}
        overhead = at.get(1000)
        rows.append(
            goal(
                "overhead",
                f"{engine}: overhead at N = 1,000 (build less Pagefind / floor)",
                *((overhead["overhead_s"], overhead["overhead_cpu"], overhead["overhead_s_range"]) if overhead else ()),
            )
        )
        for step, name in (("build", "sitegen build"), ("whole", "whole site-build.sh")):
            per_page = [{key: at[n][f"{step}_{key}"] / at[n]["pages"] for key in ("s", "cpu")} for n in (small, large)]
            ratios = [per_page[1][key] / per_page[0][key] for key in ("s", "cpu")] if large != small else []
            rows.append(goal("scaling", f"{engine}: {name} ms/page at {large:,} / at {small:,}", *ratios))
    view = real.get("view", {})
    rows += [goal("first_view", f"first view of {name}, gzip", m["bytes"] / 1000) for name, m in first_views(view)]
    for script in ("triage", "diary"):
        packed = real.get(f"{script}_js")
        rows.append(goal(f"{script}_js", f"{script} script, gzip", packed[1] / 1000 if packed else None))
    precache, searched = view.get("precache"), view.get("search")
    rows += [
        goal("precache", "offline precache after the home page loads, gzip", kilobytes(precache)),
        goal("search", "first Pagefind query, gzip", kilobytes(searched)),
        goal("warm", "warm Pagefind query", searched["warm_ms"] if searched else None),
        goal(
            "preview", "live preview, YAML save to rebuilt page", statistics.median(live["rounds_s"]) if live else None
        ),
    ]
    for category in lighthouse.GOAL_CATEGORIES if scores else ():
        pages = scores.get("pages", {}).values()
        lowest = min(page["scores"][category] for page in pages) if pages else None
        rows.append(goal("lighthouse", f"Lighthouse {lighthouse.CATEGORIES[category]}, lowest of the pages", lowest))
    return rows


def kilobytes(measured: dict[str, Any] | None) -> float | None:
    return measured["bytes"] / 1000 if measured else None


def first_views(view: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(name, measured) for name, measured in view.items() if name not in ("search", "precache")]


def render_report(
    scaling: Scaling,
    real: dict[str, Any],
    live: dict[str, Any],
    scores: dict[str, Any],
    *,
    args: argparse.Namespace,
    took: tuple[float, float, float],
) -> str:
    """The report: paragraphs and tables, a blank line between each."""
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9
    blocks = [
        "# Benchmark results",
        "Written by `./site-build.sh bench` (bench/run.py); do not edit by hand. See docs/benchmarks.md.",
        f"- Date: {datetime.date.today().isoformat()}; machine: {os.cpu_count()} cores, {memory_gb:.0f} GB,"
        f" {platform.system()} {platform.machine()}, Python {platform.python_version()}\n"
        f"- Command: `./site-build.sh bench {' '.join(sys.argv[1:])}`".rstrip()
        + f"; took {took[0] / 60:.1f} min\n"
        f"- 5-minute load average at the start and the end: {took[1]:.1f}, {took[2]:.1f}"
        " (the bench keeps about one core busy; more means other work shared the machine and the times are noisier)\n"
        f"- Runs per step: {args.repeat} (median); sizes of 5,000 and more: {args.repeat_large}"
        + (" (marked *)" if any(r["repeat"] == 1 for r in scaling.values()) else ""),
        "## Goals",
        table(("goal", "target", "measured", ""), goals(scaling, real, live, scores)),
        "## Build, by size",
        "N records of each kind (sources, causes, red flags, conditions, specialists, FAQs, action-plan"
        " tips; the real data grown by copies, bench/synthetic.py), built by each engine; pages are the"
        " HTML pages built. Times are wall seconds, (MB) the peak memory of the largest process."
        " *load+validate* and *render* run in one interpreter after its imports; *export* is"
        " `python -m sitegen export` (validate, render, finish every page); *sitegen build* is export,"
        " the engine and the post-build steps (tree.json, Pagefind, CSP); the *floor* is the bare engine"
        " (no theme overrides, no post-build step) building the same exported Markdown and navigation;"
        " *build less Pagefind / floor* is, for each repeat, the build less Pagefind alone over the built"
        " site (the floor has no search index) over the floor run next to it (each first in turn), and"
        " the median of those; *whole* is `./site-build.sh` with `SITE_ENGINE` set (validate, build, swap).",
        table(SCALING_HEADER, (scaling_row(n, engine, r) for (n, engine), r in scaling.items())),
        "What the offline worker precaches (sitegen/offline.py): the whole site while it is at most"
        " 600 KB gzip; past that, the shell (scripts, styles, the search runtime, the checker's and"
        " the diary's data, icons) and the fixed pages, while other pages and search chunks are"
        " kept on first view.",
        table(
            ("N", "engine", "precached files", "precache KB gzip", "whole site precached"),
            (
                (f"{n:,}", e, f"{r['precache'][0]:,}", f"{r['precache'][1]:.0f}", "yes" if r["precache"][2] else "no")
                for (n, e), r in scaling.items()
            ),
        ),  # fmt: skip
        *(reader_section(real) if real else ()),
        *(preview_section(live) if live else ()),
        *(lighthouse_section(scores) if scores else ()),
    ]
    return "\n\n".join(blocks) + "\n"


def reader_section(real: dict[str, Any]) -> list[str]:
    views, search = first_views(real["view"]), real["view"].get("search")
    raw, packed = real["triage_js"]
    served = f"{raw / 1000:.1f} KB, {packed / 1000:.1f} KB gzip"
    facts = [f"- Triage scripts (content/assets/triage.js and the modules it loads, as served): {served}."]
    if search:
        facts.append(
            f"- Pagefind, query {search['query']!r} ({search['results']} results, first 5 loaded):"
            f" first query {search['bytes'] / 1000:.1f} KB gzip in {search['requests']} requests,"
            f" {search['first_ms']:.0f} ms from a blank page; warm query {search['warm_ms']:.1f} ms (median of 9)."
        )
    facts.append(f"- Pagefind index: {real['index'][0] / 1000:.0f} KB in {real['index'][1]} files.")
    files = [f"- {n}: " + ", ".join(f"`{path}` {size:,}" for path, size in m["files"]) for n, m in views]
    return [
        "## Reader side (the real site)",
        f"`./site-build.sh` of the real data: {real['whole_s']:.1f} s, {real['whole_mb']:.0f} MB,"
        f" {real['pages']} pages.",
        table(
            ("first view", "requests", "gzip KB"), ((n, m["requests"], f"{m['bytes'] / 1000:.1f}") for n, m in views)
        ),
        "\n".join(facts),
        "Files per first view (gzip bytes):",
        "\n".join(files),
    ]


def preview_section(live: dict[str, Any]) -> list[str]:
    rounds = ", ".join(f"{s:.2f}" for s in live["rounds_s"])
    return [
        "## Live preview",
        f"`./site-build.sh serve` of the real site: first build {live['first_build_s']:.1f} s; saving a change to"
        f" `data/causes.yaml` until `{live['page']}` shows it: {rounds} s (median"
        f" {statistics.median(live['rounds_s']):.2f} s).",
    ]


def lighthouse_section(scores: dict[str, Any]) -> list[str]:
    if "error" in scores:
        return ["## Lighthouse", f"Did not run: {scores['error']}"]
    keys = lighthouse.CATEGORIES
    rows = ((name, *(page["scores"][key] for key in keys)) for name, page in scores["pages"].items())
    costs = [f"- {name}: {cost}" for name, page in scores["pages"].items() for cost in page["costs"]]
    return [
        "## Lighthouse",
        f"Lighthouse {scores['version']} (mobile preset) on Debian's Chromium, the site served on 127.0.0.1 with"
        " deploy/nginx.conf's compression and caching (bench/lighthouse.py); its goals are in the table above.",
        table(("page", *keys.values()), rows),
        "\n".join(costs or ["- Nothing costs points in the goal categories."]),
    ]


if __name__ == "__main__":
    sys.exit(main())
