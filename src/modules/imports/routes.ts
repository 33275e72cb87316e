// HTTP for spreadsheet imports: read a file's columns, dry-run a mapping (nothing written), and
// confirm (the same checks again, then every valid row in one transaction).
// parse (contract) -> check (policy, in config) -> act (model, store) -> present.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { type Language, translate } from "../../lib/i18n";
import { hashToken, newToken } from "../../lib/tokens";
import { Problem } from "../../server/problem";
import { cellsOf, contactHash, newShortCode } from "../exchange/intake";
import { announce } from "../exchange/live";
import type { NewNeed } from "../exchange/store";
import { type GroupRow, getGroup } from "../groups/store";
import * as c from "./contract";
import {
  categoryOf,
  checkMapping,
  type DateOrder,
  guessDateOrder,
  guessMapping,
  IMPORT_LIMITS,
  type ImportedNeed,
  type ImportedVolunteer,
  type ImportKind,
  looksSpanish,
  type ReadResult,
  type RowProblem,
  readCsv,
  readNeedRow,
  readVolunteerRow,
  sameRequest,
  type Target,
  urgencyOf,
  valueKey,
} from "./model";
import { importsPolicy as p } from "./policy";
import { fieldName, type Plan, presentColumns, presentReport } from "./present";
import * as store from "./store";

/** How long an emailed volunteer invitation stays usable. */
export const INVITATION_DAYS = 14;
/** Up to this many imported needs are announced one by one on the live board; more, just the last. */
const ANNOUNCE_EACH_UP_TO = 25;

type Table = Extract<ReadResult, { ok: true }>;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The file's bytes from base64, within the size limit, read as CSV; or a translated 4xx. */
function readTable(file: string): Table {
  const b64 = file.replace(/^data:[^,]*;base64,/, "").replace(/\s+/g, "");
  if (b64.length > c.MAX_FILE_BASE64) {
    throw new Problem(413, "import_too_large", { mb: IMPORT_LIMITS.maxBytes / 1024 / 1024 });
  }
  if (!BASE64.test(b64) || b64.length % 4 === 1) throw new Problem(400, "import_file_unreadable");
  const bytes = Buffer.from(b64, "base64");
  if (bytes.length > IMPORT_LIMITS.maxBytes) {
    throw new Problem(413, "import_too_large", { mb: IMPORT_LIMITS.maxBytes / 1024 / 1024 });
  }
  const table = readCsv(bytes);
  if (!table.ok) {
    throw new Problem(table.code === "import_too_many_rows" ? 413 : 400, table.code, table.params);
  }
  return table;
}

function dateOrderOf(table: Table, mapping: readonly Target[], chosen?: DateOrder): DateOrder {
  if (chosen) return chosen;
  const column = mapping.indexOf("createdAt");
  const values = column < 0 ? [] : table.rows.map((r) => r.cells[column] ?? "");
  return guessDateOrder(values, looksSpanish(table.header));
}

/** The distinct free-text values of a column and what each becomes. */
function valueChoices(
  table: Table,
  mapping: readonly Target[],
  field: "category" | "urgency",
  body: c.ImportMappingRequest,
): Plan["values"]["category"] {
  const column = mapping.indexOf(field);
  if (column < 0) return [];
  const seen = new Map<string, { text: string; count: number }>();
  for (const row of table.rows) {
    const text = (row.cells[column] ?? "").trim();
    if (!text) continue;
    const key = valueKey(text);
    const had = seen.get(key);
    if (had) had.count += 1;
    else seen.set(key, { text: key, count: 1 });
  }
  return [...seen.values()].slice(0, 100).map(({ text, count }) => {
    if (field === "category") {
      const found = categoryOf(text, body.values?.category);
      return { text, count, mapsTo: found.value, guessed: found.guessed };
    }
    const found = urgencyOf(text, body.values?.urgency);
    return { text, count, mapsTo: found.value, guessed: !found.known };
  });
}

