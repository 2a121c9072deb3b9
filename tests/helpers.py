"""What the tests share besides fixtures: the project's root, the build as ./site-build.sh runs
it, Debian's Chromium and nginx. Fixtures live in conftest.py and use these; tests import
from here, never from conftest.py."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, Protocol
from urllib.parse import urlsplit

from sitegen.dataset import Dataset
from sitegen.editions import Edition, load_editions
from sitegen.loader import load_dataset

if TYPE_CHECKING:
    from playwright.sync_api import Browser, CDPSession, Page, Playwright

ROOT = Path(__file__).resolve().parent.parent


@functools.cache
def real_dataset() -> Dataset:
    """The project's data/, loaded once per process: two dozen test modules read it as they are
    collected, and each of pytest-xdist's workers collects them all."""
    return load_dataset(ROOT / "data")


@functools.cache
def real_editions() -> list[Edition]:
    """The project's editions (sitegen/editions.py), loaded once per process, as `real_dataset`."""
    return load_editions(ROOT)


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HEADLESS_SHELL = shutil.which("chromium-headless-shell")
"""Debian's headless-only build of the same Chromium (what Playwright itself runs headless): it
renders the same pages for less CPU, with no window system behind it."""
# Without these, Chromium tries Google's services at start; this machine's network refuses them.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch_chromium(playwright: Playwright, **options: Any) -> Browser:
    """Debian's Chromium with the flags above, for the tests and the bench alike: its headless
    shell where installed (tests/ensure-browser.sh installs it)."""
    return playwright.chromium.launch(executable_path=HEADLESS_SHELL or CHROMIUM, args=CHROMIUM_ARGS, **options)


WIDE, NARROW = (1280, 900), (390, 844)
"""The two viewports every page is checked at: a laptop's and a 390 px phone's."""


Scheme = Literal["light", "dark"]


def blank(page: Page, scheme: Scheme = "light", size: tuple[int, int] = WIDE) -> Page:
    """`page` as a new page starts, in `scheme` at `size`: on no site, nothing routed, the mouse in
    the corner. Reusing a page costs a third of making one (a new context and its renderer).
    A page already blank (`forget` leaves one so) is not loaded again: that costs 80 ms."""
    page.unroute_all(behavior="ignoreErrors")
    if page.url != "about:blank":
        page.goto("about:blank")
    page.mouse.move(0, 0)
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.emulate_media(media="null", color_scheme=scheme)
    return page


class PageIn(Protocol):
    """The `page_in` fixture: the test's page, blank, in a colour scheme at a viewport size."""

    def __call__(self, scheme: Scheme, size: tuple[int, int] = WIDE) -> Page: ...


def forget(page: Page) -> None:
    """Clears what the site stored in `page`: the diary's entries, the palette chosen, cookies.
    The page leaves the site first, as Material stores the palette again while a page unloads."""
    page.context.clear_cookies()
    site = urlsplit(page.url)
    if site.scheme not in ("http", "https"):
        return
    page.evaluate("() => sessionStorage.clear()")
    page.goto("about:blank")
    if page not in DEVTOOLS:
        DEVTOOLS[page] = page.context.new_cdp_session(page)
    DEVTOOLS[page].send(
        "Storage.clearDataForOrigin", {"origin": f"{site.scheme}://{site.netloc}", "storageTypes": "all"}
    )


DEVTOOLS: weakref.WeakKeyDictionary[Page, CDPSession] = weakref.WeakKeyDictionary()
"""Each page's DevTools session, opened once: `forget` clears storage through it after every test."""


ENGINES = ("mkdocs", "zensical")
"""The engines every site test runs against (sitegen/engines.py)."""


def build_site(
    project: Path, site_dir: Path, *, env: dict[str, str] | None = None, engine: str = "mkdocs", cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m sitegen build` of `project` into `site_dir` with `engine`, as ./site-build.sh runs it,
    in `cwd` (the project unless given)."""
    return subprocess.run(
        [sys.executable, "-m", "sitegen", "build", str(site_dir), "--root", str(project), "--engine", engine],
        cwd=cwd or project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static file server for tests: no log line per request."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the stdlib's name)
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A browser that moves on before a file has been sent closes the connection: not an error."""

    def handle_error(self, request: socket.socket | tuple[bytes, socket.socket], client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve_static(
    folder: Path, handler: type[http.server.SimpleHTTPRequestHandler] = QuietHandler
) -> Iterator[tuple[str, http.server.ThreadingHTTPServer]]:
    """`folder` over HTTP on a free 127.0.0.1 port until the block ends: its address (ending in /)
    and the server, which a test may shut down early to take the site offline."""
    server = QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", server
    finally:
        server.shutdown()
        server.server_close()


# -- the site as deployed: Debian's nginx running deploy/*.conf ---------------------------------

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
DEPLOY = ROOT / "deploy"
NGINX_SITES = {
    # where: (the committed server block, the strings the test replaces in it, the site's path)
    "root": ("nginx.conf", {"listen 80;": "listen {address};", "/srv/spasms/site": "{www}"}, "/"),
    "subpath": ("nginx-subpath.conf", {"listen 80;": "listen {address};", "/srv/www": "{www}"}, "/spasms/"),
}


STATIC_IMPORT = re.compile(r"""(?:^|[;}\s])import\s*(?:[\w\s{},*]*?from\s*)?["'](\.{1,2}/[^"']+)["']""", re.M)
"""A static `import ... from "./x.js"` (or `import "./x.js"`), written out or minified; an
`import("./x.js")` loads on demand, not with the page."""


def script_modules(entry: Path) -> list[Path]:
    """`entry` and every module it imports, at any depth: the files a page with `entry` loads."""
    found = [entry.resolve()]
    for script in found:  # grows as it goes: breadth first, each module once
        for relative in STATIC_IMPORT.findall(script.read_text(encoding="utf-8")):
            module = (script.parent / relative).resolve()
            if module not in found:
                found.append(module)
    return found


SHARED_MODULES = ("page.js", "strings.js")
"""What every page script imports (content/assets/): no one script's cost."""


def own_modules(entry: Path) -> list[Path]:
    """`script_modules(entry)` less the SHARED_MODULES: what a page script costs, as its budget counts it."""
    shared = {entry.parent / name for name in SHARED_MODULES}
    return [module for module in script_modules(entry) if module not in shared]


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def nginx_main_config(prefix: Path, servers: list[Path]) -> str:
    """What Debian's /etc/nginx/nginx.conf gives a server block, with every path in `prefix`."""
    kinds = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    temp = "\n".join(f"    {kind}_temp_path {prefix}/{kind};" for kind in kinds)
    includes = "\n".join(f"    include {server};" for server in servers)
    return f"""daemon off;
master_process off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log {prefix}/access.log;
{temp}
{includes}
}}
"""


class Deployed(NamedTuple):
    url: str
    """Where nginx serves the site: the SITE_URL it was built for."""
    site: Path
    """The built site nginx serves."""


# -- Material's instant navigation on a site served where it was not built for ---------------


def follow_instant_navigation(page: Page, site: Path, base: str) -> None:
    """Material navigates instantly only to URLs in sitemap.xml, which carries `site_url`, not the
    address the tests serve at: hand the page a sitemap rewritten to that address."""
    sitemap = (site / "sitemap.xml").read_text()
    first = re.search(r"<loc>([^<]+)</loc>", sitemap)  # the first entry is the home page: site_url
    assert first is not None, "sitemap.xml lists no page"
    home = first.group(1)
    sitemap = sitemap.replace(home, base)
    page.route("**/sitemap.xml", lambda route: route.fulfill(body=sitemap, content_type="application/xml"))
