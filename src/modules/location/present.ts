// The only way lookup results leave the server: label and point, nothing else the geocoder sent.
import type { GeocodeResult } from "./contract";
import type { GeocodeHit } from "./geocoder";

export function presentGeocodeResults(hits: GeocodeHit[]): GeocodeResult[] {
  return hits.map(({ label, lat, lng }) => ({ label, lat, lng }));
}
