// The directory import's second step: for a spreadsheet, what each column holds (the server's
// guesses first), defaults for empty cells and meanings of unknown categories; for any file, the
// time zone of its hours and whether invalid records are skipped. Then the dry run.
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import {
  type InspectView,
  SHEET_TARGETS,
  type SheetMapping,
  type SheetTarget,
} from "../../../modules/directory/import-contract";
import { CATEGORY_TERMS, type CategoryCode } from "../../../modules/directory/taxonomy";
import {
  Checkbox,
  ErrorSummary,
  SelectField,
  SubmitButton,
  TextField,
} from "../../components/forms";
import type { ErrorView } from "../../lib/errors";
import { useFocusOnShow } from "./ImportFocus";

export interface Upload {
  fileName: string;
  /** base64 */
  file: string;
  view: InspectView;
}

export interface Choice {
  columns: Record<string, SheetTarget>;
  defaults: { city: string; state_province: string; postal_code: string; country: string };
  categories: Record<string, CategoryCode>;
  timeZone: string;
  skipInvalid: boolean;
}

export function emptyChoice(view: InspectView): Choice {
  return {
    columns: Object.fromEntries(view.columns.map((c) => [c.name, c.guess])),
    defaults: { city: "", state_province: "", postal_code: "", country: "" },
    categories: {},
    timeZone: "",
    skipInvalid: false,
  };
}

/** The dry run's and the import's body: empty settings are left out. */
export function requestBody(upload: Upload, choice: Choice) {
  const defaults = Object.fromEntries(
    Object.entries(choice.defaults)
      .map(([k, v]) => [k, v.trim()])
      .filter(([, v]) => v !== ""),
  );
  const mapping: SheetMapping = {
    columns: choice.columns,
    ...(Object.keys(defaults).length > 0 ? { defaults } : {}),
    ...(Object.keys(choice.categories).length > 0 ? { categories: choice.categories } : {}),
  };
  return {
    format: upload.view.format,
    fileName: upload.fileName,
    file: upload.file,
    ...(upload.view.format === "csv" ? { mapping } : {}),
    ...(choice.timeZone.trim() ? { timeZone: choice.timeZone.trim() } : {}),
    skipInvalid: choice.skipInvalid,
  };
}

const slug = (text: string) => text.replace(/[^A-Za-z0-9]+/g, "-");

export function ImportSettings({
  upload,
  choice,
  unknownCategories,
  checked,
  pending,
  error,
  onChoice,
  onCheck,
  onRestart,
}: {
  upload: Upload;
  choice: Choice;
  unknownCategories: string[];
  checked: boolean;
  pending: boolean;
  error: ErrorView | null;
  onChoice: (choice: Choice) => void;
  onCheck: () => void;
  onRestart: () => void;
}) {
  const { t } = useTranslation();
  const heading = useFocusOnShow<HTMLHeadingElement>("settings");
  const csv = upload.view.format === "csv";
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onCheck();
  };
  return (
    <section aria-labelledby="directory-import-settings-title">
      <h2 id="directory-import-settings-title" ref={heading} tabIndex={-1}>
        {csv
          ? t("directoryImport.screen.steps.mapping")
          : t("directoryImport.screen.steps.options")}
      </h2>
      <p>
        {t("directoryImport.screen.file.detected", {
          name: upload.fileName,
          format: t(`directoryImport.screen.formats.${upload.view.format}`, {
            count: upload.view.rows,
          }),
        })}
      </p>
      <form onSubmit={submit} noValidate>
        <ErrorSummary error={error} />
        {csv ? <ColumnChoices upload={upload} choice={choice} onChoice={onChoice} /> : null}
        {csv ? <Defaults choice={choice} onChoice={onChoice} /> : null}
        {csv && unknownCategories.length > 0 ? (
          <CategoryChoices values={unknownCategories} choice={choice} onChoice={onChoice} />
        ) : null}
        <TextField
          id="directory-import-time-zone"
          label={t("directoryImport.screen.options.timeZone")}
          hint={t("directoryImport.screen.options.timeZoneHint")}
          value={choice.timeZone}
          onValue={(timeZone) => onChoice({ ...choice, timeZone })}
          optional
          autoComplete="off"
        />
        <Checkbox
          id="directory-import-skip-invalid"
          label={t("directoryImport.screen.options.skipInvalid")}
          description={t("directoryImport.screen.options.skipInvalidHint")}
          checked={choice.skipInvalid}
          onChecked={(skipInvalid) => onChoice({ ...choice, skipInvalid })}
        />
        <p className="button-row">
          <SubmitButton
            pending={pending}
            pendingLabel={t("directoryImport.screen.options.checking")}
            className={checked ? "button-secondary" : "button"}
          >
            {checked
              ? t("directoryImport.screen.options.recheck")
              : t("directoryImport.screen.options.check")}
          </SubmitButton>
          <button type="button" className="button-link" onClick={onRestart}>
            {t("directoryImport.screen.options.another")}
          </button>
        </p>
      </form>
    </section>
  );
}

