// The typo search's cheap prefilter must never drop a document pg_trgm finds similar: checked on
// the real database against `%>` for generated words with typos and documents around them.
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db";
import { trigramPrefilter } from "./search";

const WORDS = [
  "pantry",
  "despensa",
  "comida",
  "clinic",
  "shelter",
  "albergue",
  "legal",
  "ropa",
  "food",
  "diapers",
  "panales",
  "mental",
  "health",
  "salud",
  "community",
  "comunitaria",
  "ab",
  "x",
];

/** A word with up to two typos: a letter changed, dropped, added or two swapped. */
const typo = fc
  .tuple(
    fc.constantFrom(...WORDS),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(..."aeinorstz"), fc.nat(3)), { maxLength: 2 }),
  )
  .map(([word, edits]) => {
    let w = [...word];
    for (const [at, letter, kind] of edits) {
      const i = at % (w.length + 1);
      if (kind === 0) w[Math.min(i, w.length - 1)] = letter;
      else if (kind === 1 && w.length > 1) w.splice(Math.min(i, w.length - 1), 1);
      else if (kind === 2) w.splice(i, 0, letter);
      else if (i + 1 < w.length)
        w = [...w.slice(0, i), w[i + 1] as string, w[i] as string, ...w.slice(i + 2)];
    }
    return w.join("");
  });
const doc = fc
  .array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 12 })
  .map((ws) => ws.join(" "));

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

it("keeps every document `%>` finds similar, and drops some that are not", async () => {
  const pairs = fc.sample(fc.tuple(typo, doc), { numRuns: 400, seed: 28 });
  let similar = 0;
  let dropped = 0;
  for (const [word, text] of pairs) {
    const cheap = trigramPrefilter(word) ?? sql`true`;
    const result = await database.db.execute(
      sql`select (s.mutuo_search_doc %> ${word}) as similar, (${cheap}) as kept
          from (select ${text}::text as mutuo_search_doc) s`,
    );
    const row = (result as unknown as { rows: { similar: boolean; kept: boolean }[] }).rows[0];
    if (row?.similar) {
      similar++;
      expect({ word, text, kept: row.kept }).toEqual({ word, text, kept: true });
    }
    if (!row?.kept) dropped++;
  }
  expect(similar).toBeGreaterThan(50);
  expect(dropped).toBeGreaterThan(50);
});

it("asks nothing of words too short to need an inner trigram", () => {
  expect(trigramPrefilter("x")).toBeNull();
  expect(trigramPrefilter("ab")).toBeNull();
  expect(trigramPrefilter("pantri")).not.toBeNull();
});
