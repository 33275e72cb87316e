// Who may use a need's thread. The group side: volunteers and up by policy; whether a volunteer
// holds the claim (or the viewer coordinates the group) is checked by the route against the
// claim. The requester's side: whoever holds the status link's token.
import { anyone, definePolicies, inGroup } from "../../server/policy";
import type { Viewer } from "../../server/viewer";
import { coordinates } from "../exchange/policy";

export const messagesPolicy = definePolicies("messages", {
  readThread: inGroup("volunteer"),
  postMessage: inGroup("volunteer"),
  readThreadByToken: anyone,
  postMessageByToken: anyone,
});

/** How the viewer takes part in the thread: as the claiming volunteer, a coordinator, or not. */
export function threadRole(
  viewer: Viewer,
  group: { id: string; networkId: string },
  activeClaim: { volunteerId: string } | null,
): "volunteer" | "coordinator" | null {
  const userId = viewer.user?.id;
  if (!userId) return null;
  if (activeClaim?.volunteerId === userId) return "volunteer";
  if (coordinates(viewer, group)) return "coordinator";
  return null;
}
