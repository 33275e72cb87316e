// The offers API for the web app: offering help, the offerer's status link, the group's list,
// one offer (contact for coordinators) and recording a use.
import type { z } from "zod";
import type { BoardNeedView } from "../../../modules/exchange/contract";
import type {
  OfferStatusView,
  OffersQuery,
  OfferView,
  PostOfferRequest,
  PublicOfferView,
  postOfferResponse,
  UseOfferRequest,
} from "../../../modules/offers/contract";
import { apiFetch } from "../../lib/api";
import { tabStorage } from "../../lib/navigation";

export type { OfferStatusView, OffersQuery, OfferView, PostOfferRequest, PublicOfferView };
export type OfferKind = PostOfferRequest["kind"] & string;
/** Ongoing first: the kind of offer a group most wants to hear about. */
export const OFFER_KINDS: OfferKind[] = ["ongoing", "once"];
export type PostOfferResult = z.infer<typeof postOfferResponse>;

const group = (groupId: string) => `/api/v1/groups/${encodeURIComponent(groupId)}`;

export const offerKeys = {
  list: (groupId: string, query: OffersQuery) => ["offers", groupId, query] as const,
  all: (groupId: string) => ["offers", groupId] as const,
  status: (token: string | null) => ["offerStatus", token] as const,
};

export function postOffer(groupId: string, body: PostOfferRequest): Promise<PostOfferResult> {
  return apiFetch(`${group(groupId)}/offers`, { method: "POST", json: body });
}

export function offerStatus(token: string, signal?: AbortSignal): Promise<OfferStatusView> {
  return apiFetch("/api/v1/offers/status", { method: "POST", json: { token }, signal });
}

export function withdrawOffer(token: string): Promise<OfferStatusView> {
  return apiFetch("/api/v1/offers/status/withdraw", { method: "POST", json: { token } });
}

export async function listOffers(
  groupId: string,
  query: OffersQuery,
  signal?: AbortSignal,
): Promise<PublicOfferView[]> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) search.set(key, value);
  const suffix = search.toString();
  const answer = await apiFetch<{ offers: PublicOfferView[] }>(
    `${group(groupId)}/offers${suffix ? `?${suffix}` : ""}`,
    { signal },
  );
  return answer.offers;
}

export function getOffer(groupId: string, offerId: string): Promise<OfferView> {
  return apiFetch(`${group(groupId)}/offers/${encodeURIComponent(offerId)}`);
}

export function recordOfferUse(
  groupId: string,
  offerId: string,
  body: UseOfferRequest,
): Promise<{ offer: PublicOfferView; recordId: string }> {
  return apiFetch(`${group(groupId)}/offers/${encodeURIComponent(offerId)}/use`, {
    method: "POST",
    json: body,
  });
}

/** The group's open needs (coordinators see every open one), to say whom a use helped. */
export async function openNeeds(groupId: string, signal?: AbortSignal): Promise<BoardNeedView[]> {
  const answer = await apiFetch<{ needs: BoardNeedView[] }>(`${group(groupId)}/needs`, { signal });
  return answer.needs;
}

/** The status link's token, kept for this tab so a reload still shows the page. */
const TOKEN_KEY = "mutuo.offerStatusToken";
export const offerTokenStore = {
  get: () => tabStorage.get(TOKEN_KEY),
  set: (token: string) => tabStorage.set(TOKEN_KEY, token),
};
