// SQL pieces shared by modules.
import { type SQL, sql } from "drizzle-orm";

/**
 * Ids as one uuid[] parameter, however many (a parameter per id costs more to send and plan,
 * and a list of parameters stops at 65,535).
 */
export function uuidArray(ids: readonly string[]): SQL {
  return sql`${`{${ids.join(",")}}`}::uuid[]`;
}
