// HTTP for the admins' directory import: inspect an uploaded file (HSDS JSON, NDJSON or a
// spreadsheet: its columns and guessed targets), dry-run it (nothing written) and confirm it
// (the same checks, then one all-or-nothing import unless "skip invalid" was chosen).
// Ohana folders are many files: they are imported with the CLI only (`mutuo import ohana`).
// parse (contract) -> check (policy, in config) -> act (spreadsheet, hsds importer) -> present.
import { createHash } from "node:crypto";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { type Language, translate } from "../../lib/i18n";
import { Problem } from "../../server/problem";
import { importHsdsBuffer } from "./hsds/import";
import { applyHsds, type ImportSummary } from "./hsds/store";
import type { HsdsProblem } from "./hsds/tabular";
import { hasControlCharacters } from "./import-common";
import * as c from "./import-contract";
import { importHistory } from "./import-history";
import { directoryImportPolicy as p } from "./import-policy";
import { inspectSpreadsheet, readSpreadsheet } from "./spreadsheet";

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const MB = c.DIRECTORY_IMPORT_LIMITS.maxBytes / 1024 / 1024;

/** The upload's bytes from base64, within the size limit; or a translated 4xx. */
function decodeFile(file: string): Buffer {
  const b64 = file.replace(/^data:[^,]*;base64,/, "").replace(/\s+/g, "");
  if (b64.length > c.MAX_FILE_BASE64)
    throw new Problem(413, "directory_import_too_large", { mb: MB });
  if (!BASE64.test(b64) || b64.length % 4 === 1) {
    throw new Problem(400, "directory_import_unreadable");
  }
  const bytes = Buffer.from(b64, "base64");
  if (bytes.length > c.DIRECTORY_IMPORT_LIMITS.maxBytes) {
    throw new Problem(413, "directory_import_too_large", { mb: MB });
  }
  if (bytes.length === 0) throw new Problem(400, "directory_import_csv_empty");
  return bytes;
}

/** Text files only, UTF-8 only: a Latin-1 or UTF-16 file is refused by name. */
function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, 64 * 1024 + 3));
  } catch {
    // The probe may cut a multi-byte character at its end: only a short file is judged here
    // (the importers check every byte of a long one).
    if (bytes.length > 64 * 1024 + 3) {
      return new TextDecoder("utf-8").decode(bytes.subarray(0, 64 * 1024));
    }
    throw new Problem(400, "directory_import_not_utf8");
  }
}

/** HSDS JSON, NDJSON (one object per line) or a spreadsheet, from the name and the first bytes. */
export function detectFormat(bytes: Buffer, fileName: string): c.ImportFormat {
  const text = decodeText(bytes).replace(/^\uFEFF/, "");
  if (hasControlCharacters(text)) throw new Problem(400, "directory_import_not_text");
  const name = fileName.toLowerCase();
  const start = text.trimStart()[0];
  if (/\.(ndjson|jsonl)$/.test(name)) return "hsds-ndjson";
  if (name.endsWith(".json")) return "hsds-json";
  if (/\.(csv|tsv|txt)$/.test(name)) return "csv";
  if (start === "[") return "hsds-json";
  if (start === "{") {
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
    const looksNdjson = lines.length > 1 && lines.every((l) => /^\s*\{.*\}\s*$/.test(l));
    return looksNdjson ? "hsds-ndjson" : "hsds-json";
  }
  if (/[,;\t]/.test(text.split(/\r?\n/, 1)[0] ?? "")) return "csv";
  throw new Problem(400, "directory_import_unknown_format");
}

function checkTimeZone(zone: string | undefined): void {
  if (!zone) return;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
  } catch {
    throw new Problem(400, "directory_import_bad_time_zone", { zone });
  }
}

/**
 * Ties a confirmation to what was dry-run: the same bytes, format, mapping and time zone
 * ("skip invalid" may be chosen after seeing the report).
 */
function digestOf(body: c.ImportRequest, bytes: Buffer): string {
  const options = JSON.stringify([body.format, body.mapping ?? null, body.timeZone ?? null]);
  return createHash("sha256").update(options).update("\n").update(bytes).digest("hex");
}

/** A problem in the viewer's language: the spreadsheet's own texts, then the HSDS importer's. */
function problemText(language: Language, problem: HsdsProblem): string {
  const params = problem.params ?? {};
  for (const key of [
    `directoryImport.sheet.${problem.code}`,
    `directoryImport.problem.${problem.code}.detail`,
    `directoryImport.problem.${problem.code}`,
  ]) {
    const text = translate(language, key, params);
    if (text !== key) return text;
  }
  return problem.message;
}

function presentProblems(language: Language, problems: readonly HsdsProblem[]) {
  return problems.slice(0, c.DIRECTORY_IMPORT_LIMITS.maxProblemsListed).map((problem) => ({
    severity: problem.severity,
    code: problem.code,
    text: problemText(language, problem),
    table: problem.table,
    file: problem.file,
    pointer: problem.pointer,
    row: typeof problem.params?.row === "number" ? problem.params.row : null,
  }));
}

