// Writing listings: "still correct" and edits, each one transaction with its audit row; an edit
// applies only to the version the editor read. Lists (phones, languages, …) are replaced whole.
import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import type { Db } from "../../db/connect";
import { recordAudit } from "../audit/store";
import {
  hsdsAttribute,
  hsdsLanguage,
  hsdsPhone,
  hsdsSchedule,
  hsdsService,
  hsdsServiceAtLocation,
  hsdsServiceCapacity,
  hsdsUnit,
} from "./schema";
import { refreshSearchDocs } from "./search-doc";
import type { CAPACITY_UNITS, ListingEdit } from "./stewardship-contract";
import { editedFields } from "./stewardship-model";
import { ACCESS_TERMS, TERM_BY_CODE } from "./taxonomy";

const ACCESS_TERM_IDS = ACCESS_TERMS.map((t) => t.id);

/** Marks a listing as confirmed true now; returns its new version. */
export async function verifyListing(
  db: Db,
  input: { serviceId: string; userId: string; groupId: string | null; now: Date },
): Promise<{ verifiedAt: Date; updatedAt: Date }> {
  return db.transaction(async (tx) => {
    await tx
      .update(hsdsService)
      .set({
        mutuo_verified_at: input.now,
        mutuo_verified_by: input.userId,
        mutuo_updated_at: input.now,
      })
      .where(eq(hsdsService.id, input.serviceId));
    await recordAudit(tx, {
      groupId: input.groupId,
      actorId: input.userId,
      action: "directory.listing_verified",
      targetType: "hsds_service",
      targetId: input.serviceId,
    });
    return { verifiedAt: input.now, updatedAt: input.now };
  });
}

export interface EditContext {
  serviceId: string;
  userId: string;
  groupId: string | null;
  now: Date;
  /** Parsed hours per place (null = the service's own), already checked. */
  hours: { locationId: string | null; rules: ScheduleInput[] }[];
}

/** The HSDS schedule fields the hours parser gives. */
export type ScheduleInput = Omit<
  typeof hsdsSchedule.$inferInsert,
  "id" | "service_id" | "location_id" | "service_at_location_id"
>;

export class StaleEditError extends Error {}

/**
 * Applies an edit in one transaction, only if the listing is still the version the editor read
 * (else StaleEditError, nothing changed). Editing counts as verifying: the editor just looked.
 */
export async function editListing(db: Db, edit: ListingEdit, ctx: EditContext): Promise<void> {
  await db.transaction(async (tx) => {
    const claimed = await tx
      .update(hsdsService)
      .set({
        ...serviceFields(edit),
        last_modified: ctx.now.toISOString(),
        mutuo_updated_at: ctx.now,
        mutuo_verified_at: ctx.now,
        mutuo_verified_by: ctx.userId,
      })
      .where(
        and(
          eq(hsdsService.id, ctx.serviceId),
          sql`date_trunc('milliseconds', ${hsdsService.mutuo_updated_at}) = ${edit.updated_at}::timestamptz`,
        ),
      )
      .returning({ id: hsdsService.id });
    if (claimed.length === 0) throw new StaleEditError();
    const id = ctx.serviceId;
    if (edit.phones) await replacePhones(tx, id, edit.phones);
    if (edit.languages) await replaceLanguages(tx, id, edit.languages);
    if (edit.access) await replaceAccess(tx, id, edit.access);
    for (const h of ctx.hours) await replaceHours(tx, id, h.locationId, h.rules);
    if (edit.closures) await replaceClosures(tx, id, edit.closures);
    if (edit.capacity !== undefined) await setCapacity(tx, id, edit.capacity, ctx.now);
    await recordAudit(tx, {
      groupId: ctx.groupId,
      actorId: ctx.userId,
      action: "directory.listing_edited",
      targetType: "hsds_service",
      targetId: id,
      details: { fields: editedFields(edit) },
    });
    await refreshSearchDocs(tx, { serviceIds: [id] });
  });
}

/** The service's own columns the edit sets; an emptied text becomes null (HSDS "absent"). */
function serviceFields(edit: ListingEdit) {
  const texts = [
    "description",
    "alert",
    "application_process",
    "eligibility_description",
    "fees_description",
  ] as const;
  const set: Partial<Record<(typeof texts)[number], string | null>> & {
    name?: string;
    status?: string;
  } = {};
  if (edit.name !== undefined) set.name = edit.name;
  if (edit.status !== undefined) set.status = edit.status;
  for (const field of texts) {
    const value = edit[field];
    if (value !== undefined) set[field] = value === "" ? null : value;
  }
  return set;
}

async function replacePhones(
  tx: Db,
  serviceId: string,
  phones: NonNullable<ListingEdit["phones"]>,
) {
  await tx.delete(hsdsPhone).where(eq(hsdsPhone.service_id, serviceId));
  if (phones.length === 0) return;
  await tx.insert(hsdsPhone).values(
    phones.map((p) => ({
      id: uuidv7(),
      service_id: serviceId,
      number: p.number,
      extension: p.extension ?? null,
      type: p.type ?? null,
      description: p.description ?? null,
    })),
  );
}

