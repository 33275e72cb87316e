import { useEffect } from "react";

/** Sets `document.title`; the layout announces it to screen readers after each navigation. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title;
  }, [title]);
}
