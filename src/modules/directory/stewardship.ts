// The queries behind keeping listings true: suggested corrections, the listings an admin or a
// steward group sees (with the stale flag and the edit view), and steward groups. Writes to a
// listing itself are in stewardship-edit.ts.
import { and, asc, count, desc, eq, ilike, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import type { Db } from "../../db/connect";
import { recordAudit } from "../audit/store";
import { groups } from "../groups/schema";
import {
  directorySuggestions,
  hsdsAddress,
  hsdsAttribute,
  hsdsLanguage,
  hsdsLocation,
  hsdsOrganization,
  hsdsPhone,
  hsdsSchedule,
  hsdsService,
  hsdsServiceAtLocation,
  hsdsServiceCapacity,
  hsdsUnit,
  type SuggestionStatus,
} from "./schema";
import type {
  ListingDetail,
  ListingOut,
  SuggestionOut,
  SuggestionTopic,
} from "./stewardship-contract";
import { hoursText, isStale, staleCutoff } from "./stewardship-model";
import { ACCESS_TERMS, TERM_BY_ID } from "./taxonomy";

const ACCESS_TERM_IDS = ACCESS_TERMS.map((t) => t.id);

/** The organization and steward of a service, and its version for optimistic concurrency. */
export interface ServiceScope {
  id: string;
  organizationId: string;
  stewardGroupId: string | null;
  updatedAt: Date;
}

export async function serviceScope(db: Db, serviceId: string): Promise<ServiceScope | null> {
  const [row] = await db
    .select({
      id: hsdsService.id,
      organizationId: hsdsService.organization_id,
      stewardGroupId: hsdsOrganization.mutuo_steward_group_id,
      updatedAt: hsdsService.mutuo_updated_at,
    })
    .from(hsdsService)
    .leftJoin(hsdsOrganization, eq(hsdsOrganization.id, hsdsService.organization_id))
    .where(eq(hsdsService.id, serviceId))
    .limit(1);
  return row ? { ...row, stewardGroupId: row.stewardGroupId ?? null } : null;
}

// ---- suggestions ----

export async function createSuggestion(
  db: Db,
  input: {
    serviceId: string;
    topic: SuggestionTopic;
    message: string;
    email: string | null;
    language: string;
    suggestedBy: string | null;
    now: Date;
  },
): Promise<{ id: string; status: SuggestionStatus }> {
  const id = uuidv7();
  await db.insert(directorySuggestions).values({
    id,
    service_id: input.serviceId,
    topic: input.topic,
    message: input.message,
    email: input.email,
    language: input.language,
    suggested_by: input.suggestedBy,
    created_at: input.now,
  });
  return { id, status: "open" };
}

export interface SuggestionScope {
  id: string;
  serviceId: string;
  stewardGroupId: string | null;
  status: SuggestionStatus;
}

export async function suggestionScope(db: Db, id: string): Promise<SuggestionScope | null> {
  const [row] = await db
    .select({
      id: directorySuggestions.id,
      serviceId: directorySuggestions.service_id,
      stewardGroupId: hsdsOrganization.mutuo_steward_group_id,
      status: directorySuggestions.status,
    })
    .from(directorySuggestions)
    .leftJoin(hsdsService, eq(hsdsService.id, directorySuggestions.service_id))
    .leftJoin(hsdsOrganization, eq(hsdsOrganization.id, hsdsService.organization_id))
    .where(eq(directorySuggestions.id, id))
    .limit(1);
  return row ? { ...row, stewardGroupId: row.stewardGroupId ?? null } : null;
}

const suggestionColumns = {
  id: directorySuggestions.id,
  service_id: directorySuggestions.service_id,
  service_name: hsdsService.name,
  organization_name: hsdsOrganization.name,
  steward_group_id: hsdsOrganization.mutuo_steward_group_id,
  topic: directorySuggestions.topic,
  message: directorySuggestions.message,
  email: directorySuggestions.email,
  language: directorySuggestions.language,
  status: directorySuggestions.status,
  review_note: directorySuggestions.review_note,
  reviewed_at: directorySuggestions.reviewed_at,
  created_at: directorySuggestions.created_at,
};

export type SuggestionRow = Omit<SuggestionOut, "reviewed_at" | "created_at" | "topic"> & {
  topic: string;
  reviewed_at: Date | null;
  created_at: Date;
};

/** Suggestions, open ones first (oldest first: they have waited longest), then the reviewed. */
export async function listSuggestions(
  db: Db,
  filter: { groupId?: string; status?: SuggestionStatus; page: number; perPage: number },
): Promise<{ total: number; rows: SuggestionRow[] }> {
  const conditions: SQL[] = [];
  if (filter.groupId) conditions.push(eq(hsdsOrganization.mutuo_steward_group_id, filter.groupId));
  if (filter.status) conditions.push(eq(directorySuggestions.status, filter.status));
  const where = conditions.length ? and(...conditions) : undefined;
  const base = () =>
    db
      .select(suggestionColumns)
      .from(directorySuggestions)
      .leftJoin(hsdsService, eq(hsdsService.id, directorySuggestions.service_id))
      .leftJoin(hsdsOrganization, eq(hsdsOrganization.id, hsdsService.organization_id));
  const [totalRow] = await db
    .select({ n: count() })
    .from(directorySuggestions)
    .leftJoin(hsdsService, eq(hsdsService.id, directorySuggestions.service_id))
    .leftJoin(hsdsOrganization, eq(hsdsOrganization.id, hsdsService.organization_id))
    .where(where);
  const rows = await base()
    .where(where)
    .orderBy(
      sql`case when ${directorySuggestions.status} = 'open' then 0 else 1 end`,
      sql`case when ${directorySuggestions.status} = 'open' then ${directorySuggestions.created_at} end asc`,
      desc(directorySuggestions.reviewed_at),
      asc(directorySuggestions.id),
    )
    .limit(filter.perPage)
    .offset((filter.page - 1) * filter.perPage);
  return { total: totalRow?.n ?? 0, rows };
}

/** Closes an open suggestion; false when someone else reviewed it first. */
export async function reviewSuggestion(
  db: Db,
  input: {
    id: string;
    status: "accepted" | "dismissed";
    note: string | null;
    reviewerId: string;
    groupId: string | null;
    now: Date;
  },
): Promise<SuggestionRow | null> {
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(directorySuggestions)
      .set({
        status: input.status,
        review_note: input.note,
        reviewed_by: input.reviewerId,
        reviewed_at: input.now,
      })
      .where(and(eq(directorySuggestions.id, input.id), eq(directorySuggestions.status, "open")))
      .returning({ id: directorySuggestions.id });
    if (updated.length === 0) return null;
    await recordAudit(tx, {
      groupId: input.groupId,
      actorId: input.reviewerId,
      action: `directory.suggestion_${input.status}`,
      targetType: "directory_suggestion",
      targetId: input.id,
    });
    const [row] = await tx
      .select(suggestionColumns)
      .from(directorySuggestions)
      .leftJoin(hsdsService, eq(hsdsService.id, directorySuggestions.service_id))
      .leftJoin(hsdsOrganization, eq(hsdsOrganization.id, hsdsService.organization_id))
      .where(eq(directorySuggestions.id, input.id));
    return row ?? null;
  });
}

