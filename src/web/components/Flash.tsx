import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import type { FlashState } from "../lib/flash";
import { StatusMessage } from "./forms";

/** Shows the message the previous page left in navigation state, in a polite live region. */
export function Flash() {
  const { t } = useTranslation();
  const state = useLocation().state as FlashState | null;
  const message = state?.flash;
  return (
    <StatusMessage className="flash">
      {message ? t(message.key, message.values) : null}
    </StatusMessage>
  );
}
