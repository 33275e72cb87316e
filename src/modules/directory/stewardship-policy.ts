// Who may keep listings true. Anyone may suggest a correction; a network's admins see and edit
// every listing (the directory is shared by the whole instance); a partner group's coordinators
// and admins edit their own organization's listings (the route also checks the stewardship).
import { anyone, definePolicies, inGroup, type Rule } from "../../server/policy";

/** An administrator of any network on this instance. */
const directoryAdmin: Rule = ({ viewer }) =>
  [...viewer.networkRoles.values()].some((roles) => roles.has("admin"));

export const stewardshipPolicy = definePolicies("directoryStewardship", {
  suggest: anyone,
  listAll: directoryAdmin,
  editAny: directoryAdmin,
  verifyAny: directoryAdmin,
  assignSteward: directoryAdmin,
  reviewAll: directoryAdmin,
  listOwn: inGroup("coordinator"),
  editOwn: inGroup("coordinator"),
  verifyOwn: inGroup("coordinator"),
  reviewOwn: inGroup("coordinator"),
});
