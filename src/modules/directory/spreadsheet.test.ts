// A list of pantries from any spreadsheet: the example file and mapping in docs/examples, messy
// hours, EN/ES headers, and every kind of bad input refused with nothing written.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db";
import { applyHsds } from "./hsds/store";
import { type SheetMapping, sheetMapping } from "./import-contract";
import { hsdsAttribute, hsdsLocation, hsdsSchedule, hsdsService } from "./schema";
import { readSpreadsheet } from "./spreadsheet";
import { guessTargets, yesNo } from "./spreadsheet-columns";
import { TERM_BY_CODE } from "./taxonomy";

const EXAMPLES = path.resolve(__dirname, "../../../docs/examples");
const exampleCsv = readFileSync(path.join(EXAMPLES, "pantries.csv"));
const exampleMapping = sheetMapping.parse(
  JSON.parse(readFileSync(path.join(EXAMPLES, "pantries-mapping.json"), "utf8")),
);

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const csv = (text: string) => Buffer.from(text, "utf8");
const BASIC: SheetMapping = {
  columns: {
    Name: "organization_name",
    Address: "address_1",
    Lat: "latitude",
    Lng: "longitude",
    Hours: "hours",
  },
  defaults: { city: "Springfield", state_province: "IL", postal_code: "11111", country: "US" },
};

/** The mapping BASIC restricted to the columns the file has (or the mapping given). */
function read(bytes: Buffer, mapping?: SheetMapping) {
  const header = bytes.toString("utf8").split("\n")[0]?.split(",") ?? [];
  const columns = Object.fromEntries(
    Object.entries(BASIC.columns).filter(([c]) => header.includes(c)),
  );
  const result = readSpreadsheet(bytes, "pantries.csv", mapping ?? { ...BASIC, columns });
  if (!result.ok) throw new Error(`unexpected failure ${result.code}`);
  return result;
}

async function countServices(): Promise<number> {
  return (await database.db.select({ id: hsdsService.id }).from(hsdsService)).length;
}

describe("the example spreadsheet", () => {
  it("becomes organizations, services, places, hours, languages and Mutuo terms", () => {
    const { records, problems } = read(exampleCsv, exampleMapping);
    expect(problems).toEqual([]);
    expect(records.organization?.map((o) => o.name)).toEqual([
      "Maple Street Community Pantry",
      "Iglesia del Valle — Despensa",
      "Riverside Free Clinic",
    ]);
    expect(records.service).toHaveLength(4);
    const byday = (records.schedule ?? []).map(
      (s) => `${s.freq} ${s.byday} ${s.opens_at}-${s.closes_at}`,
    );
    expect(byday).toEqual([
      "WEEKLY SA 09:00-12:00",
      "WEEKLY MO,TU,WE,TH,FR 11:30-13:00",
      "MONTHLY 2FR,4FR 16:00-18:00",
      "WEEKLY MO,TU,WE,TH,FR 09:00-17:00",
    ]);
    const codes = (records.language ?? []).map((l) => l.code);
    expect(codes).toEqual(["en", "es", "en", "en", "es", "en", "vi"]);
    const term = (id: unknown) => [...TERM_BY_CODE.values()].find((t) => t.id === id)?.code;
    const terms = (records.attribute ?? []).map((a) => term(a.taxonomy_term_id));
    // Pantry (food, no ID, walk-in), lunch (meals via the mapping's choice), church (food only:
    // ID required, no walk-ins), clinic (health).
    expect(terms).toEqual([
      "food_pantry",
      "no_id",
      "walk_in",
      "meals",
      "no_id",
      "walk_in",
      "food_pantry",
      "health",
      "no_id",
      "walk_in",
    ]);
    expect(records.address?.[0]).toMatchObject({
      city: "Springfield",
      state_province: "IL",
      country: "US",
      postal_code: "11111",
    });
    expect(records.location?.[3]).toMatchObject({ latitude: null, longitude: null });
  });

  it("imports, and importing again updates the same records", async () => {
    const first = read(exampleCsv, exampleMapping);
    const created = await applyHsds(database.db, first.records, {
      source: "pantries.csv",
      format: "csv",
      defaultTimeZone: "America/Chicago",
      problems: first.problems,
    });
    expect(created.rejected).toEqual([]);
    expect(created.created.service).toBe(4);
    expect(created.created.organization).toBe(3);
    const again = await applyHsds(database.db, read(exampleCsv, exampleMapping).records, {
      source: "pantries.csv",
      format: "csv",
      defaultTimeZone: "America/Chicago",
    });
    expect(again.created).toEqual({});
    expect(await countServices()).toBe(4);
    const placed = await database.db.select().from(hsdsLocation);
    expect(placed.filter((l) => l.mutuo_placed)).toHaveLength(3);
    expect((await database.db.select().from(hsdsSchedule)).length).toBe(4);
    expect((await database.db.select().from(hsdsAttribute)).length).toBe(10);
  });
});

