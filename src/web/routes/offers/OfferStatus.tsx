// The offerer's private page: the token arrives in the link's #fragment, leaves the address bar
// at once, and stays in this tab so a reload still works. Shows the offer and how often it was
// used; an open offer can be withdrawn.
import "./texts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ConfirmBox, ErrorSummary, StatusMessage } from "../../components/forms";
import { Loading } from "../../components/Refusal";
import { describeError } from "../../lib/errors";
import { useFragmentToken } from "../../lib/useFragmentToken";
import { usePageTitle } from "../../lib/usePageTitle";
import { OfferFacts } from "./OfferFacts";
import {
  type OfferStatusView,
  offerKeys,
  offerStatus,
  offerTokenStore,
  withdrawOffer,
} from "./offersApi";

function useOfferToken(): string | null {
  const fromLink = useFragmentToken();
  const [token] = useState(() => {
    if (fromLink) offerTokenStore.set(fromLink);
    return fromLink ?? offerTokenStore.get();
  });
  return token;
}

export default function OfferStatusPage() {
  const { t } = useTranslation();
  const token = useOfferToken();
  const offer = useQuery({
    queryKey: offerKeys.status(token),
    queryFn: ({ signal }) => offerStatus(token ?? "", signal),
    enabled: token !== null,
    retry: false,
  });

  let title = t("offers.status.title");
  if (!token) title = t("offers.status.missingTitle");
  else if (offer.isError) title = describeError(offer.error, t).title;
  usePageTitle(t("common.documentTitle", { page: title }));

  if (!token) {
    return (
      <section className="message-page" aria-labelledby="offer-missing-title">
        <h1 id="offer-missing-title">{t("offers.status.missingTitle")}</h1>
        <p>{t("offers.status.missingText")}</p>
      </section>
    );
  }
  if (offer.isPending) return <Loading />;
  if (offer.isError) {
    const view = describeError(offer.error, t);
    return (
      <section className="message-page" aria-labelledby="offer-error-title">
        <h1 id="offer-error-title">{view.title}</h1>
        {view.detail ? <p>{view.detail}</p> : null}
        {view.status === 404 ? null : (
          <p className="actions">
            <button type="button" className="button" onClick={() => void offer.refetch()}>
              {t("offers.status.retry")}
            </button>
          </p>
        )}
      </section>
    );
  }
  return <StatusView token={token} offer={offer.data} />;
}

function StatusView({ token, offer }: { token: string; offer: OfferStatusView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const withdrawButton = useRef<HTMLButtonElement>(null);
  const nowHeading = useRef<HTMLHeadingElement>(null);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const withdraw = useMutation({
    mutationFn: () => withdrawOffer(token),
    onSuccess: (updated) => {
      queryClient.setQueryData(offerKeys.status(token), updated);
      setConfirming(false);
      setMessage(t("offers.status.withdrawn"));
      nowHeading.current?.focus();
    },
  });

  return (
    <section className="need-status" aria-labelledby="offer-status-title">
      <h1 id="offer-status-title">{t("offers.status.title")}</h1>
      <p className="lead">{t("offers.status.group", { name: offer.group.name })}</p>
      <div className="panel status-now">
        <h2 ref={nowHeading} tabIndex={-1}>
          {t("offers.status.nowTitle")}
        </h2>
        <p className={`need-state offer-state-${offer.status}`}>
          {t(`offers.status.statuses.${offer.status}` as "offers.status.statuses.open")}
        </p>
        <p className="offer-uses">{t("offers.status.uses", { count: offer.uses })}</p>
        <StatusMessage>{message}</StatusMessage>
      </div>
      <section className="section" aria-labelledby="offer-details-title">
        <h2 id="offer-details-title">{t("offers.status.detailsTitle")}</h2>
        <OfferFacts offer={{ ...offer, groupId: offer.group.id }} />
      </section>
      {offer.status === "open" ? (
        <section className="section" aria-labelledby="offer-withdraw-title">
          <h2 id="offer-withdraw-title">{t("offers.status.withdrawTitle")}</h2>
          <p>{t("offers.status.withdrawLead")}</p>
          <ErrorSummary error={withdraw.error ? describeError(withdraw.error, t) : null} />
          <p>
            <button
              ref={withdrawButton}
              type="button"
              className="button-secondary"
              aria-expanded={confirming}
              onClick={() => {
                withdraw.reset();
                setConfirming(true);
              }}
            >
              {t("offers.status.withdraw")}
            </button>
          </p>
          {confirming ? (
            <ConfirmBox>
              <p>{t("offers.status.withdrawConfirm")}</p>
              <p className="button-row">
                <button
                  type="button"
                  className="button-danger"
                  aria-disabled={withdraw.isPending || undefined}
                  aria-busy={withdraw.isPending || undefined}
                  onClick={() => !withdraw.isPending && withdraw.mutate()}
                >
                  {withdraw.isPending
                    ? t("offers.status.withdrawing")
                    : t("offers.status.withdrawYes")}
                </button>
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() => {
                    setConfirming(false);
                    withdrawButton.current?.focus();
                  }}
                >
                  {t("offers.status.withdrawNo")}
                </button>
              </p>
            </ConfirmBox>
          ) : null}
        </section>
      ) : (
        <p>
          <Link
            className="button-secondary"
            to={`/groups/${encodeURIComponent(offer.group.id)}/offer`}
          >
            {t("offers.status.offerAgain")}
          </Link>
        </p>
      )}
    </section>
  );
}
