// The symptom checker on /triage/: runs tree.json, the tree the build compiled from data/
// and proved safe (sitegen/triage.py). Plain ES module, no dependencies.
//
// - State lives only in the URL hash, `#a=0.2.1` (the index of each answer chosen), so a
//   route can be shared and survives a reload; nothing is stored and nothing is sent.
// - Data reaches the page only as text nodes (createElement/append), never as markup.
// - Material's instant navigation swaps pages without reloading: `document$` tells us when
//   a page is in, and each mount point is set up once.

const mounted = new WeakSet();
const trees = new Map(); // tree URL -> promise of the parsed tree, shared across visits
let active = null; // the checker on the current page, if any
let travelled = 0; // when the reader last went back or forward

// h("p", {class: "x"}, "text", child): an element with attributes and children; strings become text nodes.
function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (typeof value === "function") node.addEventListener(name, value);
    else node.setAttribute(name, value);
  }
  node.append(...children.filter((child) => child !== null && child !== undefined && child !== false));
  return node;
}

function loadTree(url) {
  if (!trees.has(url)) {
    const promise = fetch(url, { credentials: "same-origin" })
      .then((response) => {
        if (!response.ok) throw new Error(`${url}: ${response.status}`);
        return response.json();
      })
      .then((tree) => {
        if (tree.version !== 1 || !tree.nodes || !tree.nodes[tree.start]) throw new Error(`${url}: not a triage tree`);
        return tree;
      });
    promise.catch(() => trees.delete(url)); // try again on the next visit
    trees.set(url, promise);
  }
  return trees.get(url);
}

// The answer indexes in the hash, or null when the hash is not the checker's (e.g. a heading link).
function readHash() {
  const match = /^#?(?:a=([\d.]*))?$/.exec(location.hash);
  if (!match) return null;
  return match[1] ? match[1].split(".").filter(Boolean).map(Number) : [];
}

// Follow the answers from the start; stop at the first index the tree does not have.
function walk(tree, indexes) {
  const steps = [];
  let id = tree.start;
  for (const index of indexes) {
    const node = tree.nodes[id];
    const answer = node.kind === "question" && node.answers[index];
    if (!answer || !tree.nodes[answer.next]) break;
    steps.push({ question: node, answer, index });
    id = answer.next;
  }
  return { steps, node: tree.nodes[id] };
}

function go(indexes) {
  // pushState, not `location.hash =`: a history entry (so the browser's Back steps back a
  // question) without a popstate event, which Material's instant navigation would answer by
  // fetching and re-rendering this same page.
  const url = new URL(location.href);
  url.hash = indexes.length ? `a=${indexes.join(".")}` : "";
  history.pushState(history.state, "", url);
  if (active && active.root.isConnected) active.render(true);
}

