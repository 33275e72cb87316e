// Form parts that make every form work the same way: a visible label, a hint and the server's
// message for the field tied to the input (aria-describedby), an error summary that takes focus,
// a submit button that says it is busy, and success messages in a polite live region.
import {
  type ChangeEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useEffect,
  useId,
  useRef,
  useState,
} from "react";
import { useTranslation } from "react-i18next";
import { fieldPath, problemFieldPath } from "../lib/api";
import type { ErrorView } from "../lib/errors";

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const list = ids.filter(Boolean).join(" ");
  return list || undefined;
}

function FieldMessages({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </>
  );
}

interface TextFieldProps
  extends Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "onChange" | "value"> {
  id: string;
  label: ReactNode;
  value: string;
  onValue: (value: string) => void;
  hint?: ReactNode;
  error?: string | undefined;
  /** Shown after the label for optional fields. */
  optional?: boolean;
}

export function TextField({
  id,
  label,
  value,
  onValue,
  hint,
  error,
  optional,
  className,
  ...input
}: TextFieldProps) {
  const { t } = useTranslation();
  return (
    <div className={`field${error ? " field-invalid" : ""}${className ? ` ${className}` : ""}`}>
      <label htmlFor={id}>
        {label}
        {optional ? <span className="optional"> {t("common.form.optional")}</span> : null}
      </label>
      <FieldMessages id={id} hint={hint} error={error} />
      <input
        id={id}
        value={value}
        onChange={(event: ChangeEvent<HTMLInputElement>) => onValue(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint ? `${id}-hint` : false, error ? `${id}-error` : false)}
        {...input}
      />
    </div>
  );
}

interface TextAreaProps
  extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "onChange" | "value"> {
  id: string;
  label: ReactNode;
  value: string;
  onValue: (value: string) => void;
  hint?: ReactNode;
  error?: string | undefined;
  optional?: boolean;
}

export function TextArea({
  id,
  label,
  value,
  onValue,
  hint,
  error,
  optional,
  ...rest
}: TextAreaProps) {
  const { t } = useTranslation();
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>
        {label}
        {optional ? <span className="optional"> {t("common.form.optional")}</span> : null}
      </label>
      <FieldMessages id={id} hint={hint} error={error} />
      <textarea
        id={id}
        value={value}
        onChange={(event) => onValue(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint ? `${id}-hint` : false, error ? `${id}-error` : false)}
        {...rest}
      />
    </div>
  );
}

interface SelectFieldProps
  extends Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "onChange" | "value"> {
  id: string;
  label: ReactNode;
  value: string;
  onValue: (value: string) => void;
  options: { value: string; label: string }[];
  hint?: ReactNode;
  error?: string | undefined;
}

export function SelectField({
  id,
  label,
  value,
  onValue,
  options,
  hint,
  error,
  ...rest
}: SelectFieldProps) {
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <FieldMessages id={id} hint={hint} error={error} />
      <select
        id={id}
        value={value}
        onChange={(event) => onValue(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint ? `${id}-hint` : false, error ? `${id}-error` : false)}
        {...rest}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

interface PasswordFieldProps {
  id: string;
  label: ReactNode;
  value: string;
  onValue: (value: string) => void;
  autoComplete: "current-password" | "new-password";
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean;
  minLength?: number;
  maxLength?: number;
}

/** A password input with a button that shows what was typed (easier on a small keyboard). */
export function PasswordField({
  id,
  label,
  value,
  onValue,
  hint,
  error,
  ...input
}: PasswordFieldProps) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <FieldMessages id={id} hint={hint} error={error} />
      <div className="password-row">
        <input
          id={id}
          type={visible ? "text" : "password"}
          value={value}
          onChange={(event) => onValue(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(hint ? `${id}-hint` : false, error ? `${id}-error` : false)}
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          {...input}
        />
        <button
          type="button"
          className="button-secondary"
          aria-pressed={visible}
          aria-controls={id}
          onClick={() => setVisible((shown) => !shown)}
        >
          {t("common.form.showPassword")}
        </button>
      </div>
    </div>
  );
}

export interface Choice<V extends string> {
  value: V;
  label: ReactNode;
  description?: ReactNode;
}

interface ChoiceGroupProps<V extends string> {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  choices: Choice<V>[];
}

