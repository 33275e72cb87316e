// "Withdraw the offer" / "Cancel the request" on a private status page: a button that opens a
// confirmation box (with whatever it asks), yes and no, and the server's error above them.
import type { ReactNode, RefObject } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmBox, ErrorSummary } from "../../components/forms";
import { describeError } from "../../lib/errors";

export function StopSection({
  titleId,
  title,
  action,
  openButton,
  confirming,
  onConfirming,
  texts,
  lead,
  children,
}: {
  titleId: string;
  title: string;
  action: { error: unknown; isPending: boolean; reset: () => void; mutate: () => void };
  /** The button that opens the box, focused again when the person says no. */
  openButton: RefObject<HTMLButtonElement | null>;
  confirming: boolean;
  onConfirming: (confirming: boolean) => void;
  texts: { open: string; yes: string; pending: string; no: string };
  lead?: ReactNode;
  /** What the box says (and asks) before yes and no. */
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section className="section" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      {lead}
      <ErrorSummary error={action.error ? describeError(action.error, t) : null} />
      <p>
        <button
          ref={openButton}
          type="button"
          className="button-secondary"
          aria-expanded={confirming}
          onClick={() => {
            action.reset();
            onConfirming(true);
          }}
        >
          {texts.open}
        </button>
      </p>
      {confirming ? (
        <ConfirmBox>
          {children}
          <p className="button-row">
            <button
              type="button"
              className="button-danger"
              aria-disabled={action.isPending || undefined}
              aria-busy={action.isPending || undefined}
              onClick={() => !action.isPending && action.mutate()}
            >
              {action.isPending ? texts.pending : texts.yes}
            </button>
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                onConfirming(false);
                openButton.current?.focus();
              }}
            >
              {texts.no}
            </button>
          </p>
        </ConfirmBox>
      ) : null}
    </section>
  );
}
