// Who is signed in, shared by the header and every page. A tiny store (not TanStack Query) so the
// first page load stays small: the data layer loads with the first page that needs it.
import { useSyncExternalStore } from "react";
import { apiFetch, isProblemError } from "./api";
import type { Me } from "./types";

export type Session =
  | { status: "loading" }
  | { status: "signedIn"; me: Me }
  | { status: "signedOut" }
  /** The server could not be reached: nobody knows yet. */
  | { status: "unknown" };

let current: Session = { status: "loading" };
let inflight: Promise<Session> | null = null;
const listeners = new Set<(next: Session, previous: Session) => void>();

function set(next: Session): Session {
  const previous = current;
  current = next;
  for (const listener of listeners) listener(next, previous);
  return next;
}

export function getSession(): Session {
  return current;
}

/** Called with every change; returns the unsubscribe function. */
export function onSessionChange(listener: (next: Session, previous: Session) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function subscribe(callback: () => void): () => void {
  return onSessionChange(callback);
}

export function useSession(): Session {
  return useSyncExternalStore(subscribe, getSession, getSession);
}

/** The signed-in person, or null (also while loading). */
export function useMe(): Me | null {
  const session = useSession();
  return session.status === "signedIn" ? session.me : null;
}

/** Asks the server who is signed in (GET /me); one request at a time. */
export function loadSession(): Promise<Session> {
  inflight ??= apiFetch<Me>("/api/v1/me")
    .then(
      (me) => set({ status: "signedIn", me }),
      (error: unknown) => {
        if (isProblemError(error) && error.status === 401) return set({ status: "signedOut" });
        // Keep what we knew when the connection drops for a moment.
        return current.status === "signedIn" ? current : set({ status: "unknown" });
      },
    )
    .finally(() => {
      inflight = null;
    });
  return inflight;
}

export function setSignedIn(me: Me): void {
  set({ status: "signedIn", me });
}

export function setSignedOut(): void {
  set({ status: "signedOut" });
}
