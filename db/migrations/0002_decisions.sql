CREATE TABLE "identities" (
	"user_id" text PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"name_enc" text NOT NULL,
	"id_number_enc" text NOT NULL,
	"id_number_bidx" text NOT NULL,
	"phone_enc" text NOT NULL,
	"phone_bidx" text NOT NULL,
	"birth_date_enc" text NOT NULL,
	"gender_enc" text NOT NULL,
	"region_code" text NOT NULL,
	"provider" text NOT NULL,
	"provider_ref" text NOT NULL,
	"face_match_score" real NOT NULL,
	"liveness_passed" boolean NOT NULL,
	"failure_reason" text,
	"verified_at" timestamp with time zone,
	"checked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rule_sets" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"deployment" text,
	"definition" jsonb NOT NULL,
	"definition_hash" text NOT NULL,
	"author_id" text NOT NULL,
	"approved_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "outcome_labels" (
	"application_id" text NOT NULL,
	"label" text NOT NULL,
	"observed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"id" text NOT NULL,
	"application_id" text NOT NULL,
	"borrower_id" text NOT NULL,
	"kind" text NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	"decided_by" text,
	"input_hash" text NOT NULL,
	"feature_set_version" text NOT NULL,
	"features" jsonb NOT NULL,
	"policy_rule_set_id" text NOT NULL,
	"fraud_rule_set_id" text NOT NULL,
	"credit_model_version" text NOT NULL,
	"fraud_model_version" text NOT NULL,
	"rule_results" jsonb NOT NULL,
	"scores" jsonb NOT NULL,
	"outcome" text NOT NULL,
	"grade" text,
	"pd" real,
	"limit_fen" bigint NOT NULL,
	"offered_amount_fen" bigint NOT NULL,
	"apr_bps" integer,
	"nominal_rate_bps" integer,
	"upfront_fee_fen" bigint,
	"reasons" jsonb NOT NULL,
	"shadow" jsonb,
	"note" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loan_applications" (
	"id" text PRIMARY KEY NOT NULL,
	"borrower_id" text NOT NULL,
	"borrower_type" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"term_months" integer NOT NULL,
	"purpose" text NOT NULL,
	"repayment_method" text NOT NULL,
	"input" jsonb NOT NULL,
	"status" text NOT NULL,
	"offered_amount_fen" bigint NOT NULL,
	"current_decision_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "manual_reviews" (
	"id" text PRIMARY KEY NOT NULL,
	"application_id" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"trigger_decision_id" text NOT NULL,
	"requested_by" text,
	"request_note" text,
	"reviewer_id" text,
	"outcome" text,
	"note" text,
	"result_decision_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "identities" ADD CONSTRAINT "identities_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "identities_id_number_bidx_unique" ON "identities" USING btree ("id_number_bidx");--> statement-breakpoint
CREATE INDEX "identities_phone_bidx_idx" ON "identities" USING btree ("phone_bidx");--> statement-breakpoint
CREATE UNIQUE INDEX "rule_sets_kind_version_unique" ON "rule_sets" USING btree ("kind","version");--> statement-breakpoint
CREATE INDEX "rule_sets_status_idx" ON "rule_sets" USING btree ("kind","status","deployment");--> statement-breakpoint
CREATE INDEX "outcome_labels_application_idx" ON "outcome_labels" USING btree ("application_id","observed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "decisions_id_unique" ON "decisions" USING btree ("id");--> statement-breakpoint
CREATE INDEX "decisions_application_idx" ON "decisions" USING btree ("application_id","seq");--> statement-breakpoint
CREATE INDEX "decisions_borrower_idx" ON "decisions" USING btree ("borrower_id","decided_at");--> statement-breakpoint
CREATE INDEX "loan_applications_borrower_idx" ON "loan_applications" USING btree ("borrower_id","created_at");--> statement-breakpoint
CREATE INDEX "loan_applications_status_idx" ON "loan_applications" USING btree ("status");--> statement-breakpoint
CREATE INDEX "manual_reviews_status_idx" ON "manual_reviews" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "manual_reviews_application_idx" ON "manual_reviews" USING btree ("application_id");