"""Benchmarks: how the build scales with the data, by engine, against the bare engine, and what readers load.

    ./site-build.sh bench                      # every size and engine, the reader side, the preview, Lighthouse
    ./site-build.sh bench --sizes 10,100 --repeat 1 --engines zensical --skip-reader --skip-preview --skip-lighthouse

For each size N (records of each kind, bench/synthetic.py), each engine (MkDocs, Zensical) and
each repeat, every step runs in its own process: load+validate and render (timed inside one
interpreter, after imports), `python -m sitegen export`, `python -m sitegen build` (export,
engine, post-build), the floor (the bare engine building the same exported Markdown and
navigation), the whole `./site-build.sh`, and Pagefind over the site it built.
Figures are medians; memory is the peak resident set of the largest process. The table is
printed and written to bench/results.md. This prints figures; it asserts nothing.
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
from pathlib import Path
from typing import Any

from bench import lighthouse, measure, preview, projects, reader
from sitegen import offline, search
from sitegen.loader import load_dataset

RESULTS = measure.ROOT / "bench" / "results.md"
LOGS = projects.WORK / "logs"
DEFAULT_SIZES = (100, 1000, 5000)
GOALS = {
    "overhead": 1.10,  # build / floor at N = 1,000
    "scaling": 1.3,  # ms per page at 5,000 / at 500
    "first_view_kb": 100,
    "triage_js_kb": 6,
    "diary_js_kb": 8,
    "precache_kb": 600,
    "search_kb": 120,
    "warm_ms": 10,
    "preview_s": 2,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="./site-build.sh bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="records of each kind, comma-separated"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs of each step per size (median)")
    parser.add_argument(
        "--repeat-large", type=int, default=1, help="runs per step for sizes of 5,000 and more (they take minutes each)"
    )
    parser.add_argument("--engines", default="mkdocs,zensical", help="engines to build with, comma-separated")
    parser.add_argument("--skip-reader", action="store_true", help="skip the browser measurements of the real site")
    parser.add_argument("--skip-preview", action="store_true", help="skip the live-preview measurement")
    parser.add_argument("--skip-lighthouse", action="store_true", help="skip Lighthouse (bench/lighthouse.py)")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size]
    started = time.perf_counter()
    load_before = os.getloadavg()[1]
    scaling: dict[tuple[int, str], dict[str, Any]] = {}
    for n in sizes:
        for engine in args.engines.split(","):
            repeat = args.repeat_large if n >= 5000 else args.repeat
            scaling[n, engine] = bench_size(n, repeat, engine=engine)
            print(scaling_table({(n, engine): scaling[n, engine]}, header=len(scaling) == 1), flush=True)

    real = {} if args.skip_reader else bench_real_site()
    live = {} if args.skip_preview else bench_preview()
    scored = {} if args.skip_lighthouse else lighthouse.measure_or_why()
    elapsed = time.perf_counter() - started
    load = (load_before, os.getloadavg()[1])
    report = render_report(scaling, real, live, args=args, elapsed=elapsed, load=load)
    if scored:
        report += "\n" + lighthouse.markdown(scored)
    args.output.write_text(report, encoding="utf-8")
    print()
    print(report)
    print(f"Wrote {args.output.relative_to(measure.ROOT) if args.output.is_relative_to(measure.ROOT) else args.output}")
    return 0


# -- the build, by size ---------------------------------------------------------------------


def bench_size(n: int, repeat: int, *, engine: str) -> dict[str, Any]:
    print(f"N = {n}, {engine}: generating data and the floor ...", file=sys.stderr, flush=True)
    project = projects.synthetic_project(n)
    floor = projects.floor_project(project, log=LOGS / f"n{n}-export.log")
    python = sys.executable
    runs: dict[str, list[measure.Run]] = {"build": [], "floor": [], "whole": [], "pagefind": [], "export": []}
    stages: list[dict[str, float]] = []
    site = project / "site-built"
    for attempt in range(repeat):
        print(f"N = {n}, {engine}: run {attempt + 1} of {repeat} ...", file=sys.stderr, flush=True)
        stages.append(measure.stage(project / "data", log=LOGS / f"n{n}-stage.log"))
        runs["export"].append(
            measure.run(
                [python, "-m", "sitegen", "export", str(project / "tree"), "--root", "."],
                cwd=project,
                log=LOGS / f"n{n}-{engine}-export.log",
            )
        )
        runs["build"].append(
            measure.run(
                [python, "-m", "sitegen", "build", str(site), "--root", ".", "--engine", engine],
                cwd=project,
                log=LOGS / f"n{n}-{engine}-build.log",
            )
        )
        runs["floor"].append(
            measure.run(projects.engine_command(engine, "site"), cwd=floor, log=LOGS / f"n{n}-{engine}-floor.log")
        )
        runs["whole"].append(
            measure.run(
                ["./site-build.sh"], cwd=project, log=LOGS / f"n{n}-{engine}-whole.log", env={"SITE_ENGINE": engine}
            )
        )
        runs["pagefind"].append(pagefind_run(project / "site", log=LOGS / f"n{n}-{engine}-pagefind.log"))
    pages = count_pages(site)
    floor_pages = count_pages(floor / "site")
    index = reader.directory_size(project / "site" / "pagefind")
    precache = offline.plan(site)
    result = {
        "n": n,
        "engine": engine,
        "repeat": repeat,
        "pages": pages,
        "floor_pages": floor_pages,
        "data_mb": sum(p.stat().st_size for p in (project / "data").glob("*.yaml")) / 1e6,
        "load_s": statistics.median(s["load_s"] for s in stages),
        "load_mb": statistics.median(s["load_mb"] for s in stages),
        "render_s": statistics.median(s["render_s"] for s in stages),
        "render_mb": statistics.median(s["render_mb"] for s in stages),
        "index_mb": index[0] / 1e6,
        "index_files": index[1],
        "precache": {
            "files": len(precache.files),
            "kb": precache.gzip_bytes / 1000,
            "whole": precache.whole_site,
        },
    }
    for name, measured in runs.items():
        if measured:
            result[f"{name}_s"] = statistics.median(r.seconds for r in measured)
            result[f"{name}_mb"] = statistics.median(r.peak_mb for r in measured)
            result[f"{name}_cpu"] = statistics.median(r.cpu_seconds for r in measured)
    # The build without its search index, as the floor has none: the build less Pagefind alone.
    result["nosearch_s"] = result["build_s"] - result["pagefind_s"]
    result["nosearch_cpu"] = result["build_cpu"] - result["pagefind_cpu"]
    for name in ("site-built", "site", "tree"):
        shutil.rmtree(project / name, ignore_errors=True)
    shutil.rmtree(floor / "site", ignore_errors=True)
    return result


def pagefind_run(site: Path, *, log: Path) -> measure.Run:
    """Pagefind alone over a built site, with the arguments sitegen/search.py gives it."""
    output = "pagefind-bench"
    command = [
        sys.executable, "-m", "pagefind_bin",
        "--site", str(site),
        "--output-subdir", output,
        "--exclude-selectors", search.EXCLUDE_SELECTORS,
        "--quiet",
    ]  # fmt: skip
    result = measure.run(command, cwd=site, log=log)
    shutil.rmtree(site / output, ignore_errors=True)
    return result


def count_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html")) - int((site / "404.html").is_file())


# -- the real site --------------------------------------------------------------------------


def bench_real_site() -> dict[str, Any]:
    """Build the real site in a copy (site/ of the work tree is left alone) and measure a reader's view."""
    print("Real site: building and loading pages in Chromium ...", file=sys.stderr, flush=True)
    project = projects.linked_project(projects.WORK / "real", data=measure.ROOT / "data")
    whole = measure.run(["./site-build.sh"], cwd=project, log=LOGS / "real-whole.log")
    dataset = load_dataset(measure.ROOT / "data")
    cause = dataset.causes.causes[0].id
    pages = {"home": "", f"cause ({cause})": f"causes/{cause}/", "triage": "triage/", "diary": "diary/"}
    query = next(iter(dataset.causes.causes[0].lay_terms), "cramp")
    site = project / "site"
    result: dict[str, Any] = {
        "whole_s": whole.seconds,
        "whole_mb": whole.peak_mb,
        "pages": count_pages(site),
        "view": reader.measure_site(site, pages, query=query),
    }
    triage_js = measure.ROOT / "content" / "assets" / "triage.js"
    if triage_js.is_file():
        result["triage_js"] = (triage_js.stat().st_size, reader.gzip_size(triage_js.read_bytes()))
    diary_js = measure.ROOT / "content" / "assets" / "diary.js"
    if diary_js.is_file():
        result["diary_js"] = (diary_js.stat().st_size, reader.gzip_size(diary_js.read_bytes()))
    if (site / "pagefind").is_dir():
        result["index"] = reader.directory_size(site / "pagefind")
    return result


