// IANA time zones the runtime knows (Intl), for validating group and network settings.
const zones = new Set<string>([...Intl.supportedValuesOf("timeZone"), "UTC"]);

export function isTimeZone(value: string): boolean {
  return zones.has(value);
}