async function replaceLanguages(tx: Db, serviceId: string, codes: string[]) {
  await tx
    .delete(hsdsLanguage)
    .where(and(eq(hsdsLanguage.service_id, serviceId), isNull(hsdsLanguage.location_id)));
  const unique = [...new Set(codes)];
  if (unique.length === 0) return;
  const names = new Intl.DisplayNames(["en"], { type: "language", fallback: "code" });
  await tx.insert(hsdsLanguage).values(
    unique.map((code) => ({
      id: uuidv7(),
      service_id: serviceId,
      code,
      name: names.of(code) ?? code,
    })),
  );
}

async function replaceAccess(tx: Db, serviceId: string, codes: string[]) {
  await tx
    .delete(hsdsAttribute)
    .where(
      and(
        eq(hsdsAttribute.link_id, serviceId),
        inArray(hsdsAttribute.taxonomy_term_id, ACCESS_TERM_IDS),
      ),
    );
  const termIds = [...new Set(codes)].flatMap((c) => TERM_BY_CODE.get(c)?.id ?? []);
  if (termIds.length === 0) return;
  await tx.insert(hsdsAttribute).values(
    termIds.map((termId) => ({
      id: uuidv7(),
      link_id: serviceId,
      link_entity: "service",
      link_type: "access",
      taxonomy_term_id: termId,
    })),
  );
}

/** The service-at-location row of a service at a place, or null when it is not offered there. */
export async function serviceAtLocationId(
  db: Db,
  serviceId: string,
  locationId: string,
): Promise<string | null> {
  const [row] = await db
    .select({ id: hsdsServiceAtLocation.id })
    .from(hsdsServiceAtLocation)
    .where(
      and(
        eq(hsdsServiceAtLocation.service_id, serviceId),
        eq(hsdsServiceAtLocation.location_id, locationId),
      ),
    )
    .limit(1);
  return row?.id ?? null;
}

/**
 * Replaces the regular hours of the service at one place (or its own), dated closures kept. A service
 * offered at one place only has one set of hours: its own rules go too, so none contradict.
 */
async function replaceHours(
  tx: Db,
  serviceId: string,
  locationId: string | null,
  rules: ScheduleInput[],
) {
  const salId = locationId ? await serviceAtLocationId(tx, serviceId, locationId) : null;
  const serviceOwn = and(
    eq(hsdsSchedule.service_id, serviceId),
    isNull(hsdsSchedule.service_at_location_id),
  );
  const onlyPlace =
    salId &&
    (await tx.$count(hsdsServiceAtLocation, eq(hsdsServiceAtLocation.service_id, serviceId))) === 1;
  const where = salId
    ? onlyPlace
      ? or(eq(hsdsSchedule.service_at_location_id, salId), serviceOwn)
      : eq(hsdsSchedule.service_at_location_id, salId)
    : serviceOwn;
  // Dated closures are edited apart; weekly "closed Sundays" rules belong to the hours text.
  await tx
    .delete(hsdsSchedule)
    .where(and(where, or(eq(hsdsSchedule.mutuo_closed, false), isNull(hsdsSchedule.valid_from))));
  if (rules.length === 0) return;
  await tx.insert(hsdsSchedule).values(
    rules.map((rule) => ({
      ...rule,
      id: uuidv7(),
      service_id: salId ? null : serviceId,
      service_at_location_id: salId,
      location_id: null,
    })),
  );
}

async function replaceClosures(
  tx: Db,
  serviceId: string,
  closures: NonNullable<ListingEdit["closures"]>,
) {
  await tx
    .delete(hsdsSchedule)
    .where(and(eq(hsdsSchedule.service_id, serviceId), eq(hsdsSchedule.mutuo_closed, true)));
  if (closures.length === 0) return;
  await tx.insert(hsdsSchedule).values(
    closures.map((c) => ({
      id: uuidv7(),
      service_id: serviceId,
      valid_from: c.from,
      valid_to: c.to,
      description: c.note ?? null,
      mutuo_closed: true,
    })),
  );
}

/** Mutuo's capacity units, as HSDS 3.1 unit rows (made on first use). */
const UNIT_NAMES: Record<(typeof CAPACITY_UNITS)[number], string> = {
  slots: "slots",
  food_boxes: "food boxes",
};

async function unitId(tx: Db, unit: (typeof CAPACITY_UNITS)[number]): Promise<string> {
  const [found] = await tx
    .select({ id: hsdsUnit.id })
    .from(hsdsUnit)
    .where(and(eq(hsdsUnit.scheme, "mutuo"), eq(hsdsUnit.identifier, unit)))
    .limit(1);
  if (found) return found.id;
  const id = uuidv7();
  await tx
    .insert(hsdsUnit)
    .values({ id, name: UNIT_NAMES[unit], scheme: "mutuo", identifier: unit });
  return id;
}

/** Capacity today replaces what was reported before (one figure per service). */
async function setCapacity(
  tx: Db,
  serviceId: string,
  capacity: ListingEdit["capacity"],
  now: Date,
) {
  await tx.delete(hsdsServiceCapacity).where(eq(hsdsServiceCapacity.service_id, serviceId));
  if (!capacity) return;
  await tx.insert(hsdsServiceCapacity).values({
    id: uuidv7(),
    service_id: serviceId,
    unit_id: await unitId(tx, capacity.unit),
    available: capacity.available,
    maximum: capacity.maximum ?? null,
    updated: now.toISOString(),
  });
}
