// Texts of screens outside the first-load bundle: a lazily loaded page imports its area's
// `screens.en.json` / `screens.es.json` and registers them here when its chunk is evaluated,
// before it renders. Only the first-load texts are in clientCatalogs.ts.

import { i18n } from "./index";
import type { Catalog } from "./merge";

export function addScreenTexts(texts: { en: Catalog; es: Catalog }): void {
  for (const [language, tree] of Object.entries(texts)) {
    // deep merge, never overwrite: a key defined twice is caught by catalogs.ts in the tests
    i18n.addResourceBundle(language, "translation", tree, true, false);
  }
}
