/* A graded care card, built by the checker (its outcome) and the diary (an episode's warning
 * signs) as sitegen/templates/_care_card.md writes it on the static pages, so a reader sees
 * one kind of card everywhere: the urgency as a visible label, the same label as a visually
 * hidden start of the heading (screen readers skip the label, which is only a look), then what
 * the card says. tests/test_page_scripts.py compares this card with the template's.
 */
import { el } from "./page.js";

/* `level`: emergency, urgent, doctor or self-care; `label`: its words; `heading`: the heading's
   element (`h2` to `h4`) and attributes; `title`: the heading's text after the hidden label;
   `className`: more classes for the section; `content`: the rest of the card. */
export function careCard({ level, label, heading = "h2", headingAttrs = null, title, className = "" }, ...content) {
  return el(
    "section",
    { class: `care-card care-card--${level} ${className}`.trim() },
    el("p", { class: "care-card__label", "aria-hidden": "true" }, label),
    el(heading, headingAttrs, el("span", { class: "visually-hidden" }, `${label}: `), title),
    ...content,
  );
}
