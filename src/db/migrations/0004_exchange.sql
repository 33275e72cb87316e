CREATE TABLE "claims" (
	"id" uuid PRIMARY KEY NOT NULL,
	"need_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"status" text NOT NULL,
	"claimed_at" timestamp with time zone NOT NULL,
	"remind_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "need_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"need_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" uuid,
	"reason" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "needs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"group_id" uuid NOT NULL,
	"status" text NOT NULL,
	"category" text NOT NULL,
	"description" text NOT NULL,
	"urgency" text DEFAULT 'normal' NOT NULL,
	"household_size" integer,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"window_start" timestamp with time zone,
	"window_end" timestamp with time zone,
	"h3_r7" text,
	"h3_r8" text,
	"h3_r9" text,
	"lat" double precision,
	"lng" double precision,
	"location_text" text,
	"contact_name" text,
	"contact_email" text,
	"contact_phone" text,
	"contact_channel" text DEFAULT 'none' NOT NULL,
	"contact_hash" text,
	"sensitive_notes" text,
	"requester_id" uuid,
	"status_token_hash" text NOT NULL,
	"short_code" text NOT NULL,
	"duplicate_of" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"redacted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_volunteer_id_users_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_events" ADD CONSTRAINT "need_events_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_events" ADD CONSTRAINT "need_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_requester_id_users_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "claims_one_active_per_need" ON "claims" USING btree ("need_id") WHERE "claims"."status" = 'active';--> statement-breakpoint
CREATE INDEX "claims_volunteer_active" ON "claims" USING btree ("volunteer_id") WHERE "claims"."status" = 'active';--> statement-breakpoint
CREATE INDEX "need_events_need" ON "need_events" USING btree ("need_id","created_at");--> statement-breakpoint
CREATE INDEX "needs_board" ON "needs" USING btree ("group_id","status","urgency","created_at");--> statement-breakpoint
CREATE INDEX "needs_h3_r8" ON "needs" USING btree ("h3_r8");--> statement-breakpoint
CREATE UNIQUE INDEX "needs_status_token" ON "needs" USING btree ("status_token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "needs_group_short_code" ON "needs" USING btree ("group_id","short_code");--> statement-breakpoint
CREATE INDEX "needs_contact_hash" ON "needs" USING btree ("group_id","contact_hash");