/* The entries, newest first: when and where, what else was recorded, the note, the care card
 * of any warning sign, and buttons to edit or delete each (named for their entry, as a screen
 * reader lists them out of context).
 *
 * An episode's warning signs: diary.json (sitegen/diary.py) says which answers match which of
 * the checker's red flags, and each flag's level and words, so the diary warns from the same
 * data as the checker, on the same care card (assets/care-card.js).
 */
import { careCard } from "../care-card.js";
import { el } from "../page.js";
import { t } from "../strings.js";
import { duration, placeName, stressName, when } from "./words.js";

/* The ids of the red flags `entry` matches, each once, those diary.json describes. */
export function flagsOf(entry, config) {
  const place = config.places.find((p) => p.id === entry.place);
  const ids = [...(place ? place.red_flags : [])];
  for (const id of entry.signs ? entry.signs.split(";") : []) {
    const sign = config.signs.find((s) => s.id === id);
    if (sign) ids.push(...sign.red_flags);
  }
  if (entry.medicine_changed === "yes") ids.push(...config.medicine.red_flags);
  for (const rule of config.durations) {
    if (entry.duration_seconds !== "" && Number(entry.duration_seconds) > rule.over_minutes * 60) {
      ids.push(...rule.red_flags);
    }
  }
  return [...new Set(ids)].filter((id) => config.red_flags[id]);
}

/* A care card per level the flags reach, most urgent first (diary.json `levels` is in that
   order), each listing its flags, linked to where they are explained, and the way to the
   checker. `heading`: the cards' heading element, one below the heading they sit under. */
export function flagCards(ids, config, siteRoot, heading) {
  const link = (url, text) => el("a", { href: new URL(url, siteRoot).href }, text);
  return Object.entries(config.levels).flatMap(([level, words]) => {
    const found = ids.filter((id) => config.red_flags[id].level === level);
    if (!found.length) return [];
    const flags = found.map((id) => el("li", null, link(config.red_flags[id].url, config.red_flags[id].text)));
    return careCard(
      { level, label: words.label, heading, title: words.meaning },
      el("ul", null, flags),
      el("p", null, link(config.checker, t("diary.check"))),
    );
  });
}

function details(entry, config) {
  const medicine = entry.medicine
    ? t("diary.entry.which-medicine", { medicine: entry.medicine })
    : t("diary.entry.medicine");
  const signs = entry.signs ? entry.signs.split(";") : [];
  return [
    entry.duration_seconds !== "" && t("diary.entry.lasted", { duration: duration(entry.duration_seconds) }),
    entry.severity !== "" && t("diary.entry.severity", { severity: entry.severity }),
    entry.activity && t("diary.entry.activity", { activity: entry.activity }),
    entry.stress && t("diary.entry.stress", { level: stressName(entry.stress).toLowerCase() }),
    entry.medicine_changed === "yes" && medicine,
    ...signs.map((id) => config.signs.find((s) => s.id === id)?.label || id),
  ].filter(Boolean);
}

/* `sorted` (oldest first) as a list; `edit(entry)` and `remove(entry, label)` do what the
   entry's buttons say. */
export function entryList(sorted, config, siteRoot, { edit, remove }) {
  const items = [...sorted].reverse().map((entry) => {
    const label = `${when(entry)}, ${placeName(entry, config)}`;
    const said = details(entry, config);
    const button = (text, name, click) =>
      el("button", { type: "button", class: "diary__button", "aria-label": name, click }, text);
    return el(
      "li",
      { class: "diary__entry" },
      el("h3", null, label),
      said.length ? el("p", { class: "diary__details" }, said.join(" · ")) : null,
      entry.note ? el("p", { class: "diary__note" }, entry.note) : null,
      flagCards(flagsOf(entry, config), config, siteRoot, "h4"),
      el(
        "div",
        { class: "diary__actions diary__entry-actions" },
        button(t("diary.edit"), t("diary.edit.label", { label }), () => edit(entry)),
        button(t("diary.delete"), t("diary.delete.label", { label }), () => remove(entry, label)),
      ),
    );
  });
  return el("ol", { class: "diary__list", reversed: true }, items);
}
