// The offerer's private page: the token arrives in the link's #fragment, leaves the address bar
// at once, and stays in this tab so a reload still works. Shows the offer and how often it was
// used; an open offer can be withdrawn.
import "./texts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { StatusMessage } from "../../components/forms";
import { StopSection } from "../exchange/StopSection";
import { TokenPage, useStoredToken } from "../exchange/TokenPage";
import { OfferFacts } from "./OfferFacts";
import {
  type OfferStatusView,
  offerKeys,
  offerStatus,
  offerTokenStore,
  withdrawOffer,
} from "./offersApi";

export default function OfferStatusPage() {
  const { t } = useTranslation();
  const token = useStoredToken(offerTokenStore);
  const offer = useQuery({
    queryKey: offerKeys.status(token),
    queryFn: ({ signal }) => offerStatus(token ?? "", signal),
    enabled: token !== null,
    retry: false,
  });
  return (
    <TokenPage
      token={token}
      query={offer}
      idPrefix="offer"
      texts={{
        title: t("offers.status.title"),
        missingTitle: t("offers.status.missingTitle"),
        missingText: t("offers.status.missingText"),
        retry: t("offers.status.retry"),
      }}
    >
      {(token, data) => <StatusView token={token} offer={data} />}
    </TokenPage>
  );
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
        <StopSection
          titleId="offer-withdraw-title"
          title={t("offers.status.withdrawTitle")}
          lead={<p>{t("offers.status.withdrawLead")}</p>}
          action={withdraw}
          openButton={withdrawButton}
          confirming={confirming}
          onConfirming={setConfirming}
          texts={{
            open: t("offers.status.withdraw"),
            yes: t("offers.status.withdrawYes"),
            pending: t("offers.status.withdrawing"),
            no: t("offers.status.withdrawNo"),
          }}
        >
          <p>{t("offers.status.withdrawConfirm")}</p>
        </StopSection>
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
