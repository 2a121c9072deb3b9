/* The form that records an episode, or edits one: every field labelled, the place's list and
 * the signs from diary.json. It reads what was typed as an entry (entries.js `clean`) and hands
 * it to `onSubmit(entry)`; saving it is the caller's.
 */
import { el } from "../page.js";
import { t } from "../strings.js";
import { clean, STRESS_LEVELS } from "./entries.js";
import { stressName, when } from "./words.js";

function field(label, input, hint) {
  const hintNode = hint ? el("p", { class: "diary__hint", id: `${input.id}-hint` }, hint) : null;
  if (hintNode) input.setAttribute("aria-describedby", hintNode.id);
  return el("div", { class: "diary__field" }, el("label", { for: input.id }, label), hintNode, input);
}

/* Radio buttons (or check boxes) under a legend; `options`: [value, label] pairs. */
function choices(legend, name, options, type = "radio") {
  return el(
    "fieldset",
    { class: `diary__choices diary__choices--${name}` },
    el("legend", null, legend),
    options.map(([value, label]) => {
      const id = `diary-${name}-${value}`;
      return el(
        "span",
        { class: "diary__choice" },
        el("input", { type, name, value, id }),
        el("label", { for: id }, label),
      );
    }),
  );
}

function input(name, attrs) {
  return el("input", { name, id: `diary-${name}`, ...attrs });
}

/* An id no other entry has, on any device: the CSV of two phones may be merged. */
function newId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/* Now, in local time, as a date field's and a time field's values. */
function localNow() {
  const local = new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString();
  return [local.slice(0, 10), local.slice(11, 16)];
}

