// The public side of the exchange API: asking for help, and the requester's private status link.

import type { z } from "zod";
import { CATEGORY_IDS, URGENCIES } from "../../../modules/exchange/categories";
import type {
  NeedStatusView,
  PostNeedRequest,
  postNeedResponse,
} from "../../../modules/exchange/contract";
import { apiFetch } from "../../lib/api";
import { tabStorage } from "../../lib/navigation";

export type { NeedStatusView, PostNeedRequest };
export { CATEGORY_IDS, URGENCIES };
export type PostNeedResult = z.infer<typeof postNeedResponse>;
export type Channel = PostNeedRequest["contact"]["channel"];
export const CHANNELS: Channel[] = ["sms", "phone", "email", "none"];

export function postNeed(groupId: string, body: PostNeedRequest): Promise<PostNeedResult> {
  return apiFetch(`/api/v1/groups/${encodeURIComponent(groupId)}/needs`, {
    method: "POST",
    json: body,
  });
}

export function needStatus(token: string, signal?: AbortSignal): Promise<NeedStatusView> {
  return apiFetch("/api/v1/needs/status", { method: "POST", json: { token }, signal });
}

export function cancelNeed(token: string, reason?: string): Promise<NeedStatusView> {
  return apiFetch("/api/v1/needs/status/cancel", {
    method: "POST",
    json: reason ? { token, reason } : { token },
  });
}

/** The status link's token, kept for this tab so a reload still shows the page. */
const TOKEN_KEY = "mutuo.needStatusToken";
export const statusTokenStore = {
  get: () => tabStorage.get(TOKEN_KEY),
  set: (token: string) => tabStorage.set(TOKEN_KEY, token),
};

/** The statuses in which the person who asked can still cancel. */
export const CANCELLABLE = ["new", "triaged", "claimed", "in_progress"];
