// The text-only version of a listing, for an SMS reply or a basic phone: always ONE SMS
// segment (160 GSM-7 characters). Fields go in by priority — name, hours, address, phone,
// access — each trimmed to a budget, and access notes only as far as they fit (decision 0024).
import { type Language, translate } from "../../lib/i18n";
import { localDate, localTime } from "./open-at";
import { type Hours, hoursOn, type ScheduleRule } from "./schedule";
import type { ServicePage } from "./service-page";
import { ACCESS_CODES } from "./taxonomy";

export const SMS_LIMIT = 160;
// Budgets in septets: 36 + 40 + 58 + 20 and three line breaks leave room to spare.
const NAME_BUDGET = 36;
const HOURS_BUDGET = 40;
const ADDRESS_BUDGET = 58;
const PHONE_BUDGET = 20;
/** How far ahead "Opens Tue 9:00-12:00" looks. */
const DAYS_AHEAD = 7;

// GSM 03.38 basic character set (one septet each) and its extension table (two septets each).
const GSM_BASIC = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);
const GSM_EXTENDED = new Set("^{}\\[~]|€\f");
/** Typographic characters people paste, with their plain GSM-7 form. */
const PLAIN: Record<string, string> = {
  "‘": "'",
  "’": "'",
  "“": '"',
  "”": '"',
  "–": "-",
  "—": "-",
  "…": "...",
  "«": '"',
  "»": '"',
  "\t": " ",
  "\u00a0": " ",
};

/** The text in GSM-7: accents GSM-7 lacks are dropped (á → a), other characters become "?". */
export function toGsm7(text: string): string {
  let out = "";
  for (const ch of text) {
    if (GSM_BASIC.has(ch) || GSM_EXTENDED.has(ch)) out += ch;
    else if (PLAIN[ch] !== undefined) out += PLAIN[ch];
    else {
      const base = ch.normalize("NFD").replace(/\p{M}/gu, "");
      out += [...base].every((c) => GSM_BASIC.has(c)) && base.length > 0 ? base : "?";
    }
  }
  return out;
}

/** Septets the text takes in GSM-7 (extension characters take two). */
export function gsm7Length(text: string): number {
  let n = 0;
  for (const ch of text) n += GSM_EXTENDED.has(ch) ? 2 : 1;
  return n;
}

/** The GSM-7 text on one line, cut to `budget` septets with "..." when longer. */
function clip(text: string, budget: number): string {
  const clean = toGsm7(text.replace(/\s+/g, " ").trim());
  if (gsm7Length(clean) <= budget) return clean;
  let out = "";
  for (const ch of clean) {
    if (gsm7Length(out + ch) > budget - 3) break;
    out += ch;
  }
  return `${out.trimEnd()}...`;
}

function hoursText(hours: readonly Hours[]): string {
  return hours.map((h) => `${h.opens.replace(/^0/, "")}-${h.closes.replace(/^0/, "")}`).join(", ");
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** "Open today 9:00-12:00", or the next day it opens, or "Call for hours". */
export function hoursLine(
  rules: readonly ScheduleRule[],
  now: Date,
  zone: string,
  lang: Language,
): string {
  const today = localDate(now, zone);
  const todays = hoursOn(rules, today, zone);
  const clock = localTime(now, zone);
  // Still useful today if an interval has not closed yet (one past midnight closes "tomorrow").
  if (todays.some((h) => h.closes > clock || h.closes <= h.opens)) {
    return translate(lang, "directoryText.open", { hours: hoursText(todays) });
  }
  for (let i = 1; i <= DAYS_AHEAD; i++) {
    const date = addDays(today, i);
    const hours = hoursOn(rules, date, zone);
    if (hours.length) {
      const weekday = ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
      const day = translate(lang, `directoryText.weekday.${weekday}`);
      return translate(lang, "directoryText.opens", { day, hours: hoursText(hours) });
    }
  }
  const hasHours = rules.some((r) => !r.mutuo_closed && r.opens_at);
  return translate(lang, hasHours ? "directoryText.closedToday" : "directoryText.hoursUnknown");
}

/** The listing as one SMS, in the visitor's language. */
export function serviceText(
  page: ServicePage,
  lang: Language,
  ctx: { now: Date; timeZone: string },
): string {
  const { record } = page;
  const place = record.places[0];
  const zone = place?.location.mutuo_time_zone ?? ctx.timeZone;
  const rules = page.rules.get(place?.location.id ?? record.service.id) ?? [];
  const address = place ? (record.addresses.get(place.location.id) ?? []) : [];
  const phone =
    record.phones.find((p) => p.service_id === record.service.id) ?? record.phones[0] ?? null;
  const lines = [
    clip(record.service.name, NAME_BUDGET),
    clip(hoursLine(rules, ctx.now, zone, lang), HOURS_BUDGET),
    address.length ? clip(address.join(", "), ADDRESS_BUDGET) : "",
    phone ? clip(phone.number, PHONE_BUDGET) : "",
  ].filter((l) => l.length > 0);
  let text = lines.join("\n");
  const access = ACCESS_CODES.filter((code) => record.terms.includes(code)).map((code) =>
    clip(translate(lang, `directoryText.access.${code}`), SMS_LIMIT),
  );
  // Access notes fill what is left, one by one, in the taxonomy's order.
  let notes = "";
  for (const note of access) {
    const next = notes ? `${notes}. ${note}` : note;
    if (gsm7Length(`${text}\n${next}`) > SMS_LIMIT) break;
    notes = next;
  }
  if (notes) text = `${text}\n${notes}`;
  return text;
}
