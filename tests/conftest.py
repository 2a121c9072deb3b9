"""Shared fixtures: a real build of the site, a local web server, and Debian's Chromium."""

from __future__ import annotations

import contextlib
import fcntl
import json
import math
import os
import shutil
import subprocess
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from playwright.sync_api import Browser, Page, sync_playwright

from tests.helpers import (
    DEPLOY,
    ENGINES,
    NGINX,
    NGINX_SITES,
    ROOT,
    WIDE,
    Deployed,
    PageIn,
    blank,
    build_site,
    forget,
    free_port,
    launch_chromium,
    nginx_main_config,
    serve_static,
)
from tests.recorder import Recorder

# Hypothesis fails an example that runs past 200 ms; with the workers sharing busy cores, a
# safe example took 266 ms once. What a test asserts is behaviour: timings live in bench/.
settings.register_profile("suite", deadline=None)
settings.load_profile("suite")

# -- one web server and one build per engine for the whole run, shared by pytest-xdist's workers --

SHARED = "SPASMS_TESTS_SHARED"
"""The folder the run's processes share (set by the controller, inherited by each worker)."""
WEB = "SPASMS_TESTS_WEB"
"""The address of the static server, in the controller, that serves `<SHARED>/www`."""


def pytest_configure(config: pytest.Config) -> None:
    """In the run's first process (pytest-xdist's controller, or the only one), before any worker
    starts: a shared folder and a web server over it, both alive until the run ends. Each worker
    is a process of its own, so what it built alone it would build again in every other."""
    if hasattr(config, "workerinput"):
        return
    shared = Path(tempfile.mkdtemp(prefix="spasms-tests-"))
    (shared / "www").mkdir()
    run = contextlib.ExitStack()
    run.callback(shutil.rmtree, shared, ignore_errors=True)
    address, _ = run.enter_context(serve_static(shared / "www"))
    os.environ[SHARED], os.environ[WEB] = str(shared), address
    config.add_cleanup(run.close)


NGINX_FILES = {"test_deploy_nginx", "test_links_http", "test_tour"}
"""The test files that use `nginx`: one worker runs them all, so its two builds are made once."""


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: one worker more than the cores. A browser test spends part of its time
    waiting (for the network to be quiet, the search box's debounce, an animation), and the
    extra worker fills those waits: on 2 cores, 3 workers ran the suite in 162 s against 229 s."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cores + 1


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """A test file at a time per worker (`--dist loadfile`), so its module fixtures (a checker
    page, a diary page) are set up once, with NGINX_FILES taken as one file. Another `--dist`
    given on the command line is left to pytest-xdist."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class ByFile(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return "nginx" if Path(path).stem in NGINX_FILES else path

    return ByFile(config, log)


FILE_SECONDS = ROOT / "tests" / "file-seconds.json"
"""Each test file's seconds in a whole run, as `--store-file-seconds` last wrote them."""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--store-file-seconds", action="store_true", help=f"write this run's seconds per test file to {FILE_SECONDS}"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest test files first (the workers take files in this order,
    `--no-loadscope-reorder`), by tests/file-seconds.json: a worker that began a long one last
    would still be at it long after the others had finished. A file not timed yet counts as
    longest if it drives the browser or is marked slow, else as shortest; ties go to the file
    with more tests."""
    for item in items:
        if "nginx" in getattr(item, "fixturenames", ()) and item.path.stem not in NGINX_FILES:
            raise pytest.UsageError(f"{item.nodeid} uses `nginx`: add {item.path.stem!r} to NGINX_FILES")
    timed: dict[str, float] = json.loads(FILE_SECONDS.read_text(encoding="utf-8")) if FILE_SECONDS.exists() else {}
    size = Counter(item.path for item in items)
    slow = {item.path for item in items if item.get_closest_marker("browser") or item.get_closest_marker("slow")}

    def seconds(path: Path) -> float:
        relative = path.relative_to(ROOT).as_posix()
        return timed.get(relative, math.inf if path in slow else 0.0)

    items.sort(key=lambda item: (-seconds(item.path), -size[item.path]))


def once(name: str, make: Callable[[Path], None]) -> Path:
    """`<SHARED>/<name>`, which `make` fills the first time any worker asks; the others wait for it."""
    shared = Path(os.environ[SHARED])
    folder, done = shared / name, shared / f"{name}.done"
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            make(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def web_server() -> tuple[str, Path]:
    """The run's web server on 127.0.0.1 and the folder it serves (empty until `served` fills it)."""
    return os.environ[WEB], Path(os.environ[SHARED]) / "www"


@pytest.fixture(scope="session")
def site_env(web_server: tuple[str, Path]) -> dict[str, str]:
    """The build's environment: a fixed date, and SITE_URL where the tests serve the site, as a
    deployer sets it (Material navigates instantly only to the sitemap's host and port)."""
    return {"SOURCE_DATE_EPOCH": "1764000000", "SITE_URL": web_server[0]}


def _built(site_env: dict[str, str], engine: str) -> Path:
    def build(folder: Path) -> None:
        result = build_site(ROOT, folder / "site", env=site_env, engine=engine)
        assert result.returncode == 0, result.stderr

    return once(f"build-{engine}", build) / "site"


@pytest.fixture(scope="session")
def mkdocs_site(site_env: dict[str, str]) -> Path:
    """The real site, built once per test session by the default engine, MkDocs."""
    return _built(site_env, "mkdocs")


@pytest.fixture(scope="session")
def site(mkdocs_site: Path) -> Path:
    """The site the browser tests load: MkDocs' build. A module whose tests hold for every
    engine overrides this with `engine_site` (tests/test_site.py)."""
    return mkdocs_site


