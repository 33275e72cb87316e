// What a listing shows, read in a few batched queries (never one query per result): the facts
// of a page of search results, and everything the service page needs.
import { and, eq, inArray, or } from "drizzle-orm";
import type { Db } from "../../db/connect";
import {
  hsdsAccessibility,
  hsdsAddress,
  hsdsAttribute,
  hsdsCostOption,
  hsdsLanguage,
  hsdsLocation,
  hsdsOrganization,
  hsdsPhone,
  hsdsRequiredDocument,
  hsdsService,
  hsdsServiceAtLocation,
  hsdsServiceCapacity,
  hsdsUnit,
} from "./schema";
import { TERM_BY_ID } from "./taxonomy";

export interface ServiceFacts {
  name: string;
  description: string | null;
  organizationName: string;
  verifiedAt: Date | null;
  /** When it arrived here: the stale clock of a never-verified listing starts then. */
  createdAt: Date;
}

export interface LocationFacts {
  lat: number | null;
  lng: number | null;
  /** Address lines as on an envelope: street, then city region postal code. */
  address: string[];
}

export interface ListingFacts {
  services: Map<string, ServiceFacts>;
  locations: Map<string, LocationFacts>;
  /** Language codes by service id and by location id. */
  languages: Map<string, string[]>;
  /** Mutuo term codes by service id. */
  terms: Map<string, string[]>;
}

