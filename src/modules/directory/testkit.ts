// Directory listings for tests: an organization, a service, its places, hours, phones,
// languages and Mutuo terms written straight into the hsds_* tables, then its search document.
import { uuidv7 } from "uuidv7";
import type { Db } from "../../db/connect";
import {
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
} from "./schema";
import { refreshSearchDocs } from "./search-doc";
import { TERM_BY_CODE } from "./taxonomy";

export interface WeeklyHours {
  /** RRULE days: "MO,WE,FR". */
  byday: string;
  opens: string;
  closes: string;
}

export interface ListingSpec {
  name: string;
  description?: string;
  organization?: { id?: string; name?: string; stewardGroupId?: string | null };
  status?: string;
  test?: boolean;
  verifiedAt?: Date | null;
  /** When it arrived here (defaults to now). */
  createdAt?: Date;
  lastModified?: Date | null;
  /** A place (omit for a service without one). */
  at?: {
    lat: number;
    lng: number;
    name?: string;
    timeZone?: string | null;
    placed?: boolean;
    address?: { street: string; city: string; region: string; postal: string };
    phone?: string;
    languages?: string[];
  };
  hours?: WeeklyHours[];
  /** Closed on this date range (a holiday), local dates. */
  closed?: { from: string; to: string };
  phone?: string;
  languages?: string[];
  /** Mutuo term codes (categories and access). */
  terms?: string[];
  capacity?: { unit: string; available: number; maximum?: number; updated: Date };
}

export interface SeededListing {
  serviceId: string;
  organizationId: string;
  locationId: string | null;
  serviceAtLocationId: string | null;
}

export async function seedListing(db: Db, spec: ListingSpec): Promise<SeededListing> {
  const organizationId = spec.organization?.id ?? uuidv7();
  await db
    .insert(hsdsOrganization)
    .values({
      id: organizationId,
      name: spec.organization?.name ?? `${spec.name} org`,
      description: "",
      mutuo_steward_group_id: spec.organization?.stewardGroupId ?? null,
      mutuo_test: spec.test ?? false,
    })
    .onConflictDoNothing();
  const serviceId = uuidv7();
  await db.insert(hsdsService).values({
    id: serviceId,
    organization_id: organizationId,
    name: spec.name,
    description: spec.description ?? null,
    status: spec.status ?? "active",
    mutuo_test: spec.test ?? false,
    mutuo_verified_at: spec.verifiedAt ?? null,
    ...(spec.createdAt ? { mutuo_created_at: spec.createdAt } : {}),
    last_modified: spec.lastModified?.toISOString() ?? null,
  });
  const place = spec.at ? await seedPlace(db, organizationId, serviceId, spec.at) : null;
  for (const h of spec.hours ?? []) {
    await db.insert(hsdsSchedule).values({
      id: uuidv7(),
      service_id: serviceId,
      freq: "WEEKLY",
      byday: h.byday,
      opens_at: h.opens,
      closes_at: h.closes,
    });
  }
  if (spec.closed) {
    await db.insert(hsdsSchedule).values({
      id: uuidv7(),
      service_id: serviceId,
      valid_from: spec.closed.from,
      valid_to: spec.closed.to,
      mutuo_closed: true,
      description: "Holiday",
    });
  }
  if (spec.phone) {
    await db.insert(hsdsPhone).values({ id: uuidv7(), service_id: serviceId, number: spec.phone });
  }
  for (const code of spec.languages ?? []) {
    await db.insert(hsdsLanguage).values({ id: uuidv7(), service_id: serviceId, code });
  }
  for (const code of spec.terms ?? []) {
    const term = TERM_BY_CODE.get(code);
    if (!term) throw new Error(`unknown Mutuo term ${code}`);
    await db.insert(hsdsAttribute).values({
      id: uuidv7(),
      link_id: serviceId,
      link_entity: "service",
      taxonomy_term_id: term.id,
    });
  }
  if (spec.capacity) await seedCapacity(db, serviceId, spec.capacity);
  await refreshSearchDocs(db, { serviceIds: [serviceId] });
  return {
    serviceId,
    organizationId,
    locationId: place?.locationId ?? null,
    serviceAtLocationId: place?.salId ?? null,
  };
}

async function seedPlace(
  db: Db,
  organizationId: string,
  serviceId: string,
  at: NonNullable<ListingSpec["at"]>,
): Promise<{ locationId: string; salId: string }> {
  const locationId = uuidv7();
  const salId = uuidv7();
  await db.insert(hsdsLocation).values({
    id: locationId,
    location_type: "physical",
    organization_id: organizationId,
    name: at.name ?? null,
    latitude: at.lat,
    longitude: at.lng,
    mutuo_time_zone: at.timeZone === undefined ? "America/Los_Angeles" : at.timeZone,
    mutuo_placed: at.placed ?? true,
  });
  await db
    .insert(hsdsServiceAtLocation)
    .values({ id: salId, service_id: serviceId, location_id: locationId });
  if (at.address) {
    await db.insert(hsdsAddress).values({
      id: uuidv7(),
      location_id: locationId,
      address_1: at.address.street,
      city: at.address.city,
      state_province: at.address.region,
      postal_code: at.address.postal,
      country: "US",
      address_type: "physical",
    });
  }
  if (at.phone) {
    await db.insert(hsdsPhone).values({ id: uuidv7(), location_id: locationId, number: at.phone });
  }
  for (const code of at.languages ?? []) {
    await db.insert(hsdsLanguage).values({ id: uuidv7(), location_id: locationId, code });
  }
  return { locationId, salId };
}

async function seedCapacity(
  db: Db,
  serviceId: string,
  capacity: NonNullable<ListingSpec["capacity"]>,
): Promise<void> {
  const unitId = uuidv7();
  await db.insert(hsdsUnit).values({ id: unitId, name: capacity.unit });
  await db.insert(hsdsServiceCapacity).values({
    id: uuidv7(),
    service_id: serviceId,
    unit_id: unitId,
    available: capacity.available,
    maximum: capacity.maximum ?? null,
    updated: capacity.updated.toISOString(),
  });
}
