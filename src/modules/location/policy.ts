import { anyone, definePolicies } from "../../server/policy";

// Looking up an address is part of asking for help, which needs no account; the per-IP and
// instance-wide rate limits (routes.ts) keep the upstream geocoder's usage policy.
export const locationPolicy = definePolicies("location", {
  geocode: anyone,
});
