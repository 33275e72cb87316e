// The group's area, drawn on a map or typed as GeoJSON / H3 cells. The map (Leaflet) is
// downloaded only when someone chooses to edit the area, not with every form.
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { describeError } from "../lib/errors";
import { fetchServerMeta } from "../lib/meta";
import type { GroupArea } from "./area/areaText";
import { ErrorSummary } from "./forms";
import { Loading } from "./Refusal";

const AreaEditor = lazy(() => import("./area/AreaEditor"));

export function AreaField({
  value,
  onChange,
  error,
}: {
  value: GroupArea | null;
  onChange: (area: GroupArea | null) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const meta = useQuery({
    queryKey: ["meta"],
    queryFn: ({ signal }) => fetchServerMeta(signal),
    enabled: open,
    staleTime: Number.POSITIVE_INFINITY,
  });

  return (
    <fieldset id="area" tabIndex={-1} className={`field${error ? " field-invalid" : ""}`}>
      <legend>{t("groups.form.area")}</legend>
      <p className="field-hint">{t("groups.form.areaHint")}</p>
      {error ? <p className="field-error">{error}</p> : null}
      {!open ? (
        <p>
          <span className="area-summary">
            {value ? t("groups.form.areaSet") : t("groups.form.areaNotSet")}
          </span>{" "}
          <button type="button" className="button-secondary" onClick={() => setOpen(true)}>
            {value ? t("groups.form.areaEdit") : t("groups.form.areaAdd")}
          </button>
        </p>
      ) : meta.isPending ? (
        <Loading />
      ) : meta.isError ? (
        <ErrorSummary error={describeError(meta.error, t)} focus={false} />
      ) : (
        <Suspense fallback={<Loading />}>
          <AreaEditor
            value={value}
            onChange={onChange}
            tileUrl={meta.data.map?.tileUrl ?? ""}
            attribution={meta.data.map?.attribution ?? ""}
          />
        </Suspense>
      )}
    </fieldset>
  );
}