@pytest.fixture(scope="session")
def zensical_site(site_env: dict[str, str]) -> Path:
    """The same site built by Zensical, once per test session."""
    return _built(site_env, "zensical")


@pytest.fixture(scope="session", params=ENGINES)
def engine_site(request: pytest.FixtureRequest) -> Path:
    """The site as each engine builds it: a test asking for it runs once per engine."""
    built: Path = request.getfixturevalue(f"{request.param}_site")
    return built


@pytest.fixture(scope="session")
def served(site: Path, web_server: tuple[str, Path]) -> dict[str, str]:
    """The built site on 127.0.0.1: `root` is served at /, `subpath` under /spasms/."""
    base, web_root = web_server

    def copy(_: Path) -> None:
        shutil.copytree(site, web_root, dirs_exist_ok=True)
        shutil.copytree(site, web_root / "spasms")

    once("served", copy)
    return {"root": base, "subpath": f"{base}spasms/"}


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        instance = launch_chromium(playwright)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def module_page(browser: Browser) -> Iterator[Page]:
    """The one page a test module's `page` tests share.

    The site's service worker is blocked here, so what a test routes or counts is what the page
    asks the network for; tests/test_offline.py runs the worker in contexts of its own."""
    context = browser.new_context(service_workers="block")
    yield context.new_page()
    context.close()


@pytest.fixture
def page(module_page: Page) -> Iterator[Page]:
    """A browser page as a new one starts (tests/helpers.py `blank`): 1280 × 900, light, nothing
    stored. What the test stored is cleared after it."""
    yield blank(module_page)
    forget(module_page)


@pytest.fixture
def page_in(page: Page) -> PageIn:
    """page_in(scheme, size=WIDE): `page`, blank again, in that colour scheme at that size."""
    return lambda scheme, size=WIDE: blank(page, scheme, size)


@pytest.fixture
def recorded(page: Page) -> Iterator[Recorder]:
    """What `page` does from the test's start that a reader would not want (tests/recorder.py):
    `recorded.foreign` and `recorded.problems`; `recorded.assert_clean()` checks both."""
    recorder = Recorder()
    recorder.watch(page)
    yield recorder
    recorder.stop(page)


# -- the site as deployed: Debian's nginx running deploy/*.conf ---------------------------------


@pytest.fixture(scope="session")
def nginx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Deployed]]:
    """Debian's nginx on 127.0.0.1 serving deploy/nginx.conf (the site at `root`) and
    deploy/nginx-subpath.conf (under `subpath`), each a build whose SITE_URL is that address."""
    prefix = tmp_path_factory.mktemp("nginx")
    servers, deployed = [], {}
    for where, (conf, replacements, path) in NGINX_SITES.items():
        address = f"127.0.0.1:{free_port()}"
        www = prefix / f"www-{where}"
        site_dir = www / path.strip("/") if path != "/" else www
        deployed[where] = Deployed(f"http://{address}{path}", site_dir)
        result = build_site(ROOT, site_dir, env={"SOURCE_DATE_EPOCH": "1764000000", "SITE_URL": deployed[where].url})
        assert result.returncode == 0, result.stderr
        text = (DEPLOY / conf).read_text(encoding="utf-8")
        for old, new in replacements.items():
            assert old in text, f"deploy/{conf} no longer has {old!r}: update NGINX_SITES in tests/helpers.py"
            text = text.replace(old, new.format(address=address, www=www))
        servers.append(prefix / conf)
        servers[-1].write_text(text, encoding="utf-8")
    config = prefix / "nginx-main.conf"
    config.write_text(nginx_main_config(prefix, servers), encoding="utf-8")
    command = [NGINX, "-p", str(prefix), "-c", str(config), "-e", str(prefix / "error.log")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for_http([d.url for d in deployed.values()], process, prefix / "error.log")
        yield deployed
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for_http(addresses: Iterable[str], process: subprocess.Popen[bytes], error_log: Path) -> None:
    import time
    import urllib.request

    deadline = time.monotonic() + 15
    for url in addresses:
        while True:
            if process.poll() is not None:
                pytest.fail(f"nginx exited with {process.returncode}:\n{error_log.read_text(errors='replace')}")
            try:
                with urllib.request.urlopen(url, timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"nginx did not answer at {url}:\n{error_log.read_text(errors='replace')}")
                time.sleep(0.05)


# -- measured figures, printed after the run ------------------------------------------------------

FIGURE = "figure"


@pytest.fixture
def figure(record_property: Callable[[str, object], None]) -> Callable[[str], None]:
    """Reports a measured figure (a size, a share) in the run's summary. It travels with the test's
    report, so it is shown under pytest-xdist too, whose workers' own output is not."""
    return lambda text: record_property(FIGURE, text)


FIGURES: list[str] = []
SPENT: defaultdict[str, float] = defaultdict(float)
"""Seconds per test file in this run: setup, call and teardown of each of its tests."""


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    SPENT[report.nodeid.split("::", 1)[0]] += report.duration
    if report.when == "call":
        FIGURES.extend(str(value) for name, value in report.user_properties if name == FIGURE)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if session.config.getoption("store_file_seconds") and not hasattr(session.config, "workerinput"):
        spent = {path: round(seconds, 1) for path, seconds in sorted(SPENT.items())}
        FILE_SECONDS.write_text(json.dumps(spent, indent=2) + "\n", encoding="utf-8")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if FIGURES:
        terminalreporter.section("measured")
        for line in sorted(FIGURES):
            terminalreporter.write_line(line)
