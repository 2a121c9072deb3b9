/* An entry's values in the reader's words: dates in the page's language, a duration, a place's
 * and a stress level's names. The words themselves are in assets/strings.js.
 */
import { t } from "../strings.js";

const lang = document.documentElement.lang || undefined;

/* "2 min 30 s", or a word for no time at all. */
export function duration(seconds) {
  const s = Number(seconds);
  const parts = [
    [Math.floor(s / 3600), "diary.hours"],
    [Math.floor(s / 60) % 60, "diary.minutes"],
    [s % 60, "diary.seconds"],
  ];
  const said = parts.filter(([n]) => n).map(([n, key]) => t(key, { n }));
  return said.join(" ") || t("diary.no-time");
}

/* When the episode was: date and time. */
export function when(entry) {
  return new Date(entry.when).toLocaleString(lang, { dateStyle: "medium", timeStyle: "short" });
}

/* A day, short: the chart's weeks. */
export function day(date) {
  return date.toLocaleDateString(lang, { day: "numeric", month: "short" });
}

/* The stress levels (entries.js STRESS_LEVELS) by name. */
export function stressName(level) {
  return { low: t("diary.stress.low"), medium: t("diary.stress.medium"), high: t("diary.stress.high") }[level];
}

/* Where the cramp was: the place's name from diary.json, or what the reader typed for another. */
export function placeName(entry, config) {
  if (entry.place === "other") return entry.other_place || t("diary.other");
  const place = config.places.find((p) => p.id === entry.place);
  return place ? place.label : entry.place;
}