describe("cells", () => {
  it("reads messy hours, or says which it cannot read", () => {
    const sheet = csv(
      "Name,Address,Hours\nA,1 A St,9am-5pm\nB,2 B St,Mon-Fri 9-17\nC,3 C St,2nd and 4th Friday 4:00 PM - 6:00 PM\nD,4 D St,whenever we can\n",
    );
    const { records, problems } = read(sheet);
    expect(records.service?.map((s) => s.name)).toEqual(["A", "B", "C"]);
    expect(records.schedule?.[0]).toMatchObject({
      byday: "MO,TU,WE,TH,FR,SA,SU",
      opens_at: "09:00",
      closes_at: "17:00",
    });
    expect(problems).toMatchObject([
      {
        severity: "error",
        code: "csv_hours_unreadable",
        params: { row: 5, value: "whenever we can" },
        pointer: "/pantries.csv/4/Hours",
      },
    ]);
  });

  it("understands yes and no in English and Spanish", () => {
    expect([yesNo("Yes"), yesNo("sí"), yesNo("NO"), yesNo(""), yesNo("maybe")]).toEqual([
      true,
      true,
      false,
      null,
      "unclear",
    ]);
  });

  it("guesses targets from English and Spanish headers", () => {
    expect(
      guessTargets([
        "Nombre de la organización",
        "Dirección",
        "Ciudad",
        "Código postal",
        "Teléfono",
        "Horario",
        "Idiomas",
        "¿Piden identificación?",
        "Latitud",
        "Longitud",
        "Notas",
      ]),
    ).toEqual([
      "organization_name",
      "address_1",
      "city",
      "postal_code",
      "phone",
      "hours",
      "languages",
      "id_required",
      "latitude",
      "longitude",
      "notes",
    ]);
    expect(
      guessTargets(["Pantry name", "Street address", "Zip", "Hours", "ID required?", "Category"]),
    ).toEqual([
      "organization_name",
      "address_1",
      "postal_code",
      "hours",
      "id_required",
      "category",
    ]);
  });

  it("asks about a category no rule knows instead of guessing", () => {
    const mapping: SheetMapping = {
      ...BASIC,
      columns: { Name: "organization_name", Address: "address_1", Kind: "category" },
    };
    const { records, problems, unknownCategories } = read(
      csv("Name,Address,Kind\nA,1 A St,Bodega solidaria\n"),
      mapping,
    );
    expect(records.service).toEqual([]);
    expect(unknownCategories).toEqual(["bodega solidaria"]);
    expect(problems[0]?.code).toBe("csv_unknown_category");
    const chosen = read(csv("Name,Address,Kind\nA,1 A St,Bodega solidaria\n"), {
      ...mapping,
      categories: { "bodega solidaria": "food_pantry" },
    });
    expect(chosen.problems).toEqual([]);
  });
});

describe("bad input: a clear problem and nothing written", () => {
  it("a latitude of 100 rejects the row and, all or nothing, the import", async () => {
    const before = await countServices();
    const sheet = read(csv("Name,Address,Lat,Lng\nGood,1 A St,40.1,-74.2\nBad,2 B St,100,-74.2\n"));
    expect(sheet.problems).toMatchObject([
      { severity: "error", code: "csv_bad_latitude", params: { row: 3, value: "100" } },
    ]);
    const summary = await applyHsds(database.db, sheet.records, {
      source: "x.csv",
      format: "csv",
      defaultTimeZone: "UTC",
      problems: sheet.problems,
    });
    expect(summary.rejected.map((p) => p.code)).toContain("csv_bad_latitude");
    expect(await countServices()).toBe(before);
  });

  it("a mapped column the file lacks", () => {
    const result = readSpreadsheet(csv("Name,Street\nA,1 A St\n"), "x.csv", BASIC);
    expect(result).toMatchObject({
      ok: false,
      code: "csv_missing_column",
      params: { column: "Address" },
    });
  });

  it("a Latin-1 file, binary garbage, an empty file, a header without rows, a broken quote", () => {
    const latin1 = Buffer.from("Name,Address\nCaf\xe9 Solidario,1 Calle Mayor\n", "latin1");
    const fail = (bytes: Buffer) => {
      const result = readSpreadsheet(bytes, "x.csv", BASIC);
      return result.ok ? "ok" : result.code;
    };
    expect(fail(latin1)).toBe("not_utf8");
    const garbage = randomBytes(64 * 1024);
    expect(["not_utf8", "not_text"]).toContain(fail(garbage));
    expect(fail(Buffer.alloc(0))).toBe("csv_empty");
    expect(fail(csv("Name,Address,Lat,Lng,Hours\n"))).toBe("csv_empty");
    expect(fail(csv('Name,Address\n"A,1 A St\n'))).toBe("csv_malformed");
  });

  it("a row without a name or a place", () => {
    const { problems } = read(csv("Name,Address,Lat,Lng\n,1 A St,,\nB,,,\n"));
    expect(problems.map((p) => [p.code, p.params?.row])).toEqual([
      ["csv_missing_name", 2],
      ["csv_missing_address", 3],
    ]);
  });
});
