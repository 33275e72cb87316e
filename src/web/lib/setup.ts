// Whether this installation still needs its first-run setup (GET /setup). Asked once per visit;
// after setup succeeds the answer is known without asking again.
import { useEffect, useState } from "react";
import { apiFetch } from "./api";

let known: boolean | undefined;
let inflight: Promise<boolean> | undefined;

export function fetchSetupRequired(): Promise<boolean> {
  if (known !== undefined) return Promise.resolve(known);
  inflight ??= apiFetch<{ required: boolean }>("/api/v1/setup")
    .then((body) => {
      known = body.required === true;
      return known;
    })
    .finally(() => {
      inflight = undefined;
    });
  return inflight;
}

export function markSetupDone(): void {
  known = false;
}

/** true / false once known; undefined while asking or when the server cannot be reached. */
export function useSetupRequired(): boolean | undefined {
  const [required, setRequired] = useState(known);
  useEffect(() => {
    let active = true;
    fetchSetupRequired().then(
      (value) => {
        if (active) setRequired(value);
      },
      () => undefined, // the home page still works; the status line says the server is away
    );
    return () => {
      active = false;
    };
  }, []);
  return required;
}
