// The exchange API for the web app: asking for help and the requester's private status link
// (with its thread, details and confirmation), and the group's side: the board, one need, its
// actions and its thread.

import type { z } from "zod";
import { CATEGORY_IDS, URGENCIES } from "../../../modules/exchange/categories";
import type {
  BoardNeedView,
  BoardQuery,
  CloseAction,
  FulfilRequest,
  NeedStatusView,
  NeedView,
  PostNeedRequest,
  postNeedResponse,
} from "../../../modules/exchange/contract";
import type { NeedStatus } from "../../../modules/exchange/model";
import type { MessageView, ThreadResponse } from "../../../modules/messages/contract";
import { apiFetch } from "../../lib/api";
import { tabStorage } from "../../lib/navigation";

export type {
  BoardNeedView,
  BoardQuery,
  CloseAction,
  FulfilRequest,
  MessageView,
  NeedStatus,
  NeedStatusView,
  NeedView,
  PostNeedRequest,
  ThreadResponse,
};
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

// ---- the requester's side, through the status link (the token travels in the body) ----

export function addDetails(token: string, details: string): Promise<NeedStatusView> {
  return apiFetch("/api/v1/needs/status/details", { method: "POST", json: { token, details } });
}

export function confirmFulfilled(token: string): Promise<NeedStatusView> {
  return apiFetch("/api/v1/needs/status/confirm", { method: "POST", json: { token } });
}

export function threadByToken(token: string, signal?: AbortSignal): Promise<ThreadResponse> {
  return apiFetch("/api/v1/needs/status/messages", { method: "POST", json: { token }, signal });
}

export function sendByToken(token: string, body: string): Promise<MessageView> {
  return apiFetch("/api/v1/needs/status/messages/send", {
    method: "POST",
    json: { token, body },
  });
}

// ---- the group's side ----

const needsPath = (groupId: string) => `/api/v1/groups/${encodeURIComponent(groupId)}/needs`;
const needPath = (groupId: string, needId: string) =>
  `${needsPath(groupId)}/${encodeURIComponent(needId)}`;

export const needKeys = {
  board: (groupId: string) => ["board", groupId] as const,
  need: (groupId: string, needId: string) => ["need", groupId, needId] as const,
  thread: (groupId: string, needId: string) => ["needThread", groupId, needId] as const,
};

export async function boardNeeds(
  groupId: string,
  query: BoardQuery,
  signal?: AbortSignal,
): Promise<BoardNeedView[]> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  const search = params.toString();
  const answer = await apiFetch<{ needs: BoardNeedView[] }>(
    `${needsPath(groupId)}${search ? `?${search}` : ""}`,
    { signal },
  );
  return answer.needs;
}

/** The board's live changes (Server-Sent Events). */
export const boardEventsUrl = (groupId: string) => `${needsPath(groupId)}/events`;
export const BOARD_EVENTS = [
  "need.created",
  "need.claimed",
  "need.released",
  "need.changed",
] as const;
export type BoardEvent = { type: string; needId: string; status: NeedStatus };

export function getNeed(groupId: string, needId: string, signal?: AbortSignal): Promise<NeedView> {
  return apiFetch(needPath(groupId, needId), { signal });
}

export type NeedActionName = "claim" | "release" | "start" | "triage";

export function needAction(groupId: string, needId: string, action: NeedActionName) {
  return apiFetch<unknown>(`${needPath(groupId, needId)}/${action}`, { method: "POST" });
}

export function fulfilNeed(groupId: string, needId: string, body: FulfilRequest) {
  return apiFetch<unknown>(`${needPath(groupId, needId)}/fulfil`, { method: "POST", json: body });
}

export function closeNeed(groupId: string, needId: string, action: CloseAction, reason: string) {
  return apiFetch<unknown>(`${needPath(groupId, needId)}/close`, {
    method: "POST",
    json: { action, reason },
  });
}

export function groupThread(
  groupId: string,
  needId: string,
  signal?: AbortSignal,
): Promise<ThreadResponse> {
  return apiFetch(`${needPath(groupId, needId)}/messages`, { signal });
}

export function sendToThread(groupId: string, needId: string, body: string): Promise<MessageView> {
  return apiFetch(`${needPath(groupId, needId)}/messages`, { method: "POST", json: { body } });
}

/** Statuses of a need someone is still working on. */
export const ACTIVE_STATUSES: NeedStatus[] = ["new", "triaged", "claimed", "in_progress"];
