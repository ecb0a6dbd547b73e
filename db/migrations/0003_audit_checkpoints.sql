CREATE TABLE "audit_checkpoints" (
	"key" text PRIMARY KEY NOT NULL,
	"head_seq" bigint NOT NULL,
	"head_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "model_approvals" (
	"id" text PRIMARY KEY NOT NULL,
	"model_version_id" text NOT NULL,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"approved_by" text,
	"approved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "model_shadow_scores" (
	"request_id" text NOT NULL,
	"champion_id" text NOT NULL,
	"challenger_id" text NOT NULL,
	"champion_probability" double precision NOT NULL,
	"challenger_probability" double precision NOT NULL,
	"scored_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "model_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"artifact" jsonb NOT NULL,
	"metrics" jsonb NOT NULL,
	"training_data_hash" text NOT NULL,
	"feature_set_version" text NOT NULL,
	"owner" text NOT NULL,
	"intended_use" text NOT NULL,
	"status" text NOT NULL,
	"role" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "auto_invest_mandates" (
	"id" text PRIMARY KEY NOT NULL,
	"investor_id" text NOT NULL,
	"grades" jsonb NOT NULL,
	"terms_months" jsonb NOT NULL,
	"min_apr_bps" integer NOT NULL,
	"amount_per_loan_fen" bigint NOT NULL,
	"total_budget_fen" bigint NOT NULL,
	"max_borrower_share_bps" integer NOT NULL,
	"spent_fen" bigint DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"last_served_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "auto_invest_mandates_budget" CHECK ("auto_invest_mandates"."spent_fen" >= 0 AND "auto_invest_mandates"."spent_fen" <= "auto_invest_mandates"."total_budget_fen")
);
--> statement-breakpoint
CREATE TABLE "bids" (
	"id" text PRIMARY KEY NOT NULL,
	"listing_id" text NOT NULL,
	"investor_id" text NOT NULL,
	"borrower_id" text NOT NULL,
	"requested_fen" bigint NOT NULL,
	"amount_fen" bigint NOT NULL,
	"hold_transfer_id" text NOT NULL,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"mandate_id" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "bids_amount_positive" CHECK ("bids"."amount_fen" > 0 AND "bids"."amount_fen" <= "bids"."requested_fen")
);
--> statement-breakpoint
CREATE TABLE "contract_consents" (
	"contract_id" text NOT NULL,
	"party_id" text NOT NULL,
	"role" text NOT NULL,
	"sha256" text NOT NULL,
	"consented_at" timestamp with time zone NOT NULL,
	CONSTRAINT "contract_consents_contract_id_party_id_pk" PRIMARY KEY("contract_id","party_id")
);
--> statement-breakpoint
CREATE TABLE "contracts" (
	"id" text PRIMARY KEY NOT NULL,
	"listing_id" text NOT NULL,
	"pdf_base64" text NOT NULL,
	"sha256" text NOT NULL,
	"signature" text NOT NULL,
	"public_key" text NOT NULL,
	"terms" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disbursements" (
	"listing_id" text PRIMARY KEY NOT NULL,
	"loan_id" text NOT NULL,
	"batch_id" text NOT NULL,
	"principal_fen" bigint NOT NULL,
	"fee_fen" bigint NOT NULL,
	"disbursed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disclosure_openings" (
	"listing_id" text NOT NULL,
	"investor_id" text NOT NULL,
	"disclosures_hash" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	CONSTRAINT "disclosure_openings_listing_id_investor_id_pk" PRIMARY KEY("listing_id","investor_id")
);
--> statement-breakpoint
CREATE TABLE "investor_profiles" (
	"user_id" text PRIMARY KEY NOT NULL,
	"answers" jsonb NOT NULL,
	"score" integer NOT NULL,
	"tier" text NOT NULL,
	"assessed_at" timestamp with time zone,
	"acknowledgment_version" text,
	"acknowledged_at" timestamp with time zone,
	"net_investable_assets_fen" bigint NOT NULL,
	"asset_guard_enabled" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invitation_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"inviter_id" text NOT NULL,
	"reward_fen" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invitation_redemptions" (
	"invitee_id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"inviter_id" text NOT NULL,
	"reward_fen" bigint NOT NULL,
	"reward_transfer_id" text NOT NULL,
	"redeemed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "listings" (
	"id" text PRIMARY KEY NOT NULL,
	"application_id" text NOT NULL,
	"decision_id" text NOT NULL,
	"borrower_id" text NOT NULL,
	"borrower_type" text NOT NULL,
	"grade" text NOT NULL,
	"pd" real NOT NULL,
	"expected_loss_bps" integer NOT NULL,
	"apr_bps" integer NOT NULL,
	"nominal_rate_bps" integer NOT NULL,
	"upfront_fee_fen" bigint NOT NULL,
	"term_months" integer NOT NULL,
	"repayment_method" text NOT NULL,
	"purpose" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"funded_fen" bigint DEFAULT 0 NOT NULL,
	"bid_count" integer DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"disclosures" jsonb NOT NULL,
	"disclosures_hash" text NOT NULL,
	"related_party" boolean DEFAULT false NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closes_on" date NOT NULL,
	"funded_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"close_reason" text,
	CONSTRAINT "listings_funded_within_amount" CHECK ("listings"."funded_fen" >= 0 AND "listings"."funded_fen" <= "listings"."amount_fen")
);
--> statement-breakpoint
CREATE TABLE "related_parties" (
	"user_id" text PRIMARY KEY NOT NULL,
	"relation" text NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "model_approvals" ADD CONSTRAINT "model_approvals_model_version_id_model_versions_id_fk" FOREIGN KEY ("model_version_id") REFERENCES "public"."model_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_shadow_scores" ADD CONSTRAINT "model_shadow_scores_champion_id_model_versions_id_fk" FOREIGN KEY ("champion_id") REFERENCES "public"."model_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_shadow_scores" ADD CONSTRAINT "model_shadow_scores_challenger_id_model_versions_id_fk" FOREIGN KEY ("challenger_id") REFERENCES "public"."model_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "model_shadow_scores_pair_idx" ON "model_shadow_scores" USING btree ("champion_id","challenger_id");--> statement-breakpoint
CREATE INDEX "model_versions_kind_role_idx" ON "model_versions" USING btree ("kind","role");--> statement-breakpoint
CREATE INDEX "auto_invest_mandates_investor_idx" ON "auto_invest_mandates" USING btree ("investor_id");--> statement-breakpoint
CREATE INDEX "auto_invest_mandates_queue_idx" ON "auto_invest_mandates" USING btree ("status","last_served_at");--> statement-breakpoint
CREATE INDEX "bids_listing_idx" ON "bids" USING btree ("listing_id");--> statement-breakpoint
CREATE INDEX "bids_investor_idx" ON "bids" USING btree ("investor_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "bids_mandate_listing_unique" ON "bids" USING btree ("mandate_id","listing_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_listing_unique" ON "contracts" USING btree ("listing_id");--> statement-breakpoint
CREATE UNIQUE INDEX "listings_application_unique" ON "listings" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "listings_status_idx" ON "listings" USING btree ("status","grade","term_months");--> statement-breakpoint
CREATE INDEX "listings_borrower_idx" ON "listings" USING btree ("borrower_id");