-- Write path of decisions.
-- The decision path writes several kilobytes of JSON per decision (feature snapshot, every rule
-- condition's result, scores, the stored request and its response). pglz compression of those
-- values was ~10% of PostgreSQL's CPU under load; lz4 compresses them several times faster.
-- Applies to values written from now on; existing rows keep their compression.
ALTER TABLE "decisions" ALTER COLUMN "features" SET COMPRESSION lz4;--> statement-breakpoint
ALTER TABLE "decisions" ALTER COLUMN "rule_results" SET COMPRESSION lz4;--> statement-breakpoint
ALTER TABLE "decisions" ALTER COLUMN "scores" SET COMPRESSION lz4;--> statement-breakpoint
ALTER TABLE "decisions" ALTER COLUMN "reasons" SET COMPRESSION lz4;--> statement-breakpoint
ALTER TABLE "loan_applications" ALTER COLUMN "input" SET COMPRESSION lz4;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ALTER COLUMN "response_body" SET COMPRESSION lz4;
--> statement-breakpoint
-- No query filters applications by status alone; with it, the exposure read (borrower AND
-- status = 'approved', on every decision) was planned as a BitmapAnd that scanned every
-- approved application on the platform. The (borrower_id, created_at) index serves it.
DROP INDEX IF EXISTS "loan_applications_status_idx";