// ---- listings ----

export interface ListingFilter {
  groupId?: string;
  stale?: boolean;
  organizationId?: string;
  serviceId?: string;
  q?: string;
  page: number;
  perPage: number;
  now: Date;
}

export type ListingRow = Omit<ListingOut, "verified_at" | "created_at" | "updated_at" | "stale"> & {
  verified_at: Date | null;
  created_at: Date;
  updated_at: Date;
};

function likeText(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function listingConditions(filter: ListingFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.groupId) conditions.push(eq(hsdsOrganization.mutuo_steward_group_id, filter.groupId));
  if (filter.organizationId)
    conditions.push(eq(hsdsService.organization_id, filter.organizationId));
  if (filter.serviceId) conditions.push(eq(hsdsService.id, filter.serviceId));
  if (filter.q) {
    const like = likeText(filter.q);
    conditions.push(or(ilike(hsdsService.name, like), ilike(hsdsOrganization.name, like)) as SQL);
  }
  if (filter.stale !== undefined) {
    const since = sql`coalesce(${hsdsService.mutuo_verified_at}, ${hsdsService.mutuo_created_at})`;
    const cutoff = staleCutoff(filter.now).toISOString();
    conditions.push(
      filter.stale
        ? sql`${since} < ${cutoff}::timestamptz`
        : sql`${since} >= ${cutoff}::timestamptz`,
    );
  }
  return conditions.length ? and(...conditions) : undefined;
}

