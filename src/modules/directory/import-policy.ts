// Who may import into the directory: the instance's network administrators (the directory is
// shared by the whole instance, as in stewardship-policy.ts). Inspecting writes nothing but
// still reads an uploaded file, so it is theirs alone too.
import { definePolicies, type Rule } from "../../server/policy";

const directoryAdmin: Rule = ({ viewer }) =>
  [...viewer.networkRoles.values()].some((roles) => roles.has("admin"));

export const directoryImportPolicy = definePolicies("directoryImport", {
  inspect: directoryAdmin,
  dryRun: directoryAdmin,
  confirm: directoryAdmin,
  history: directoryAdmin,
});
