// Spreadsheet imports over HTTP on the real app and database: columns, the dry run (writes
// nothing), the confirmation (writes exactly what the dry run said, in one transaction, audited),
// volunteer invitations by email, and bad files refused in the caller's language.
import { randomBytes } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app";
import { createPerson, networkAdmin, type Person } from "../../../test/people";
import { type MemoryMailer, memoryMailer } from "../../lib/mail";
import { auditLog } from "../audit/schema";
import { needEvents, needs } from "../exchange/schema";
import { invitations, memberships } from "../groups/schema";
import { getGroup } from "../groups/store";
import { importNeeds } from "./store";

let t: TestApp;
let mailer: MemoryMailer;
let admin: Person;
let coordinator: Person;
let g: string;

const b64 = (text: string | Uint8Array) => Buffer.from(text).toString("base64");

/** A Spanish Google Forms export of a "¿Qué necesitas?" form. */
const GOOGLE_ES = `\uFEFFMarca temporal,¿Qué necesitas?,Tipo de ayuda,Urgencia,¿Cuántas personas viven en tu hogar?,Idioma,Dirección o código postal,Nombre,Teléfono,Dirección de correo electrónico,Latitud,Longitud
25/3/2024 14:05:09,"Comida para mi familia
y pañales talla 3",Despensa / Comida,Urgente,4,Español,"Calle Peñón 12, 94063",Rosa Q.,+1 650 555 0199,rosa@example.org,37.48,-122.23
26/3/2024 9:12:44,"=HYPERLINK(""http://example.org"")",Jardinería,Sin prisa,2,"Español, Inglés",94063,Luis,650-555-0100,,,
27/3/2024 10:00:00,Comida para mi familia y pañales talla 3,Comida,Urgente,4,Español,94063,Rosa,+1 (650) 555-0199,,,
28/3/2024 11:00:00,Necesito que me lleven al médico,Transporte,Alta,1,Español,94061,Marta,650 555 0123,,100,-122.2
29/3/2024 11:30:00,,Otro,,,,,Pedro,650 555 0124,,,
`;
/** Rows 2, 3 are created; 4 repeats 2 (same phone, same words); 5 has latitude 100; 6 has no description. */
const GOOGLE_MAPPING = [
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
  "lat",
  "lng",
];

/** An Airtable volunteers export. */
const VOLUNTEERS = (existing: string) => `Name,Email,Phone number,Language
Carmen Ortiz,carmen@example.org,650 555 0130,Español
Dan Lee,dan@example.org,,English
Dan again,DAN@example.org,,
No Email,,650 555 0131,
Bad Email,not-an-email,,
Already Here,${existing},,
`;

const post = (url: string, person: Person | null, payload: unknown, language = "en") =>
  t.app.inject({
    method: "POST",
    url: `/api/v1/groups/${g}/${url}`,
    headers: { ...(person?.headers ?? {}), "accept-language": language },
    payload: payload as Record<string, unknown>,
  });

async function needCount(): Promise<number> {
  const [row] = await t.database.db.select({ n: count() }).from(needs).where(eq(needs.groupId, g));
  return Number(row?.n ?? 0);
}

beforeAll(async () => {
  mailer = memoryMailer();
  t = await createTestApp({ mailer });
  admin = await networkAdmin(t);
  const res = await t.app.inject({
    method: "POST",
    url: `/api/v1/networks/${t.networkId}/groups`,
    headers: admin.headers,
    payload: {
      name: "Vecinos de North Fair Oaks",
      mode: "mutual_aid",
      timeZone: "America/Los_Angeles",
    },
  });
  expect(res.statusCode).toBe(201);
  g = res.json().id;
  coordinator = await createPerson(t, { name: "Coco Coordinator", groups: { [g]: "coordinator" } });
});

afterAll(async () => {
  await t?.app.close();
});