/** A timestamp column read in string mode ("2026-01-02 03:04:05+00") as a Date. */
export function pgTime(value: string | null | undefined): Date | null {
  if (!value) return null;
  const iso = value.replace(" ", "T").replace(/([+-]\d{2})$/, "$1:00");
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

function push<K, V>(map: Map<K, V[]>, key: K | null, value: V): void {
  if (key === null) return;
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Address lines of a place: its physical address if any, else its first. */
export function addressLines(a: typeof hsdsAddress.$inferSelect): string[] {
  const street = [a.address_1, a.address_2].filter(Boolean).join(", ");
  const town = [a.city, [a.state_province, a.postal_code].filter(Boolean).join(" ")]
    .filter(Boolean)
    .join(", ");
  return [street, town].filter((line) => line.length > 0);
}

async function addressesOf(db: Db, locationIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (locationIds.length === 0) return out;
  const rows = await db
    .select()
    .from(hsdsAddress)
    .where(inArray(hsdsAddress.location_id, locationIds));
  rows.sort(
    (a, b) => Number(b.address_type === "physical") - Number(a.address_type === "physical"),
  );
  for (const row of rows) {
    if (row.location_id && !out.has(row.location_id)) out.set(row.location_id, addressLines(row));
  }
  return out;
}

export async function languagesOf(
  db: Db,
  serviceIds: string[],
  locationIds: string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const where = [
    serviceIds.length ? inArray(hsdsLanguage.service_id, serviceIds) : undefined,
    locationIds.length ? inArray(hsdsLanguage.location_id, locationIds) : undefined,
  ].filter((c) => c !== undefined);
  if (where.length === 0) return out;
  const rows = await db
    .select()
    .from(hsdsLanguage)
    .where(or(...where));
  for (const row of rows) {
    const code = row.code ?? row.name;
    if (!code) continue;
    push(out, row.service_id, code);
    push(out, row.location_id, code);
  }
  return out;
}

/** Mutuo category and access codes of each service. */
export async function termsOf(db: Db, serviceIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (serviceIds.length === 0) return out;
  const rows = await db
    .select({ link: hsdsAttribute.link_id, term: hsdsAttribute.taxonomy_term_id })
    .from(hsdsAttribute)
    .where(
      and(eq(hsdsAttribute.link_entity, "service"), inArray(hsdsAttribute.link_id, serviceIds)),
    );
  for (const row of rows) {
    const term = TERM_BY_ID.get(row.term);
    if (term) push(out, row.link, term.code);
  }
  return out;
}

/** The facts a page of results shows, in five queries whatever the page size. */
export async function loadListingFacts(
  db: Db,
  rows: readonly { service_id: string; location_id: string | null }[],
): Promise<ListingFacts> {
  const serviceIds = [...new Set(rows.map((r) => r.service_id))];
  const locationIds = [
    ...new Set(rows.map((r) => r.location_id).filter((id): id is string => !!id)),
  ];
  const [services, places, addresses, languages, terms] = await Promise.all([
    serviceIds.length
      ? db
          .select({
            id: hsdsService.id,
            name: hsdsService.name,
            description: hsdsService.description,
            organizationName: hsdsOrganization.name,
            verifiedAt: hsdsService.mutuo_verified_at,
            createdAt: hsdsService.mutuo_created_at,
          })
          .from(hsdsService)
          .leftJoin(hsdsOrganization, eq(hsdsOrganization.id, hsdsService.organization_id))
          .where(inArray(hsdsService.id, serviceIds))
      : [],
    locationIds.length
      ? db
          .select({
            id: hsdsLocation.id,
            lat: hsdsLocation.latitude,
            lng: hsdsLocation.longitude,
            placed: hsdsLocation.mutuo_placed,
          })
          .from(hsdsLocation)
          .where(inArray(hsdsLocation.id, locationIds))
      : [],
    addressesOf(db, locationIds),
    languagesOf(db, serviceIds, locationIds),
    termsOf(db, serviceIds),
  ]);
  return {
    services: new Map(
      services.map((s) => [
        s.id,
        {
          name: s.name,
          description: s.description,
          organizationName: s.organizationName ?? "",
          verifiedAt: s.verifiedAt,
          createdAt: s.createdAt,
        },
      ]),
    ),
    locations: new Map(
      places.map((l) => [
        l.id,
        {
          // Points that are not real (0,0 or out of range) are never shown on a map.
          lat: l.placed ? l.lat : null,
          lng: l.placed ? l.lng : null,
          address: addresses.get(l.id) ?? [],
        },
      ]),
    ),
    languages,
    terms,
  };
}

// ---- the service page ----

export type ServiceRow = typeof hsdsService.$inferSelect;
export type LocationRow = typeof hsdsLocation.$inferSelect;
export type PhoneRow = typeof hsdsPhone.$inferSelect;

export interface ServiceRecord {
  service: ServiceRow;
  organization: { id: string; name: string; website: string | null; stewardGroupId: string | null };
  places: { sal: { id: string } | null; location: LocationRow }[];
  phones: PhoneRow[];
  addresses: Map<string, string[]>;
  languages: Map<string, string[]>;
  terms: string[];
  requiredDocuments: string[];
  capacity: { unit: string; available: number; maximum: number | null; updated: string }[];
  costOptions: { option: string | null; amount: number | null; currency: string | null }[];
  accessibility: Map<string, string[]>;
}

/** Everything the service page shows, or null when there is no such service. */
export async function loadServiceRecord(db: Db, serviceId: string): Promise<ServiceRecord | null> {
  const [service] = await db.select().from(hsdsService).where(eq(hsdsService.id, serviceId));
  if (!service) return null;
  const places = await db
    .select({ sal: { id: hsdsServiceAtLocation.id }, location: hsdsLocation })
    .from(hsdsServiceAtLocation)
    .innerJoin(hsdsLocation, eq(hsdsLocation.id, hsdsServiceAtLocation.location_id))
    .where(eq(hsdsServiceAtLocation.service_id, serviceId))
    .orderBy(hsdsLocation.name, hsdsLocation.id);
  const locationIds = places.map((p) => p.location.id);
  const salIds = places.map((p) => p.sal.id);
  const [organization, phones, addresses, languages, terms, documents, capacity, costs, access] =
    await Promise.all([
      db
        .select({
          id: hsdsOrganization.id,
          name: hsdsOrganization.name,
          website: hsdsOrganization.website,
          stewardGroupId: hsdsOrganization.mutuo_steward_group_id,
        })
        .from(hsdsOrganization)
        .where(eq(hsdsOrganization.id, service.organization_id)),
      phonesOf(db, serviceId, locationIds, salIds),
      addressesOf(db, locationIds),
      languagesOf(db, [serviceId], locationIds),
      termsOf(db, [serviceId]),
      db
        .select({ document: hsdsRequiredDocument.document })
        .from(hsdsRequiredDocument)
        .where(eq(hsdsRequiredDocument.service_id, serviceId)),
      db
        .select({
          unit: hsdsUnit.name,
          available: hsdsServiceCapacity.available,
          maximum: hsdsServiceCapacity.maximum,
          updated: hsdsServiceCapacity.updated,
        })
        .from(hsdsServiceCapacity)
        .innerJoin(hsdsUnit, eq(hsdsUnit.id, hsdsServiceCapacity.unit_id))
        .where(eq(hsdsServiceCapacity.service_id, serviceId))
        .orderBy(hsdsUnit.name),
      db
        .select({
          option: hsdsCostOption.option,
          amount: hsdsCostOption.amount,
          currency: hsdsCostOption.currency,
        })
        .from(hsdsCostOption)
        .where(eq(hsdsCostOption.service_id, serviceId)),
      accessibilityOf(db, locationIds),
    ]);
  const org = organization[0];
  return {
    service,
    organization: org ?? {
      id: service.organization_id,
      name: "",
      website: null,
      stewardGroupId: null,
    },
    places,
    phones,
    addresses,
    languages,
    terms: terms.get(serviceId) ?? [],
    requiredDocuments: documents.map((d) => d.document).filter((d): d is string => !!d),
    capacity: capacity.map((c) => ({
      ...c,
      updated: pgTime(c.updated)?.toISOString() ?? c.updated,
    })),
    costOptions: costs,
    accessibility: access,
  };
}

async function phonesOf(
  db: Db,
  serviceId: string,
  locationIds: string[],
  salIds: string[],
): Promise<PhoneRow[]> {
  const where = [
    eq(hsdsPhone.service_id, serviceId),
    locationIds.length ? inArray(hsdsPhone.location_id, locationIds) : undefined,
    salIds.length ? inArray(hsdsPhone.service_at_location_id, salIds) : undefined,
  ].filter((c) => c !== undefined);
  return db
    .select()
    .from(hsdsPhone)
    .where(or(...where))
    .orderBy(hsdsPhone.number);
}

async function accessibilityOf(db: Db, locationIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (locationIds.length === 0) return out;
  const rows = await db
    .select()
    .from(hsdsAccessibility)
    .where(inArray(hsdsAccessibility.location_id, locationIds));
  for (const row of rows) {
    const text = row.description ?? row.details;
    if (text) push(out, row.location_id, text);
  }
  return out;
}
