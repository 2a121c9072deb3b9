// The symptom checker on /triage/: runs tree.json, the tree the build compiled from data/
// and proved safe (sitegen/triage.py). An ES module; its words are in strings.js.
//
// - State lives only in the URL hash, `#a=0.2.1` (the index of each answer chosen), so a
//   route can be shared and survives a reload; nothing is stored and nothing is sent.
// - Data reaches the page only as text nodes (page.js `el`), never as markup. An outcome's
//   sources are copies of the page's own list of them, which the build wrote.
// - Material's instant navigation swaps pages without reloading: page.js `onEveryPage` runs
//   `start` on each page swapped in, and each mount point is set up once.

import { careCard } from "./care-card.js";
import { el, onEveryPage } from "./page.js";
import { t } from "./strings.js";
import { hashOf, isTree, levelText, routeOf, walk, watchedFlags } from "./triage-tree.js";

const mounted = new WeakSet();
const trees = new Map(); // tree URL -> promise of the parsed tree, shared across visits
let active = null; // the checker on the current page, if any
let travelled = 0; // when the reader last went back or forward
// The question's or the outcome's heading: focused on each step, so a screen reader reads it.
const HEADING = { id: "triage-heading", class: "triage__heading", tabindex: "-1" };

function loadTree(url) {
  if (!trees.has(url)) {
    const promise = fetch(url, { credentials: "same-origin" })
      .then((response) => {
        if (!response.ok) throw new Error(`${url}: ${response.status}`);
        return response.json();
      })
      .then((tree) => {
        if (!isTree(tree)) throw new Error(`${url}: not a triage tree`);
        return tree;
      });
    promise.catch(() => trees.delete(url)); // try again on the next visit
    trees.set(url, promise);
  }
  return trees.get(url);
}

function go(indexes) {
  // pushState, not `location.hash =`: a history entry (so the browser's Back steps back a
  // question) without a popstate event, which Material's instant navigation would answer by
  // fetching and re-rendering this same page.
  const url = new URL(location.href);
  url.hash = hashOf(indexes);
  history.pushState(history.state, "", url);
  if (active?.root.isConnected) active.render(true);
}