function ColumnChoices({
  upload,
  choice,
  onChoice,
}: {
  upload: Upload;
  choice: Choice;
  onChoice: (choice: Choice) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="field">
      <legend>{t("directoryImport.screen.steps.mapping")}</legend>
      <p className="field-hint">{t("directoryImport.screen.mapping.lead")}</p>
      {upload.view.columns.map((column, index) => (
        <SelectField
          key={column.name}
          id={`directory-import-column-${index}`}
          label={t("directoryImport.screen.mapping.column", { name: column.name })}
          hint={
            column.samples.length > 0
              ? t("directoryImport.screen.mapping.samples", { samples: column.samples.join(" · ") })
              : t("directoryImport.screen.mapping.noSamples")
          }
          value={choice.columns[column.name] ?? "ignore"}
          onValue={(value) =>
            onChoice({
              ...choice,
              columns: { ...choice.columns, [column.name]: value as SheetTarget },
            })
          }
          options={SHEET_TARGETS.map((target) => ({
            value: target,
            label: t(`directoryImport.screen.targets.${target}`),
          }))}
        />
      ))}
    </fieldset>
  );
}

function Defaults({ choice, onChoice }: { choice: Choice; onChoice: (choice: Choice) => void }) {
  const { t } = useTranslation();
  const fields: [keyof Choice["defaults"], string][] = [
    ["city", t("directoryImport.screen.mapping.city")],
    ["state_province", t("directoryImport.screen.mapping.state")],
    ["postal_code", t("directoryImport.screen.mapping.postalCode")],
    ["country", t("directoryImport.screen.mapping.country")],
  ];
  return (
    <fieldset className="field">
      <legend>{t("directoryImport.screen.mapping.defaults")}</legend>
      <p className="field-hint">{t("directoryImport.screen.mapping.defaultsHint")}</p>
      {fields.map(([key, label]) => (
        <TextField
          key={key}
          id={`directory-import-default-${key}`}
          label={label}
          value={choice.defaults[key]}
          onValue={(value) =>
            onChoice({ ...choice, defaults: { ...choice.defaults, [key]: value } })
          }
          optional
          autoComplete="off"
        />
      ))}
    </fieldset>
  );
}

function CategoryChoices({
  values,
  choice,
  onChoice,
}: {
  values: string[];
  choice: Choice;
  onChoice: (choice: Choice) => void;
}) {
  const { t, i18n } = useTranslation();
  const spanish = i18n.language.startsWith("es");
  return (
    <fieldset className="field">
      <legend>{t("directoryImport.screen.mapping.categories")}</legend>
      <p className="field-hint">{t("directoryImport.screen.mapping.categoriesHint")}</p>
      {values.map((value) => (
        <SelectField
          key={value}
          id={`directory-import-category-${slug(value)}`}
          label={t("directoryImport.screen.mapping.categoryValue", { value })}
          value={choice.categories[value] ?? ""}
          onValue={(picked) => {
            const categories = { ...choice.categories };
            if (picked) categories[value] = picked as CategoryCode;
            else delete categories[value];
            onChoice({ ...choice, categories });
          }}
          options={[
            { value: "", label: t("directoryImport.screen.mapping.chooseCategory") },
            ...CATEGORY_TERMS.map((term) => ({
              value: term.code,
              label: spanish ? term.es : term.en,
            })),
          ]}
        />
      ))}
    </fieldset>
  );
}
