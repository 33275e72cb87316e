// Addresses the app sends people to, and the one-time tokens that arrive in a link's fragment.

/**
 * Where to go after signing in: only a path on this site (`/groups/1?x#y`), never another
 * site (`//evil.example`, `https://…`, `/\evil.example`), so a crafted link cannot redirect.
 */
export function safeNext(value: string | null | undefined, fallback = "/profile"): string {
  if (!value?.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) {
    return fallback;
  }
  // Control characters and backslashes have no place in our own paths.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting them is the point
  if (/[\u0000-\u001f\\]/.test(value)) return fallback;
  return value;
}

/** `/sign-in?next=…` for the page the visitor is on now. */
export function signInPath(next: string): string {
  return `/sign-in?next=${encodeURIComponent(next)}`;
}

export function signUpPath(next: string): string {
  return `/sign-up?next=${encodeURIComponent(next)}`;
}

/**
 * The token of an emailed or shared link: `#token=abc` (account links) or `#abc` (invitations).
 * Returns null when the fragment holds nothing usable.
 */
export function tokenFromFragment(hash: string): string | null {
  const fragment = hash.startsWith("#") ? hash.slice(1) : hash;
  if (!fragment) return null;
  let token = fragment;
  if (fragment.includes("=")) {
    token = new URLSearchParams(fragment).get("token") ?? "";
  }
  token = token.trim();
  return /^[A-Za-z0-9_-]{16,200}$/.test(token) ? token : null;
}

/**
 * Reads the token from the address bar's fragment and removes it from the address (and from
 * the history entry), so it is not left in the history, a screenshot or a shared address.
 */
export function takeFragmentToken(): string | null {
  if (typeof window === "undefined") return null;
  const token = tokenFromFragment(window.location.hash);
  if (window.location.hash) {
    const { pathname, search } = window.location;
    window.history.replaceState(window.history.state, "", `${pathname}${search}`);
  }
  return token;
}

/** Reads and writes sessionStorage without failing where storage is switched off. */
export const tabStorage = {
  get(key: string): string | null {
    try {
      return window.sessionStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set(key: string, value: string): void {
    try {
      window.sessionStorage.setItem(key, value);
    } catch {
      // the page still works for this visit
    }
  },
  remove(key: string): void {
    try {
      window.sessionStorage.removeItem(key);
    } catch {
      // nothing to remove
    }
  },
};

/** Where to go after an emailed sign-in link, kept in this browser (links open in a new tab). */
const NEXT_KEY = "mutuo.next";

export function rememberNext(next: string | null): void {
  try {
    if (next && safeNext(next, "") !== "") window.localStorage.setItem(NEXT_KEY, next);
    else window.localStorage.removeItem(NEXT_KEY);
  } catch {
    // the link still signs in; it just lands on the profile
  }
}

export function takeRememberedNext(): string | null {
  try {
    const next = window.localStorage.getItem(NEXT_KEY);
    window.localStorage.removeItem(NEXT_KEY);
    return next;
  } catch {
    return null;
  }
}