def bench_preview() -> dict[str, Any]:
    print("Live preview: editing data/causes.yaml under ./site-build.sh serve ...", file=sys.stderr, flush=True)
    return preview.measure_preview()


# -- the report -----------------------------------------------------------------------------


def scaling_table(scaling: dict[tuple[int, str], dict[str, Any]], *, header: bool = True) -> str:
    rows = [
        "| N | engine | pages | data MB | load+validate s (MB) | render s (MB) | export s (MB)"
        " | sitegen build s (MB) | ms/page | floor s (MB) | floor ms/page | build less Pagefind / floor"
        " | same, CPU time | Pagefind s (MB) | index MB (files) | whole site-build.sh s (MB) | ms/page |",
        "|" + "---|" * 17,
    ]
    for (n, engine), r in scaling.items():
        build_ms = 1000 * r["build_s"] / r["pages"]
        floor_ms = 1000 * r["floor_s"] / r["floor_pages"]
        rows.append(
            f"| {n:,}{'*' if r['repeat'] == 1 else ''} | {engine} | {r['pages']:,} | {r['data_mb']:.1f}"
            f" | {r['load_s']:.2f} ({r['load_mb']:.0f}) | {r['render_s']:.2f} ({r['render_mb']:.0f})"
            f" | {r['export_s']:.1f} ({r['export_mb']:.0f})"
            f" | {r['build_s']:.1f} ({r['build_mb']:.0f}) | {build_ms:.1f}"
            f" | {r['floor_s']:.1f} ({r['floor_mb']:.0f}) | {floor_ms:.1f} | {r['nosearch_s'] / r['floor_s']:.2f}"
            f" | {r['nosearch_cpu'] / r['floor_cpu']:.2f}"
            f" | {r['pagefind_s']:.2f} ({r['pagefind_mb']:.0f}) | {r['index_mb']:.1f} ({r['index_files']})"
            f" | {r['whole_s']:.1f} ({r['whole_mb']:.0f}) | {1000 * r['whole_s'] / r['pages']:.1f} |"
        )
    return "\n".join(rows if header else rows[2:])