function mount(root) {
  const number = root.dataset.emergencyNumber || "";
  const siteRoot = new URL(root.dataset.root || "./", location.href);
  const view = h("div", { class: "triage__view" });
  const live = h("p", { class: "visually-hidden", role: "status", "aria-live": "polite" });
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

  function heading(...children) {
    return h("h2", { id: "triage-heading", class: "triage__heading", tabindex: "-1" }, ...children);
  }

  function question(node, steps) {
    const indexes = steps.map((step) => step.index);
    const count = `Question ${steps.length + 1}`;
    const answers = node.answers.map((answer, index) =>
      h("li", null, h("button", { type: "button", class: "triage__answer", click: () => go([...indexes, index]) }, answer.label)),
    );
    view.append(h("p", { class: "triage__step" }, count), heading(node.text));
    if (node.help) view.append(h("p", { class: "triage__help" }, node.help));
    view.append(h("ul", { class: "triage__answers", "aria-labelledby": "triage-heading" }, ...answers));
    return `${count}: ${node.text}`;
  }

  function outcome(tree, node, steps) {
    const label = (tree.level_text && tree.level_text[node.level] && tree.level_text[node.level].label) || node.level;
    const dial = number.replace(/[^\d+*#]/g, "");
    const links = node.links || [];
    const watched = (node.watch_for || []).filter((id) => tree.red_flags[id]);
    const sources = node.sources || [];
    const today = new Date();
    const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, "0")}-${String(today.getDate()).padStart(2, "0")}`;
    view.append(
      h(
        "section",
        { class: `care-card care-card--${tree.levels.includes(node.level) ? node.level : "doctor"} triage__outcome` },
        h("p", { class: "care-card__label", "aria-hidden": "true" }, label),
        heading(h("span", { class: "visually-hidden" }, `${label}: `), node.title),
        node.level === "emergency" && dial
          ? h("p", { class: "triage__call" }, h("a", { class: "triage__call-link", href: `tel:${dial}` }, `Call ${number}`))
          : null,
        h("p", { class: "triage__advice" }, node.advice),
        node.safety_net || watched.length ? h("h3", null, "When to get more help") : null,
        node.safety_net ? h("p", { class: "triage__safety-net" }, node.safety_net) : null,
        watched.length ? h("ul", { class: "triage__watch" }, ...watched.map((id) => watchItem(tree, id))) : null,
        links.length ? h("h3", null, "Read more") : null,
        links.length
          ? h("ul", { class: "triage__links" }, ...links.map((link) => h("li", null, h("a", { href: new URL(link.url, siteRoot).href }, link.title))))
          : null,
        sources.length ? h("p", { class: "triage__sources" }, "Sources: ", ...sourceLinks(sources)) : null,
      ),
      h(
        "section",
        { class: "triage__summary", "aria-labelledby": "triage-summary" },
        h("h3", { id: "triage-summary" }, "Your answers"),
        h(
          "ol",
          null,
          ...steps.map((step) =>
            h("li", null, h("span", { class: "triage__asked" }, step.question.text), " ", h("strong", { class: "triage__answered" }, step.answer.label)),
          ),
        ),
        h(
          "p",
          { class: "triage__date" },
          "Summary made on ",
          h("time", { datetime: iso }, today.toLocaleDateString(document.documentElement.lang || undefined, { day: "numeric", month: "long", year: "numeric" })),
          ". This is not a diagnosis.",
        ),
        number ? h("p", { class: "triage__print-only" }, `In an emergency call ${number}.`) : null,
      ),
    );
    return `Result: ${label}. ${node.title}`;
  }

  // A sign to look out for, what it needs, and where it is explained.
  function watchItem(tree, id) {
    const flag = tree.red_flags[id];
    const level = (tree.level_text && tree.level_text[flag.level]) || { label: flag.level, meaning: "" };
    return h(
      "li",
      { class: `triage__watch-item triage__watch-item--${flag.level}` },
      h("a", { href: new URL(`when-to-see-a-doctor/#${encodeURIComponent(id)}`, siteRoot).href }, flag.text),
      ": ",
      h("strong", null, level.label),
      level.meaning ? ` (${level.meaning.replace(/\.$/, "")})` : null,
    );
  }

  // Each source named and linked to the address it was read at, where it has one.
  function sourceLinks(sources) {
    return sources
      .flatMap((source, index) => {
        const name = source.publisher ? `${source.title}, ${source.publisher}` : source.title;
        return [index ? "; " : null, source.url ? h("a", { href: source.url }, name) : `${name} (blog post)`];
      })
      .filter(Boolean);
  }

  function render(tree, moveFocus) {
    let indexes = readHash();
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
        h(
          "div",
          { class: "triage__actions" },
          done ? h("button", { type: "button", class: "triage__button triage__button--primary", click: () => window.print() }, "Print or save this summary") : null,
          h("button", { type: "button", class: "triage__button", click: back }, "Back"),
          h("button", { type: "button", class: "triage__button", click: () => go([]) }, "Start again"),
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
      root.replaceChildren(h("p", { class: "triage__error" }, "The checker could not load. The warning signs below tell you where to go."));
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
    if (active && active.root.isConnected && active.path === location.pathname) active.render(true);
  });
}

// Material emits document$ once at load and again after each instant navigation.
if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
else start();
