// Importing into the directory (network admins): choose a file; for a spreadsheet, say what each
// column holds (the server guesses) and give defaults; run a dry run (counts per record kind,
// each rejected row with its reason); then import. Every rule is the server's; this page asks
// and shows. Ohana folders are imported with the command line (many files). Past imports are
// listed below, with what became of each (ImportHistory.tsx).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import {
  DIRECTORY_IMPORT_LIMITS,
  type ImportReportView,
  type InspectView,
} from "../../../modules/directory/import-contract";
import { ErrorSummary, StatusMessage, SubmitButton } from "../../components/forms";
import { Loading, SignInNeeded } from "../../components/Refusal";
import enTexts from "../../i18n/directory-import/screens.en.json";
import esTexts from "../../i18n/directory-import/screens.es.json";
import { addScreenTexts } from "../../i18n/screenTexts";
import { apiFetch } from "../../lib/api";
import { describeError, type ErrorView } from "../../lib/errors";
import { useSession } from "../../lib/session";
import { usePageTitle } from "../../lib/usePageTitle";
import { useFocusOnShow } from "./ImportFocus";
import { ImportHistory, importConfirmKey, importHistoryKey } from "./ImportHistory";
import { ImportDone, ImportReport } from "./ImportReport";
import { emptyChoice, ImportSettings, requestBody, type Upload } from "./ImportSettings";

addScreenTexts({ en: enTexts, es: esTexts });

const MB = DIRECTORY_IMPORT_LIMITS.maxBytes / 1024 / 1024;

/** The file's bytes as base64 (the server checks the encoding itself). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export default function DirectoryImport() {
  const { t } = useTranslation();
  const session = useSession();
  usePageTitle(t("common.documentTitle", { page: t("directoryImport.screen.documentTitle") }));
  if (session.status === "loading") return <Loading />;
  if (session.status === "signedOut") return <SignInNeeded />;
  return <ImportSteps />;
}

function ImportSteps() {
  const { t } = useTranslation();
  const [upload, setUpload] = useState<Upload | null>(null);
  const [done, setDone] = useState<ImportReportView | null>(null);
  const restart = () => {
    setUpload(null);
    setDone(null);
  };
  return (
    <>
      <h1>{t("directoryImport.screen.title")}</h1>
      <p className="lead">{t("directoryImport.screen.lead")}</p>
      <p>{t("directoryImport.screen.ohanaHelp")}</p>
      <p>
        <Link to="/directory/listings">{t("directoryImport.screen.toListings")}</Link>
      </p>
      {done ? (
        <ImportDone report={done} onAgain={restart} />
      ) : upload ? (
        <Checking upload={upload} onDone={setDone} onRestart={restart} />
      ) : (
        <FileStep onRead={setUpload} />
      )}
      <ImportHistory />
    </>
  );
}

function FileStep({ onRead }: { onRead: (upload: Upload) => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);
  const heading = useFocusOnShow<HTMLHeadingElement>("file");
  const read = useMutation({
    mutationFn: async (chosen: File) => {
      const data = await base64Of(chosen);
      const view = await apiFetch<InspectView>("/api/v1/directory/imports/inspect", {
        method: "POST",
        json: { fileName: chosen.name, file: data },
      });
      return { fileName: chosen.name, file: data, view };
    },
    onSuccess: onRead,
    onError: (err) => setError(describeError(err, t)),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (read.isPending) return;
    if (!file) {
      setError({ title: t("directoryImport.screen.file.required"), fields: [] });
      return;
    }
    if (file.size > DIRECTORY_IMPORT_LIMITS.maxBytes) {
      setError({ title: t("directoryImport.screen.file.tooLarge", { mb: MB }), fields: [] });
      return;
    }
    setError(null);
    read.mutate(file);
  }

  return (
    <section aria-labelledby="directory-import-file-title">
      <h2 id="directory-import-file-title" ref={heading} tabIndex={-1}>
        {t("directoryImport.screen.steps.file")}
      </h2>
      <form onSubmit={submit} noValidate>
        <ErrorSummary error={error} />
        <div className="field">
          <label htmlFor="directory-import-file">{t("directoryImport.screen.file.label")}</label>
          <p id="directory-import-file-hint" className="field-hint">
            {t("directoryImport.screen.file.hint", { mb: MB })}
          </p>
          <input
            id="directory-import-file"
            type="file"
            accept=".csv,.json,.ndjson,.jsonl,text/csv,application/json,text/plain"
            aria-describedby="directory-import-file-hint"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </div>
        <SubmitButton
          pending={read.isPending}
          pendingLabel={t("directoryImport.screen.file.reading")}
        >
          {t("directoryImport.screen.file.read")}
        </SubmitButton>
      </form>
    </section>
  );
}

/** Settings (mapping, options), the dry run's report, and the confirmation. */
function Checking({
  upload,
  onDone,
  onRestart,
}: {
  upload: Upload;
  onDone: (report: ImportReportView) => void;
  onRestart: () => void;
}) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState(() => emptyChoice(upload.view));
  const [report, setReport] = useState<ImportReportView | null>(null);
  const [unknown, setUnknown] = useState<string[]>([]);
  const [error, setError] = useState<ErrorView | null>(null);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const check = useMutation({
    mutationFn: () =>
      apiFetch<ImportReportView>("/api/v1/directory/imports/dry-run", {
        method: "POST",
        json: requestBody(upload, choice),
      }),
    onSuccess: (view) => {
      setError(null);
      setReport(view);
      setAnnouncement(
        t("directoryImport.screen.report.checked", {
          count: view.rejectedCount + view.warningCount,
        }),
      );
      setUnknown((before) => [...new Set([...before, ...view.unknownCategories])]);
    },
    onError: (err) => {
      setReport(null);
      setError(describeError(err, t));
    },
  });
  const queryClient = useQueryClient();
  const confirm = useMutation({
    mutationKey: importConfirmKey,
    mutationFn: (digest: string) =>
      apiFetch<ImportReportView>("/api/v1/directory/imports", {
        method: "POST",
        json: { ...requestBody(upload, choice), expectedDigest: digest },
      }),
    onSuccess: onDone,
    onError: (err) => setError(describeError(err, t)),
    // A refused import is in the history too.
    onSettled: () => queryClient.invalidateQueries({ queryKey: importHistoryKey }),
  });

  return (
    <>
      <ImportSettings
        upload={upload}
        choice={choice}
        unknownCategories={unknown}
        checked={report !== null}
        pending={check.isPending}
        error={error}
        onChoice={(next) => {
          // Any change makes the last check stale: it must run again before importing.
          setChoice(next);
          setReport(null);
        }}
        onCheck={() => {
          if (!check.isPending) check.mutate();
        }}
        onRestart={onRestart}
      />
      <StatusMessage>{announcement}</StatusMessage>
      {report ? (
        <ImportReport
          report={report}
          skipInvalid={choice.skipInvalid}
          pending={confirm.isPending}
          onConfirm={() => {
            if (!confirm.isPending) confirm.mutate(report.digest);
          }}
        />
      ) : null}
    </>
  );
}
