import { useEffect, useRef, useState } from "react";
import { useLocation } from "react-router";
import { takeFragmentToken, tokenFromFragment } from "./navigation";

// Per history entry: the token is gone from the address once read, but a second render of the
// same entry (React's strict mode, coming back to it) still knows it.
const taken = new Map<string, string>();

/**
 * The one-time token of the link that opened this page; removes it from the address bar. A link
 * opened again while this page shows (the same path, another #token) loads no page — only the
 * fragment changes — so a new token in the fragment replaces the one being shown.
 */
export function useFragmentToken(): string | null {
  const { key } = useLocation();
  const keyRef = useRef(key);
  keyRef.current = key;
  const [token, setToken] = useState(() => {
    const fromAddress = takeFragmentToken();
    if (fromAddress) {
      taken.set(key, fromAddress);
      return fromAddress;
    }
    return taken.get(key) ?? null;
  });
  useEffect(() => {
    const onHashChange = () => {
      // An in-page anchor (#main, an error summary's #field-id) is not a token: left alone.
      const fragment = window.location.hash.slice(1);
      if (!tokenFromFragment(fragment) || document.getElementById(safeDecode(fragment))) return;
      const next = takeFragmentToken();
      if (!next) return;
      taken.set(keyRef.current, next);
      setToken(next);
    };
    window.addEventListener("hashchange", onHashChange);
    return () => window.removeEventListener("hashchange", onHashChange);
  }, []);
  return token;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const outcomes = new Map<string, Promise<unknown>>();

/** Runs a one-time token's action once, however often the page renders. */
export function runOnce<T>(purpose: string, token: string, action: () => Promise<T>): Promise<T> {
  const key = `${purpose}:${token}`;
  let outcome = outcomes.get(key) as Promise<T> | undefined;
  if (!outcome) {
    outcome = action();
    outcomes.set(key, outcome);
  }
  return outcome;
}
