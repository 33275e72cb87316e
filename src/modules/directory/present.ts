// What leaves the server about a listing: a search result, or the service page. Listings are
// public institutions' own details (their addresses and phones are meant to be found); Mutuo's
// bookkeeping columns (search document, who verified) never leave.
import type { SearchResult, ServiceDetail } from "./contract";
import { type ListingFacts, type PhoneRow, pgTime, type ServiceRecord } from "./listing";
import type { Hours } from "./schedule";
import { ACCESS_TAXONOMY_ID, TERM_BY_CODE } from "./taxonomy";

/** Characters of the description a result list shows. */
const SUMMARY_LENGTH = 200;

export function shorten(text: string | null | undefined, max = SUMMARY_LENGTH): string {
  const clean = (text ?? "").replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, "")}…`;
}

/** Mutuo term codes split into categories and access requirements. */
export function splitTerms(codes: readonly string[]): { categories: string[]; access: string[] } {
  const categories: string[] = [];
  const access: string[] = [];
  for (const code of codes) {
    const term = TERM_BY_CODE.get(code);
    if (!term) continue;
    (term.taxonomyId === ACCESS_TAXONOMY_ID ? access : categories).push(code);
  }
  return { categories: [...new Set(categories)], access: [...new Set(access)] };
}

function uniqueLanguages(...lists: (readonly string[] | undefined)[]): string[] {
  return [...new Set(lists.flatMap((l) => l ?? []).map((c) => c.toLowerCase()))].sort();
}

export interface EvaluatedRow {
  service_id: string;
  sal_id: string | null;
  location_id: string | null;
  distance_m: number | null;
  open: "open" | "closed" | "unknown";
  zone: string;
}

export function presentSearchResult(
  row: EvaluatedRow,
  facts: ListingFacts,
  extra: { today: Hours[]; stale: boolean },
): SearchResult {
  const service = facts.services.get(row.service_id);
  const place = row.location_id ? facts.locations.get(row.location_id) : undefined;
  const { categories, access } = splitTerms(facts.terms.get(row.service_id) ?? []);
  return {
    service_id: row.service_id,
    service_at_location_id: row.sal_id,
    location_id: row.location_id,
    name: service?.name ?? "",
    organization_name: service?.organizationName ?? "",
    summary: shorten(service?.description),
    address: place?.address.length ? place.address.join(", ") : null,
    lat: place?.lat ?? null,
    lng: place?.lng ?? null,
    distance_m: row.distance_m === null ? null : Math.round(row.distance_m),
    open: row.open,
    today: extra.today,
    time_zone: row.zone,
    categories,
    access,
    languages: uniqueLanguages(
      facts.languages.get(row.service_id),
      row.location_id ? facts.languages.get(row.location_id) : undefined,
    ),
    verified_at: service?.verifiedAt?.toISOString() ?? null,
    stale: extra.stale,
  };
}

export function presentPhone(p: PhoneRow): ServiceDetail["phones"][number] {
  return { number: p.number, extension: p.extension, type: p.type, description: p.description };
}

/** A maps link from the configured template ({lat}, {lng}); null for a place that is not real. */
export function directionsUrl(
  template: string,
  lat: number | null,
  lng: number | null,
): string | null {
  if (lat === null || lng === null) return null;
  return template.replaceAll("{lat}", String(lat)).replaceAll("{lng}", String(lng));
}

/** What the service page shows of one place, already evaluated by the caller. */
export interface PlaceView {
  open: "open" | "closed" | "unknown";
  today: Hours[];
  week: ServiceDetail["locations"][number]["week"];
  otherHours: string[];
  closures: ServiceDetail["locations"][number]["closures"];
  zone: string;
}

export function presentServiceDetail(
  record: ServiceRecord,
  view: {
    places: Map<string, PlaceView>;
    directions: string;
    canEdit: boolean;
    stale: boolean;
  },
): ServiceDetail {
  const { service, organization } = record;
  const { categories, access } = splitTerms(record.terms);
  const own = record.phones.filter((p) => p.service_id === service.id && !p.location_id);
  return {
    id: service.id,
    name: service.name,
    alternate_name: service.alternate_name,
    description: service.description,
    status: service.status,
    organization: { id: organization.id, name: organization.name, website: organization.website },
    url: service.url,
    email: service.email,
    application_process: service.application_process,
    eligibility_description: service.eligibility_description,
    fees_description: service.fees_description,
    interpretation_services: service.interpretation_services,
    alert: service.alert,
    phones: own.map(presentPhone),
    languages: uniqueLanguages(record.languages.get(service.id)),
    required_documents: record.requiredDocuments,
    categories,
    access,
    capacity: record.capacity,
    cost_options: record.costOptions,
    locations: record.places.flatMap(({ sal, location }) => {
      const placeView = view.places.get(location.id);
      if (!placeView) return [];
      const lat = location.mutuo_placed ? location.latitude : null;
      const lng = location.mutuo_placed ? location.longitude : null;
      return [
        {
          location_id: location.id,
          service_at_location_id: sal?.id ?? null,
          name: location.name,
          address: record.addresses.get(location.id) ?? [],
          lat,
          lng,
          directions_url: directionsUrl(view.directions, lat, lng),
          time_zone: placeView.zone,
          open: placeView.open,
          today: placeView.today,
          week: placeView.week,
          other_hours: placeView.otherHours,
          closures: placeView.closures,
          phones: record.phones
            .filter(
              (p) =>
                p.location_id === location.id ||
                (sal !== null && p.service_at_location_id === sal.id),
            )
            .map(presentPhone),
          languages: uniqueLanguages(record.languages.get(location.id)),
          accessibility: record.accessibility.get(location.id) ?? [],
          transportation: location.transportation,
        },
      ];
    }),
    verified_at: service.mutuo_verified_at?.toISOString() ?? null,
    stale: view.stale,
    last_modified: pgTime(service.last_modified)?.toISOString() ?? null,
    can_edit: view.canEdit,
  };
}
