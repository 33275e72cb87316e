// The admins' directory import over HTTP on the real app and database: only network admins,
// inspect guesses columns, the dry run writes nothing, the confirmation writes what the dry run
// checked (a changed file is refused), and bad files get a translated problem.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app";
import { createPerson, networkAdmin, type Person } from "../../../test/people";
import type { SheetMapping } from "./import-contract";
import { hsdsService } from "./schema";

let t: TestApp;
let admin: Person;
let someone: Person;

const b64 = (data: string | Uint8Array) => Buffer.from(data).toString("base64");

const PANTRIES = `Nombre,Dirección,Ciudad,Código postal,Horario,Idiomas,Latitud,Longitud
Despensa Los Robles,12 Calle Robles,Springfield,11111,Lunes a viernes de 9 a 5,"inglés, español",40.71,-74.0
Comedor San Juan,3 Main St,Springfield,11112,Sat 10am-2pm,English,100,-74.0
`;
const MAPPING: SheetMapping = {
  columns: {
    Nombre: "organization_name",
    Dirección: "address_1",
    Ciudad: "city",
    "Código postal": "postal_code",
    Horario: "hours",
    Idiomas: "languages",
    Latitud: "latitude",
    Longitud: "longitude",
  },
  defaults: { state_province: "IL", country: "US" },
};
const body = (extra: Record<string, unknown> = {}) => ({
  format: "csv",
  fileName: "despensas.csv",
  file: b64(PANTRIES),
  mapping: MAPPING,
  timeZone: "America/Chicago",
  ...extra,
});

const post = (path: string, person: Person | null, payload: unknown, language = "en") =>
  t.app.inject({
    method: "POST",
    url: `/api/v1/directory/imports${path}`,
    headers: { ...(person?.headers ?? {}), "accept-language": language },
    payload: payload as Record<string, unknown>,
  });

async function services(): Promise<number> {
  const [row] = await t.database.db.select({ n: count() }).from(hsdsService);
  return Number(row?.n ?? 0);
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await networkAdmin(t);
  someone = await createPerson(t);
});
afterAll(async () => {
  await t.app.close();
  await t.database.close();
});

describe("who may import", () => {
  it("refuses anyone but a network admin, before reading the file", async () => {
    for (const path of ["/inspect", "/dry-run", ""]) {
      expect((await post(path, null, body())).statusCode).toBe(401);
      expect((await post(path, someone, body())).statusCode).toBe(403);
    }
  });
});

describe("inspect", () => {
  it("detects a spreadsheet and guesses its Spanish columns", async () => {
    const res = await post("/inspect", admin, { fileName: "despensas.csv", file: b64(PANTRIES) });
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view.format).toBe("csv");
    expect(view.rows).toBe(2);
    expect(view.columns.map((c: { guess: string }) => c.guess)).toEqual([
      "service_name",
      "address_1",
      "city",
      "postal_code",
      "hours",
      "languages",
      "latitude",
      "longitude",
    ]);
    expect(view.columns[0].samples).toEqual(["Despensa Los Robles", "Comedor San Juan"]);
  });

  it("detects HSDS JSON and NDJSON", async () => {
    const json = await post("/inspect", admin, { fileName: "upload", file: b64('[{"id": "x"}]') });
    expect(json.json().format).toBe("hsds-json");
    const ndjson = await post("/inspect", admin, {
      fileName: "upload",
      file: b64('{"id": "a"}\n{"id": "b"}\n'),
    });
    expect(ndjson.json().format).toBe("hsds-ndjson");
  });
});

