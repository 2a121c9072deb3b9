"""Shared fixtures: a real build of the site, a local web server, and Debian's Chromium."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.helpers import (
    DEPLOY,
    ENGINES,
    NGINX,
    NGINX_SITES,
    ROOT,
    Deployed,
    build_site,
    free_port,
    launch_chromium,
    nginx_main_config,
    serve_static,
)
from tests.recorder import Recorder


@pytest.fixture(scope="session")
def web_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A web server on 127.0.0.1 and the folder it serves (empty until `served` fills it)."""
    web_root = tmp_path_factory.mktemp("www")
    with serve_static(web_root) as (address, _):
        yield address, web_root


@pytest.fixture(scope="session")
def site_env(web_server: tuple[str, Path]) -> dict[str, str]:
    """The build's environment: a fixed date, and SITE_URL where the tests serve the site, as a
    deployer sets it (Material navigates instantly only to the sitemap's host and port)."""
    return {"SOURCE_DATE_EPOCH": "1764000000", "SITE_URL": web_server[0]}


def _built(tmp_path_factory: pytest.TempPathFactory, site_env: dict[str, str], engine: str) -> Path:
    site_dir = tmp_path_factory.mktemp(f"build-{engine}") / "site"
    result = build_site(ROOT, site_dir, env=site_env, engine=engine)
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture(scope="session")
def mkdocs_site(tmp_path_factory: pytest.TempPathFactory, site_env: dict[str, str]) -> Path:
    """The real site, built once per test session by the default engine, MkDocs."""
    return _built(tmp_path_factory, site_env, "mkdocs")


@pytest.fixture(scope="session")
def site(mkdocs_site: Path) -> Path:
    """The site the browser tests load: MkDocs' build. A module whose tests hold for every
    engine overrides this with `engine_site` (tests/test_site.py)."""
    return mkdocs_site


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory, site_env: dict[str, str]) -> Path:
    """The same site built by Zensical, once per test session."""
    return _built(tmp_path_factory, site_env, "zensical")


@pytest.fixture(scope="session", params=ENGINES)
def engine_site(request: pytest.FixtureRequest) -> Path:
    """The site as each engine builds it: a test asking for it runs once per engine."""
    built: Path = request.getfixturevalue(f"{request.param}_site")
    return built


@pytest.fixture(scope="session")
def served(site: Path, web_server: tuple[str, Path]) -> dict[str, str]:
    """The built site on 127.0.0.1: `root` is served at /, `subpath` under /spasms/."""
    base, web_root = web_server
    shutil.copytree(site, web_root, dirs_exist_ok=True)
    shutil.copytree(site, web_root / "spasms")
    return {"root": base, "subpath": f"{base}spasms/"}


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        instance = launch_chromium(playwright)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser page.

    The site's service worker is blocked here, so what a test routes or counts is what the page
    asks the network for; tests/test_offline.py runs the worker in contexts of its own."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    yield context.new_page()
    context.close()


@pytest.fixture
def recorded(page: Page) -> Recorder:
    """What `page` does from the test's start that a reader would not want (tests/recorder.py):
    `recorded.foreign` and `recorded.problems`; `recorded.assert_clean()` checks both."""
    recorder = Recorder()
    recorder.watch(page)
    return recorder


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


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call":
        FIGURES.extend(str(value) for name, value in report.user_properties if name == FIGURE)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if FIGURES:
        terminalreporter.section("measured")
        for line in sorted(FIGURES):
            terminalreporter.write_line(line)
