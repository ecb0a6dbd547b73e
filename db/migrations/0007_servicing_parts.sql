CREATE TABLE "repayment_parts" (
	"repayment_id" text NOT NULL,
	"loan_id" text NOT NULL,
	"installment_no" integer NOT NULL,
	"principal_fen" bigint NOT NULL,
	"interest_fen" bigint NOT NULL,
	"fee_fen" bigint NOT NULL,
	"penalty_fen" bigint NOT NULL,
	"paid_on" date NOT NULL,
	CONSTRAINT "repayment_parts_repayment_id_installment_no_pk" PRIMARY KEY("repayment_id","installment_no")
);
--> statement-breakpoint
CREATE INDEX "repayment_parts_loan_idx" ON "repayment_parts" USING btree ("loan_id","installment_no");