// The site's service worker: every page, the search, the symptom checker and the diary keep
// working with no network after the first visit. sitegen/offline.py writes it into the site
// as `sw.js`, preceded by `const BUILD = {...}` (this build's version, its precache list and
// each edition's offline page).
//
// - One cache per build and per site root ("spasms-offline <scope> <version>"): a new build
//   changes sw.js, the browser installs it, and activation deletes this scope's older caches
//   (never another copy of the site on the same host, e.g. one under a sub-path).
// - Content-hashed files (Material's bundles, Pagefind's chunks) never change: cache first.
// - Everything else, pages above all, is network first: online, a reader always gets the
//   build the server has now, so no one is stuck on a stale page; the cache answers only when
//   the network fails (or is slower than TIMEOUT and a copy is cached). Each answer from the
//   network refreshes the cache, so a page not precached is kept from its first view on.
/* global BUILD */

const PREFIX = "spasms-offline ";
const SCOPE = self.registration.scope;
const CACHE = `${PREFIX}${SCOPE} ${BUILD.version}`;
const TIMEOUT = 4000; // ms before a slow network gives way to the cached copy
const HASHED = /(\.[0-9a-f]{8}\.min\.(js|css)$)|(\/pagefind\/(fragment|index)\/)|(\.pf_meta$)/;

// Query strings mean nothing to a static site (Pagefind adds `?ts=` to defeat caches).
function key(url) {
  const u = new URL(url);
  u.search = "";
  u.hash = "";
  return u.href;
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) =>
        Promise.all(
          BUILD.precache.map((path) => {
            const url = new URL(path, SCOPE).href;
            return fetch(url, { cache: "no-cache", credentials: "same-origin" }).then((response) => {
              if (!response.ok) throw new Error(`${url}: ${response.status}`);
              return cache.put(key(url), response);
            });
          }),
        ),
      )
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith(`${PREFIX}${SCOPE} `) && name !== CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

function fromNetwork(request, cache) {
  return fetch(request).then((response) => {
    if (response.ok && response.type === "basic") cache.put(key(request.url), response.clone());
    return response;
  });
}

// The page shown in place of one not saved yet, with no network, in the language of the edition
// the address is in (its folder, e.g. "es/"; the root's otherwise). Its words come from the
// build (sitegen/strings/<lang>.yaml), HTML-escaped, with `{home}` where the home page's link goes.
function offlinePage(url) {
  const folder = Object.keys(BUILD.offline).reduce(
    (best, f) => (f.length > best.length && url.startsWith(new URL(f, SCOPE).href) ? f : best),
    "",
  );
  const words = BUILD.offline[folder];
  const body = `<!doctype html><html lang="${words.lang}"><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${words.title}</title><main style="font:1.1rem/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem">
<h1>${words.heading}</h1><p>${words.text.replaceAll("{home}", new URL(folder, SCOPE).href)}</p>
<p>${words.emergency}</p></main></html>`;
  return new Response(body, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(key(request.url)).then((cached) => {
        if (cached && HASHED.test(new URL(request.url).pathname)) return cached;
        const network = fromNetwork(request, cache);
        const fallback = () =>
          cached ||
          caches
            .match(key(request.url))
            .then((any) => any || (request.mode === "navigate" ? offlinePage(request.url) : Response.error()));
        if (!cached) return network.catch(fallback);
        // A slow network gives way to the cached copy; the fetch still refreshes the cache.
        const slow = new Promise((resolve) => setTimeout(() => resolve(cached), TIMEOUT));
        event.waitUntil(network.catch(() => undefined));
        return Promise.race([network.catch(fallback), slow]);
      }),
    ),
  );
});
