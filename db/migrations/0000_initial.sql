CREATE TYPE "public"."run_state" AS ENUM('queued', 'running', 'verified', 'failed', 'diverged', 'cancelled', 'timed_out');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('participant', 'admin');--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"provider_account_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "budget_results" (
	"id" serial PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"budget" integer NOT NULL,
	"test_accuracy" double precision NOT NULL,
	"test_loss" double precision NOT NULL,
	"per_class_accuracy" jsonb NOT NULL,
	"confusion_matrix" jsonb NOT NULL,
	"seconds" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"spec" jsonb NOT NULL,
	"spec_version" integer NOT NULL,
	"spec_hash" text NOT NULL,
	"parent_id" uuid,
	"hidden" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "epoch_metrics" (
	"id" serial PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"run_epochs" integer NOT NULL,
	"epoch" integer NOT NULL,
	"train_loss" double precision NOT NULL,
	"train_accuracy" double precision NOT NULL,
	"lr" double precision NOT NULL,
	"seconds" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reported_results" (
	"id" serial PRIMARY KEY NOT NULL,
	"participant" text NOT NULL,
	"budget" integer NOT NULL,
	"accuracy" double precision NOT NULL,
	"source" text NOT NULL,
	"entry_id" uuid,
	"reported_on" text
);
--> statement-breakpoint
CREATE TABLE "run_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"from_state" "run_state",
	"to_state" "run_state" NOT NULL,
	"actor" text NOT NULL,
	"reason" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"budgets" integer[] NOT NULL,
	"state" "run_state" DEFAULT 'queued' NOT NULL,
	"requested_by" uuid,
	"reason" text DEFAULT 'submission' NOT NULL,
	"train_limit" integer,
	"test_limit" integer,
	"attempt" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 3 NOT NULL,
	"worker_id" text,
	"lease_expires_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone,
	"progress" jsonb,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"wall_seconds" double precision,
	"shared_budgets" boolean,
	"spec_hash" text,
	"seed" integer,
	"engine_version" text,
	"torch_version" text,
	"device" text,
	"threads" integer,
	"hardware" text,
	"dataset_checksums" jsonb,
	"error_kind" text,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"image" text,
	"role" "user_role" DEFAULT 'participant' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_results" ADD CONSTRAINT "budget_results_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entries" ADD CONSTRAINT "entries_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "epoch_metrics" ADD CONSTRAINT "epoch_metrics_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reported_results" ADD CONSTRAINT "reported_results_entry_id_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_events" ADD CONSTRAINT "run_events_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_entry_id_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_provider_account" ON "accounts" USING btree ("provider","provider_account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "budget_results_once" ON "budget_results" USING btree ("run_id","budget");--> statement-breakpoint
CREATE INDEX "entries_owner" ON "entries" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "entries_spec_hash" ON "entries" USING btree ("spec_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "epoch_metrics_once" ON "epoch_metrics" USING btree ("run_id","run_epochs","epoch");--> statement-breakpoint
CREATE UNIQUE INDEX "reported_results_once" ON "reported_results" USING btree ("participant","budget");--> statement-breakpoint
CREATE INDEX "run_events_run" ON "run_events" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "runs_entry" ON "runs" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "runs_state" ON "runs" USING btree ("state");