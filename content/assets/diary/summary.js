/* The summary a doctor asks for: episodes per week over the last eight weeks (a chart with its
 * numbers as text), where and while doing what, the longest, how bad, and how many had a
 * medicine change, high stress or a warning sign.
 */
import { el, svg } from "../page.js";
import { t } from "../strings.js";
import { flagsOf } from "./list.js";
import { day, duration, placeName, when } from "./words.js";

const WEEKS = 8;

/* The Monday starting the week of an entry's `when`, at midnight local time. */
function weekStart(iso) {
  const date = new Date(`${iso.slice(0, 10)}T00:00`);
  date.setDate(date.getDate() - ((date.getDay() + 6) % 7));
  return date;
}

/* Bars for the eight weeks up to the last entry's; the numbers are also the chart's title. */
function chart(sorted) {
  const last = weekStart(sorted[sorted.length - 1].when);
  const weeks = [...Array(WEEKS).keys()].reverse().map((back) => {
    const start = new Date(last);
    start.setDate(start.getDate() - 7 * back);
    return { start, count: 0 };
  });
  for (const entry of sorted) {
    const week = weeks.find((w) => w.start.getTime() === weekStart(entry.when).getTime());
    if (week) week.count++;
  }
  const most = Math.max(1, ...weeks.map((w) => w.count));
  const counts = weeks.map((w) => t("diary.chart.week", { day: day(w.start), count: w.count })).join("; ");
  const graphic = svg(
    "svg",
    { viewBox: "0 0 400 150", class: "diary__chart", role: "img", "aria-labelledby": "diary-chart-title" },
    svg("title", { id: "diary-chart-title" }, t("diary.chart.title", { weeks: counts })),
    weeks.map((week, i) => {
      const height = (week.count / most) * 100;
      const x = i * 50;
      return [
        svg("rect", { x: x + 8, y: 120 - height, width: 34, height: Math.max(height, 1), class: "diary__bar" }),
        svg("text", { x: x + 25, y: 114 - height, "text-anchor": "middle" }, String(week.count)),
        svg("text", { x: x + 25, y: 140, "text-anchor": "middle", class: "diary__axis" }, day(week.start)),
      ];
    }),
  );
  return el("figure", { class: "diary__figure" }, graphic, el("figcaption", null, t("diary.chart.caption")));
}

/* The three most frequent of `values` with their counts: "Calf (2), Foot or toes (1)". */
function top(values) {
  const counts = new Map();
  for (const value of values) if (value) counts.set(value, (counts.get(value) || 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 3);
  return ranked.map(([value, count]) => t("diary.top", { value, count })).join(", ") || t("diary.none-recorded");
}

function longest(sorted, config) {
  const timed = sorted.filter((e) => e.duration_seconds !== "");
  const entry = timed.sort((a, b) => b.duration_seconds - a.duration_seconds)[0];
  if (!entry) return t("diary.fact.longest.none");
  return t("diary.fact.longest.value", {
    duration: duration(entry.duration_seconds),
    when: when(entry),
    place: placeName(entry, config),
  });
}

function severity(sorted) {
  const rated = sorted.filter((e) => e.severity !== "").map((e) => Number(e.severity));
  if (!rated.length) return t("diary.fact.severity.none");
  const average = (rated.reduce((a, b) => a + b, 0) / rated.length).toFixed(1);
  return t("diary.fact.severity.value", { average, worst: Math.max(...rated) });
}

/* The chart and the facts of `sorted` (oldest first, at least one entry). */
export function summaryOf(sorted, config) {
  const count = (holds) => String(sorted.filter(holds).length);
  const first = when(sorted[0]);
  const last = when(sorted[sorted.length - 1]);
  const facts = [
    [t("diary.fact.episodes"), t("diary.fact.episodes.value", { count: sorted.length, first, last })],
    [t("diary.fact.places"), top(sorted.map((e) => placeName(e, config)))],
    [t("diary.fact.activities"), top(sorted.map((e) => e.activity))],
    [t("diary.fact.longest"), longest(sorted, config)],
    [t("diary.fact.severity"), severity(sorted)],
    [t("diary.fact.medicine"), count((e) => e.medicine_changed === "yes")],
    [t("diary.fact.stress"), count((e) => e.stress === "high")],
    [t("diary.fact.warning"), count((e) => flagsOf(e, config).length)],
  ];
  return [
    chart(sorted),
    el(
      "dl",
      { class: "diary__facts" },
      facts.map(([k, v]) => [el("dt", null, k), el("dd", null, v)]),
    ),
  ];
}
