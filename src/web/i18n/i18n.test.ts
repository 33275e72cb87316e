import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { catalogs, mergeCatalogs, screenCatalogs } from "./catalogs";
import { clientCatalogs } from "./clientCatalogs";

type CatalogName = keyof typeof catalogs;
const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Flattens nested translations to dotted keys; non-string leaves are kept to be reported. */
function flatten(value: unknown, prefix = "", into = new Map<string, unknown>()) {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) {
      flatten(child, prefix ? `${prefix}.${key}` : key, into);
    }
  } else {
    into.set(prefix, value);
  }
  return into;
}

// i18next plural forms (`items_one`, `items_other`) differ by language: compare their base key.
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const pluralBase = (key: string) => key.replace(PLURAL_SUFFIX, "_{plural}");

function placeholders(text: string): string[] {
  const names = [...text.matchAll(/\{\{\s*-?\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map(
    (m) => m[1] as string,
  );
  return [...new Set(names)].sort();
}

const flat = {
  en: flatten(catalogs.en),
  es: flatten(catalogs.es),
} satisfies Record<CatalogName, Map<string, unknown>>;

function baseKeys(language: CatalogName): Set<string> {
  return new Set([...flat[language].keys()].map(pluralBase));
}

/** Placeholders per (base) key: a plural family's forms share one set. */
function placeholdersByKey(language: CatalogName): Map<string, string[]> {
  const result = new Map<string, Set<string>>();
  for (const [key, value] of flat[language]) {
    if (typeof value !== "string") continue;
    const base = pluralBase(key);
    const names = result.get(base) ?? new Set<string>();
    for (const name of placeholders(value)) names.add(name);
    result.set(base, names);
  }
  return new Map([...result].map(([key, names]) => [key, [...names].sort()]));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "public" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Keys written literally in the web app: `t("a.b")`, `i18n.t("a.b")`, `i18nKey="a.b"`. */
function usedKeys(): Map<string, string[]> {
  const used = new Map<string, string[]>();
  const patterns = [
    /(?<![\w$])t\(\s*(["'`])([^"'`$\s]+)\1/g,
    /\bi18nKey=\{?\s*(["'`])([^"'`$\s]+)\1/g,
    // Messages carried to the next page: flash("groups.created").
    /(?<![\w$])flash\(\s*(["'`])([^"'`$\s]+)\1/g,
  ];
  for (const file of sourceFiles(webRoot)) {
    const text = readFileSync(file, "utf8");
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) {
        const key = match[2] as string;
        const files = used.get(key) ?? [];
        files.push(path.relative(webRoot, file));
        used.set(key, files);
      }
    }
  }
  return used;
}

describe("translations", () => {
  it("es.json has every key of en.json", () => {
    const missing = [...baseKeys("en")].filter((key) => !baseKeys("es").has(key));
    expect(missing, "keys in en.json missing from es.json").toEqual([]);
  });

  it("en.json has every key of es.json", () => {
    const missing = [...baseKeys("es")].filter((key) => !baseKeys("en").has(key));
    expect(missing, "keys in es.json missing from en.json").toEqual([]);
  });

  it("every value is a non-empty string", () => {
    for (const language of Object.keys(catalogs) as CatalogName[]) {
      const bad = [...flat[language]]
        .filter(([, value]) => typeof value !== "string" || value.trim() === "")
        .map(([key]) => key);
      expect(bad, `empty or non-text values in ${language}.json`).toEqual([]);
    }
  });

  it("each key has the same {{placeholders}} in every language", () => {
    const english = placeholdersByKey("en");
    const spanish = placeholdersByKey("es");
    const differing = [...english]
      .filter(([key, names]) => spanish.has(key) && spanish.get(key)?.join() !== names.join())
      .map(
        ([key, names]) => `${key}: en {${names.join(", ")}} es {${spanish.get(key)?.join(", ")}}`,
      );
    expect(differing, "keys whose placeholders differ between en.json and es.json").toEqual([]);
  });

  it("every key used in src/web exists in the browser's English catalog", () => {
    const used = usedKeys();
    // Guards the scan itself: the layout and home page alone use dozens of keys.
    expect(used.size).toBeGreaterThan(20);
    // The browser has only its own catalogs (server-only ones stay out of the bundle), plus the
    // texts lazily loaded pages register for themselves.
    const known = flatten(mergeCatalogs([clientCatalogs.en, screenCatalogs.en]));
    // A plural family (`items_one`, `items_other`) is used as `t("items", { count })`.
    const isKnown = (key: string) =>
      typeof known.get(key) === "string" || typeof known.get(`${key}_other`) === "string";
    const missing = [...used]
      .filter(([key]) => !isKnown(key))
      .map(([key, files]) => `${key} (${[...new Set(files)].join(", ")})`);
    expect(missing, "translation keys used in src/web but missing from en.json").toEqual([]);
  });

  it("every action the server writes to the audit log has a name in both languages", () => {
    const modules = path.resolve(webRoot, "..", "modules");
    const actions = new Set<string>();
    for (const file of sourceFiles(modules)) {
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(/recordAudit\([\s\S]{0,400}?action:\s*"([a-z_.]+)"/g)) {
        actions.add(match[1] as string);
      }
    }
    // Guards the scan itself.
    expect(actions.size).toBeGreaterThan(10);
    for (const language of ["en", "es"] as const) {
      const unnamed = [...actions].filter(
        (action) => typeof flat[language].get(`audit.actions.${action}`) !== "string",
      );
      expect(unnamed, `audit actions without a name in ${language}`).toEqual([]);
    }
  });
});