function mount(root) {
  const number = root.dataset.emergencyNumber || "";
  const siteRoot = new URL(root.dataset.root || "./", location.href);
  const view = el("div", { class: "triage__view" });
  const live = el("p", { class: "visually-hidden", role: "status", "aria-live": "polite" });
  root.replaceChildren(view, live);
  let timer;
  let shown; // the hash on screen

  function announce(text) {
    // Cleared first, so the same words are announced again (e.g. Back, then the same answer).
    live.textContent = "";
    clearTimeout(timer);
    timer = setTimeout(() => {
      live.textContent = text;
    }, 100);
  }

  function question(node, steps) {
    const indexes = steps.map((step) => step.index);
    const count = t("triage.question", { number: steps.length + 1 });
    const answers = node.answers.map((answer, index) =>
      el(
        "li",
        null,
        el("button", { type: "button", class: "triage__answer", click: () => go([...indexes, index]) }, answer.label),
      ),
    );
    view.append(el("p", { class: "triage__step" }, count), el("h2", HEADING, node.text));
    if (node.help) view.append(el("p", { class: "triage__help" }, node.help));
    view.append(el("ul", { class: "triage__answers", "aria-labelledby": "triage-heading" }, ...answers));
    return `${count}: ${node.text}`;
  }

  function outcome(tree, node, steps) {
    const label = levelText(tree, node.level).label;
    const dial = number.replace(/[^\d+*#]/g, "");
    const links = node.links || [];
    const watched = watchedFlags(tree, node);
    const sources = sourceNames(node.sources || []);
    const today = new Date();
    const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, "0")}-${String(today.getDate()).padStart(2, "0")}`;
    view.append(
      careCard(
        {
          level: tree.levels.includes(node.level) ? node.level : "doctor",
          label,
          headingAttrs: HEADING,
          title: node.title,
          className: "triage__outcome",
        },
        node.level === "emergency" && dial
          ? el(
              "p",
              { class: "triage__call" },
              el("a", { class: "triage__call-link", href: `tel:${dial}` }, t("triage.call", { number })),
            )
          : null,
        el("p", { class: "triage__advice" }, node.advice),
        node.safety_net || watched.length ? el("h3", null, t("triage.more-help")) : null,
        node.safety_net ? el("p", { class: "triage__safety-net" }, node.safety_net) : null,
        watched.length ? el("ul", { class: "triage__watch" }, ...watched.map((id) => watchItem(tree, id))) : null,
        links.length ? el("h3", null, t("triage.read-more")) : null,
        links.length
          ? el(
              "ul",
              { class: "triage__links" },
              ...links.map((link) => el("li", null, el("a", { href: new URL(link.url, siteRoot).href }, link.title))),
            )
          : null,
        sources.length ? el("p", { class: "triage__sources" }, t("triage.sources"), ...sources) : null,
      ),
      el(
        "section",
        { class: "triage__summary", "aria-labelledby": "triage-summary" },
        el("h3", { id: "triage-summary" }, t("triage.answers")),
        el(
          "ol",
          null,
          ...steps.map((step) =>
            el(
              "li",
              null,
              el("span", { class: "triage__asked" }, step.question.text),
              " ",
              el("strong", { class: "triage__answered" }, step.answer.label),
            ),
          ),
        ),
        el(
          "p",
          { class: "triage__date" },
          t("triage.made-on"),
          el(
            "time",
            { datetime: iso },
            today.toLocaleDateString(document.documentElement.lang || undefined, {
              day: "numeric",
              month: "long",
              year: "numeric",
            }),
          ),
          t("triage.not-a-diagnosis"),
        ),
        number ? el("p", { class: "triage__print-only" }, t("triage.emergency", { number })) : null,
      ),
    );
    return t("triage.result", { label, title: node.title });
  }

  // A sign to look out for, what it needs, and where it is explained.
  function watchItem(tree, id) {
    const flag = tree.red_flags[id];
    const level = levelText(tree, flag.level);
    return el(
      "li",
      { class: `triage__watch-item triage__watch-item--${flag.level}` },
      el("a", { href: new URL(`when-to-see-a-doctor/#${encodeURIComponent(id)}`, siteRoot).href }, flag.text),
      ": ",
      el("strong", null, level.label),
      level.meaning ? ` (${level.meaning.replace(/\.$/, "")})` : null,
    );
  }

  // Each source as the page's own list of sources names it (its footer, which gives each the
  // id `source-<id>`; sitegen/templates/_provenance.md): the tree gives only the ids, so the
  // sources' words come once, with the page. A copy of the page's own markup, not data.
  function sourceNames(ids) {
    return ids
      .map((id) => document.getElementById(`source-${id}`))
      .filter(Boolean)
      .flatMap((listed, index) => [index ? "; " : null, ...listed.cloneNode(true).childNodes])
      .filter(Boolean);
  }

  function render(tree, moveFocus) {
    let indexes = routeOf(location.hash);
    if (indexes === null) {
      if (shown !== undefined) return; // a heading's anchor, not a route: keep the checker as it is
      indexes = [];
    } else if (shown === location.hash && moveFocus) return; // already on screen
    shown = location.hash;
    const { steps, node } = walk(tree, indexes);
    const done = node.kind === "outcome";
    view.replaceChildren();
    const message = done ? outcome(tree, node, steps) : question(node, steps);
    if (steps.length) {
      const back = () => go(steps.slice(0, -1).map((step) => step.index));
      view.append(
        el(
          "div",
          { class: "triage__actions" },
          done
            ? el(
                "button",
                { type: "button", class: "triage__button triage__button--primary", click: () => window.print() },
                t("triage.print"),
              )
            : null,
          el("button", { type: "button", class: "triage__button", click: back }, t("triage.back")),
          el("button", { type: "button", class: "triage__button", click: () => go([]) }, t("triage.start-again")),
        ),
      );
    }
    root.classList.toggle("triage--done", done);
    if (moveFocus) {
      view.querySelector("#triage-heading").focus();
      announce(message);
    }
  }

  loadTree(new URL(root.dataset.tree, location.href).href).then(
    (tree) => {
      if (!root.isConnected) return;
      active = { root, path: location.pathname, render: (moveFocus) => render(tree, moveFocus) };
      root.hidden = false; // before rendering: a hidden heading cannot take focus
      // Swapped in by Material right after the reader went back or forward: treat as their move.
      active.render(Date.now() - travelled < 3000);
      // The warning signs stay below the checker; only the "needs JavaScript" note goes.
      for (const note of document.querySelectorAll(".triage-nojs")) note.hidden = true;
    },
    () => {
      // The signs and where to go stay on the page (the no-JavaScript fallback).
      root.replaceChildren(el("p", { class: "triage__error" }, t("triage.failed")));
      root.hidden = false;
    },
  );
}

function start() {
  const root = document.getElementById("triage");
  if (!root || mounted.has(root)) return;
  mounted.add(root);
  active = null;
  mount(root);
}

// The browser's Back and Forward (and a hash typed into the address bar) within this page.
for (const type of ["popstate", "hashchange"]) {
  window.addEventListener(type, () => {
    travelled = Date.now();
    if (active?.root.isConnected && active.path === location.pathname) active.render(true);
  });
}

onEveryPage(start);
