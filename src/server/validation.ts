// Turns schema validation issues (Zod, via fastify-type-provider-zod) into translated field problems.
import type { FastifySchemaValidationError } from "fastify";
import { type Language, translate } from "../lib/i18n";
import type { FieldProblem } from "./problem";

type Params = Record<string, unknown>;

function escapePointer(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** A Zod type or format name in the viewer's words ("number" → "un número"), else as it is. */
function named(language: Language, group: "type" | "format", value: unknown): string {
  const name = String(value ?? "");
  const key = `field.${group}.${name}`;
  const text = translate(language, key);
  return text === key ? name : text;
}

function message(
  language: Language,
  keyword: string,
  params: Params,
  issueMessage = "",
): { code: string; detail: string } {
  const origin = String(params.origin ?? "");
  const kind =
    origin === "string" ? "string" : origin === "array" || origin === "set" ? "array" : "number";
  switch (keyword) {
    case "invalid_type":
      // Zod 4 reports the input only when asked: its message says what was received instead
      // ("…, received undefined" for a missing field, "received NaN" for ?page=two).
      if (params.input === undefined && !/received (?!undefined)\S+$/.test(issueMessage))
        return { code: "required", detail: translate(language, "field.required") };
      return {
        code: "invalid_type",
        detail: translate(language, "field.invalid_type", {
          expected: named(language, "type", params.expected),
        }),
      };
    case "too_small":
      // An empty required text is "required", not "at least 1 character".
      if (kind === "string" && Number(params.minimum) === 1) {
        return { code: "required", detail: translate(language, "field.required") };
      }
      return {
        code: "too_small",
        detail: translate(language, `field.too_small_${kind}`, {
          minimum: String(params.minimum ?? ""),
        }),
      };
    case "too_big":
      return {
        code: "too_big",
        detail: translate(language, `field.too_big_${kind}`, {
          maximum: String(params.maximum ?? ""),
        }),
      };
    case "invalid_format":
      return {
        code: "invalid_format",
        detail: translate(language, "field.invalid_format", {
          format: named(language, "format", params.format),
        }),
      };
    case "invalid_value":
      return { code: "invalid_value", detail: translate(language, "field.invalid_value") };
    case "custom": {
      // Custom refinements name their own message key: z.refine(..., { params: { i18n: "..." } }).
      const inner = (params.params ?? {}) as Params;
      const key = typeof inner.i18n === "string" ? inner.i18n : "field.invalid";
      return {
        code: String(inner.code ?? "invalid"),
        detail: translate(language, key, inner as Record<string, string>),
      };
    }
    default:
      return { code: keyword, detail: translate(language, "field.invalid") };
  }
}

export function fieldProblems(
  language: Language,
  context: string | undefined,
  issues: FastifySchemaValidationError[],
): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const issue of issues) {
    const params = (issue.params ?? {}) as Params;
    const base = issue.instancePath === "/" ? "" : issue.instancePath;
    const segments = base.split("/").filter(Boolean);
    // Unknown fields are reported one problem per field, at the field itself.
    const targets =
      issue.keyword === "unrecognized_keys" && Array.isArray(params.keys)
        ? (params.keys as string[]).map((k) => [...segments, k])
        : [segments];
    for (const path of targets) {
      const { code, detail } =
        issue.keyword === "unrecognized_keys"
          ? { code: "unrecognized_key", detail: translate(language, "field.unrecognized_key") }
          : message(language, issue.keyword, params, issue.message);
      if (context === "body" || context === undefined) {
        out.push({ pointer: `#/${path.map(escapePointer).join("/")}`, code, detail });
      } else {
        out.push({ parameter: path.join("."), code, detail });
      }
    }
  }
  return out;
}