/** Listings, the longest unverified first: what most needs a look comes first. */
export async function listListings(
  db: Db,
  filter: ListingFilter,
): Promise<{ total: number; rows: ListingRow[] }> {
  const where = listingConditions(filter);
  const [totalRow] = await db
    .select({ n: count() })
    .from(hsdsService)
    .innerJoin(hsdsOrganization, eq(hsdsOrganization.id, hsdsService.organization_id))
    .where(where);
  const openSuggestions = sql<number>`(select count(*)::int from ${directorySuggestions} where ${directorySuggestions.service_id} = ${hsdsService.id} and ${directorySuggestions.status} = 'open')`;
  const rows = await db
    .select({
      service_id: hsdsService.id,
      name: hsdsService.name,
      status: hsdsService.status,
      organization_id: hsdsOrganization.id,
      organization_name: hsdsOrganization.name,
      steward_id: groups.id,
      steward_name: groups.name,
      verified_at: hsdsService.mutuo_verified_at,
      created_at: hsdsService.mutuo_created_at,
      updated_at: hsdsService.mutuo_updated_at,
      open_suggestions: openSuggestions,
    })
    .from(hsdsService)
    .innerJoin(hsdsOrganization, eq(hsdsOrganization.id, hsdsService.organization_id))
    .leftJoin(groups, eq(groups.id, hsdsOrganization.mutuo_steward_group_id))
    .where(where)
    .orderBy(
      sql`coalesce(${hsdsService.mutuo_verified_at}, ${hsdsService.mutuo_created_at}) asc`,
      asc(hsdsService.id),
    )
    .limit(filter.perPage)
    .offset((filter.page - 1) * filter.perPage);
  return {
    total: totalRow?.n ?? 0,
    rows: rows.map((r) => ({
      service_id: r.service_id,
      name: r.name,
      status: r.status,
      organization: { id: r.organization_id, name: r.organization_name },
      steward_group:
        r.steward_id && r.steward_name ? { id: r.steward_id, name: r.steward_name } : null,
      verified_at: r.verified_at,
      created_at: r.created_at,
      updated_at: r.updated_at,
      open_suggestions: Number(r.open_suggestions),
    })),
  };
}

