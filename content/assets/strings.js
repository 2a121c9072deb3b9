/* Every string the page scripts show or announce to readers, in the edition's language.
 *
 * The table is the `scripts` section of sitegen/strings/<lang>.yaml: each edition's copy of
 * this file gets its language's in place of the empty one below, at export
 * (sitegen/script_strings.py), and the build refuses a key a script names that it lacks.
 * `t(key, vars)` fills each `{name}` with `vars.name`. A value filled in is never read for
 * placeholders again, so data stays text.
 */
const STRINGS = {};

/* The reader-facing string `key`, each `{name}` filled from `vars`. */
export function t(key, vars = {}) {
  const text = STRINGS[key];
  if (text === undefined) throw new Error(`assets/strings.js: no string "${key}"`);
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}