describe("dry run, then confirm", () => {
  it("reports the bad row in the viewer's language and writes nothing", async () => {
    const res = await post("/dry-run", admin, body(), "es");
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.dryRun).toBe(true);
    expect(report.rejectedCount).toBe(1);
    expect(report.rejected[0]).toMatchObject({ code: "csv_bad_latitude", row: 3 });
    expect(report.rejected[0].text).toBe("Fila 3: la latitud 100 no está entre -90 y 90.");
    expect(report.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(await services()).toBe(0);
  });

  it("refuses to confirm with a rejected row unless invalid rows are skipped", async () => {
    const dry = (await post("/dry-run", admin, body())).json();
    const refused = await post("", admin, { ...body(), expectedDigest: dry.digest });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe("directory_import_rejected");
    expect(await services()).toBe(0);

    const res = await post("", admin, {
      ...body({ skipInvalid: true }),
      expectedDigest: dry.digest,
    });
    expect(res.statusCode).toBe(201);
    const report = res.json();
    expect(report.dryRun).toBe(false);
    expect(report.created.service).toBe(1);
    expect(report.serviceIds).toHaveLength(1);
    expect(await services()).toBe(1);
  });

  it("refuses a file changed since the dry run (409), writing nothing", async () => {
    const dry = (await post("/dry-run", admin, body())).json();
    const changed = PANTRIES.replace("Despensa Los Robles", "Despensa Las Encinas");
    const res = await post("", admin, {
      ...body({ file: b64(changed), skipInvalid: true }),
      expectedDigest: dry.digest,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe("directory_import_changed");
    expect(await services()).toBe(1);
  });

  it("imports the same file again without duplicates", async () => {
    const dry = (await post("/dry-run", admin, body({ skipInvalid: true }))).json();
    const res = await post("", admin, {
      ...body({ skipInvalid: true }),
      expectedDigest: dry.digest,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().created.service ?? 0).toBe(0);
    expect(await services()).toBe(1);
  });
});

describe("the import history", () => {
  const history = (person: Person | null, query = "", language = "en") =>
    t.app.inject({
      method: "GET",
      url: `/api/v1/directory/imports${query}`,
      headers: { ...(person?.headers ?? {}), "accept-language": language },
    });

  it("lists the imports above newest first, with who ran them and what became of each", async () => {
    expect((await history(null)).statusCode).toBe(401);
    expect((await history(someone)).statusCode).toBe(403);
    const res = await history(admin);
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view).toMatchObject({ page: 1, perPage: 10 });
    // The refusal (422), the import that skipped a row, and the import again (409 wrote no row).
    expect(view.total).toBe(3);
    expect(
      view.imports.map((i: { outcome: string; created: number; rejected: number }) => [
        i.outcome,
        i.rejected,
      ]),
    ).toEqual([
      ["applied", 1],
      ["applied", 1],
      ["refused", 1],
    ]);
    expect(view.imports[0]).toMatchObject({
      source: "despensas.csv",
      format: "csv",
      startedBy: admin.name,
      completedBy: null,
    });
    expect(view.imports[1].created).toBeGreaterThan(0);
    expect(view.imports[0].recordsDone).toBeGreaterThan(0);
    expect(view.imports[0].finishedAt).not.toBeNull();
  });

  it("refuses a page that is not a number, in the viewer's language", async () => {
    const res = await history(admin, "?page=cero", "es");
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: "validation_failed",
      title: "Algunos campos necesitan atención",
      errors: [{ parameter: "page", code: "invalid_type" }],
    });
  });
});

describe("HSDS files", () => {
  it("dry-runs an official HSDS example through the HSDS importer, writing nothing", async () => {
    const example = readFileSync(
      path.resolve(__dirname, "../../../../shared/data/hsds/3.0/examples/service_full.json"),
    );
    const inspect = await post("/inspect", admin, { fileName: "service.json", file: b64(example) });
    expect(inspect.json().format).toBe("hsds-json");
    const res = await post("/dry-run", admin, {
      format: "hsds-json",
      fileName: "service.json",
      file: b64(example),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: true, rejectedCount: 0, created: { service: 1 } });
    expect(await services()).toBe(1);
  });
});

describe("bad files", () => {
  it("refuses a Latin-1 file, garbage, a missing mapped column and an unknown time zone", async () => {
    const latin1 = Buffer.from("Nombre,Dirección\nCafé,1 Calle\n", "latin1");
    const cases: [Record<string, unknown>, string][] = [
      [{ file: b64(latin1) }, "directory_import_not_utf8"],
      [{ file: b64(randomBytes(4096)) }, "directory_import_not_utf8"],
      [{ file: b64("Nombre,Calle\nA,1\n") }, "directory_import_csv_missing_column"],
      [{ timeZone: "Mars/Olympus" }, "directory_import_bad_time_zone"],
      [{ mapping: undefined }, "directory_import_mapping_required"],
    ];
    for (const [extra, code] of cases) {
      const res = await post("/dry-run", admin, body(extra), "es");
      expect(res.statusCode, code).toBe(400);
      expect(res.json().code).toBe(code);
      expect(res.json().title).not.toContain("problem.");
    }
    const empty = await post(
      "/dry-run",
      admin,
      body({
        file: b64("Nombre,Dirección,Ciudad,Código postal,Horario,Idiomas,Latitud,Longitud\n"),
      }),
    );
    expect(empty.json().code).toBe("directory_import_csv_empty");
    expect(await services()).toBe(1);
  });

  it("refuses a file over the size limit with a translated 413", async () => {
    const justOver = Buffer.alloc(20 * 1024 * 1024 + 1, 0x41);
    const res = await post("/inspect", admin, { fileName: "big.csv", file: b64(justOver) }, "es");
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({
      code: "directory_import_too_large",
      title: "El archivo es demasiado grande",
    });
    // Far over: the body limit answers before the route, translated as well.
    const far = Buffer.alloc(21 * 1024 * 1024, 0x41);
    const refused = await post("/dry-run", admin, body({ file: b64(far) }), "es");
    expect(refused.statusCode).toBe(413);
    expect(refused.json().title).toBe("Solicitud demasiado grande");
  });
});
