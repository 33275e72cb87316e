ALTER TABLE "directory_imports" ADD COLUMN "records_done" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "directory_imports" ADD COLUMN "records_total" integer;--> statement-breakpoint
ALTER TABLE "directory_imports" ADD COLUMN "completed_by" uuid;--> statement-breakpoint
ALTER TABLE "directory_imports" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
-- Imports recorded before progress was kept: an applied one wrote what it created and updated;
-- the last sign of life of any of them is when it finished (or started).
UPDATE "directory_imports" SET "records_done" = "created" + "updated" WHERE "status" = 'applied';--> statement-breakpoint
UPDATE "directory_imports" SET "updated_at" = coalesce("finished_at", "started_at");
