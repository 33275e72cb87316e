// The service page: a listing with each place's hours in the place's own time zone, evaluated
// at `now`, and whether the viewer may edit it.
import type { Db } from "../../db/connect";
import type { Language } from "../../lib/i18n";
import { roleAtLeast, type Viewer } from "../../server/viewer";
import type { ServiceDetail } from "./contract";
import { loadServiceRecord, type ServiceRecord } from "./listing";
import { localDate } from "./open-at";
import { type PlaceView, presentServiceDetail } from "./present";
import {
  hoursOn,
  openAt,
  otherRules,
  type ScheduleRule,
  upcomingClosures,
  weeklyHours,
} from "./schedule";
import { loadSchedules, rulesFor } from "./search";
import { isStale } from "./stewardship-model";

/** Closures shown ahead on the page. */
const CLOSURES_AHEAD_DAYS = 60;

export interface PageContext {
  now: Date;
  lang: Language;
  /** Where a place without its own time zone keeps its hours. */
  timeZone: string;
  directionsUrl: string;
}

export function placeView(
  rules: readonly ScheduleRule[],
  zone: string,
  now: Date,
  lang: Language,
): PlaceView {
  const today = localDate(now, zone);
  return {
    open: openAt(rules, now, zone),
    today: hoursOn(rules, today, zone),
    week: weeklyHours(rules),
    otherHours: otherRules(rules, lang),
    closures: upcomingClosures(rules, today, CLOSURES_AHEAD_DAYS).map((c) => ({
      from: c.from,
      to: c.to,
      note: c.description,
    })),
    zone,
  };
}

/** A network admin, or a coordinator (or admin) of the organization's steward group. */
export function canEditListing(viewer: Viewer, stewardGroupId: string | null): boolean {
  for (const roles of viewer.networkRoles.values()) if (roles.has("admin")) return true;
  return !!stewardGroupId && roleAtLeast(viewer.groupRoles.get(stewardGroupId), "coordinator");
}

export interface ServicePage {
  record: ServiceRecord;
  /** The rules of each place by location id, and of the service itself (key: service id). */
  rules: Map<string, ScheduleRule[]>;
}

/** The listing and its rules, or null when there is no such service. */
export async function loadServicePage(db: Db, serviceId: string): Promise<ServicePage | null> {
  const record = await loadServiceRecord(db, serviceId);
  if (!record) return null;
  const schedules = await loadSchedules(db, {
    serviceIds: [serviceId],
    locationIds: record.places.map((p) => p.location.id),
    salIds: record.places.flatMap((p) => (p.sal ? [p.sal.id] : [])),
  });
  const rules = new Map<string, ScheduleRule[]>();
  rules.set(serviceId, rulesFor(schedules, serviceId, null, null));
  for (const { sal, location } of record.places) {
    rules.set(location.id, rulesFor(schedules, serviceId, sal?.id ?? null, location.id));
  }
  return { record, rules };
}

export function presentServicePage(
  page: ServicePage,
  viewer: Viewer,
  ctx: PageContext,
): ServiceDetail {
  const { record } = page;
  const places = new Map<string, PlaceView>();
  for (const { location } of record.places) {
    const zone = location.mutuo_time_zone ?? ctx.timeZone;
    places.set(location.id, placeView(page.rules.get(location.id) ?? [], zone, ctx.now, ctx.lang));
  }
  return presentServiceDetail(record, {
    places,
    directions: ctx.directionsUrl,
    canEdit: canEditListing(viewer, record.organization.stewardGroupId),
    stale: isStale(record.service.mutuo_verified_at, record.service.mutuo_created_at, ctx.now),
  });
}
