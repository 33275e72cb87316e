CREATE TABLE "exchange_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"group_id" uuid NOT NULL,
	"need_id" uuid,
	"offer_id" uuid,
	"giver_id" uuid,
	"receiver_id" uuid,
	"category" text NOT NULL,
	"minutes" integer,
	"goods" text,
	"amount_cents" integer,
	"currency" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"group_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"kind" text DEFAULT 'once' NOT NULL,
	"category" text NOT NULL,
	"description" text NOT NULL,
	"availability" text,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
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
	"offerer_id" uuid,
	"status_token_hash" text NOT NULL,
	"short_code" text NOT NULL,
	"source" text DEFAULT 'form' NOT NULL,
	"uses" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"redacted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "needs" ADD COLUMN "duplicate_reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "needs" ADD COLUMN "duplicate_reviewed_by" uuid;--> statement-breakpoint
ALTER TABLE "needs" ADD COLUMN "source" text DEFAULT 'form' NOT NULL;--> statement-breakpoint
ALTER TABLE "exchange_records" ADD CONSTRAINT "exchange_records_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_records" ADD CONSTRAINT "exchange_records_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_records" ADD CONSTRAINT "exchange_records_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_records" ADD CONSTRAINT "exchange_records_giver_id_users_id_fk" FOREIGN KEY ("giver_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_records" ADD CONSTRAINT "exchange_records_receiver_id_users_id_fk" FOREIGN KEY ("receiver_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_records" ADD CONSTRAINT "exchange_records_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_offerer_id_users_id_fk" FOREIGN KEY ("offerer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exchange_records_giver" ON "exchange_records" USING btree ("giver_id","created_at");--> statement-breakpoint
CREATE INDEX "exchange_records_receiver" ON "exchange_records" USING btree ("receiver_id","created_at");--> statement-breakpoint
CREATE INDEX "exchange_records_group" ON "exchange_records" USING btree ("group_id","created_at");--> statement-breakpoint
CREATE INDEX "offers_board" ON "offers" USING btree ("group_id","status","category","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "offers_status_token" ON "offers" USING btree ("status_token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "offers_group_short_code" ON "offers" USING btree ("group_id","short_code");--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_duplicate_reviewed_by_users_id_fk" FOREIGN KEY ("duplicate_reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;