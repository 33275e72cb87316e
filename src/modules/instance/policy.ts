import { anyone, definePolicies } from "../../server/policy";

// Anyone may read the installation's public description.
export const instancePolicy = definePolicies("instance", {
  readMeta: anyone,
});
