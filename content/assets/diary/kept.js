/* Whether the browser has agreed to keep the diary when it clears site data (Safari clears a
 * site's storage after 7 days unused; others when space runs low), as a line the reader can
 * read. The browser is asked once the reader has entries: asking costs a prompt in some.
 */
import { el } from "../page.js";
import { t } from "../strings.js";

export function keptLine() {
  const line = el("p", { class: "diary__kept" });

  async function ask(hasEntries) {
    const storage = navigator.storage;
    if (!storage?.persisted) return t("diary.kept.unknown");
    let kept = await storage.persisted();
    if (!kept && hasEntries && storage.persist) kept = await storage.persist();
    return t(kept ? "diary.kept.yes" : "diary.kept.no");
  }

  return {
    line,
    /* Asks again (after a save, say) and shows the answer. */
    update(hasEntries) {
      ask(hasEntries).then(
        (text) => {
          line.textContent = text;
        },
        () => {
          line.textContent = t("diary.kept.unknown");
        },
      );
    },
  };
}
