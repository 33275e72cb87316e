-- The exchange at 100,000 needs (docs/decisions/0019-exchange-indexes.md): the board walks a
-- partial index of open needs in its own order and stops at its limit; the duplicate check reads
-- only one cell's (or one contact's) last 7 days.
DROP INDEX "needs_board";--> statement-breakpoint
DROP INDEX "needs_h3_r8";--> statement-breakpoint
DROP INDEX "needs_contact_hash";--> statement-breakpoint
CREATE INDEX "needs_open_queue" ON "needs" USING btree ("group_id",(case "urgency" when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end),"created_at","id") WHERE "needs"."status" in ('new', 'triaged', 'claimed', 'in_progress');--> statement-breakpoint
CREATE INDEX "needs_open_category" ON "needs" USING btree ("group_id","category",(case "urgency" when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end),"created_at","id") WHERE "needs"."status" in ('new', 'triaged', 'claimed', 'in_progress');--> statement-breakpoint
CREATE INDEX "needs_group_cell_recent" ON "needs" USING btree ("group_id","h3_r8","created_at");--> statement-breakpoint
CREATE INDEX "needs_group_contact_recent" ON "needs" USING btree ("group_id","contact_hash","created_at");--> statement-breakpoint
CREATE INDEX "needs_duplicates_unreviewed" ON "needs" USING btree ("group_id","created_at") WHERE "needs"."duplicate_of" is not null and "needs"."duplicate_reviewed_at" is null;--> statement-breakpoint
CREATE INDEX "needs_duplicate_of" ON "needs" USING btree ("duplicate_of") WHERE "needs"."duplicate_of" is not null;