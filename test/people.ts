// People for tests: real rows and real sessions in the test database, signed in by cookie.
import { and, eq } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import type { ContactPreferences } from "../src/modules/accounts/schema";
import { users } from "../src/modules/accounts/schema";
import { createSession } from "../src/modules/accounts/sessions";
import { type GroupRole, memberships, networkRoles } from "../src/modules/groups/schema";
import { SESSION_COOKIE } from "../src/server/auth";
import type { TestApp } from "./app";

export interface Person {
  id: string;
  name: string;
  email: string;
  phone: string;
  cookie: string;
  headers: { cookie: string };
}

let counter = 0;

export async function createPerson(
  t: TestApp,
  options: {
    name?: string;
    groups?: Record<string, GroupRole | "pending">;
    networkAdmin?: boolean;
    preferences?: Partial<ContactPreferences>;
  } = {},
): Promise<Person> {
  counter += 1;
  const id = uuidv7();
  const name = options.name ?? `Person ${counter}`;
  const email = `person${counter}-${id.slice(-6)}@example.org`;
  const phone = `+1 650 555 ${String(1000 + counter).slice(-4)}`;
  await t.database.db.insert(users).values({
    id,
    name,
    email,
    phone,
    contactPreferences: {
      channels: ["email"],
      shareEmailWithMembers: false,
      sharePhoneWithMembers: false,
      ...options.preferences,
    },
  });
  for (const [groupId, role] of Object.entries(options.groups ?? {})) {
    await t.database.db.insert(memberships).values({
      groupId,
      userId: id,
      role: role === "pending" ? "member" : role,
      status: role === "pending" ? "pending" : "active",
    });
  }
  if (options.networkAdmin) {
    await t.database.db
      .insert(networkRoles)
      .values({ networkId: t.networkId, userId: id, role: "admin" });
  }
  return signedInAs(t, { id, name, email, phone });
}

/** A fresh session for an existing person. */
export async function signedInAs(
  t: TestApp,
  who: { id: string; name: string; email: string; phone?: string },
): Promise<Person> {
  const token = await createSession(t.database.db, who.id, t.now());
  const cookie = `${SESSION_COOKIE}=${token}`;
  return { ...who, phone: who.phone ?? "", cookie, headers: { cookie } };
}

/** The test network's administrator (made by setup), signed in. */
export async function networkAdmin(t: TestApp): Promise<Person> {
  const [admin] = await t.database.db.select().from(users).where(eq(users.id, t.adminId));
  if (!admin?.email) throw new Error("no admin");
  return signedInAs(t, { id: admin.id, name: admin.name, email: admin.email });
}

export async function roleIn(t: TestApp, groupId: string, userId: string): Promise<string | null> {
  const [row] = await t.database.db
    .select({ role: memberships.role, status: memberships.status })
    .from(memberships)
    .where(and(eq(memberships.groupId, groupId), eq(memberships.userId, userId)));
  return row ? (row.status === "pending" ? "pending" : row.role) : null;
}
