import { sql } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import type { Db } from "../../db/connect";
import { users } from "../accounts/schema";
import { recordAudit } from "../audit/store";
import { networkRoles, networks } from "../groups/schema";

// "setup" in ASCII.
const SETUP_LOCK = 0x7365747570;

export async function isSetUp(db: Db): Promise<boolean> {
  const rows = await db.select({ id: networks.id }).from(networks).limit(1);
  return rows.length > 0;
}

export interface FirstNetwork {
  networkName: string;
  defaultLanguage: "en" | "es";
  timeZone: string;
  adminName: string;
  adminEmail: string;
  passwordHash: string;
}

/**
 * Creates the first network and its administrator in one transaction; returns null when a
 * network already exists (setup happens once, even when two requests race).
 */
export async function createFirstNetwork(
  db: Db,
  input: FirstNetwork,
): Promise<{ networkId: string; userId: string } | null> {
  return db.transaction(async (tx) => {
    // Serialises concurrent setups: the second waits, then sees the network.
    await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK})`);
    if (await isSetUp(tx)) return null;
    const networkId = uuidv7();
    const userId = uuidv7();
    await tx.insert(networks).values({
      id: networkId,
      name: input.networkName,
      defaultLanguage: input.defaultLanguage,
      timeZone: input.timeZone,
    });
    await tx.insert(users).values({
      id: userId,
      email: input.adminEmail,
      name: input.adminName,
      passwordHash: input.passwordHash,
      languages: [input.defaultLanguage],
    });
    await tx.insert(networkRoles).values({ networkId, userId, role: "admin" });
    await recordAudit(tx, {
      networkId,
      actorId: userId,
      action: "network.setup",
      targetType: "network",
      targetId: networkId,
      details: { name: input.networkName },
    });
    return { networkId, userId };
  });
}
