import { anyone, definePolicies } from "../../server/policy";

// Setup is open to anyone exactly once: the route refuses when it is already done.
export const setupPolicy = definePolicies("setup", {
  status: anyone,
  run: anyone,
});
