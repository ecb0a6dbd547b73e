CREATE TABLE "collection_cases" (
	"id" text PRIMARY KEY NOT NULL,
	"loan_id" text NOT NULL,
	"debtor_id" text NOT NULL,
	"stage" text NOT NULL,
	"status" text NOT NULL,
	"assigned_to" text,
	"opened_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "collection_interactions" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"debtor_id" text NOT NULL,
	"collector_id" text NOT NULL,
	"channel" text NOT NULL,
	"target" text NOT NULL,
	"outcome" text NOT NULL,
	"message" text NOT NULL,
	"refused_reason" text,
	"china_date" date NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delinquency_runs" (
	"business_date" date PRIMARY KEY NOT NULL,
	"ran_at" timestamp with time zone NOT NULL,
	"transitions" integer NOT NULL,
	"penalty_accrued_fen" bigint NOT NULL,
	"labels_written" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delinquency_transitions" (
	"loan_id" text NOT NULL,
	"business_date" date NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"days_past_due" integer NOT NULL,
	CONSTRAINT "delinquency_transitions_loan_id_business_date_pk" PRIMARY KEY("loan_id","business_date")
);
--> statement-breakpoint
CREATE TABLE "installment_shares" (
	"loan_id" text NOT NULL,
	"installment_no" integer NOT NULL,
	"investor_id" text NOT NULL,
	"principal_fen" bigint NOT NULL,
	"interest_fen" bigint NOT NULL,
	"principal_paid_fen" bigint DEFAULT 0 NOT NULL,
	"interest_paid_fen" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "installment_shares_loan_id_installment_no_investor_id_pk" PRIMARY KEY("loan_id","installment_no","investor_id")
);
--> statement-breakpoint
CREATE TABLE "loan_holdings" (
	"loan_id" text NOT NULL,
	"investor_id" text NOT NULL,
	"principal_fen" bigint NOT NULL,
	"outstanding_principal_fen" bigint NOT NULL,
	"received_principal_fen" bigint DEFAULT 0 NOT NULL,
	"received_interest_fen" bigint DEFAULT 0 NOT NULL,
	"received_penalty_fen" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "loan_holdings_loan_id_investor_id_pk" PRIMARY KEY("loan_id","investor_id")
);
--> statement-breakpoint
CREATE TABLE "loan_installments" (
	"loan_id" text NOT NULL,
	"installment_no" integer NOT NULL,
	"due_date" date NOT NULL,
	"principal_fen" bigint NOT NULL,
	"interest_fen" bigint NOT NULL,
	"fee_fen" bigint NOT NULL,
	"principal_paid_fen" bigint DEFAULT 0 NOT NULL,
	"interest_paid_fen" bigint DEFAULT 0 NOT NULL,
	"fee_paid_fen" bigint DEFAULT 0 NOT NULL,
	"penalty_accrued_fen" bigint DEFAULT 0 NOT NULL,
	"penalty_paid_fen" bigint DEFAULT 0 NOT NULL,
	"penalty_accrued_through" date,
	"settled_on" date,
	CONSTRAINT "loan_installments_loan_id_installment_no_pk" PRIMARY KEY("loan_id","installment_no")
);
--> statement-breakpoint
CREATE TABLE "loan_repayments" (
	"id" text PRIMARY KEY NOT NULL,
	"business_key" text NOT NULL,
	"loan_id" text NOT NULL,
	"kind" text NOT NULL,
	"payer_kind" text NOT NULL,
	"payer_id" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"principal_fen" bigint NOT NULL,
	"interest_fen" bigint NOT NULL,
	"fee_fen" bigint NOT NULL,
	"penalty_fen" bigint NOT NULL,
	"paid_on" date NOT NULL,
	"paid_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loans" (
	"id" text PRIMARY KEY NOT NULL,
	"listing_id" text NOT NULL,
	"application_id" text,
	"borrower_id" text NOT NULL,
	"principal_fen" bigint NOT NULL,
	"term_months" integer NOT NULL,
	"annual_rate_bps" integer NOT NULL,
	"platform_fee_bps" integer DEFAULT 0 NOT NULL,
	"apr_bps" integer NOT NULL,
	"rate_cap_bps" integer NOT NULL,
	"penalty_rate_bps" integer NOT NULL,
	"repayment_method" text NOT NULL,
	"grade" text NOT NULL,
	"pd" real NOT NULL,
	"start_date" date NOT NULL,
	"maturity_date" date NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"delinquency_status" text DEFAULT 'current' NOT NULL,
	"days_past_due" integer DEFAULT 0 NOT NULL,
	"principal_outstanding_fen" bigint NOT NULL,
	"interest_outstanding_fen" bigint NOT NULL,
	"oldest_unpaid_due_date" date,
	"first_dpd30_on" date,
	"first_dpd90_on" date,
	"related_party" boolean DEFAULT false NOT NULL,
	"guarantor_id" text,
	"outcome_label" text,
	"funded_at" timestamp with time zone NOT NULL,
	"closed_on" date
);
--> statement-breakpoint
CREATE TABLE "monitoring_alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"loan_id" text NOT NULL,
	"borrower_id" text NOT NULL,
	"rule" text NOT NULL,
	"window_key" text NOT NULL,
	"details" jsonb NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"business_key" text NOT NULL,
	"kind" text NOT NULL,
	"loan_id" text,
	"title" text NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "repayment_distributions" (
	"repayment_id" text NOT NULL,
	"investor_id" text NOT NULL,
	"loan_id" text NOT NULL,
	"principal_fen" bigint NOT NULL,
	"interest_fen" bigint NOT NULL,
	"penalty_fen" bigint NOT NULL,
	"paid_on" date NOT NULL,
	CONSTRAINT "repayment_distributions_repayment_id_investor_id_pk" PRIMARY KEY("repayment_id","investor_id")
);
--> statement-breakpoint
CREATE TABLE "disclosure_snapshots" (
	"id" text PRIMARY KEY NOT NULL,
	"year_month" text NOT NULL,
	"as_of_date" date NOT NULL,
	"due_by" date NOT NULL,
	"content" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fee_schedules" (
	"version" text PRIMARY KEY NOT NULL,
	"effective_from" date NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "collection_cases_open_unique" ON "collection_cases" USING btree ("loan_id") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "collection_cases_queue_idx" ON "collection_cases" USING btree ("status","stage");--> statement-breakpoint
CREATE INDEX "collection_interactions_debtor_idx" ON "collection_interactions" USING btree ("debtor_id","china_date");--> statement-breakpoint
CREATE INDEX "collection_interactions_case_idx" ON "collection_interactions" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "delinquency_transitions_date_idx" ON "delinquency_transitions" USING btree ("business_date");--> statement-breakpoint
CREATE INDEX "loan_holdings_investor_idx" ON "loan_holdings" USING btree ("investor_id");--> statement-breakpoint
CREATE INDEX "loan_installments_unsettled_idx" ON "loan_installments" USING btree ("due_date") WHERE settled_on IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "loan_repayments_key_unique" ON "loan_repayments" USING btree ("business_key");--> statement-breakpoint
CREATE INDEX "loan_repayments_loan_idx" ON "loan_repayments" USING btree ("loan_id","paid_on");--> statement-breakpoint
CREATE UNIQUE INDEX "loans_listing_unique" ON "loans" USING btree ("listing_id");--> statement-breakpoint
CREATE INDEX "loans_borrower_idx" ON "loans" USING btree ("borrower_id");--> statement-breakpoint
CREATE INDEX "loans_status_idx" ON "loans" USING btree ("status","oldest_unpaid_due_date");--> statement-breakpoint
CREATE INDEX "loans_start_idx" ON "loans" USING btree ("start_date");--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_alerts_once" ON "monitoring_alerts" USING btree ("loan_id","rule","window_key");--> statement-breakpoint
CREATE INDEX "monitoring_alerts_status_idx" ON "monitoring_alerts" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_key_unique" ON "notifications" USING btree ("business_key");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "repayment_distributions_investor_idx" ON "repayment_distributions" USING btree ("investor_id","paid_on");--> statement-breakpoint
CREATE UNIQUE INDEX "disclosure_snapshots_month_unique" ON "disclosure_snapshots" USING btree ("year_month");