describe("importing needs", () => {
  it("reads the columns and guesses them from a Spanish Google Forms header", async () => {
    const res = await post("imports/columns", coordinator, { kind: "needs", file: b64(GOOGLE_ES) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.rowCount).toBe(5);
    expect(body.dateOrder).toBe("dmy");
    expect(body.columns.map((c: { guess: string }) => c.guess)).toEqual(GOOGLE_MAPPING);
    expect(body.columns[0]).toMatchObject({
      header: "Marca temporal",
      sample: "25/3/2024 14:05:09",
    });
  });

  it("dry-runs: counts and per-row problems in the caller's language, and writes nothing", async () => {
    const before = await needCount();
    const res = await post(
      "imports/dry-run",
      coordinator,
      { kind: "needs", file: b64(GOOGLE_ES), mapping: GOOGLE_MAPPING },
      "es",
    );
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.counts).toEqual({
      rows: 5,
      create: 2,
      duplicate: 1,
      existing: 0,
      invalid: 2,
      warnings: 1,
    });
    expect(report.problems).toEqual([
      {
        row: 3,
        column: "Tipo de ayuda",
        code: "category_unknown",
        severity: "warning",
        message: "«Jardinería» no es una categoría conocida; quedará como «otra».",
      },
      {
        row: 4,
        column: null,
        code: "duplicate_in_file",
        severity: "warning",
        message: "La misma persona y solicitud que la fila 2; se omite.",
      },
      {
        row: 5,
        column: "Latitud",
        code: "lat_invalid",
        severity: "error",
        message: "«100» no es una latitud (un número de -90 a 90).",
      },
      {
        row: 6,
        column: "¿Qué necesitas?",
        code: "description_missing",
        severity: "error",
        message: "Sin descripción: la columna «¿Qué necesitas?» está vacía.",
      },
    ]);
    expect(report.values.category).toContainEqual({
      text: "despensa comida",
      count: 1,
      mapsTo: "groceries",
      guessed: true,
    });
    expect(await needCount()).toBe(before);
  });

  it("a chosen value mapping replaces the guess (and its warning)", async () => {
    const res = await post("imports/dry-run", coordinator, {
      kind: "needs",
      file: b64(GOOGLE_ES),
      mapping: GOOGLE_MAPPING,
      values: { category: { jardineria: "errands" } },
    });
    expect(res.json().counts.warnings).toBe(0);
    expect(res.json().values.category).toContainEqual({
      text: "jardineria",
      count: 1,
      mapsTo: "errands",
      guessed: false,
    });
  });

  it("refuses to write when the dry run's count no longer holds, and writes nothing", async () => {
    const before = await needCount();
    const res = await post("imports", coordinator, {
      kind: "needs",
      file: b64(GOOGLE_ES),
      mapping: GOOGLE_MAPPING,
      expectedCount: 3,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe("import_changed");
    expect(await needCount()).toBe(before);
  });

  it("confirms: writes exactly the reported rows, new and in the queue, audited without personal data", async () => {
    const before = await needCount();
    const res = await post("imports", coordinator, {
      kind: "needs",
      file: b64(GOOGLE_ES),
      mapping: GOOGLE_MAPPING,
      expectedCount: 2,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().counts.create).toBe(2);
    expect(await needCount()).toBe(before + 2);

    const rows = await t.database.db.select().from(needs).where(eq(needs.groupId, g));
    const rosa = rows.find((r) => r.contactEmail === "rosa@example.org");
    expect(rosa).toMatchObject({
      status: "new",
      source: "import",
      category: "groceries",
      urgency: "urgent",
      householdSize: 4,
      languages: ["es"],
      contactChannel: "email",
      locationText: "Calle Peñón 12, 94063",
      description: "Comida para mi familia\ny pañales talla 3",
    });
    expect(rosa?.h3r8).toMatch(/^[0-9a-f]{15}$/);
    expect(rosa?.contactHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rosa?.shortCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    // 25 March 2024 14:05:09 in the group's zone (Pacific daylight time).
    expect(rosa?.createdAt.toISOString()).toBe("2024-03-25T21:05:09.000Z");
    const luis = rows.find((r) => r.contactName === "Luis");
    expect(luis?.description).toBe('=HYPERLINK("http://example.org")');
    expect(luis?.category).toBe("other");
    const history = await t.database.db
      .select()
      .from(needEvents)
      .where(eq(needEvents.needId, rosa?.id as string));
    expect(history).toMatchObject([
      { action: "post", toStatus: "new", actorKind: "coordinator", actorId: coordinator.id },
    ]);

    const [entry] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.groupId, g), eq(auditLog.action, "needs.imported")));
    expect(entry?.actorId).toBe(coordinator.id);
    expect(entry?.details).toEqual({
      kind: "needs",
      rows: 5,
      duplicates: 1,
      existing: 0,
      invalid: 2,
      created: 2,
    });
    expect(JSON.stringify(entry)).not.toMatch(/rosa|Peñón|555/i);

    // On the group's list of open needs (coordinators see new ones).
    const board = await t.app.inject({
      method: "GET",
      url: `/api/v1/groups/${g}/needs`,
      headers: coordinator.headers,
    });
    const ids = board.json().needs.map((n: { id: string }) => n.id);
    expect(ids).toContain(rosa?.id);
    expect(ids).toContain(luis?.id);
  });

  it("a second import of the same file finds every request already in the group", async () => {
    // rows 2, 3 and 4 (row 4 repeats row 2): all three are in the group now
    const res = await post("imports/dry-run", coordinator, {
      kind: "needs",
      file: b64(GOOGLE_ES),
      mapping: GOOGLE_MAPPING,
    });
    expect(res.json().counts).toMatchObject({ create: 0, duplicate: 3 });
    expect(
      res.json().problems.filter((p: { code: string }) => p.code === "duplicate_existing"),
    ).toHaveLength(3);
  });

  it("a failing row in the middle of the write leaves nothing behind", async () => {
    const before = await needCount();
    const group = await getGroup(t.database.db, g);
    if (!group) throw new Error("no group");
    const row = (n: number, householdSize: number) => ({
      createdAt: t.now(),
      values: {
        groupId: g,
        category: "groceries" as const,
        description: `Row ${n}`,
        householdSize,
        statusTokenHash: `hash-${n}-${Math.random()}`,
        shortCode: `ROW${n}${Math.random().toString(36).slice(2, 6)}`,
        source: "import" as const,
      },
    });
    // Row 550's household size overflows PostgreSQL's integer: its insert fails.
    await expect(
      importNeeds(
        t.database.db,
        group,
        // 600 rows: the first batch of 500 is written before the failing row 550 is reached.
        Array.from({ length: 600 }, (_, i) => row(i, i === 550 ? 2 ** 40 : 1 + (i % 5))),
        coordinator.id,
        {
          kind: "needs",
        },
      ),
    ).rejects.toThrow();
    expect(await needCount()).toBe(before);
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.groupId, g), eq(auditLog.action, "needs.imported")));
    expect(audits).toHaveLength(1);
  });
});

