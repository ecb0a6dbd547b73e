CREATE TABLE "ledger_accounts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"owner_kind" text NOT NULL,
	"owner_id" text NOT NULL,
	"purpose" text NOT NULL,
	"debits_must_not_exceed_credits" boolean DEFAULT false NOT NULL,
	"credits_must_not_exceed_debits" boolean DEFAULT false NOT NULL,
	"debits_pending_fen" bigint DEFAULT 0 NOT NULL,
	"debits_posted_fen" bigint DEFAULT 0 NOT NULL,
	"credits_pending_fen" bigint DEFAULT 0 NOT NULL,
	"credits_posted_fen" bigint DEFAULT 0 NOT NULL,
	"bank_account_no" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ledger_accounts_debits_within_credits" CHECK (NOT "ledger_accounts"."debits_must_not_exceed_credits" OR "ledger_accounts"."debits_posted_fen" + "ledger_accounts"."debits_pending_fen" <= "ledger_accounts"."credits_posted_fen"),
	CONSTRAINT "ledger_accounts_credits_within_debits" CHECK (NOT "ledger_accounts"."credits_must_not_exceed_debits" OR "ledger_accounts"."credits_posted_fen" + "ledger_accounts"."credits_pending_fen" <= "ledger_accounts"."debits_posted_fen"),
	CONSTRAINT "ledger_accounts_non_negative" CHECK ("ledger_accounts"."debits_pending_fen" >= 0 AND "ledger_accounts"."debits_posted_fen" >= 0 AND "ledger_accounts"."credits_pending_fen" >= 0 AND "ledger_accounts"."credits_posted_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"transfer_id" text NOT NULL,
	"account_id" bigint NOT NULL,
	"is_credit" boolean NOT NULL,
	"is_pending" boolean NOT NULL,
	"amount_fen" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ledger_entries_sign" CHECK ("ledger_entries"."amount_fen" > 0 OR ("ledger_entries"."is_pending" AND "ledger_entries"."amount_fen" < 0))
);
--> statement-breakpoint
CREATE TABLE "ledger_transfers" (
	"id" text PRIMARY KEY NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"kind" text NOT NULL,
	"phase" text NOT NULL,
	"pending_id" text,
	"debit_account_id" bigint,
	"credit_account_id" bigint,
	"amount_fen" bigint NOT NULL,
	"batch_id" text,
	"custody" text NOT NULL,
	"metadata" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "custody_instructions" (
	"transfer_id" text PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"bank_reference" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "major_events" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"publish_by" timestamp with time zone NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "reconciliation_incidents" (
	"id" text PRIMARY KEY NOT NULL,
	"business_date" date NOT NULL,
	"bank_account_no" text NOT NULL,
	"ledger_balance_fen" bigint NOT NULL,
	"bank_balance_fen" bigint NOT NULL,
	"ledger_frozen_fen" bigint NOT NULL,
	"bank_frozen_fen" bigint NOT NULL,
	"status" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" text,
	"resolution" text,
	"major_event_id" text
);
--> statement-breakpoint
CREATE TABLE "reconciliation_runs" (
	"business_date" date PRIMARY KEY NOT NULL,
	"ran_at" timestamp with time zone NOT NULL,
	"accounts_compared" integer NOT NULL,
	"mismatches" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sim_bank_accounts" (
	"account_no" text PRIMARY KEY NOT NULL,
	"account_type" text NOT NULL,
	"holder_id" text NOT NULL,
	"balance_fen" bigint DEFAULT 0 NOT NULL,
	"frozen_fen" bigint DEFAULT 0 NOT NULL,
	"opened_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sim_bank_freezes" (
	"freeze_id" text PRIMARY KEY NOT NULL,
	"account_no" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sim_bank_instructions" (
	"instruction_id" text PRIMARY KEY NOT NULL,
	"request_hash" text NOT NULL,
	"result" jsonb NOT NULL,
	"executed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sim_bank_movements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"instruction_id" text NOT NULL,
	"account_no" text NOT NULL,
	"balance_delta_fen" bigint NOT NULL,
	"frozen_delta_fen" bigint NOT NULL,
	"value_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sim_bank_one_time_codes" (
	"id" text PRIMARY KEY NOT NULL,
	"account_no" text NOT NULL,
	"holder_id" text NOT NULL,
	"operation" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"code" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_key_unique" ON "ledger_accounts" USING btree ("owner_kind","owner_id","purpose");--> statement-breakpoint
CREATE INDEX "ledger_accounts_bank_idx" ON "ledger_accounts" USING btree ("bank_account_no");--> statement-breakpoint
CREATE INDEX "ledger_entries_account_idx" ON "ledger_entries" USING btree ("account_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_transfers_key_unique" ON "ledger_transfers" USING btree ("idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_transfers_pending_once" ON "ledger_transfers" USING btree ("pending_id");--> statement-breakpoint
CREATE INDEX "ledger_transfers_batch_idx" ON "ledger_transfers" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "custody_instructions_status_idx" ON "custody_instructions" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "major_events_publish_idx" ON "major_events" USING btree ("published_at","publish_by");--> statement-breakpoint
CREATE UNIQUE INDEX "reconciliation_incidents_once" ON "reconciliation_incidents" USING btree ("business_date","bank_account_no");--> statement-breakpoint
CREATE INDEX "reconciliation_incidents_status_idx" ON "reconciliation_incidents" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "sim_bank_accounts_holder_unique" ON "sim_bank_accounts" USING btree ("account_type","holder_id");--> statement-breakpoint
CREATE INDEX "sim_bank_movements_account_idx" ON "sim_bank_movements" USING btree ("account_no","value_at");