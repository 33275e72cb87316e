// After an import from another directory: the source's test and example records keep their
// `mutuo_test` flag (kept, never shown in search). The HSDS importer writes HSDS fields only, so
// the flags an importer decided are set here, for exactly the records it imported.
import { inArray } from "drizzle-orm";
import type { Db } from "../../db/connect";
import type { FlatRecords } from "./hsds/tabular";
import { hsdsLocation, hsdsOrganization, hsdsService } from "./schema";

const FLAGGED = [
  ["organization", hsdsOrganization],
  ["location", hsdsLocation],
  ["service", hsdsService],
] as const;

/** Sets mutuo_test on the imported organizations, locations and services as the rows say. */
export async function applyTestFlags(db: Db, records: FlatRecords): Promise<void> {
  await db.transaction(async (tx) => {
    for (const [table, columns] of FLAGGED) {
      const rows = records[table] ?? [];
      for (const flag of [true, false]) {
        const ids = rows.filter((r) => (r.mutuo_test === true) === flag).map((r) => String(r.id));
        for (let i = 0; i < ids.length; i += 1000) {
          await tx
            .update(columns)
            .set({ mutuo_test: flag })
            .where(inArray(columns.id, ids.slice(i, i + 1000)));
        }
      }
    }
  });
}
