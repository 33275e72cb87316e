import { afterEach, describe, expect, it } from "vitest";
import type { ImportHistoryItem } from "../../../modules/directory/import-contract";
import { i18n } from "../../i18n";
import enTexts from "../../i18n/directory-import/screens.en.json";
import esTexts from "../../i18n/directory-import/screens.es.json";
import { addScreenTexts } from "../../i18n/screenTexts";
import { importOutcomeText, needsFinishing } from "./importHistoryText";

addScreenTexts({ en: enTexts, es: esTexts });
const t = i18n.t.bind(i18n);

afterEach(async () => {
  await i18n.changeLanguage("en");
});

const item = (over: Partial<ImportHistoryItem>): ImportHistoryItem => ({
  id: "0190a000-0000-7000-8000-000000000001",
  source: "pantries.ndjson",
  format: "hsds-ndjson",
  outcome: "applied",
  startedAt: "2026-11-27T08:00:00.000Z",
  finishedAt: "2026-11-27T08:01:00.000Z",
  updatedAt: "2026-11-27T08:01:00.000Z",
  startedBy: "Ana",
  created: 0,
  updated: 0,
  rejected: 0,
  recordsDone: 0,
  recordsTotal: 12500,
  completedBy: null,
  ...over,
});

describe("what became of an import, in words", () => {
  it("says how far a stopped import got, and that importing the file again finishes it", async () => {
    const stopped = item({ outcome: "interrupted", recordsDone: 2500, finishedAt: null });
    expect(importOutcomeText(stopped, t, "en")).toBe(
      "Stopped after 2,500 of 12,500 records: those are written",
    );
    expect(needsFinishing(stopped)).toBe(true);
    await i18n.changeLanguage("es");
    expect(importOutcomeText(stopped, t, "es")).toBe(
      "Detenida después de 2500 de 12.500 registros: esos están escritos",
    );
    const finished = { ...stopped, completedBy: { id: "x", finishedAt: null } };
    expect(needsFinishing(finished)).toBe(false);
  });

  it("tells apart what wrote nothing, what an error stopped, a refusal and a running import", () => {
    const nothing = item({ outcome: "interrupted" });
    expect(importOutcomeText(nothing, t, "en")).toBe("Stopped: nothing was written");
    expect(needsFinishing(nothing)).toBe(true);
    const failed = item({ outcome: "failed" });
    expect(importOutcomeText(failed, t, "en")).toBe("Failed: nothing was written");
    expect(needsFinishing(failed)).toBe(false);
    const partial = item({ outcome: "failed", recordsDone: 250 });
    expect(importOutcomeText(partial, t, "en")).toBe(
      "Stopped by an error after 250 of 12,500 records: those are written",
    );
    expect(needsFinishing(partial)).toBe(true);
    expect(importOutcomeText(item({ outcome: "refused", rejected: 1 }), t, "en")).toBe(
      "Refused: nothing was written (1 record with problems)",
    );
    expect(importOutcomeText(item({ outcome: "refused", rejected: 3 }), t, "en")).toBe(
      "Refused: nothing was written (3 records with problems)",
    );
    expect(importOutcomeText(item({ outcome: "running", recordsDone: 750 }), t, "en")).toBe(
      "In progress: 750 of 12,500 records written",
    );
    expect(importOutcomeText(item({}), t, "en")).toBe("Imported");
    expect(needsFinishing(item({}))).toBe(false);
  });
});
