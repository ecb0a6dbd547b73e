-- The three large JSON values of a decision become json (the exact canonical text the record's
-- hash covers, which PostgreSQL only validates) instead of jsonb (parsed into a binary form with
-- every object's keys sorted: ~0.2 ms of PostgreSQL's CPU per decision). See db/schema/decisions.ts.
ALTER TABLE "decisions" ALTER COLUMN "features" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "decisions" ALTER COLUMN "rule_results" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "decisions" ALTER COLUMN "scores" SET DATA TYPE json;--> statement-breakpoint
-- A change of type resets the column's compression (set to lz4 in 0012).
ALTER TABLE "decisions" ALTER COLUMN "features" SET COMPRESSION lz4;--> statement-breakpoint
ALTER TABLE "decisions" ALTER COLUMN "rule_results" SET COMPRESSION lz4;--> statement-breakpoint
ALTER TABLE "decisions" ALTER COLUMN "scores" SET COMPRESSION lz4;