/** Everything the edit form shows about one listing (the row as listListings gives it, plus). */
export async function listingDetail(db: Db, row: ListingRow, now: Date): Promise<ListingDetail> {
  const id = row.service_id;
  const [service] = await db.select().from(hsdsService).where(eq(hsdsService.id, id));
  const phones = await db
    .select()
    .from(hsdsPhone)
    .where(eq(hsdsPhone.service_id, id))
    .orderBy(asc(hsdsPhone.id));
  const languages = await db
    .select({ code: hsdsLanguage.code })
    .from(hsdsLanguage)
    .where(and(eq(hsdsLanguage.service_id, id), isNull(hsdsLanguage.location_id)))
    .orderBy(asc(hsdsLanguage.id));
  const access = await db
    .select({ term: hsdsAttribute.taxonomy_term_id })
    .from(hsdsAttribute)
    .where(
      and(eq(hsdsAttribute.link_id, id), inArray(hsdsAttribute.taxonomy_term_id, ACCESS_TERM_IDS)),
    );
  const places = await db
    .select({
      sal_id: hsdsServiceAtLocation.id,
      location_id: hsdsLocation.id,
      name: hsdsLocation.name,
      address_1: hsdsAddress.address_1,
      city: hsdsAddress.city,
    })
    .from(hsdsServiceAtLocation)
    .innerJoin(hsdsLocation, eq(hsdsLocation.id, hsdsServiceAtLocation.location_id))
    .leftJoin(hsdsAddress, eq(hsdsAddress.location_id, hsdsLocation.id))
    .where(eq(hsdsServiceAtLocation.service_id, id))
    .orderBy(asc(hsdsLocation.name), asc(hsdsLocation.id));
  const salIds = places.map((p) => p.sal_id);
  const locationIds = places.map((p) => p.location_id);
  const schedules = await db
    .select()
    .from(hsdsSchedule)
    .where(
      or(
        eq(hsdsSchedule.service_id, id),
        salIds.length ? inArray(hsdsSchedule.service_at_location_id, salIds) : sql`false`,
        locationIds.length
          ? and(
              inArray(hsdsSchedule.location_id, locationIds),
              isNull(hsdsSchedule.service_id),
              isNull(hsdsSchedule.service_at_location_id),
            )
          : sql`false`,
      ),
    )
    .orderBy(asc(hsdsSchedule.id));
  const capacity = await db
    .select({
      unit: hsdsUnit.name,
      available: hsdsServiceCapacity.available,
      maximum: hsdsServiceCapacity.maximum,
      updated: hsdsServiceCapacity.updated,
    })
    .from(hsdsServiceCapacity)
    .innerJoin(hsdsUnit, eq(hsdsUnit.id, hsdsServiceCapacity.unit_id))
    .where(eq(hsdsServiceCapacity.service_id, id))
    .orderBy(desc(hsdsServiceCapacity.updated))
    .limit(1);
  const seen = new Set<string>();
  const serviceOwn = schedules.filter(
    (s) => s.service_id === id && !s.service_at_location_id && !s.location_id,
  );
  return {
    ...presentListingRow(row, now),
    description: service?.description ?? null,
    alert: service?.alert ?? null,
    application_process: service?.application_process ?? null,
    eligibility_description: service?.eligibility_description ?? null,
    fees_description: service?.fees_description ?? null,
    phones: phones.map((p) => ({
      number: p.number,
      extension: p.extension,
      type: p.type,
      description: p.description,
    })),
    languages: languages.flatMap((l) => (l.code ? [l.code] : [])),
    access: access.flatMap((a) => TERM_BY_ID.get(a.term)?.code ?? []),
    places: places
      .filter((p) => !seen.has(p.location_id) && seen.add(p.location_id))
      .map((p) => ({
        location_id: p.location_id,
        name: p.name,
        address: [p.address_1, p.city].filter(Boolean).join(", ") || null,
        hours_text: hoursText(placeRules(schedules, serviceOwn, p.sal_id, p.location_id)),
      })),
    service_hours_text: hoursText(serviceOwn),
    closures: schedules
      .filter((s) => s.mutuo_closed && s.service_id === id && s.valid_from)
      .map((s) => ({
        from: s.valid_from as string,
        to: s.valid_to ?? (s.valid_from as string),
        note: s.description,
      })),
    capacity: capacity[0]
      ? { ...capacity[0], updated: new Date(capacity[0].updated).toISOString() }
      : null,
  };
}

type ScheduleRow = typeof hsdsSchedule.$inferSelect;

/**
 * A place's hours for this service: its own rules when it has some, else the service's (they
 * hold wherever it is offered), else the place's in general.
 */
function placeRules(
  schedules: ScheduleRow[],
  serviceOwn: ScheduleRow[],
  salId: string,
  locationId: string,
): ScheduleRow[] {
  const own = schedules.filter((s) => s.service_at_location_id === salId);
  if (own.length) return own;
  if (serviceOwn.some((s) => !s.mutuo_closed)) return serviceOwn;
  return schedules.filter((s) => s.location_id === locationId && !s.service_id);
}

export function presentListingRow(row: ListingRow, now: Date): ListingOut {
  return {
    ...row,
    verified_at: row.verified_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    stale: isStale(row.verified_at, row.created_at, now),
  };
}

// ---- stewards ----

export async function organizationExists(db: Db, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: hsdsOrganization.id })
    .from(hsdsOrganization)
    .where(eq(hsdsOrganization.id, id))
    .limit(1);
  return !!row;
}

export async function groupName(db: Db, id: string): Promise<string | null> {
  const [row] = await db
    .select({ name: groups.name })
    .from(groups)
    .where(eq(groups.id, id))
    .limit(1);
  return row?.name ?? null;
}

export async function setSteward(
  db: Db,
  input: { organizationId: string; groupId: string | null; userId: string; now: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(hsdsOrganization)
      .set({ mutuo_steward_group_id: input.groupId, mutuo_updated_at: input.now })
      .where(eq(hsdsOrganization.id, input.organizationId));
    await recordAudit(tx, {
      groupId: input.groupId,
      actorId: input.userId,
      action: "directory.steward_set",
      targetType: "hsds_organization",
      targetId: input.organizationId,
      details: { groupId: input.groupId },
    });
  });
}
