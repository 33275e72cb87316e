// The directory's import history (the admins' import page): newest first, each import with what
// became of it. A running import commits its progress with every batch; one whose progress has
// not moved for STALLED_AFTER_MS has died (a killed process, a restarted machine) and is shown
// as interrupted. Running the same file again finishes it (store.ts, markCompleted).
import { and, count, desc, eq, gt, inArray, isNull, or, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../db/connect";
import { users } from "../accounts/schema";
import {
  IMPORT_HISTORY_PER_PAGE,
  type ImportHistoryView,
  type ImportOutcome,
} from "./import-contract";
import { type DirectoryImportStatus, directoryImports } from "./schema";

/** No committed batch for this long: the import is no longer running. A batch takes < 1 s. */
export const STALLED_AFTER_MS = 15 * 60 * 1000;

interface Row {
  status: DirectoryImportStatus;
  rejected: number;
  records_done: number;
  summary: unknown;
  updated_at: Date;
}

/** What an import's row means to the person reading the history, at `now`. */
export function outcomeOf(row: Row, now: Date): ImportOutcome {
  if (row.status === "running") {
    return now.getTime() - row.updated_at.getTime() > STALLED_AFTER_MS ? "interrupted" : "running";
  }
  if (row.status === "failed") {
    const errored =
      typeof row.summary === "object" && row.summary !== null && "error" in row.summary;
    return errored || row.records_done > 0 || row.rejected === 0 ? "failed" : "refused";
  }
  return row.status;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function importHistory(
  db: Db,
  page: number,
  now = new Date(),
): Promise<ImportHistoryView> {
  const t = directoryImports;
  const later = alias(directoryImports, "later");
  const perPage = IMPORT_HISTORY_PER_PAGE;
  const rows = await db
    .select({
      id: t.id,
      source: t.source,
      format: t.format,
      status: t.status,
      started_at: t.started_at,
      finished_at: t.finished_at,
      updated_at: t.updated_at,
      created: t.created,
      updated: t.updated,
      rejected: t.rejected,
      records_done: t.records_done,
      records_total: t.records_total,
      summary: t.summary,
      started_by: users.name,
      completed_by: later.id,
      completed_at: later.finished_at,
    })
    .from(t)
    .leftJoin(users, eq(users.id, t.started_by))
    .leftJoin(later, eq(later.id, t.completed_by))
    .orderBy(desc(t.started_at), desc(t.id))
    .limit(perPage)
    .offset((page - 1) * perPage);
  const [counted] = await db.select({ total: count() }).from(t);
  return {
    total: Number(counted?.total ?? 0),
    page,
    perPage,
    imports: rows.map((r) => ({
      id: r.id,
      source: r.source,
      format: r.format,
      outcome: outcomeOf(r, now),
      startedAt: r.started_at.toISOString(),
      finishedAt: iso(r.finished_at),
      updatedAt: r.updated_at.toISOString(),
      startedBy: r.started_by,
      created: r.created,
      updated: r.updated,
      rejected: r.rejected,
      recordsDone: r.records_done,
      recordsTotal: r.records_total,
      completedBy: r.completed_by ? { id: r.completed_by, finishedAt: iso(r.completed_at) } : null,
    })),
  };
}

/**
 * Imports of `source` that stopped part-way (interrupted, died, or failed after committing some
 * batches) and that no later import has finished. A re-import of the source finishes them
 * (store.ts marks them); the web says so too (importHistoryText.ts `needsFinishing`).
 */
export function unfinishedOf(source: string): SQL {
  const t = directoryImports;
  return and(
    eq(t.source, source),
    isNull(t.completed_by),
    or(
      inArray(t.status, ["running", "interrupted"]),
      and(eq(t.status, "failed"), gt(t.records_done, 0)),
    ),
  ) as SQL;
}

/** The unfinished imports of `source` that are not running any more (the CLI mentions them). */
export async function unfinishedImports(db: Db, source: string, now = new Date()) {
  const rows = await db
    .select()
    .from(directoryImports)
    .where(unfinishedOf(source))
    .orderBy(desc(directoryImports.started_at));
  return rows.filter((r) => outcomeOf(r, now) !== "running");
}
