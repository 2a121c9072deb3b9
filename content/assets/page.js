/* What every page script shares: building elements from data, and running on every page.
 *
 * Data (the checker's tree, diary entries, search results) is untrusted, so it reaches the
 * page only as text nodes and attribute values, never as markup: nothing here parses HTML.
 */

function build(node, attrs, children) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (typeof value === "function") {
      node.addEventListener(name, value);
    } else if (value !== false && value !== null && value !== undefined) {
      node.setAttribute(name, value === true ? "" : value);
    }
  }
  node.append(...children.flat(9).filter((child) => child !== null && child !== undefined && child !== false));
  return node;
}

/* el("p", {class: "x", click: handler}, "text", child): an element; strings become text nodes,
   functions listeners, `true` an empty attribute; null, undefined and false are left out. */
export function el(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/* The same for SVG, whose elements need their namespace. */
export function svg(tag, attrs, ...children) {
  return build(document.createElementNS("http://www.w3.org/2000/svg", tag), attrs, children);
}

/* Run `setup` on this page and, with Material's instant navigation, on every page swapped in
   after it (`document$` emits once at load and again after each swap); a module runs once,
   however often instant navigation meets its script element. */
export function onEveryPage(setup) {
  if (typeof window.document$?.subscribe === "function") {
    window.document$.subscribe(() => setup());
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => setup(), { once: true });
  } else {
    setup();
  }
}
