// The coordinators' CSV export: columns with and without personal data, the audit entry, formula
// cells neutralised, and who is refused.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app";
import { createPerson, networkAdmin, type Person } from "../../../test/people";
import { auditLog } from "../audit/schema";
import { createGroup } from "./testkit";

let t: TestApp;
let admin: Person;
let coordinator: Person;
let volunteer: Person;
let member: Person;
let otherCoordinator: Person;
let g: string;
let needIds: string[];

const BASE =
  "id,created_at,status,category,urgency,household_size,languages,h3_r8,short_code,waiting_hours,closed_at";
const PERSONAL_COLUMNS =
  "contact_name,contact_email,contact_phone,location_text,lat,lng,sensitive_notes";

const ROSA = {
  name: "Rosa Quintana",
  phone: "+1 650 555 0199",
  email: "rosa.quintana@example.org",
  place: "Calle Peñón 12, esquina Niño",
  notes: "Lives with her grandson",
};

const group = (name: string) => createGroup(t, admin, name);

async function newNeed(
  groupId: string,
  contact: { name: string; phone?: string; email?: string },
  place: string,
  notes: string,
  at = { lat: 37.55, lng: -122.31 },
): Promise<string> {
  const res = await t.app.inject({
    method: "POST",
    url: `/api/v1/groups/${groupId}/needs`,
    payload: {
      category: "groceries",
      description: `Please bring rice ${Math.random()}`,
      householdSize: 3,
      languages: ["es", "en"],
      location: { ...at, text: place },
      contact: { ...contact, channel: contact.phone ? "sms" : "email" },
      sensitiveNotes: notes,
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

const exportCsv = (person: Person | null, query = "") =>
  t.app.inject({
    method: "GET",
    url: `/api/v1/groups/${g}/needs/export.csv${query}`,
    headers: person?.headers ?? {},
  });

/** The CSV's lines, without the byte order mark. */
const lines = (body: string) =>
  body
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");

beforeAll(async () => {
  t = await createTestApp({ env: { MUTUO_RATE_LIMIT_SCALE: "1000" } });
  admin = await networkAdmin(t);
  g = await group("Despensa Comunitaria de San Mateo");
  const other = await group("Other group");
  coordinator = await createPerson(t, { groups: { [g]: "coordinator" } });
  volunteer = await createPerson(t, { groups: { [g]: "volunteer" } });
  member = await createPerson(t, { groups: { [g]: "member" } });
  otherCoordinator = await createPerson(t, { groups: { [other]: "coordinator" } });
  needIds = [
    await newNeed(
      g,
      { name: ROSA.name, phone: ROSA.phone, email: ROSA.email },
      ROSA.place,
      ROSA.notes,
    ),
    await newNeed(
      g,
      { name: '=HYPERLINK("http://evil.example","click")', email: "x@example.org" },
      "-2+3",
      "@SUM(A1:A9)",
      { lat: 37.58, lng: -122.31 },
    ),
  ];
  // A third need, fulfilled: only in status=all.
  const done = await newNeed(g, { name: "Done Person", email: "done@example.org" }, "Elm St", "n");
  needIds.push(done);
  const claim = await t.app.inject({
    method: "POST",
    url: `/api/v1/groups/${g}/needs/${done}/claim`,
    headers: volunteer.headers,
  });
  expect(claim.statusCode).toBe(200);
  const fulfil = await t.app.inject({
    method: "POST",
    url: `/api/v1/groups/${g}/needs/${done}/fulfil`,
    headers: coordinator.headers,
  });
  expect(fulfil.statusCode).toBe(200);
});

afterAll(async () => {
  await t.app.close();
});

async function exportsAudited() {
  return t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.groupId, g), eq(auditLog.action, "needs.exported")));
}

describe("the CSV export", () => {
  it("without personal data: the public columns only, as a UTF-8 attachment with a BOM", async () => {
    const before = (await exportsAudited()).length;
    const res = await exportCsv(coordinator);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.headers["content-disposition"]).toMatch(
      /^attachment; filename="needs-despensa-comunitaria-de-san-mateo-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = lines(res.body);
    expect(rows[0]).toBe(BASE);
    expect(rows).toHaveLength(3); // the header and the two open needs
    expect(rows[1]).toMatch(
      new RegExp(`^${needIds[0]},.*,new,groceries,normal,3,es en,8[0-9a-f]+,`),
    );
    for (const value of [...Object.values(ROSA), "Rosa", "555", "HYPERLINK", "37.5", "rice"]) {
      expect(res.body).not.toContain(value);
    }
    const audits = await exportsAudited();
    expect(audits).toHaveLength(before + 1);
    expect(audits.at(-1)).toMatchObject({
      actorId: coordinator.id,
      details: { personal: false, status: "open", rows: 2 },
    });
  });

  it("with personal data: contact, place and notes, accents intact, and one audit entry", async () => {
    const before = (await exportsAudited()).length;
    const res = await exportCsv(coordinator, "?personal=true&status=all");
    expect(res.statusCode).toBe(200);
    const rows = lines(res.body);
    expect(rows[0]).toBe(`${BASE},${PERSONAL_COLUMNS}`);
    expect(rows).toHaveLength(4);
    const rosa = rows.find((r) => r.startsWith(needIds[0] as string)) as string;
    expect(rosa).toContain(
      `${ROSA.name},${ROSA.email},'${ROSA.phone},"${ROSA.place}",37.55,-122.31,${ROSA.notes}`,
    );
    expect(res.rawPayload.includes(Buffer.from("Peñón", "utf8"))).toBe(true);
    const done = rows.find((r) => r.startsWith(needIds[2] as string)) as string;
    expect(done).toMatch(/,fulfilled,.*,\d{4}-\d{2}-\d{2}T[^,]+Z,Done Person,/);
    const audits = await exportsAudited();
    expect(audits).toHaveLength(before + 1);
    expect(audits.at(-1)).toMatchObject({
      actorId: coordinator.id,
      networkId: t.networkId,
      details: { personal: true, status: "all", rows: 3 },
    });
  });

  it("neutralises cells a spreadsheet would run as formulas", async () => {
    const res = await exportCsv(admin, "?personal=true");
    expect(res.statusCode).toBe(200);
    const row = lines(res.body).find((r) => r.startsWith(needIds[1] as string)) as string;
    expect(row).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(row).toContain(",'-2+3,");
    expect(row).toContain(",'@SUM(A1:A9)");
    // Numbers stay numbers: a negative longitude is not escaped.
    expect(row).toContain(",37.58,-122.31,");
    expect(res.body).not.toMatch(/(^|,)[=+@]/m);
  });

  it("refuses volunteers, members, other groups' coordinators and anonymous callers", async () => {
    const before = (await exportsAudited()).length;
    expect((await exportCsv(volunteer, "?personal=true")).statusCode).toBe(403);
    expect((await exportCsv(member)).statusCode).toBe(403);
    expect((await exportCsv(otherCoordinator)).statusCode).toBe(403);
    expect((await exportCsv(null, "?personal=true")).statusCode).toBe(401);
    expect(await exportsAudited()).toHaveLength(before);
  });

  it("refuses unknown options", async () => {
    expect((await exportCsv(coordinator, "?personal=yes")).statusCode).toBe(400);
    expect((await exportCsv(coordinator, "?status=closed")).statusCode).toBe(400);
  });
});
