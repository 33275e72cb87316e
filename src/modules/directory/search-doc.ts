// Keeps hsds_service.mutuo_search_doc: the lower-cased, accent-free text a visitor's words are
// matched against (copied into the search rows, search-rows.ts, which it refreshes too). It
// holds the service's own names and description, its organization's names, the names of its
// taxonomy terms and, for Mutuo's own terms, both languages' names and search words, so
// "despensa" finds a service filed as "Food pantry".
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/connect";
import { uuidArray } from "../../db/sql";
import { directorySearchPending } from "./schema";
import { refreshSearchRows, type SearchRowScope } from "./search-rows";
import { MUTUO_TERMS } from "./taxonomy";

/** The words each Mutuo term adds to a service's document, in both languages. */
const MUTUO_TERM_WORDS = JSON.stringify(
  MUTUO_TERMS.map((t) => ({ id: t.id, words: [t.en, t.es, ...t.words].join(" ") })),
);

/** Which services to rebuild, as a condition on the alias `s`; null when nothing is asked. */
function scopeCondition(which: SearchRowScope): SQL | null {
  if (which === "all") return sql`true`;
  const parts: SQL[] = [];
  if (which.serviceIds?.length) parts.push(sql`s.id = any(${uuidArray(which.serviceIds)})`);
  if (which.organizationIds?.length)
    parts.push(sql`s.organization_id = any(${uuidArray(which.organizationIds)})`);
  return parts.length ? sql.join(parts, sql` or `) : null;
}

/**
 * Rebuilds the search documents of the given services (or of every service) in one
 * set-based UPDATE — rows whose document does not change are not rewritten — then the
 * vocabulary and the search rows (search-rows.ts) of everything the scope touches.
 */
export async function refreshSearchDocs(db: Db, which: SearchRowScope): Promise<void> {
  const scope = scopeCondition(which);
  if (scope) await refreshDocuments(db, scope);
  await refreshSearchRows(db, which);
}

type ScopeLists = Exclude<SearchRowScope, "all">;
const SCOPE_KEYS = ["serviceIds", "organizationIds", "locationIds", "salIds"] as const;

/**
 * Notes what one batch of a streamed import changed, in its transaction, instead of rebuilding
 * its documents and search rows there: `flushSearchRefresh` then rebuilds all of it at once at
 * the import's end (set-based, ~3× cheaper than batch by batch at 100,000 services, and without
 * per-batch plans made before the planner has statistics — decision 0028).
 */
export async function queueSearchRefresh(db: Db, scope: ScopeLists): Promise<void> {
  if (!SCOPE_KEYS.some((k) => scope[k]?.length)) return;
  await db.insert(directorySearchPending).values({ scope });
}

/**
 * Rebuilds the documents and search rows of everything queued, in one transaction, and empties
 * the queue (only what it read: an import queuing meanwhile keeps its own rows). Run at the end
 * of a streamed import and at start, for an import that stopped half-way.
 */
export async function flushSearchRefresh(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    const taken = await tx
      .delete(directorySearchPending)
      .returning({ scope: directorySearchPending.scope });
    if (taken.length === 0) return 0;
    const merged: Record<(typeof SCOPE_KEYS)[number], Set<string>> = {
      serviceIds: new Set(),
      organizationIds: new Set(),
      locationIds: new Set(),
      salIds: new Set(),
    };
    for (const { scope } of taken) {
      for (const key of SCOPE_KEYS) {
        for (const id of (scope as ScopeLists)[key] ?? []) merged[key].add(id);
      }
    }
    await refreshSearchDocs(tx as unknown as Db, {
      serviceIds: [...merged.serviceIds],
      organizationIds: [...merged.organizationIds],
      locationIds: [...merged.locationIds],
      salIds: [...merged.salIds],
    });
    return taken.length;
  });
}

async function refreshDocuments(db: Db, scope: SQL): Promise<void> {
  // Terms are aggregated per service in one grouped pass (a hash join at 100,000 services)
  // rather than a lookup per service.
  await db.execute(sql`
    with scoped as (
      select s.id, s.name, s.alternate_name, s.description, s.organization_id
      from hsds_service s
      where ${scope}
    ),
    -- A Mutuo term's words start with its English name: the stored name is not repeated.
    mutuo_words as (
      select w.id, w.words from jsonb_to_recordset(${MUTUO_TERM_WORDS}::jsonb) as w(id uuid, words text)
    ),
    term_text as (
      select a.link_id as service_id,
             string_agg(coalesce(mw.words, tt.name), ' ') as words
      from hsds_attribute a
      join scoped on scoped.id = a.link_id
      join hsds_taxonomy_term tt on tt.id = a.taxonomy_term_id
      left join mutuo_words mw on mw.id = tt.id
      where a.link_entity = 'service'
      group by a.link_id
    ),
    docs as (
      select scoped.id,
             lower(unaccent(concat_ws(' ', scoped.name, scoped.alternate_name, scoped.description,
                                      o.name, o.alternate_name, term_text.words))) as doc
      from scoped
      left join hsds_organization o on o.id = scoped.organization_id
      left join term_text on term_text.service_id = scoped.id
    )
    update hsds_service s set mutuo_search_doc = docs.doc
    from docs
    where s.id = docs.id and s.mutuo_search_doc is distinct from docs.doc
  `);
  await addDocumentWords(db, scope);
}

/** Shortest word kept in the vocabulary that misspelt words are corrected against. */
export const MIN_WORD_LENGTH = 3;

/**
 * Adds the words of these services' documents to `directory_words` (search.ts corrects typos
 * against it). Words are never removed: one that no document holds any more only corrects a
 * typo into a word that finds nothing.
 */
async function addDocumentWords(db: Db, scope: SQL): Promise<void> {
  await db.execute(sql`
    insert into directory_words (word)
    select distinct w
    from hsds_service s, regexp_split_to_table(s.mutuo_search_doc, '[^[:alnum:]]+') as w
    where (${scope}) and length(w) >= ${MIN_WORD_LENGTH}
    on conflict do nothing
  `);
}
