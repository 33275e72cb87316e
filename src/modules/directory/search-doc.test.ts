// The search document: what a visitor's words are matched against, rebuilt in one statement.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db";
import { hsdsAttribute, hsdsOrganization, hsdsService } from "./schema";
import { refreshSearchDocs } from "./search-doc";
import { seedListing } from "./testkit";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

async function docOf(serviceId: string): Promise<string> {
  const [row] = await database.db
    .select({ doc: hsdsService.mutuo_search_doc })
    .from(hsdsService)
    .where(eq(hsdsService.id, serviceId));
  return row?.doc ?? "";
}

describe("refreshSearchDocs", () => {
  it("holds the service's and organization's words, lower-cased and without accents", async () => {
    const s = await seedListing(database.db, {
      name: "Despensa Comunitaria San José",
      description: "Alimentos frescos los MIÉRCOLES",
      organization: { name: "Iglesia Nuestra Señora" },
    });
    const doc = await docOf(s.serviceId);
    expect(doc).toContain("despensa comunitaria san jose");
    expect(doc).toContain("alimentos frescos los miercoles");
    expect(doc).toContain("iglesia nuestra senora");
  });

  it("adds Mutuo terms in both languages with their search words", async () => {
    const s = await seedListing(database.db, {
      name: "Saint Anthony's",
      terms: ["food_pantry", "no_id"],
    });
    const doc = await docOf(s.serviceId);
    for (const word of ["food pantry", "despensa de comida", "banco de alimentos", "sin id"]) {
      expect(doc).toContain(word);
    }
  });

  it("rebuilds only the services asked for, by service or by organization", async () => {
    const a = await seedListing(database.db, { name: "Alpha" });
    const b = await seedListing(database.db, { name: "Beta" });
    await database.db
      .update(hsdsOrganization)
      .set({ name: "Renamed Org" })
      .where(eq(hsdsOrganization.id, a.organizationId));
    await database.db
      .update(hsdsService)
      .set({ name: "Gamma" })
      .where(eq(hsdsService.id, b.serviceId));
    await refreshSearchDocs(database.db, { serviceIds: [b.serviceId] });
    expect(await docOf(a.serviceId)).not.toContain("renamed org");
    expect(await docOf(b.serviceId)).toContain("gamma");
    await refreshSearchDocs(database.db, { organizationIds: [a.organizationId] });
    expect(await docOf(a.serviceId)).toContain("renamed org");
  });

  it("rebuilds every service with 'all', including a removed term", async () => {
    const s = await seedListing(database.db, { name: "Clinic", terms: ["health"] });
    expect(await docOf(s.serviceId)).toContain("atencion medica");
    await database.db.delete(hsdsAttribute).where(eq(hsdsAttribute.link_id, s.serviceId));
    await refreshSearchDocs(database.db, "all");
    expect(await docOf(s.serviceId)).not.toContain("atencion medica");
    expect(await docOf(s.serviceId)).toContain("clinic");
  });

  it("takes any number of ids in one statement", async () => {
    const s = await seedListing(database.db, { name: "Many Ids Pantry" });
    await database.db
      .update(hsdsService)
      .set({ name: "Many Ids Kitchen" })
      .where(eq(hsdsService.id, s.serviceId));
    const others = Array.from(
      { length: 70_000 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    );
    await refreshSearchDocs(database.db, { serviceIds: [...others, s.serviceId] });
    expect(await docOf(s.serviceId)).toContain("many ids kitchen");
  });
});
