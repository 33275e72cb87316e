// What to tell a person when a request fails: the server's own translated words when it sent
// them, otherwise our own, never a stack trace or a raw English status line.
import type { TFunction } from "i18next";
import { findFieldError, isAbortError, isProblemError, type ProblemFieldError } from "./api";

export interface ErrorView {
  title: string;
  detail?: string;
  status?: number;
  code?: string;
  fields: ProblemFieldError[];
}

export function describeError(error: unknown, t: TFunction): ErrorView {
  if (isProblemError(error)) {
    const { status, code } = error;
    // A Mutuo problem always has a code and comes translated; anything else (a proxy's
    // "502 Bad Gateway") is described in our own words.
    if (code) {
      const view: ErrorView = {
        title: error.problem.title,
        status,
        code,
        fields: error.problem.errors,
      };
      if (error.problem.detail) view.detail = error.problem.detail;
      return view;
    }
    if (status === 429) {
      return {
        title: t("common.errors.tooMany.title"),
        detail: t("common.errors.tooMany.detail"),
        status,
        fields: [],
      };
    }
    if (status >= 500) {
      return {
        title: t("common.errors.server.title"),
        detail: t("common.errors.server.detail"),
        status,
        fields: [],
      };
    }
    return {
      title: t("common.errors.unexpected.title"),
      detail: t("common.errors.unexpected.detail"),
      status,
      fields: [],
    };
  }
  if (
    error instanceof TypeError &&
    !isAbortError(error) &&
    /fetch|network|load/i.test(error.message)
  ) {
    return {
      title: t("common.errors.network.title"),
      detail: t("common.errors.network.detail"),
      fields: [],
    };
  }
  return {
    title: t("common.errors.unexpected.title"),
    detail: t("common.errors.unexpected.detail"),
    fields: [],
  };
}

/** The message for one field of a failed form, if any. */
export function fieldMessage(
  view: ErrorView | null | undefined,
  field: string,
): string | undefined {
  if (!view) return undefined;
  return findFieldError(view.fields, field)?.detail || undefined;
}

/** A form's own check, shown like the server's: one message per field. */
export function clientErrors(
  t: TFunction,
  fields: { field: string; detail: string }[],
): ErrorView | null {
  if (fields.length === 0) return null;
  return {
    title: t("common.form.checkTitle"),
    detail: t("common.form.checkDetail"),
    fields: fields.map(({ field, detail }) => ({
      pointer: `#/${field.split(".").join("/")}`,
      code: "invalid",
      detail,
    })),
  };
}

export function hasStatus(error: unknown, status: number): boolean {
  return isProblemError(error) && error.status === status;
}

export function hasCode(error: unknown, code: string): boolean {
  return isProblemError(error) && error.code === code;
}
