/* Material's palette toggle (partials/palette.html) shows one icon: a label for the radio
 * button of the other scheme, in front of a pair of hidden radio buttons. Material never
 * checks the radio of the scheme in use, so Tab reached the first radio whatever the scheme:
 * in dark mode that radio's label is hidden, so the focus showed nowhere, and its name
 * ("Switch to dark mode") was wrong. And Space did nothing; Material only knows Enter.
 *
 * Here the radio of the scheme in use is checked, so it is the one Tab reaches, its label
 * shows the focus and its name says what pressing does; and Space does what Enter does.
 * The header outlives instant navigation, so listeners on the document serve every page.
 */
import { onEveryPage } from "./page.js";

const OPTION = "[data-md-component=palette] .md-option";

function options() {
  return [...document.querySelectorAll(OPTION)];
}

/* The radio of the scheme in use: Material shows the label after it. */
function current(all) {
  return all.findIndex((option) => option.nextElementSibling && !option.nextElementSibling.hidden);
}

function check() {
  const all = options();
  const index = current(all);
  if (index >= 0) all[index].checked = true;
  return index >= 0 ? all[index] : null;
}

onEveryPage(check);

/* Had Material not shown its label yet when the page loaded, the focus still lands right. */
document.addEventListener("focusin", (event) => {
  if (!(event.target instanceof Element) || !event.target.matches(OPTION)) return;
  const shown = check();
  if (shown && shown !== event.target) shown.focus();
});

document.addEventListener("keydown", (event) => {
  if (event.key !== " " || !(event.target instanceof Element) || !event.target.matches(OPTION)) return;
  event.preventDefault();
  const all = options();
  const next = all[(current(all) + 1) % all.length];
  next.click();
  next.focus();
});