describe("bad files and mappings", () => {
  const dryRun = (file: string, mapping: string[] = ["description"], language = "en") =>
    post("imports/dry-run", coordinator, { kind: "needs", file, mapping }, language);

  it("refuses another encoding, binary garbage and broken base64, translated, writing nothing", async () => {
    const before = await needCount();
    const latin1 = Buffer.from("¿Qué necesitas?\nArroz y frijoles para mañana\n", "latin1");
    const res = await dryRun(latin1.toString("base64"), ["description"], "es");
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: "import_not_utf8",
      title: "El archivo no es un CSV en UTF-8",
    });
    const garbage = await post("imports/columns", coordinator, {
      kind: "needs",
      file: randomBytes(50 * 1024).toString("base64"),
    });
    expect(garbage.statusCode).toBe(400);
    expect(["import_not_utf8", "import_not_text"]).toContain(garbage.json().code);
    const broken = await dryRun("not base64 at all!");
    expect(broken.statusCode).toBe(400);
    expect(broken.json().code).toBe("import_file_unreadable");
    expect(await needCount()).toBe(before);
  });

  it("refuses a file over 2 MB with a clear 413", async () => {
    const big = `What do you need?\n${"Rice and beans for a family of four\n".repeat(62_000)}`;
    const res = await post("imports/columns", coordinator, { kind: "needs", file: b64(big) });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({
      code: "import_too_large",
      detail: expect.stringContaining("2 MB"),
    });
  });

  it("refuses a mapping that does not fit the file, or lacks the description", async () => {
    const file = b64("Name,What do you need?\nAna,Rice\n");
    const short = await dryRun(file, ["description"]);
    expect(short.statusCode).toBe(400);
    expect(short.json().code).toBe("import_mapping_length");
    const missing = await dryRun(file, ["contactName", "ignore"], "es");
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({
      code: "import_mapping_required",
      detail: expect.stringContaining("«Qué se necesita»"),
    });
    const unknown = await dryRun(file, ["contactName", "salary"]);
    expect(unknown.statusCode).toBe(400);
    const extra = await post("imports/dry-run", coordinator, {
      kind: "needs",
      file,
      mapping: ["ignore", "description"],
      admin: true,
    });
    expect(extra.statusCode).toBe(400);
  });
});

