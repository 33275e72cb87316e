import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate } from "react-router";
import { isAbortError } from "../lib/api";
import { fetchServerMeta, type ServerMeta } from "../lib/meta";
import { useSetupRequired } from "../lib/setup";
import { usePageTitle } from "../lib/usePageTitle";

type MetaState = { kind: "loading" } | { kind: "ready"; meta: ServerMeta } | { kind: "failed" };

function useServerMeta(): MetaState {
  const [state, setState] = useState<MetaState>({ kind: "loading" });
  useEffect(() => {
    const controller = new AbortController();
    fetchServerMeta(controller.signal).then(
      (meta) => setState({ kind: "ready", meta }),
      (error: unknown) => {
        if (!isAbortError(error)) setState({ kind: "failed" });
      },
    );
    return () => controller.abort();
  }, []);
  return state;
}

function ServerStatus() {
  const { t } = useTranslation();
  const state = useServerMeta();

  let text: string;
  if (state.kind === "loading") text = t("home.status.loading");
  else if (state.kind === "failed") text = t("home.status.unavailable");
  else if (state.meta.database === "pglite")
    text = t("home.status.pglite", { version: state.meta.version });
  else if (state.meta.database === "postgres")
    text = t("home.status.postgres", { version: state.meta.version });
  else text = t("home.status.other", { version: state.meta.version });

  return (
    <p className="server-status" role="status" data-state={state.kind}>
      {text}
    </p>
  );
}

export function Home() {
  const { t } = useTranslation();
  usePageTitle(t("home.documentTitle"));
  // A new installation starts with its setup.
  if (useSetupRequired() === true) return <Navigate to="/setup" replace />;

  return (
    <>
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t("home.title")}</h1>
        <p className="lead">{t("home.lead")}</p>
        <p>
          <Link className="button" to="/directory">
            {t("home.findHelp")}
          </Link>
        </p>
      </section>

      <section id="about" tabIndex={-1} aria-labelledby="about-title" className="section">
        <h2 id="about-title">{t("home.about.heading")}</h2>
        <ul className="cards">
          <li className="card">
            <h3>{t("home.about.askTitle")}</h3>
            <p>{t("home.about.askText")}</p>
          </li>
          <li className="card">
            <h3>{t("home.about.volunteerTitle")}</h3>
            <p>{t("home.about.volunteerText")}</p>
          </li>
          <li className="card">
            <h3>{t("home.about.pantryTitle")}</h3>
            <p>{t("home.about.pantryText")}</p>
          </li>
          <li className="card">
            <h3>{t("home.about.directoryTitle")}</h3>
            <p>{t("home.about.directoryText")}</p>
          </li>
        </ul>
      </section>

      <section aria-labelledby="privacy-title" className="section privacy">
        <h2 id="privacy-title">{t("home.privacy.heading")}</h2>
        <p>{t("home.privacy.text")}</p>
      </section>

      <section id="how-it-works" tabIndex={-1} aria-labelledby="how-title" className="section">
        <h2 id="how-title">{t("home.how.heading")}</h2>
        <ol className="steps">
          <li>{t("home.how.step1")}</li>
          <li>{t("home.how.step2")}</li>
          <li>{t("home.how.step3")}</li>
        </ol>
      </section>

      <section aria-labelledby="coming-title" className="section coming">
        <h2 id="coming-title">{t("home.coming.heading")}</h2>
        <p>{t("home.coming.text")}</p>
        <ServerStatus />
      </section>
    </>
  );
}
