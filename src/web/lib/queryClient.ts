// The data layer (TanStack Query). Loaded with the first page that fetches data, not with the
// first page load; see routes/DataLayer.tsx.
import { QueryClient } from "@tanstack/react-query";
import { isProblemError } from "./api";
import { onSessionChange, type Session } from "./session";

/** A refused request (4xx) will not succeed by asking again; a dropped connection may. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isProblemError(error) && error.status < 500 && error.status !== 408) return false;
  return failureCount < 2;
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      gcTime: 10 * 60_000,
      retry: shouldRetry,
      retryDelay: (attempt) => Math.min(1000 * 2 ** attempt, 8000),
    },
    mutations: { retry: false },
  },
});

const userOf = (session: Session) => (session.status === "signedIn" ? session.me.id : null);
const known = (session: Session) => session.status === "signedIn" || session.status === "signedOut";

/**
 * What one person saw must not be shown to the next one on a shared phone: when the person
 * changes, cached answers are dropped and the ones on screen are fetched again. (The first
 * answer about who is signed in changes nobody: every request already carried the cookie.)
 */
export function forgetPreviousPerson(next: Session, previous: Session): void {
  if (!known(next) || !known(previous) || userOf(next) === userOf(previous)) return;
  queryClient.removeQueries({ type: "inactive" });
  void queryClient.resetQueries({ type: "active" });
}

onSessionChange(forgetPreviousPerson);