export function diaryForm(config, onSubmit) {
  const inputs = {
    date: input("date", { type: "date", required: true }),
    time: input("time", { type: "time", required: true }),
    place: el(
      "select",
      { name: "place", id: "diary-place", required: true },
      el("option", { value: "" }, t("diary.choose-place")),
      config.places.map((p) => el("option", { value: p.id }, p.label)),
      el("option", { value: "other" }, t("diary.other")),
    ),
    other_place: input("other_place", { type: "text", autocomplete: "off" }),
    minutes: input("minutes", { type: "number", min: "0", step: "1", inputmode: "numeric" }),
    seconds: input("seconds", { type: "number", min: "0", max: "59", step: "1", inputmode: "numeric" }),
    activity: input("activity", { type: "text", list: "diary-activities", autocomplete: "off" }),
    medicine_changed: input("medicine_changed", { type: "checkbox", value: "yes" }),
    medicine: input("medicine", { type: "text", autocomplete: "off" }),
    note: el("textarea", { name: "note", id: "diary-note", rows: "3" }),
  };
  const otherField = field(t("diary.other-place"), inputs.other_place);
  const save = el("button", { type: "submit", class: "diary__button diary__button--primary" }, t("diary.save"));
  const cancel = el(
    "button",
    { type: "button", class: "diary__button", hidden: true, click: () => reset(true) },
    t("diary.cancel"),
  );
  const heading = el("h2", { id: "diary-form-heading", tabindex: "-1" }, t("diary.record"));
  const form = el(
    "form",
    { class: "diary__form", "aria-labelledby": heading.id },
    el("div", { class: "diary__row" }, field(t("diary.date"), inputs.date), field(t("diary.time"), inputs.time)),
    field(t("diary.place"), inputs.place),
    otherField,
    el(
      "fieldset",
      { class: "diary__duration" },
      el("legend", null, t("diary.duration")),
      el(
        "div",
        { class: "diary__row" },
        field(t("diary.duration.minutes"), inputs.minutes),
        field(t("diary.duration.seconds"), inputs.seconds),
      ),
    ),
    choices(
      t("diary.severity"),
      "severity",
      [...Array(11).keys()].map((n) => [String(n), String(n)]),
    ),
    field(t("diary.activity"), inputs.activity, t("diary.activity.hint")),
    el(
      "datalist",
      { id: "diary-activities" },
      config.activities.map((a) => el("option", { value: a })),
    ),
    el(
      "div",
      { class: "diary__check" },
      inputs.medicine_changed,
      el("label", { for: inputs.medicine_changed.id }, t("diary.medicine-changed")),
    ),
    field(t("diary.medicine"), inputs.medicine),
    choices(
      t("diary.stress"),
      "stress",
      STRESS_LEVELS.map((level) => [level, stressName(level)]),
    ),
    config.signs.length
      ? choices(
          t("diary.signs"),
          "signs",
          config.signs.map((s) => [s.id, s.label]),
          "checkbox",
        )
      : null,
    field(t("diary.note"), inputs.note),
    el("div", { class: "diary__actions" }, save, cancel),
  );
  let editing = null; // the id of the entry being edited, if any

  const showOther = () => {
    otherField.hidden = inputs.place.value !== "other";
  };
  inputs.place.addEventListener("change", showOther);

  /* Back to recording a new entry, what was typed kept (an entry edited in another tab
     was deleted there: what the reader typed is saved as a new one). */
  function recordNew() {
    editing = null;
    save.textContent = t("diary.save");
    cancel.hidden = true;
    heading.textContent = t("diary.record");
  }

  /* Empty, for a new entry now; `focus`: move the reader to the form's heading. */
  function reset(focus) {
    form.reset();
    recordNew();
    [inputs.date.value, inputs.time.value] = localNow();
    showOther();
    if (focus) heading.focus();
  }

  /* Filled with `entry`, to edit it. */
  function fill(entry) {
    reset();
    editing = entry.id;
    const known = config.places.some((p) => p.id === entry.place);
    [inputs.date.value, inputs.time.value] = entry.when.split("T");
    inputs.place.value = known ? entry.place : "other";
    inputs.other_place.value = known ? entry.other_place : entry.other_place || entry.place;
    const s = entry.duration_seconds;
    inputs.minutes.value = s && Math.floor(s / 60);
    inputs.seconds.value = s && s % 60;
    for (const name of ["activity", "medicine", "note"]) inputs[name].value = entry[name];
    inputs.medicine_changed.checked = entry.medicine_changed === "yes";
    for (const box of form.querySelectorAll("input[type=radio], input[type=checkbox][name=signs]")) {
      box.checked = box.name === "signs" ? entry.signs.split(";").includes(box.value) : entry[box.name] === box.value;
    }
    showOther();
    save.textContent = t("diary.save-changes");
    cancel.hidden = false;
    heading.textContent = t("diary.edit-heading", { when: when(entry) });
    heading.focus();
  }

  function read() {
    const data = new FormData(form);
    const [minutes, seconds] = [inputs.minutes.value, inputs.seconds.value];
    const other = inputs.place.value === "other";
    return clean({
      id: editing || newId(),
      when: `${inputs.date.value}T${inputs.time.value.slice(0, 5)}`,
      place: inputs.place.value,
      other_place: other ? inputs.other_place.value.trim() : "",
      duration_seconds: minutes + seconds === "" ? "" : String(Math.round(minutes * 60 + Number(seconds))),
      severity: data.get("severity") || "",
      activity: inputs.activity.value.trim(),
      medicine_changed: inputs.medicine_changed.checked ? "yes" : "no",
      medicine: inputs.medicine.value.trim(),
      stress: data.get("stress") || "",
      signs: data.getAll("signs").join(";"),
      note: inputs.note.value,
    });
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const unnamed = inputs.place.value === "other" && !inputs.other_place.value.trim();
    inputs.other_place.setCustomValidity(unnamed ? t("diary.say-place") : "");
    if (form.reportValidity()) onSubmit(read());
  });

  reset();
  return {
    heading,
    form,
    reset,
    fill,
    recordNew,
    editing: () => editing,
  };
}
