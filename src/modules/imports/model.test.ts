// The pure rules of imports: reading real exports (BOM, semicolons, quoted newlines, bad
// encodings), guessing columns from English and Spanish headers, and reading cell values.
import { describe, expect, it } from "vitest";
import {
  categoryOf,
  checkMapping,
  dateOf,
  guessDateOrder,
  guessMapping,
  languagesOf,
  looksSpanish,
  readCsv,
  readNeedRow,
  readVolunteerRow,
  sameRequest,
  type Target,
  urgencyOf,
} from "./model";

const utf8 = (text: string) => new TextEncoder().encode(text);

/** A Spanish Google Forms export: BOM, "Marca temporal", day-first dates, a quoted newline. */
const GOOGLE_ES = `\uFEFFMarca temporal,¿Qué necesitas?,Tipo de ayuda,Urgencia,¿Cuántas personas viven en tu hogar?,Idioma,Dirección o código postal,Nombre,Teléfono,Dirección de correo electrónico,Algo más que debamos saber (privado)
25/3/2024 14:05:09,"Comida para mi familia
y pañales talla 3",Despensa / Comida,Urgente,4,Español,"Calle Peñón 12, 94063",Rosa Q.,+1 650 555 0199,rosa@example.org,Mi hijo es diabético
3/4/2024 9:12:44,"=HYPERLINK(""http://x"")",Otro,Sin prisa,2,"Español, Inglés",94063,Luis,650-555-0100,,
`;

/** An Airtable export: semicolon-separated (a Spanish-locale Excel re-save), ISO dates. */
const AIRTABLE = `Name;Email;Phone number;What do you need?;Category;Urgency;Household size;Language;Zip;Latitude;Longitude;Created
Ana Ruiz;ana@example.org;;Ride to the clinic on Tuesday;Ride / Transporte;high;1;English;94061;37,4852;-122,2364;2024-03-05T14:14:07.000Z
Bo;bo@example.org;;Groceries please;Groceries / Comida;urgent;2;en;94061;100;-122.2;2024-03-06T10:00:00.000Z
`;

describe("reading the file", () => {
  it("reads a Google Forms export with a BOM and a quoted newline", () => {
    const table = readCsv(utf8(GOOGLE_ES));
    if (!table.ok) throw new Error(table.code);
    expect(table.delimiter).toBe(",");
    expect(table.header[0]).toBe("Marca temporal");
    expect(table.rows).toHaveLength(2);
    expect(table.rows[0]?.row).toBe(2);
    expect(table.rows[0]?.cells[1]).toBe("Comida para mi familia\ny pañales talla 3");
    expect(table.rows[1]?.row).toBe(3);
  });

  it("reads semicolons, and a BOM-less file", () => {
    const table = readCsv(utf8(AIRTABLE));
    if (!table.ok) throw new Error(table.code);
    expect(table.delimiter).toBe(";");
    expect(table.header).toHaveLength(12);
    expect(table.rows[0]?.cells[9]).toBe("37,4852");
  });

  it("keeps formula-looking cells as plain text", () => {
    const table = readCsv(utf8(GOOGLE_ES));
    if (!table.ok) throw new Error(table.code);
    expect(table.rows[1]?.cells[1]).toBe('=HYPERLINK("http://x")');
  });

  it("refuses other encodings, binary garbage, empty files and broken quotes by name", () => {
    // Latin-1 "Teléfono": é is 0xE9, not valid UTF-8 on its own.
    expect(readCsv(new Uint8Array([0x54, 0x65, 0x6c, 0xe9, 0x66, 0x0a, 0x31]))).toMatchObject({
      ok: false,
      code: "import_not_utf8",
    });
    // UTF-16LE with its BOM, as Excel's "Unicode text" writes it.
    const utf16 = new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x2c, 0x00, 0x42, 0x00]);
    expect(readCsv(utf16)).toMatchObject({ ok: false });
    // A zip file's header (an .xlsx) is valid ASCII up to its NULs.
    expect(readCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]))).toMatchObject(
      { ok: false, code: "import_not_text" },
    );
    expect(readCsv(utf8("   \n"))).toMatchObject({ ok: false, code: "import_empty" });
    expect(readCsv(utf8("a,b\n"))).toMatchObject({ ok: false, code: "import_empty" });
    expect(readCsv(utf8('a,b\n"open,2\n3,4\n'))).toMatchObject({
      ok: false,
      code: "import_malformed",
    });
  });

  it("refuses more than 5,000 rows", () => {
    const big = `a\n${"x\n".repeat(5001)}`;
    expect(readCsv(utf8(big))).toMatchObject({ ok: false, code: "import_too_many_rows" });
    expect(readCsv(utf8(`a\n${"x\n".repeat(5000)}`)).ok).toBe(true);
  });
});

