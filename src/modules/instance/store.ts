import { uuidv7 } from "uuidv7";
import type { Db } from "../../db/connect";
import { instance } from "./schema";

export type InstanceRow = typeof instance.$inferSelect;

/** Creates the installation's row on first start; later starts keep the first one. */
export async function ensureInstance(db: Db): Promise<InstanceRow> {
  await db.insert(instance).values({ id: uuidv7() }).onConflictDoNothing();
  return getInstance(db);
}

export async function getInstance(db: Db): Promise<InstanceRow> {
  const [row] = await db.select().from(instance).limit(1);
  if (!row)
    throw new Error("the instance row is missing: run migrations and start the server once");
  return row;
}
