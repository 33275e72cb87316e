// What a listing shows, read in a few batched queries (never one query per result): the facts
// of a page of search results, and everything the service page needs.
import { and, eq, inArray, or, type SQL, sql } from "drizzle-orm";
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

/** One uuid[] parameter, however many ids. */
function uuidArray(ids: readonly string[]): SQL {
  return sql`${`{${ids.join(",")}}`}::uuid[]`;
}

/** A row of the facts query: which fact (`k`), whose (`id`), and its values (`v`). */
interface FactRow {
  k: "service" | "place" | "address" | "language" | "term";
  id: string;
  v: unknown[];
}

/**
 * The facts a page of results shows, in one query whatever the page size (one round trip: a
 * search waits for it after choosing its page).
 */
export async function loadListingFacts(
  db: Db,
  rows: readonly { service_id: string; location_id: string | null }[],
): Promise<ListingFacts> {
  const serviceIds = [...new Set(rows.map((r) => r.service_id))];
  const locationIds = [
    ...new Set(rows.map((r) => r.location_id).filter((id): id is string => !!id)),
  ];
  const facts: ListingFacts = {
    services: new Map(),
    locations: new Map(),
    languages: new Map(),
    terms: new Map(),
  };
  if (serviceIds.length === 0) return facts;
  const services = uuidArray(serviceIds);
  const places = uuidArray(locationIds);
  const result: unknown = await db.execute(sql`
    select 'service' as k, s.id, json_build_array(s.name, s.description, o.name,
           s.mutuo_verified_at, s.mutuo_created_at) as v
    from hsds_service s left join hsds_organization o on o.id = s.organization_id
    where s.id = any(${services})
    union all
    select 'place', l.id, json_build_array(l.latitude, l.longitude, l.mutuo_placed)
    from hsds_location l where l.id = any(${places})
    union all
    select 'address', a.location_id, json_build_array(a.address_type = 'physical', a.address_1,
           a.address_2, a.city, a.state_province, a.postal_code)
    from hsds_address a where a.location_id = any(${places})
    union all
    select 'language', coalesce(lg.service_id, lg.location_id),
           json_build_array(coalesce(lg.code, lg.name), lg.service_id is not null and lg.service_id = any(${services}),
                            lg.location_id is not null and lg.location_id = any(${places}),
                            lg.service_id, lg.location_id)
    from hsds_language lg where lg.service_id = any(${services}) or lg.location_id = any(${places})
    union all
    select 'term', a.link_id, json_build_array(a.taxonomy_term_id)
    from hsds_attribute a where a.link_entity = 'service' and a.link_id = any(${services})`);
  const all = (result as { rows: FactRow[] }).rows;
  const addresses = new Map<string, { physical: boolean; lines: string[] }>();
  for (const { k, id, v } of all) {
    if (k === "service") {
      const [name, description, organizationName, verifiedAt, createdAt] = v as (string | null)[];
      facts.services.set(id, {
        name: name ?? "",
        description: description ?? null,
        organizationName: organizationName ?? "",
        verifiedAt: verifiedAt ? new Date(verifiedAt) : null,
        createdAt: new Date(createdAt ?? 0),
      });
    } else if (k === "place") {
      const [lat, lng, placed] = v as [number | null, number | null, boolean];
      // Points that are not real (0,0 or out of range) are never shown on a map.
      facts.locations.set(id, {
        lat: placed ? lat : null,
        lng: placed ? lng : null,
        address: [],
      });
    } else if (k === "address") {
      const [physical, address_1, address_2, city, state_province, postal_code] = v as [
        boolean,
        ...(string | null)[],
      ];
      // Its physical address if any, else its first.
      if (addresses.has(id) && (addresses.get(id)?.physical || !physical)) continue;
      const lines = addressLines({
        address_1,
        address_2,
        city,
        state_province,
        postal_code,
      } as typeof hsdsAddress.$inferSelect);
      addresses.set(id, { physical, lines });
    } else if (k === "language") {
      const [code, ofService, ofPlace, serviceId, locationId] = v as [
        string | null,
        boolean,
        boolean,
        string | null,
        string | null,
      ];
      if (!code) continue;
      if (ofService) push(facts.languages, serviceId, code);
      if (ofPlace) push(facts.languages, locationId, code);
    } else {
      const term = TERM_BY_ID.get(v[0] as string);
      if (term) push(facts.terms, id, term.code);
    }
  }
  for (const [id, place] of facts.locations) place.address = addresses.get(id)?.lines ?? [];
  return facts;
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