describe("guessing columns", () => {
  it("maps a Spanish Google Forms header", () => {
    const table = readCsv(utf8(GOOGLE_ES));
    if (!table.ok) throw new Error(table.code);
    expect(guessMapping(table.header, "needs")).toEqual([
      "createdAt",
      "description",
      "category",
      "urgency",
      "householdSize",
      "languages",
      "locationText",
      "contactName",
      "contactPhone",
      "contactEmail",
      "sensitiveNotes",
    ]);
    expect(looksSpanish(table.header)).toBe(true);
  });

  it("maps an English Airtable header, and a volunteers sheet", () => {
    const table = readCsv(utf8(AIRTABLE));
    if (!table.ok) throw new Error(table.code);
    expect(guessMapping(table.header, "needs")).toEqual([
      "contactName",
      "contactEmail",
      "contactPhone",
      "description",
      "category",
      "urgency",
      "householdSize",
      "languages",
      "locationText",
      "lat",
      "lng",
      "createdAt",
    ]);
    expect(looksSpanish(table.header)).toBe(false);
    expect(
      guessMapping(
        ["Timestamp", "Full name", "Email Address", "Phone number", "Skills"],
        "volunteers",
      ),
    ).toEqual(["ignore", "name", "email", "phone", "ignore"]);
  });

  it("checks a mapping: one per column, fitting the kind, required fields present", () => {
    const header = ["A", "B", "C"];
    expect(checkMapping(header, ["description", "ignore"], "needs")?.code).toBe(
      "import_mapping_length",
    );
    expect(checkMapping(header, ["description", "email", "ignore"], "needs")?.code).toBe(
      "import_mapping_field",
    );
    expect(checkMapping(header, ["description", "category", "category"], "needs")?.code).toBe(
      "import_mapping_twice",
    );
    expect(checkMapping(header, ["category", "ignore", "ignore"], "needs")).toEqual({
      code: "import_mapping_required",
      params: { field: "description" },
    });
    expect(checkMapping(header, ["description", "description", "ignore"], "needs")).toBeNull();
    expect(checkMapping(header, ["name", "ignore", "ignore"], "volunteers")?.code).toBe(
      "import_mapping_required",
    );
  });
});

