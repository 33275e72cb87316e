CREATE TABLE "directory_search" (
	"id" uuid PRIMARY KEY NOT NULL,
	"service_id" uuid NOT NULL,
	"sal_id" uuid,
	"location_id" uuid,
	"organization_id" uuid,
	"active" boolean NOT NULL,
	"test" boolean NOT NULL,
	"placed" boolean NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"doc" text NOT NULL,
	"name_key" text NOT NULL,
	"name" text NOT NULL,
	"languages" text[] NOT NULL,
	"term_ids" uuid[] NOT NULL,
	"time_zone" text,
	"rules" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directory_search_pending" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "directory_search_pending_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"scope" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directory_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
DROP INDEX "hsds_service_search_doc";--> statement-breakpoint
CREATE INDEX "directory_search_earth" ON "directory_search" USING gist (ll_to_earth("latitude", "longitude")) WHERE "directory_search"."placed" and not "directory_search"."test";--> statement-breakpoint
CREATE INDEX "directory_search_service" ON "directory_search" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "directory_search_location" ON "directory_search" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "directory_search_sal" ON "directory_search" USING btree ("sal_id");--> statement-breakpoint
CREATE INDEX "directory_search_organization" ON "directory_search" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "directory_words_trgm" ON "directory_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
-- The words of the documents already built (search-doc.ts keeps the list from now on).
INSERT INTO "directory_words" ("word")
SELECT DISTINCT w FROM "hsds_service" s, regexp_split_to_table(s."mutuo_search_doc", '[^[:alnum:]]+') AS w
WHERE length(w) >= 3
ON CONFLICT DO NOTHING;--> statement-breakpoint
-- The search rows of the services already imported (search-rows.ts keeps them from now on).
insert into directory_search (id, service_id, sal_id, location_id, organization_id, active,
  test, placed, latitude, longitude, doc, name_key, name, languages, term_ids, time_zone, rules)
select coalesce(sal.id, s.id), s.id, sal.id, l.id, s.organization_id,
       s.status = 'active',
       s.mutuo_test or coalesce(o.mutuo_test, false) or coalesce(l.mutuo_test, false),
       coalesce(l.mutuo_placed, false), l.latitude, l.longitude,
       coalesce(s.mutuo_search_doc, ''), lower(unaccent(coalesce(s.name, ''))),
       coalesce(s.name, ''),
       array(select distinct lg.code from hsds_language lg
             where lg.code is not null
               and (lg.service_id = s.id or (l.id is not null and lg.location_id = l.id))
             order by 1),
       array(select distinct a.taxonomy_term_id from hsds_attribute a
             where a.link_id = s.id and a.link_entity = 'service'
               and a.taxonomy_term_id is not null
             order by 1),
       l.mutuo_time_zone,
       (
  select coalesce(jsonb_agg(r.rule order by r.closed, r.lvl, r.id), '[]'::jsonb)
  from (
select lv.*, min(case when not lv.closed then lv.lvl end) over () as regular
from (
  select 1 as lvl, x.id, x.mutuo_closed as closed, jsonb_strip_nulls(jsonb_build_object(
  'freq', x.freq, 'interval', x.interval, 'byday', x.byday, 'bymonthday', x.bymonthday,
  'dtstart', x.dtstart, 'until', x.until, 'count', x.count, 'wkst', x.wkst,
  'valid_from', x.valid_from, 'valid_to', x.valid_to, 'opens_at', x.opens_at,
  'closes_at', x.closes_at, 'description', x.description, 'mutuo_closed', x.mutuo_closed)) as rule
  from hsds_schedule x where sal.id is not null and x.service_at_location_id = sal.id
  union all
  select 2, x.id, x.mutuo_closed, jsonb_strip_nulls(jsonb_build_object(
  'freq', x.freq, 'interval', x.interval, 'byday', x.byday, 'bymonthday', x.bymonthday,
  'dtstart', x.dtstart, 'until', x.until, 'count', x.count, 'wkst', x.wkst,
  'valid_from', x.valid_from, 'valid_to', x.valid_to, 'opens_at', x.opens_at,
  'closes_at', x.closes_at, 'description', x.description, 'mutuo_closed', x.mutuo_closed))
  from hsds_schedule x where x.service_id = s.id and x.service_at_location_id is null
  union all
  select 3, x.id, x.mutuo_closed, jsonb_strip_nulls(jsonb_build_object(
  'freq', x.freq, 'interval', x.interval, 'byday', x.byday, 'bymonthday', x.bymonthday,
  'dtstart', x.dtstart, 'until', x.until, 'count', x.count, 'wkst', x.wkst,
  'valid_from', x.valid_from, 'valid_to', x.valid_to, 'opens_at', x.opens_at,
  'closes_at', x.closes_at, 'description', x.description, 'mutuo_closed', x.mutuo_closed))
  from hsds_schedule x
  where l.id is not null and x.location_id = l.id
    and x.service_id is null and x.service_at_location_id is null
) lv
  ) r
  where r.closed or r.lvl = r.regular
)
from hsds_service s
left join hsds_organization o on o.id = s.organization_id
left join hsds_service_at_location sal on sal.service_id = s.id
left join hsds_location l on l.id = sal.location_id
where true
on conflict (id) do nothing;
