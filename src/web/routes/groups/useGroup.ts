import { useQuery } from "@tanstack/react-query";
import { useParams } from "react-router";
import { getGroup, groupKeys } from "../../lib/groupsApi";

/** The group named in the address (`/groups/:groupId/...`). */
export function useGroup() {
  const groupId = useParams().groupId ?? "";
  const group = useQuery({
    queryKey: groupKeys.detail(groupId),
    queryFn: ({ signal }) => getGroup(groupId, signal),
  });
  return { groupId, group };
}
