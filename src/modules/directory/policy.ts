// Who may read the directory: everyone. Listings are public institutions' own details, so
// search, the service page, its text version and the HSDS API need no account.
import { anyone, definePolicies } from "../../server/policy";

export const directoryPolicy = definePolicies("directory", {
  search: anyone,
  viewService: anyone,
  serviceText: anyone,
  /** The Open Referral HSDS API under /hsds: read-only, for other systems. */
  hsdsRead: anyone,
});
