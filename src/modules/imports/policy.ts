// Who may import spreadsheets into a group: its coordinators and admins, and network admins.
import { definePolicies, inGroup } from "../../server/policy";

export const importsPolicy = definePolicies("imports", {
  /** Reading a file's columns writes nothing but still handles personal data. */
  readColumns: inGroup("coordinator"),
  dryRun: inGroup("coordinator"),
  confirm: inGroup("coordinator"),
});
