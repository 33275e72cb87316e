CREATE TABLE "directory_imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"format" text NOT NULL,
	"source" text NOT NULL,
	"sha256" text,
	"status" text NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"summary" jsonb,
	"started_by" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "directory_suggestions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"service_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"message" text NOT NULL,
	"email" text,
	"language" text NOT NULL,
	"suggested_by" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hsds_accessibility" (
	"id" uuid PRIMARY KEY NOT NULL,
	"location_id" uuid,
	"description" text,
	"details" text,
	"url" text
);
--> statement-breakpoint
CREATE TABLE "hsds_address" (
	"id" uuid PRIMARY KEY NOT NULL,
	"location_id" uuid,
	"attention" text,
	"address_1" text NOT NULL,
	"address_2" text,
	"city" text NOT NULL,
	"region" text,
	"state_province" text NOT NULL,
	"postal_code" text NOT NULL,
	"country" text NOT NULL,
	"address_type" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hsds_attribute" (
	"id" uuid PRIMARY KEY NOT NULL,
	"link_id" uuid NOT NULL,
	"taxonomy_term_id" uuid NOT NULL,
	"link_type" text,
	"link_entity" text NOT NULL,
	"value" text,
	"label" text
);
--> statement-breakpoint
CREATE TABLE "hsds_contact" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid,
	"service_id" uuid,
	"service_at_location_id" uuid,
	"location_id" uuid,
	"name" text,
	"title" text,
	"department" text,
	"email" text
);
--> statement-breakpoint
CREATE TABLE "hsds_cost_option" (
	"id" uuid PRIMARY KEY NOT NULL,
	"service_id" uuid NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"option" text,
	"currency" text,
	"amount" double precision,
	"amount_description" text
);
--> statement-breakpoint
CREATE TABLE "hsds_funding" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid,
	"service_id" uuid,
	"source" text
);
--> statement-breakpoint
CREATE TABLE "hsds_language" (
	"id" uuid PRIMARY KEY NOT NULL,
	"service_id" uuid,
	"location_id" uuid,
	"phone_id" uuid,
	"name" text,
	"code" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "hsds_location" (
	"id" uuid PRIMARY KEY NOT NULL,
	"location_type" text NOT NULL,
	"url" text,
	"organization_id" uuid,
	"name" text,
	"alternate_name" text,
	"description" text,
	"transportation" text,
	"latitude" double precision,
	"longitude" double precision,
	"external_identifier" text,
	"external_identifier_type" text,
	"mutuo_time_zone" text,
	"mutuo_placed" boolean DEFAULT false NOT NULL,
	"mutuo_h3_r7" text,
	"mutuo_h3_r8" text,
	"mutuo_h3_r9" text,
	"mutuo_test" boolean DEFAULT false NOT NULL,
	"mutuo_created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"mutuo_updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hsds_meta_table_description" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text,
	"language" text,
	"character_set" text
);
--> statement-breakpoint
CREATE TABLE "hsds_metadata" (
	"id" uuid PRIMARY KEY NOT NULL,
	"resource_id" uuid NOT NULL,
	"resource_type" text NOT NULL,
	"last_action_date" date NOT NULL,
	"last_action_type" text NOT NULL,
	"field_name" text NOT NULL,
	"previous_value" text NOT NULL,
	"replacement_value" text NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hsds_organization" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"alternate_name" text,
	"description" text NOT NULL,
	"email" text,
	"website" text,
	"tax_status" text,
	"tax_id" text,
	"year_incorporated" double precision,
	"legal_status" text,
	"logo" text,
	"uri" text,
	"parent_organization_id" uuid,
	"mutuo_steward_group_id" uuid,
	"mutuo_test" boolean DEFAULT false NOT NULL,
	"mutuo_created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"mutuo_updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hsds_organization_identifier" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"identifier_scheme" text,
	"identifier_type" text NOT NULL,
	"identifier" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hsds_phone" (
	"id" uuid PRIMARY KEY NOT NULL,
	"location_id" uuid,
	"service_id" uuid,
	"organization_id" uuid,
	"contact_id" uuid,
	"service_at_location_id" uuid,
	"number" text NOT NULL,
	"extension" double precision,
	"type" text,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "hsds_program" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"alternate_name" text,
	"description" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hsds_required_document" (
	"id" uuid PRIMARY KEY NOT NULL,
	"service_id" uuid,
	"document" text,
	"uri" text
);
--> statement-breakpoint
CREATE TABLE "hsds_schedule" (
	"id" uuid PRIMARY KEY NOT NULL,
	"service_id" uuid,
	"location_id" uuid,
	"service_at_location_id" uuid,
	"valid_from" date,
	"valid_to" date,
	"dtstart" date,
	"timezone" double precision,
	"until" date,
	"count" double precision,
	"wkst" text,
	"freq" text,
	"interval" double precision,
	"byday" text,
	"byweekno" text,
	"bymonthday" text,
	"byyearday" text,
	"description" text,
	"opens_at" text,
	"closes_at" text,
	"schedule_link" text,
	"attending_type" text,
	"notes" text,
	"mutuo_closed" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hsds_service" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"program_id" uuid,
	"name" text NOT NULL,
	"alternate_name" text,
	"description" text,
	"url" text,
	"email" text,
	"status" text NOT NULL,
	"interpretation_services" text,
	"application_process" text,
	"fees_description" text,
	"wait_time" text,
	"fees" text,
	"accreditations" text,
	"eligibility_description" text,
	"minimum_age" double precision,
	"maximum_age" double precision,
	"assured_date" date,
	"assurer_email" text,
	"licenses" text,
	"alert" text,
	"last_modified" timestamp with time zone,
	"mutuo_search_doc" text DEFAULT '' NOT NULL,
	"mutuo_verified_at" timestamp with time zone,
	"mutuo_verified_by" uuid,
	"mutuo_test" boolean DEFAULT false NOT NULL,
	"mutuo_created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"mutuo_updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hsds_service_area" (
	"id" uuid PRIMARY KEY NOT NULL,
	"service_id" uuid,
	"name" text,
	"description" text,
	"extent" text,
	"extent_type" text,
	"uri" text
);
--> statement-breakpoint
CREATE TABLE "hsds_service_at_location" (
	"id" uuid PRIMARY KEY NOT NULL,
	"service_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "hsds_service_capacity" (
	"id" uuid PRIMARY KEY NOT NULL,
	"service_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"available" double precision NOT NULL,
	"maximum" double precision,
	"description" text,
	"updated" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hsds_taxonomy" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"uri" text,
	"version" text
);
--> statement-breakpoint
CREATE TABLE "hsds_taxonomy_term" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"parent_id" uuid,
	"taxonomy" text,
	"language" text,
	"taxonomy_id" uuid,
	"term_uri" text
);
--> statement-breakpoint
CREATE TABLE "hsds_unit" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"scheme" text,
	"identifier" text,
	"uri" text
);
--> statement-breakpoint
CREATE TABLE "hsds_url" (
	"id" uuid PRIMARY KEY NOT NULL,
	"label" text,
	"url" text NOT NULL,
	"organization_id" uuid,
	"service_id" uuid
);
--> statement-breakpoint
ALTER TABLE "directory_imports" ADD CONSTRAINT "directory_imports_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_suggestions" ADD CONSTRAINT "directory_suggestions_suggested_by_users_id_fk" FOREIGN KEY ("suggested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_suggestions" ADD CONSTRAINT "directory_suggestions_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hsds_organization" ADD CONSTRAINT "hsds_organization_mutuo_steward_group_id_groups_id_fk" FOREIGN KEY ("mutuo_steward_group_id") REFERENCES "public"."groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hsds_service" ADD CONSTRAINT "hsds_service_mutuo_verified_by_users_id_fk" FOREIGN KEY ("mutuo_verified_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "directory_imports_started" ON "directory_imports" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "directory_suggestions_open" ON "directory_suggestions" USING btree ("created_at") WHERE "directory_suggestions"."status" = 'open';--> statement-breakpoint
CREATE INDEX "directory_suggestions_service" ON "directory_suggestions" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "hsds_accessibility_location" ON "hsds_accessibility" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "hsds_address_location" ON "hsds_address" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "hsds_attribute_link" ON "hsds_attribute" USING btree ("link_id");--> statement-breakpoint
CREATE INDEX "hsds_attribute_term" ON "hsds_attribute" USING btree ("taxonomy_term_id","link_id");--> statement-breakpoint
CREATE INDEX "hsds_contact_organization" ON "hsds_contact" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "hsds_contact_service" ON "hsds_contact" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "hsds_contact_sal" ON "hsds_contact" USING btree ("service_at_location_id");--> statement-breakpoint
CREATE INDEX "hsds_contact_location" ON "hsds_contact" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "hsds_cost_option_service" ON "hsds_cost_option" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "hsds_funding_organization" ON "hsds_funding" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "hsds_funding_service" ON "hsds_funding" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "hsds_language_service" ON "hsds_language" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "hsds_language_location" ON "hsds_language" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "hsds_language_phone" ON "hsds_language" USING btree ("phone_id");--> statement-breakpoint
CREATE INDEX "hsds_language_code" ON "hsds_language" USING btree ("code","service_id");--> statement-breakpoint
CREATE INDEX "hsds_location_organization" ON "hsds_location" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "hsds_location_h3_r7" ON "hsds_location" USING btree ("mutuo_h3_r7");--> statement-breakpoint
CREATE INDEX "hsds_location_earth" ON "hsds_location" USING gist (ll_to_earth("latitude", "longitude")) WHERE "hsds_location"."mutuo_placed";--> statement-breakpoint
CREATE INDEX "hsds_metadata_resource" ON "hsds_metadata" USING btree ("resource_id");--> statement-breakpoint
CREATE INDEX "hsds_organization_steward" ON "hsds_organization" USING btree ("mutuo_steward_group_id");--> statement-breakpoint
CREATE INDEX "hsds_organization_parent" ON "hsds_organization" USING btree ("parent_organization_id");--> statement-breakpoint
CREATE INDEX "hsds_organization_identifier_organization" ON "hsds_organization_identifier" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "hsds_phone_service" ON "hsds_phone" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "hsds_phone_location" ON "hsds_phone" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "hsds_phone_organization" ON "hsds_phone" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "hsds_phone_contact" ON "hsds_phone" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "hsds_phone_sal" ON "hsds_phone" USING btree ("service_at_location_id");--> statement-breakpoint
CREATE INDEX "hsds_program_organization" ON "hsds_program" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "hsds_required_document_service" ON "hsds_required_document" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "hsds_schedule_service" ON "hsds_schedule" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "hsds_schedule_location" ON "hsds_schedule" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "hsds_schedule_sal" ON "hsds_schedule" USING btree ("service_at_location_id");--> statement-breakpoint
CREATE INDEX "hsds_service_organization" ON "hsds_service" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "hsds_service_program" ON "hsds_service" USING btree ("program_id");--> statement-breakpoint
CREATE INDEX "hsds_service_last_modified" ON "hsds_service" USING btree ("last_modified");--> statement-breakpoint
CREATE INDEX "hsds_service_verified" ON "hsds_service" USING btree ("mutuo_verified_at");--> statement-breakpoint
CREATE INDEX "hsds_service_search_doc" ON "hsds_service" USING gin ("mutuo_search_doc" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "hsds_service_area_service" ON "hsds_service_area" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "hsds_sal_service" ON "hsds_service_at_location" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "hsds_sal_location" ON "hsds_service_at_location" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "hsds_service_capacity_service" ON "hsds_service_capacity" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "hsds_taxonomy_term_taxonomy" ON "hsds_taxonomy_term" USING btree ("taxonomy_id");--> statement-breakpoint
CREATE INDEX "hsds_taxonomy_term_parent" ON "hsds_taxonomy_term" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "hsds_taxonomy_term_code" ON "hsds_taxonomy_term" USING btree ("code");--> statement-breakpoint
CREATE INDEX "hsds_url_organization" ON "hsds_url" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "hsds_url_service" ON "hsds_url" USING btree ("service_id");--> statement-breakpoint
-- Mutuo's own taxonomies (src/modules/directory/taxonomy.ts): categories and access requirements.
INSERT INTO "hsds_taxonomy" ("id","name","description","uri","version") VALUES ('d4370ec0-157e-5f4f-8fab-34a5780209c6','Mutuo service categories','What a service offers, as Mutuo''s search filters it.','urn:mutuo:taxonomy:categories','1'), ('30774df2-8618-5774-8032-014ca9cde24a','Mutuo access requirements','What a visitor does not need to bring or do to use a service.','urn:mutuo:taxonomy:access','1') ON CONFLICT ("id") DO NOTHING;--> statement-breakpoint
INSERT INTO "hsds_taxonomy_term" ("id","code","name","description","taxonomy","language","taxonomy_id","term_uri") VALUES
('53b79075-da9d-5496-8c30-3b3a6f322360','food_pantry','Food pantry','Food pantry','Mutuo service categories','en','d4370ec0-157e-5f4f-8fab-34a5780209c6','urn:mutuo:taxonomy:categories:food_pantry'),
('292bc25e-12f2-515e-8ae6-bb5417b97f1f','meals','Free meals','Free meals','Mutuo service categories','en','d4370ec0-157e-5f4f-8fab-34a5780209c6','urn:mutuo:taxonomy:categories:meals'),
('765ef0b4-6366-58d0-889a-b6a30b1a0be3','shelter','Shelter and housing','Shelter and housing','Mutuo service categories','en','d4370ec0-157e-5f4f-8fab-34a5780209c6','urn:mutuo:taxonomy:categories:shelter'),
('da248b61-94ac-5c46-82ff-d63f34aba9ea','health','Health care','Health care','Mutuo service categories','en','d4370ec0-157e-5f4f-8fab-34a5780209c6','urn:mutuo:taxonomy:categories:health'),
('5fd20f21-6c3c-5891-812c-840a19107851','mental_health','Mental health','Mental health','Mutuo service categories','en','d4370ec0-157e-5f4f-8fab-34a5780209c6','urn:mutuo:taxonomy:categories:mental_health'),
('d08803b8-7899-51c4-8d1d-17102be8556b','legal','Legal aid','Legal aid','Mutuo service categories','en','d4370ec0-157e-5f4f-8fab-34a5780209c6','urn:mutuo:taxonomy:categories:legal'),
('276b3ad6-3baa-5ca8-8f75-c9a4d895eb75','immigration','Immigration help','Immigration help','Mutuo service categories','en','d4370ec0-157e-5f4f-8fab-34a5780209c6','urn:mutuo:taxonomy:categories:immigration'),
('f5954e71-5cc9-5e7a-894c-ed7f7626bda0','clothing','Clothing','Clothing','Mutuo service categories','en','d4370ec0-157e-5f4f-8fab-34a5780209c6','urn:mutuo:taxonomy:categories:clothing'),
('9d58865b-69d2-5096-8f3e-8dd36a0eebcb','transport','Transportation','Transportation','Mutuo service categories','en','d4370ec0-157e-5f4f-8fab-34a5780209c6','urn:mutuo:taxonomy:categories:transport'),
('1daf45c9-ebb1-5848-8261-3af4413f40c3','utilities','Utilities and bills','Utilities and bills','Mutuo service categories','en','d4370ec0-157e-5f4f-8fab-34a5780209c6','urn:mutuo:taxonomy:categories:utilities'),
('15378e1d-d4c2-5e0b-839a-0aca6537e7ab','education','Education','Education','Mutuo service categories','en','d4370ec0-157e-5f4f-8fab-34a5780209c6','urn:mutuo:taxonomy:categories:education'),
('3b86aa1d-1278-510e-8299-f582de7a636c','employment','Jobs','Jobs','Mutuo service categories','en','d4370ec0-157e-5f4f-8fab-34a5780209c6','urn:mutuo:taxonomy:categories:employment'),
('7a953b04-2b59-5eeb-8a58-f7782fa85a8e','childcare','Children and families','Children and families','Mutuo service categories','en','d4370ec0-157e-5f4f-8fab-34a5780209c6','urn:mutuo:taxonomy:categories:childcare'),
('e4778f25-36bf-5ee8-854a-50efd90e6559','seniors','Older adults','Older adults','Mutuo service categories','en','d4370ec0-157e-5f4f-8fab-34a5780209c6','urn:mutuo:taxonomy:categories:seniors'),
('9f6dc2c5-0e27-56aa-85ec-d8777fe83433','no_id','No ID needed','No ID needed','Mutuo access requirements','en','30774df2-8618-5774-8032-014ca9cde24a','urn:mutuo:taxonomy:access:no_id'),
('597478bf-f129-5bd6-84ba-ca2fbd8a4f3f','no_proof_of_address','No proof of address','No proof of address','Mutuo access requirements','en','30774df2-8618-5774-8032-014ca9cde24a','urn:mutuo:taxonomy:access:no_proof_of_address'),
('c458e422-e168-55aa-8310-5b4cdb419316','no_income_proof','No proof of income','No proof of income','Mutuo access requirements','en','30774df2-8618-5774-8032-014ca9cde24a','urn:mutuo:taxonomy:access:no_income_proof'),
('a4b3e0c2-3d43-5db1-8665-86aea108ecbf','no_appointment','No appointment','No appointment','Mutuo access requirements','en','30774df2-8618-5774-8032-014ca9cde24a','urn:mutuo:taxonomy:access:no_appointment'),
('f43b0c59-ddae-5090-8fa6-c1bfc6c9a777','walk_in','Walk-ins welcome','Walk-ins welcome','Mutuo access requirements','en','30774df2-8618-5774-8032-014ca9cde24a','urn:mutuo:taxonomy:access:walk_in'),
('74af4b1e-d6ac-5728-87fc-6835ec539923','free','Free','Free','Mutuo access requirements','en','30774df2-8618-5774-8032-014ca9cde24a','urn:mutuo:taxonomy:access:free')
ON CONFLICT ("id") DO NOTHING;
