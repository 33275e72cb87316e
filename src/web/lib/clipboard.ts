// Copying text for the person: the clipboard where the browser allows it, otherwise the text
// is selected in its field so a long-press or Ctrl+C copies it (older phones, plain-http pages).

export type CopyOutcome = "copied" | "manual";

export async function copyOrSelect(
  text: string,
  field: HTMLInputElement | HTMLTextAreaElement | null,
): Promise<CopyOutcome> {
  try {
    // navigator.clipboard is missing on insecure pages: reading it throws inside the try too.
    await navigator.clipboard.writeText(text);
    return "copied";
  } catch {
    field?.focus();
    field?.select();
    return "manual";
  }
}
