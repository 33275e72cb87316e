// Calls for keeping listings true: the network-wide routes when no group is given, a steward
// group's own routes otherwise (same shapes, see stewardship-contract.ts).
import type {
  ListingDetail,
  ListingEdit,
  ListingsResponse,
  SuggestionOut,
  SuggestionStatusValue,
  SuggestionsResponse,
} from "../../../modules/directory/stewardship-contract";
import { apiFetch } from "../../lib/api";

const v1 = "/api/v1";

function base(groupId: string | null): string {
  return groupId ? `${v1}/groups/${encodeURIComponent(groupId)}/directory` : `${v1}/directory`;
}

export const stewardshipKeys = {
  listings: (groupId: string | null, query: Record<string, string>) =>
    ["directory", "listings", groupId, query] as const,
  suggestions: (groupId: string | null, status: string) =>
    ["directory", "suggestions", groupId, status] as const,
  all: ["directory"] as const,
};

export function listListings(
  groupId: string | null,
  query: Record<string, string>,
  signal?: AbortSignal,
): Promise<ListingsResponse> {
  const search = new URLSearchParams(query);
  const suffix = search.size ? `?${search}` : "";
  return apiFetch<ListingsResponse>(`${base(groupId)}/listings${suffix}`, { signal });
}

export function verifyListing(groupId: string | null, serviceId: string) {
  return apiFetch(`${base(groupId)}/services/${encodeURIComponent(serviceId)}/verify`, {
    method: "POST",
  });
}

export function editListing(
  groupId: string | null,
  serviceId: string,
  edit: ListingEdit,
): Promise<ListingDetail> {
  return apiFetch<ListingDetail>(`${base(groupId)}/services/${encodeURIComponent(serviceId)}`, {
    method: "PATCH",
    json: edit,
  });
}

export function setSteward(organizationId: string, groupId: string | null) {
  return apiFetch(`${v1}/directory/organizations/${encodeURIComponent(organizationId)}/steward`, {
    method: "PUT",
    json: { groupId },
  });
}

export function listSuggestions(
  groupId: string | null,
  status: SuggestionStatusValue | "",
  signal?: AbortSignal,
): Promise<SuggestionsResponse> {
  const suffix = status ? `?status=${status}` : "";
  return apiFetch<SuggestionsResponse>(`${base(groupId)}/suggestions${suffix}`, { signal });
}

export function reviewSuggestion(
  groupId: string | null,
  suggestionId: string,
  status: "accepted" | "dismissed",
  note: string,
): Promise<SuggestionOut> {
  return apiFetch<SuggestionOut>(
    `${base(groupId)}/suggestions/${encodeURIComponent(suggestionId)}`,
    { method: "POST", json: { status, ...(note.trim() ? { note: note.trim() } : {}) } },
  );
}

/** Where a listing is edited: under its steward group (network admins may act there too). */
/** The edit page: the steward group's, or the network admins' when no group is in view. */
export function editPath(serviceId: string, groupId: string | null): string {
  return groupId
    ? `/groups/${groupId}/directory/services/${serviceId}`
    : `/directory/listings/${serviceId}`;
}