def goals(
    scaling: dict[tuple[int, str], dict[str, Any]], real: dict[str, Any], live: dict[str, Any]
) -> list[tuple[str, str, str, str]]:
    """(goal, target, measured, met) rows; a goal that was not measured says so."""
    rows = []

    def row(
        name: str, target: str, value: float | None, limit: float, fmt: str, *, strict: bool = False, note: str = ""
    ) -> None:
        if value is None:
            rows.append((name, target, "not measured", "–"))
            return
        met = value < limit if strict else value <= limit
        rows.append((name, target, fmt.format(value) + note, "met" if met else "**missed**"))

    def cpu_note(value: float | None) -> str:
        return f" (CPU time: {value:.2f})" if value is not None else ""

    engines = list(dict.fromkeys(engine for _, engine in scaling))
    sizes = sorted({n for n, _ in scaling})
    for engine in engines:
        at = {n: r for (n, e), r in scaling.items() if e == engine}.get
        if at(1000):
            value, cpu = (at(1000)[f"nosearch_{key}"] / at(1000)[f"floor_{key}"] for key in ("s", "cpu"))
        else:
            value = cpu = None
        row(
            f"{engine}: overhead at N = 1,000 (build less Pagefind / floor)",
            "≤ 1.10",
            value,
            GOALS["overhead"],
            "{:.2f}",
            note=cpu_note(cpu),
        )
        small, large = (sizes[0], sizes[-1]) if len(sizes) > 1 else (None, None)
        for stage, name in (("build", "sitegen build"), ("whole", "whole site-build.sh")):
            if small is not None and at(small) and at(large):
                value, cpu = (
                    (at(large)[f"{stage}_{key}"] / at(large)["pages"])
                    / (at(small)[f"{stage}_{key}"] / at(small)["pages"])
                    for key in ("s", "cpu")
                )
            else:
                value = cpu = None
            sizes_said = f"{large:,} / at {small:,}" if small is not None else "the largest size / the smallest"
            row(
                f"{engine}: {name} ms/page at {sizes_said}",
                "≤ 1.3",
                value,
                GOALS["scaling"],
                "{:.2f}",
                note=cpu_note(cpu),
            )
    view = real.get("view", {})
    for name, measured in view.items():
        if name not in ("search", "precache"):
            row(
                f"first view of {name}, gzip", "≤ 100 KB", measured["bytes"] / 1000, GOALS["first_view_kb"], "{:.1f} KB"
            )
    triage_js = real.get("triage_js")
    row("triage script, gzip", "≤ 6 KB", triage_js[1] / 1000 if triage_js else None, GOALS["triage_js_kb"], "{:.1f} KB")
    diary_js = real.get("diary_js")
    row("diary script, gzip", "≤ 8 KB", diary_js[1] / 1000 if diary_js else None, GOALS["diary_js_kb"], "{:.2f} KB")
    precache = view.get("precache")
    row(
        "offline precache after the home page loads, gzip",
        "≤ 600 KB",
        precache["bytes"] / 1000 if precache else None,
        GOALS["precache_kb"],
        "{:.0f} KB",
    )
    search = view.get("search")
    row(
        "first Pagefind query, gzip",
        "≤ 120 KB",
        search["bytes"] / 1000 if search else None,
        GOALS["search_kb"],
        "{:.1f} KB",
    )
    row(
        "warm Pagefind query",
        "< 10 ms",
        search["warm_ms"] if search else None,
        GOALS["warm_ms"],
        "{:.1f} ms",
        strict=True,
    )
    rounds = live.get("rounds_s")
    row(
        "live preview, YAML save to rebuilt page",
        "≤ 2 s",
        statistics.median(rounds) if rounds else None,
        GOALS["preview_s"],
        "{:.2f} s",
    )
    return rows


