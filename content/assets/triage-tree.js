/* The checker's route through tree.json (sitegen/triage.py compiles and proves the tree): pure
 * functions, no page, so tests/js/ runs them on their own; assets/triage.js shows the result.
 *
 * A route is the index of each answer chosen, kept in the URL hash as `#a=0.2.1`, so it can be
 * shared and survives a reload.
 */

/* Whether `tree` is a tree this script can run (tree.json's `version` changes with its shape). */
export function isTree(tree) {
  return Boolean(tree) && tree.version === 1 && Boolean(tree.nodes?.[tree.start]);
}

/* The answer indexes in `hash`, or null when the hash is not a route (e.g. a heading's link). */
export function routeOf(hash) {
  const match = /^#?(?:a=([\d.]*))?$/.exec(hash);
  if (!match) return null;
  return match[1] ? match[1].split(".").filter(Boolean).map(Number) : [];
}

/* The hash of a route: empty for the start. */
export function hashOf(indexes) {
  return indexes.length ? `a=${indexes.join(".")}` : "";
}

/* Follow the answers from the start, stopping at the first index the tree does not have: a
   shared link to an older tree still opens on a question. Returns the questions asked with the
   answers chosen, and the node reached (a question or an outcome). */
export function walk(tree, indexes) {
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

/* A level's words (`label`, `meaning`), the level's id when the tree has none for it. */
export function levelText(tree, level) {
  return tree.level_text?.[level] || { label: level, meaning: "" };
}

/* The red flags an outcome tells the reader to watch for, those the tree knows. */
export function watchedFlags(tree, node) {
  return (node.watch_for || []).filter((id) => tree.red_flags[id]);
}
