// The IANA time zones a person can choose from, and finding one by typing part of its name.

/** Every zone this browser knows, sorted, with UTC. */
export function timeZoneList(): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf("timeZone");
  } catch {
    zones = [];
  }
  return [...new Set([...zones, "UTC"])].sort();
}

/** The device's own zone, when it is a real one. */
export function deviceTimeZone(): string | undefined {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return zone && zone !== "Etc/Unknown" ? zone : undefined;
  } catch {
    return undefined;
  }
}

/** "America/Argentina/Buenos_Aires" → "America / Argentina / Buenos Aires". */
export function timeZoneLabel(zone: string): string {
  return zone.replace(/_/g, " ").split("/").join(" / ");
}

function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[_/\s-]+/g, " ")
    .trim();
}

/**
 * The zones whose name contains every word typed ("mexico city", "méxico", "buenos aires"),
 * always keeping `keep` (the chosen one) so the list never loses the current choice.
 */
export function filterTimeZones(zones: string[], query: string, keep?: string): string[] {
  const words = fold(query).split(" ").filter(Boolean);
  if (words.length === 0) return zones;
  const matches = zones.filter((zone) => {
    const name = fold(zone);
    return words.every((word) => name.includes(word));
  });
  if (keep && zones.includes(keep) && !matches.includes(keep)) return [keep, ...matches];
  return matches;
}
