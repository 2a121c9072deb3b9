// Registers the site's service worker (sw.js at the site root, written by sitegen/offline.py),
// so every page, the search, the checker and the diary work offline after a first visit.
// Only once the page has loaded: the worker's precache never competes with the first view.
// The worker's URL is relative to this file, so a site under a sub-path registers its own.
if ("serviceWorker" in navigator && window.isSecureContext) {
  const register = () => navigator.serviceWorker.register(new URL("../sw.js", import.meta.url)).catch(() => {});
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}