describe("reading values", () => {
  it("maps free-text categories and urgencies, English and Spanish, with overrides", () => {
    expect(categoryOf("Groceries / Comida").value).toBe("groceries");
    expect(categoryOf("Despensa / Comida").value).toBe("groceries");
    expect(categoryOf("Comida caliente").value).toBe("meals");
    expect(categoryOf("Recoger medicinas en la farmacia").value).toBe("medication_pickup");
    expect(categoryOf("Ride / Transporte").value).toBe("ride");
    expect(categoryOf("medication_pickup")).toEqual({ value: "medication_pickup", guessed: false });
    expect(categoryOf("Yard work")).toEqual({ value: "other", guessed: true });
    expect(categoryOf("Yard work", { "yard work": "errands" })).toEqual({
      value: "errands",
      guessed: false,
    });
    expect(urgencyOf("Urgente").value).toBe("urgent");
    expect(urgencyOf("Sin prisa").value).toBe("low");
    expect(urgencyOf("HIGH").value).toBe("high");
    expect(urgencyOf("whenever, really?!")).toEqual({ value: "low", known: true });
    expect(urgencyOf("mañana tal vez")).toEqual({ value: "normal", known: false });
  });

  it("reads languages, leaving unknown ones apart", () => {
    expect(languagesOf("Español, Inglés")).toEqual({ languages: ["es", "en"], unknown: [] });
    expect(languagesOf("English / Tagalog")).toEqual({ languages: ["en"], unknown: ["Tagalog"] });
  });

  it("reads dates: Google Forms month-first and day-first, Airtable ISO, am/pm, the group's zone", () => {
    const la = "America/Los_Angeles";
    expect(dateOf("3/5/2024 14:14:07", "mdy", la)?.toISOString()).toBe("2024-03-05T22:14:07.000Z");
    expect(dateOf("25/3/2024 14:05:09", "dmy", "Europe/Madrid")?.toISOString()).toBe(
      "2024-03-25T13:05:09.000Z",
    );
    expect(dateOf("2024-03-05T14:14:07.000Z", "mdy", la)?.toISOString()).toBe(
      "2024-03-05T14:14:07.000Z",
    );
    expect(dateOf("2024-07-01 08:00", "dmy", la)?.toISOString()).toBe("2024-07-01T15:00:00.000Z");
    expect(dateOf("3/5/2024 2:14pm", "mdy", "UTC")?.toISOString()).toBe("2024-03-05T14:14:00.000Z");
    expect(dateOf("2024/03/05 2:14:07 PM GMT-8", "mdy", "UTC")?.toISOString()).toBe(
      "2024-03-05T22:14:07.000Z",
    );
    expect(dateOf("31/2/2024", "dmy", "UTC")).toBeNull();
    expect(dateOf("yesterday", "mdy", "UTC")).toBeNull();
    expect(guessDateOrder(["3/4/2024", "25/3/2024"], false)).toBe("dmy");
    expect(guessDateOrder(["3/25/2024"], true)).toBe("mdy");
    expect(guessDateOrder(["3/4/2024"], true)).toBe("dmy");
  });

  it("reads a need row: warnings keep it, errors keep it out, with row and column", () => {
    const table = readCsv(utf8(AIRTABLE));
    if (!table.ok) throw new Error(table.code);
    const mapping = guessMapping(table.header, "needs");
    const options = { dateOrder: "mdy" as const, timeZone: "UTC", now: new Date("2025-01-01") };
    const first = readNeedRow(table.rows[0] as never, mapping, options);
    expect(first.need).toMatchObject({
      description: "Ride to the clinic on Tuesday",
      category: "ride",
      urgency: "high",
      householdSize: 1,
      languages: ["en"],
      point: { lat: 37.4852, lng: -122.2364 },
      contactEmail: "ana@example.org",
      locationText: "94061",
    });
    expect(first.need?.createdAt?.toISOString()).toBe("2024-03-05T14:14:07.000Z");
    const second = readNeedRow(table.rows[1] as never, mapping, options);
    expect(second.need).toBeNull();
    expect(second.problems).toEqual([
      { row: 3, column: 9, code: "lat_invalid", severity: "error", params: { value: "100" } },
    ]);
    const future = readNeedRow(
      { row: 9, cells: ["Ana", "", "", "Rice", "Yard work", "", "", "", "", "", "", "2030-01-01"] },
      mapping,
      options,
    );
    expect(future.problems.map((p) => [p.code, p.severity])).toEqual([
      ["category_unknown", "warning"],
      ["date_in_future", "error"],
    ]);
    const empty = readNeedRow({ row: 4, cells: ["Ana", "a@b.org"] }, mapping, options);
    expect(empty.problems[0]).toMatchObject({ code: "description_missing", column: 3 });
    const long = readNeedRow({ row: 5, cells: ["", "", "", "x".repeat(2001)] }, mapping, options);
    expect(long.problems[0]).toMatchObject({ code: "too_long", params: { max: 2000 } });
  });

  it("joins several columns chosen as the description", () => {
    const mapping: Target[] = ["description", "description", "ignore"];
    const read = readNeedRow({ row: 2, cells: ["Rice", "and beans", "x"] }, mapping, {
      dateOrder: "mdy",
      timeZone: "UTC",
      now: new Date(),
    });
    expect(read.need?.description).toBe("Rice\nand beans");
  });

  it("reads a volunteer row: name and email required, a bad phone only warned about", () => {
    const mapping: Target[] = ["name", "email", "phone"];
    expect(
      readVolunteerRow({ row: 2, cells: ["Ana", "ANA@Example.org ", "abc"] }, mapping),
    ).toEqual({
      volunteer: { row: 2, name: "Ana", email: "ana@example.org", phone: null, language: null },
      problems: [{ row: 2, column: 2, code: "phone_invalid", severity: "warning" }],
    });
    const bad = readVolunteerRow({ row: 3, cells: ["", "not-an-email", ""] }, mapping);
    expect(bad.volunteer).toBeNull();
    expect(bad.problems.map((p) => p.code)).toEqual(["name_missing", "email_invalid"]);
  });

  it("spots the same request told twice by the same contact", () => {
    const a = { contactHash: "h", description: "Necesito comida para mi familia" };
    expect(
      sameRequest(a, { contactHash: "h", description: "necesito comida para mi familia!" }),
    ).toBe(true);
    expect(sameRequest(a, { contactHash: "h", description: "A ride to the clinic" })).toBe(false);
    expect(sameRequest(a, { contactHash: "other", description: a.description })).toBe(false);
    expect(
      sameRequest({ contactHash: null, description: "x" }, { contactHash: null, description: "x" }),
    ).toBe(false);
  });
});
