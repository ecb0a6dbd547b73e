ALTER TABLE "invitation_redemptions" ALTER COLUMN "reward_transfer_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "invitation_redemptions" ADD COLUMN "rewarded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "invitation_redemptions" ADD COLUMN "reward_listing_id" text;--> statement-breakpoint
CREATE INDEX "invitation_codes_inviter_idx" ON "invitation_codes" USING btree ("inviter_id");--> statement-breakpoint
CREATE INDEX "invitation_redemptions_inviter_idx" ON "invitation_redemptions" USING btree ("inviter_id");