def render_report(
    scaling: dict[tuple[int, str], dict[str, Any]],
    real: dict[str, Any],
    live: dict[str, Any],
    *,
    args: argparse.Namespace,
    elapsed: float,
    load: tuple[float, float],
) -> str:
    repeats = sorted({r["repeat"] for r in scaling.values()})
    lines = [
        "# Benchmark results",
        "",
        "Written by `./site-build.sh bench` (bench/run.py); do not edit by hand. See README.md, Benchmarks.",
        "",
        f"- Date: {datetime.date.today().isoformat()}; machine: {os.cpu_count()} cores, {_memory_gb():.0f} GB,"
        f" {platform.system()} {platform.machine()}, Python {platform.python_version()}",
        f"- Command: `./site-build.sh bench {' '.join(sys.argv[1:])}`".rstrip() + f"; took {elapsed / 60:.1f} min",
        f"- 5-minute load average at the start and the end: {load[0]:.1f}, {load[1]:.1f}"
        " (the bench keeps about one core busy; more means other work shared the machine and the times are noisier)",
        f"- Runs per step: {args.repeat} (median); sizes of 5,000 and more: {args.repeat_large}"
        + (" (marked *)" if 1 in repeats else ""),
        "",
        "## Goals",
        "",
        "| goal | target | measured | |",
        "|---|---|---|---|",
        *(f"| {name} | {target} | {value} | {met} |" for name, target, value, met in goals(scaling, real, live)),
        "",
        "## Build, by size",
        "",
        "N records of each kind (sources, causes, red flags, conditions, specialists, FAQs, action-plan"
        " tips), built by each engine; pages are the HTML pages built. Times are wall seconds, (MB) the"
        " peak memory of the largest process. *load+validate* and *render* run in one interpreter after"
        " its imports; *export* is `python -m sitegen export` (validate, render, finish every page);"
        " *sitegen build* is export, the engine and the post-build steps (tree.json, Pagefind, CSP);"
        " the *floor* is the bare engine (no theme overrides, no post-build step) building the same"
        " exported Markdown and navigation; *build less Pagefind* is the build less Pagefind alone over"
        " the built site (the floor has no search index); *whole* is `./site-build.sh` with"
        " `SITE_ENGINE` set (validate, build, swap).",
        "",
        scaling_table(scaling) if scaling else "(no sizes run)",
        "",
    ]
    if scaling:
        lines += [
            "What the offline worker precaches (sitegen/offline.py): the whole site while it is at most"
            " 600 KB gzip; past that, the shell (scripts, styles, the search runtime, the checker's and"
            " the diary's data, icons) and the fixed pages, while other pages and search chunks are"
            " kept on first view.",
            "",
            "| N | engine | precached files | precache KB gzip | whole site precached |",
            "|---|---|---|---|---|",
            *(
                f"| {n:,} | {engine} | {r['precache']['files']:,} | {r['precache']['kb']:.0f}"
                f" | {'yes' if r['precache']['whole'] else 'no'} |"
                for (n, engine), r in scaling.items()
                if "precache" in r
            ),
            "",
        ]
    if real:
        lines += ["## Reader side (the real site)", ""]
        lines.append(
            f"`./site-build.sh` of the real data: {real['whole_s']:.1f} s, {real['whole_mb']:.0f} MB,"
            f" {real['pages']} pages."
        )
        lines += ["", "| first view | requests | gzip KB |", "|---|---|---|"]
        for name, measured in real["view"].items():
            if name not in ("search", "precache"):
                lines.append(f"| {name} | {measured['requests']} | {measured['bytes'] / 1000:.1f} |")
        lines.append("")
        if "triage_js" in real:
            raw, packed = real["triage_js"]
            lines.append(
                f"- Triage script (content/assets/triage.js): {raw / 1000:.1f} KB, {packed / 1000:.1f} KB gzip."
            )
        search = real["view"].get("search")
        if search:
            lines.append(
                f"- Pagefind, query {search['query']!r} ({search['results']} results, first 5 loaded):"
                f" first query {search['bytes'] / 1000:.1f} KB gzip in {search['requests']} requests,"
                f" {search['first_ms']:.0f} ms from a blank page; warm query {search['warm_ms']:.1f} ms (median of 9)."
            )
        if "index" in real:
            lines.append(f"- Pagefind index: {real['index'][0] / 1000:.0f} KB in {real['index'][1]} files.")
        lines += ["", "Files per first view (gzip bytes):", ""]
        for name, measured in real["view"].items():
            if name not in ("search", "precache"):
                files = ", ".join(f"`{path}` {size:,}" for path, size in measured["files"])
                lines.append(f"- {name}: {files}")
        lines.append("")
    if live:
        rounds = ", ".join(f"{s:.2f}" for s in live["rounds_s"])
        lines += [
            "## Live preview",
            "",
            f"`./site-build.sh serve` of the real site: first build {live['first_build_s']:.1f} s; saving a change to"
            f" `data/causes.yaml` until `{live['page']}` shows it: {rounds} s (median"
            f" {statistics.median(live['rounds_s']):.2f} s).",
            "",
        ]
    return "\n".join(lines)


def _memory_gb() -> float:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9


if __name__ == "__main__":
    sys.exit(main())