function presentReport(
  language: Language,
  summary: ImportSummary,
  digest: string,
  extra: { unknownCategories: string[]; serviceIds: string[] },
): c.ImportReportView {
  return {
    dryRun: summary.dryRun,
    importId: summary.importId,
    digest,
    created: summary.created,
    updated: summary.updated,
    services: summary.services,
    rejectedCount: summary.rejected.length,
    warningCount: summary.warnings.length,
    rejected: presentProblems(language, summary.rejected),
    warnings: presentProblems(language, summary.warnings),
    unknownCategories: extra.unknownCategories,
    serviceIds: extra.serviceIds.slice(0, 20),
  };
}

export const directoryImportRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  app.addHook("onSend", async (_request, reply) => {
    reply.header("cache-control", "no-store");
  });

  /** Reads and checks the upload, then runs the importer (a dry run writes nothing). */
  async function run(
    body: c.ImportRequest,
    dryRun: boolean,
    language: Language,
    startedBy: string | null,
    expectedDigest?: string,
  ) {
    const bytes = decodeFile(body.file);
    const digest = digestOf(body, bytes);
    if (expectedDigest !== undefined && expectedDigest !== digest) {
      throw new Problem(409, "directory_import_changed");
    }
    checkTimeZone(body.timeZone);
    const options = {
      dryRun,
      source: body.fileName,
      startedBy,
      timeZone: body.timeZone,
      defaultTimeZone: app.config.directory.timeZone,
      skipInvalid: !!body.skipInvalid,
    };
    if (body.format !== "csv") {
      // The importer tells JSON from NDJSON by content; the check here refuses binary early.
      detectFormat(bytes, body.fileName);
      const summary = await importHsdsBuffer(db, bytes, body.fileName, options);
      return presentReport(language, summary, digest, { unknownCategories: [], serviceIds: [] });
    }
    if (!body.mapping) throw new Problem(400, "directory_import_mapping_required");
    const sheet = readSpreadsheet(bytes, body.fileName, body.mapping);
    if (!sheet.ok) {
      const status =
        sheet.code === "csv_too_large" || sheet.code === "csv_too_many_rows" ? 413 : 400;
      throw new Problem(status, `directory_import_${sheet.code}`, sheet.params);
    }
    const summary = await applyHsds(db, sheet.records, {
      ...options,
      format: "csv",
      problems: sheet.problems,
    });
    const rejected = new Set(summary.rejected.map((p) => p.id));
    return presentReport(language, summary, digest, {
      unknownCategories: sheet.unknownCategories,
      serviceIds: (sheet.records.service ?? [])
        .map((s) => String(s.id))
        .filter((id) => !rejected.has(id)),
    });
  }

  const bodyLimit = c.DIRECTORY_IMPORT_BODY_LIMIT;

  app.post(
    "/directory/imports/inspect",
    {
      bodyLimit,
      config: { policy: p.inspect },
      schema: {
        tags: ["directory"],
        summary:
          "Detect an uploaded file's format (HSDS JSON, NDJSON or a spreadsheet) and, for a spreadsheet, list its columns with samples and guessed targets (network admins). Writes nothing",
        body: c.inspectRequest,
        response: { 200: c.inspectResponse },
      },
    },
    async (request) => {
      const bytes = decodeFile(request.body.file);
      const format = detectFormat(bytes, request.body.fileName);
      if (format !== "csv") return { format, columns: [], rows: 0 };
      const sheet = inspectSpreadsheet(bytes);
      if (!sheet.ok) {
        const status =
          sheet.code === "csv_too_large" || sheet.code === "csv_too_many_rows" ? 413 : 400;
        throw new Problem(status, `directory_import_${sheet.code}`, sheet.params);
      }
      return { format, columns: sheet.columns, rows: sheet.rows };
    },
  );

  app.post(
    "/directory/imports/dry-run",
    {
      bodyLimit,
      config: { policy: p.dryRun },
      schema: {
        tags: ["directory"],
        summary:
          "What importing this file would do: records created and updated per HSDS table, each rejected record with its reason, warnings (network admins). Writes nothing",
        body: c.importRequest,
        response: { 200: c.importReportResponse },
      },
    },
    async (request) => run(request.body, true, request.language, request.viewer.user?.id ?? null),
  );

  app.post(
    "/directory/imports",
    {
      bodyLimit,
      config: { policy: p.confirm },
      schema: {
        tags: ["directory"],
        summary:
          "Import the dry-run file: all or nothing, or only the valid records with skipInvalid; re-importing updates by id (network admins)",
        body: c.importConfirmRequest,
        response: { 201: c.importReportResponse },
      },
    },
    async (request, reply) => {
      const { expectedDigest, ...body } = request.body;
      const report = await run(
        body,
        false,
        request.language,
        request.viewer.user?.id ?? null,
        expectedDigest,
      );
      if (report.rejectedCount > 0 && !body.skipInvalid) {
        throw new Problem(422, "directory_import_rejected", { count: report.rejectedCount });
      }
      return reply.code(201).send(report);
    },
  );

  app.get(
    "/directory/imports",
    {
      config: { policy: p.history },
      schema: {
        tags: ["directory"],
        summary:
          "The directory's imports, newest first: source, who, counts, and what became of each (applied, refused, failed, interrupted part-way with how far it got, finished later) (network admins)",
        querystring: c.importHistoryQuery,
        response: { 200: c.importHistoryResponse },
      },
    },
    async (request) => importHistory(db, request.query.page ?? 1),
  );
};