interface NeedPlan extends Plan {
  kind: "needs";
  needs: (ImportedNeed & { contactHash: string | null })[];
}
interface VolunteerPlan extends Plan {
  kind: "volunteers";
  volunteers: ImportedVolunteer[];
}

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  app.addHook("onSend", async (_request, reply) => {
    reply.header("cache-control", "no-store");
  });

  async function loadGroup(groupId: string): Promise<GroupRow> {
    const group = await getGroup(db, groupId);
    if (!group) throw new Problem(404, "group_not_found");
    return group;
  }

  function checkedMapping(table: Table, body: c.ImportMappingRequest, language: Language) {
    const problem = checkMapping(table.header, body.mapping, body.kind);
    if (!problem) return body.mapping;
    const params: Record<string, string | number> =
      "field" in problem.params
        ? { field: fieldName(language, problem.params.field) }
        : problem.params;
    throw new Problem(400, problem.code, params);
  }

  /** Everything the dry run says and the confirmation writes; reads, never writes. */
  async function plan(
    group: GroupRow,
    table: Table,
    body: c.ImportMappingRequest,
    language: Language,
  ): Promise<NeedPlan | VolunteerPlan> {
    const mapping = checkedMapping(table, body, language);
    const dateOrder = dateOrderOf(table, mapping, body.dateOrder);
    const problems: RowProblem[] = [];
    let invalid = 0;
    let duplicate = 0;
    let existing = 0;
    const values = {
      category: valueChoices(table, mapping, "category", body),
      urgency: valueChoices(table, mapping, "urgency", body),
    };
    if (body.kind === "needs") {
      const read: (ImportedNeed & { contactHash: string | null })[] = [];
      for (const row of table.rows) {
        const result = readNeedRow(row, mapping, {
          categories: body.values?.category ?? {},
          urgencies: body.values?.urgency ?? {},
          dateOrder,
          timeZone: group.timeZone,
          now: app.clock(),
        });
        problems.push(...result.problems);
        if (!result.need) invalid += 1;
        else {
          const hash = contactHash({
            email: result.need.contactEmail,
            phone: result.need.contactPhone,
          });
          read.push({ ...result.need, contactHash: hash });
        }
      }
      const known = await store.requestsOfContacts(
        db,
        group.id,
        read.flatMap((n) => (n.contactHash ? [n.contactHash] : [])),
      );
      const byContact = new Map<string, { contactHash: string; description: string }[]>();
      for (const k of known)
        byContact.set(k.contactHash, [...(byContact.get(k.contactHash) ?? []), k]);
      const inFile = new Map<string, ImportedNeed[]>();
      const kept: NeedPlan["needs"] = [];
      for (const need of read) {
        const hash = need.contactHash;
        const earlier = hash ? (inFile.get(hash) ?? []) : [];
        const repeat = earlier.find((e) => sameRequest({ ...e, contactHash: hash }, need));
        const old = hash ? byContact.get(hash)?.find((k) => sameRequest(k, need)) : undefined;
        if (repeat || old) {
          duplicate += 1;
          problems.push({
            row: need.row,
            column: null,
            code: repeat ? "duplicate_in_file" : "duplicate_existing",
            severity: "warning",
            ...(repeat ? { params: { first: repeat.row } } : {}),
          });
          continue;
        }
        if (hash) inFile.set(hash, [...earlier, need]);
        kept.push(need);
      }
      problems.sort((a, b) => a.row - b.row);
      return {
        kind: "needs",
        dateOrder,
        rows: table.rows.length,
        create: kept.length,
        duplicate,
        existing,
        invalid,
        problems,
        values,
        needs: kept,
      };
    }
    const read: ImportedVolunteer[] = [];
    for (const row of table.rows) {
      const result = readVolunteerRow(row, mapping);
      problems.push(...result.problems);
      if (result.volunteer) read.push(result.volunteer);
      else invalid += 1;
    }
    const members = await store.memberEmails(
      db,
      group.id,
      read.map((v) => v.email),
    );
    const firstRowOf = new Map<string, number>();
    const kept: ImportedVolunteer[] = [];
    for (const volunteer of read) {
      const first = firstRowOf.get(volunteer.email);
      if (first !== undefined) {
        duplicate += 1;
        problems.push({
          row: volunteer.row,
          column: mapping.indexOf("email"),
          code: "duplicate_in_file",
          severity: "warning",
          params: { first },
        });
        continue;
      }
      firstRowOf.set(volunteer.email, volunteer.row);
      if (members.has(volunteer.email)) {
        existing += 1;
        problems.push({
          row: volunteer.row,
          column: mapping.indexOf("email"),
          code: "already_member",
          severity: "warning",
        });
        continue;
      }
      kept.push(volunteer);
    }
    problems.sort((a, b) => a.row - b.row);
    return {
      kind: "volunteers",
      dateOrder,
      rows: table.rows.length,
      create: kept.length,
      duplicate,
      existing,
      invalid,
      problems,
      values,
      volunteers: kept,
    };
  }

  const bodyLimit = c.IMPORT_BODY_LIMIT + 64 * 1024;

  app.post(
    "/groups/:groupId/imports/columns",
    {
      bodyLimit,
      config: { policy: p.readColumns },
      schema: {
        tags: ["imports"],
        summary:
          "Read a CSV file's columns (UTF-8, comma or semicolon) and guess what each holds (coordinators). Writes nothing",
        params: c.importParams,
        body: c.importColumnsRequest,
        response: { 200: c.importColumnsResponse },
      },
    },
    async (request) => {
      await loadGroup(request.params.groupId);
      const table = readTable(request.body.file);
      const guesses = guessMapping(table.header, request.body.kind);
      return presentColumns(
        request.body.kind,
        table.header,
        table.rows,
        guesses,
        table.delimiter,
        dateOrderOf(table, guesses),
      );
    },
  );

  app.post(
    "/groups/:groupId/imports/dry-run",
    {
      bodyLimit,
      config: { policy: p.dryRun },
      schema: {
        tags: ["imports"],
        summary:
          "What importing this file with this mapping would do: counts and per-row problems. Writes nothing",
        params: c.importParams,
        body: c.importMappingRequest,
        response: { 200: c.importReportResponse },
      },
    },
    async (request) => {
      const group = await loadGroup(request.params.groupId);
      const table = readTable(request.body.file);
      const result = await plan(group, table, request.body, request.language);
      return presentReport(result, table.header, request.language, true);
    },
  );

  app.post(
    "/groups/:groupId/imports",
    {
      bodyLimit,
      config: { policy: p.confirm },
      schema: {
        tags: ["imports"],
        summary:
          "Import: the dry run's checks again, then every valid row in one transaction (needs, or emailed volunteer invitations), audit-logged",
        params: c.importParams,
        body: c.importConfirmRequest,
        response: { 201: c.importReportResponse },
      },
    },
    async (request, reply) => {
      const group = await loadGroup(request.params.groupId);
      const table = readTable(request.body.file);
      const result = await plan(group, table, request.body, request.language);
      if (result.create !== request.body.expectedCount) {
        throw new Problem(409, "import_changed", {
          expected: request.body.expectedCount,
          now: result.create,
        });
      }
      const actorId = request.viewer.user?.id as string;
      const audit = {
        kind: result.kind as ImportKind,
        rows: result.rows,
        duplicates: result.duplicate,
        existing: result.existing,
        invalid: result.invalid,
      };
      const now = app.clock();
      if (result.kind === "needs") {
        const rows = result.needs.map((need) => ({
          values: needValues(group.id, need),
          createdAt: need.createdAt ?? now,
        }));
        const created = await store.importNeeds(db, group, rows, actorId, audit);
        const announced = created.length <= ANNOUNCE_EACH_UP_TO ? created : created.slice(-1);
        for (const need of announced) {
          await announce(app.events, request.log, group.id, "need.created", need);
        }
        return reply.code(201).send(presentReport(result, table.header, request.language, false));
      }
      const tokens = result.volunteers.map(() => newToken());
      const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 24 * 3600 * 1000);
      await store.importInvitations(
        db,
        group,
        tokens.map((token) => hashToken(token)),
        expiresAt,
        actorId,
        audit,
      );
      // After the commit: a mail that fails leaves its invitation in place (it can be revoked).
      let emailsFailed = 0;
      const inviter = request.viewer.user?.name ?? "";
      for (const [i, volunteer] of result.volunteers.entries()) {
        const language: Language =
          volunteer.language ?? (group.languages[0] === "es" ? "es" : request.language);
        const params = {
          name: volunteer.name,
          group: group.name,
          inviter,
          link: `${app.config.publicUrl}/join#${tokens[i]}`,
          days: INVITATION_DAYS,
        };
        try {
          await app.mailer.send({
            to: volunteer.email,
            subject: translate(language, "imports.mail.subject", params),
            text: translate(language, "imports.mail.body", params),
          });
        } catch (err) {
          emailsFailed += 1;
          request.log.warn({ err, row: volunteer.row }, "import invitation not sent");
        }
      }
      return reply
        .code(201)
        .send(presentReport(result, table.header, request.language, false, { emailsFailed }));
    },
  );
};

/** An imported need as a row: public cells from the point, the contact's hash, a fresh status token and short code. */
function needValues(groupId: string, need: ImportedNeed & { contactHash: string | null }): NewNeed {
  return {
    groupId,
    category: need.category,
    description: need.description,
    urgency: need.urgency,
    householdSize: need.householdSize,
    languages: need.languages,
    windowStart: null,
    windowEnd: null,
    ...cellsOf(need.point),
    lat: need.point?.lat ?? null,
    lng: need.point?.lng ?? null,
    locationText: need.locationText,
    contactName: need.contactName,
    contactEmail: need.contactEmail,
    contactPhone: need.contactPhone,
    contactChannel: need.contactEmail ? "email" : need.contactPhone ? "phone" : "none",
    contactHash: need.contactHash,
    sensitiveNotes: need.sensitiveNotes,
    requesterId: null,
    // Nobody holds this link (the person did not post it); the short code identifies the need
    // when a coordinator talks with them.
    statusTokenHash: hashToken(newToken()),
    shortCode: newShortCode(),
    duplicateOf: null,
    source: "import",
  };
}