describe("importing volunteers", () => {
  it("invites each new person once by email; members, repeats and bad rows are reported", async () => {
    const member = await createPerson(t, { groups: { [g]: "member" } });
    const file = b64(VOLUNTEERS(member.email.toUpperCase()));
    const mapping = ["name", "email", "phone", "languages"];
    const dry = await post("imports/dry-run", coordinator, { kind: "volunteers", file, mapping });
    expect(dry.statusCode).toBe(200);
    expect(dry.json().counts).toEqual({
      rows: 6,
      create: 2,
      duplicate: 1,
      existing: 1,
      invalid: 2,
      warnings: 0,
    });
    expect(dry.json().problems.map((p: { row: number; code: string }) => [p.row, p.code])).toEqual([
      [4, "duplicate_in_file"],
      [5, "email_missing"],
      [6, "email_invalid"],
      [7, "already_member"],
    ]);
    const [{ n: invitesBefore } = { n: 0 }] = await t.database.db
      .select({ n: count() })
      .from(invitations)
      .where(eq(invitations.groupId, g));

    const res = await post("imports", coordinator, {
      kind: "volunteers",
      file,
      mapping,
      expectedCount: 2,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().emailsFailed).toBe(0);
    const [{ n: invitesAfter } = { n: 0 }] = await t.database.db
      .select({ n: count() })
      .from(invitations)
      .where(eq(invitations.groupId, g));
    expect(Number(invitesAfter) - Number(invitesBefore)).toBe(2);

    const carmen = await mailer.next("carmen@example.org");
    expect(carmen.subject).toContain("Vecinos de North Fair Oaks");
    expect(carmen.text).toContain("Hola, Carmen Ortiz");
    const dan = await mailer.next("dan@example.org");
    expect(dan.text).toContain("Hello Dan Lee");
    expect(mailer.pending(member.email)).toHaveLength(0);

    // Nobody has an account yet; following the link (signed in) makes Dan a volunteer.
    const token = /\/join#([A-Za-z0-9_-]+)/.exec(dan.text)?.[1];
    expect(token).toBeDefined();
    const dansAccount = await createPerson(t, { name: "Dan Lee" });
    const accept = await t.app.inject({
      method: "POST",
      url: `/api/v1/invitations/${token}/accept`,
      headers: dansAccount.headers,
    });
    expect(accept.statusCode).toBeLessThan(300);
    const [membership] = await t.database.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.groupId, g), eq(memberships.userId, dansAccount.id)));
    expect(membership?.role).toBe("volunteer");

    const [entry] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.groupId, g), eq(auditLog.action, "volunteers.imported")));
    expect(entry?.details).toMatchObject({ kind: "volunteers", invited: 2 });
    expect(JSON.stringify(entry?.details)).not.toMatch(/example\.org/);
  });
});
