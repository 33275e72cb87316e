// Moves focus to a step's heading when it appears, so keyboard and screen reader users follow
// the import from step to step.
import { useEffect, useRef } from "react";

export function useFocusOnShow<T extends HTMLElement>(key: unknown) {
  const ref = useRef<T>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus again whenever the step changes
  useEffect(() => {
    ref.current?.focus();
  }, [key]);
  return ref;
}