/** Radio buttons in a fieldset, each with an optional plain-words description. */
export function RadioGroup<V extends string>({
  id,
  legend,
  hint,
  error,
  choices,
  value,
  onValue,
  name,
}: ChoiceGroupProps<V> & { value: V; onValue: (value: V) => void; name?: string }) {
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      className={`field choice-group${error ? " field-invalid" : ""}`}
      aria-describedby={describedBy(hint ? `${id}-hint` : false, error ? `${id}-error` : false)}
    >
      <legend>{legend}</legend>
      <FieldMessages id={id} hint={hint} error={error} />
      {choices.map((choice) => {
        const choiceId = `${id}-${choice.value}`;
        return (
          <div className="choice" key={choice.value}>
            <input
              type="radio"
              id={choiceId}
              name={name ?? id}
              value={choice.value}
              checked={value === choice.value}
              onChange={() => onValue(choice.value)}
              aria-describedby={choice.description ? `${choiceId}-description` : undefined}
            />
            <label htmlFor={choiceId}>
              {choice.label}
              {choice.description ? (
                <span id={`${choiceId}-description`} className="choice-description">
                  {choice.description}
                </span>
              ) : null}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

/** Checkboxes in a fieldset for choosing several values. */
export function CheckboxGroup<V extends string>({
  id,
  legend,
  hint,
  error,
  choices,
  values,
  onValues,
}: ChoiceGroupProps<V> & { values: V[]; onValues: (values: V[]) => void }) {
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      className={`field choice-group${error ? " field-invalid" : ""}`}
      aria-describedby={describedBy(hint ? `${id}-hint` : false, error ? `${id}-error` : false)}
    >
      <legend>{legend}</legend>
      <FieldMessages id={id} hint={hint} error={error} />
      {choices.map((choice) => {
        const choiceId = `${id}-${choice.value}`;
        const checked = values.includes(choice.value);
        return (
          <div className="choice" key={choice.value}>
            <input
              type="checkbox"
              id={choiceId}
              value={choice.value}
              checked={checked}
              onChange={() =>
                onValues(
                  checked ? values.filter((v) => v !== choice.value) : [...values, choice.value],
                )
              }
              aria-describedby={choice.description ? `${choiceId}-description` : undefined}
            />
            <label htmlFor={choiceId}>
              {choice.label}
              {choice.description ? (
                <span id={`${choiceId}-description`} className="choice-description">
                  {choice.description}
                </span>
              ) : null}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

/** One checkbox with its label (and description). */
export function Checkbox({
  id,
  label,
  description,
  checked,
  onChecked,
  error,
  disabled,
}: {
  id: string;
  label: ReactNode;
  description?: ReactNode;
  checked: boolean;
  onChecked: (checked: boolean) => void;
  error?: string | undefined;
  disabled?: boolean;
}) {
  return (
    <div className={`field choice${error ? " field-invalid" : ""}`}>
      <input
        type="checkbox"
        id={id}
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChecked(event.target.checked)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(
          description ? `${id}-description` : false,
          error ? `${id}-error` : false,
        )}
      />
      <label htmlFor={id}>
        {label}
        {description ? (
          <span id={`${id}-description`} className="choice-description">
            {description}
          </span>
        ) : null}
      </label>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The failure of a form or an action: the problem's title and detail, then each field's message
 * as a link to the field. Takes focus when it appears so keyboard and screen reader users start
 * there.
 */
export function ErrorSummary({
  error,
  fields = {},
  focus = true,
}: {
  error: ErrorView | null | undefined;
  /** Field name (as the server names it) → its input's id and label. */
  fields?: Record<string, { id: string; label: string }>;
  focus?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const { t } = useTranslation();

  useEffect(() => {
    if (error && focus) ref.current?.focus();
  }, [error, focus]);

  if (!error) return null;
  const known = Object.entries(fields).map(([name, field]) => ({
    path: fieldPath(name),
    ...field,
  }));
  const items = error.fields
    .filter((field) => field.detail)
    .map((field, index) => {
      const path = problemFieldPath(field);
      const target =
        known.find((k) => k.path === path) ?? known.find((k) => path.startsWith(`${k.path}/`));
      return { key: `${path}-${index}`, detail: field.detail, target };
    });

  return (
    <div ref={ref} className="error-summary" tabIndex={-1}>
      <div role="alert" aria-labelledby={headingId}>
        <h2 id={headingId} className="error-summary-title">
          {error.title}
        </h2>
        {error.detail ? <p>{error.detail}</p> : null}
        {items.length > 0 ? (
          <ul>
            {items.map((item) => (
              <li key={item.key}>
                {item.target ? (
                  <a
                    href={`#${item.target.id}`}
                    onClick={(event) => {
                      event.preventDefault();
                      const element = document.getElementById(item.target?.id ?? "");
                      element?.focus();
                      element?.scrollIntoView({ block: "center" });
                    }}
                  >
                    {t("common.form.fieldError", { field: item.target.label, detail: item.detail })}
                  </a>
                ) : (
                  item.detail
                )}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}

/** The form's main button: keeps focus while sending (aria-disabled) and says it is busy. */
export function SubmitButton({
  pending,
  children,
  pendingLabel,
  className = "button",
}: {
  pending: boolean;
  children: ReactNode;
  pendingLabel?: ReactNode;
  className?: string;
}) {
  const { t } = useTranslation();
  return (
    <button
      type="submit"
      className={className}
      aria-disabled={pending || undefined}
      aria-busy={pending || undefined}
    >
      {pending ? (pendingLabel ?? t("common.form.sending")) : children}
    </button>
  );
}

/**
 * A polite live region, present from the start so screen readers announce what appears in it
 * ("Your changes are saved").
 */
export function StatusMessage({
  children,
  className,
}: {
  children?: ReactNode;
  className?: string;
}) {
  return (
    <div role="status" className={`status-message${className ? ` ${className}` : ""}`}>
      {children ? <p className="status-text">{children}</p> : null}
    </div>
  );
}

/**
 * A question asked before something that cannot be undone ("Remove Luis from the group?").
 * Takes focus when it appears, so keyboard and screen reader users land on the question.
 */
export function ConfirmBox({
  children,
  className = "confirm-box",
}: {
  children: ReactNode;
  className?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div ref={ref} tabIndex={-1} className={className}>
      {children}
    </div>
  );
}

/** A field people never see; form-filling robots fill it in and the server turns them away. */
export function HoneypotField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <div className="visually-hidden" aria-hidden="true">
      <label htmlFor="website">{label}</label>
      <input
        id="website"
        name="website"
        type="text"
        tabIndex={-1}
        autoComplete="off"
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
