-- Settlement, confirmation and expiry: each call's row now also records what the call was billed,
-- in which period, which event ended it, whether the gateway's call.queued confirmed the hold, and
-- when an open hold is released by reconciliation.

ALTER TABLE "minute_holds"
    ADD COLUMN "billed_minutes" INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN "billed_period" TEXT,
    ADD COLUMN "close_reason" TEXT,
    ADD COLUMN "closed_by_event_id" UUID,
    ADD COLUMN "confirmed_at" TIMESTAMPTZ(3),
    ADD COLUMN "expires_at" TIMESTAMPTZ(3);

-- Rows from before: open holds get the default unconfirmed lifetime (reconciliation releases
-- them), earlier releases were the gateway's, and nothing was settled yet.
UPDATE "minute_holds" SET "expires_at" = "created_at" + INTERVAL '300 seconds';
UPDATE "minute_holds" SET "close_reason" = 'aborted' WHERE "status" = 'released';
UPDATE "minute_holds" SET "close_reason" = 'completed', "billed_period" = "period" WHERE "status" = 'settled';
ALTER TABLE "minute_holds" ALTER COLUMN "expires_at" SET NOT NULL;

ALTER TABLE "minute_holds"
    ADD CONSTRAINT "minute_holds_billed_minutes_check" CHECK ("billed_minutes" >= 0),
    ADD CONSTRAINT "minute_holds_close_reason_check"
        CHECK ("close_reason" IN ('completed', 'failed', 'canceled', 'unconfirmed', 'aborted', 'expired')),
    -- An open hold has no close reason; a closed one always has.
    ADD CONSTRAINT "minute_holds_open_check" CHECK (("status" = 'held') = ("close_reason" IS NULL)),
    -- Only a settled call has a billing period.
    ADD CONSTRAINT "minute_holds_settled_check" CHECK (("status" = 'settled') = ("billed_period" IS NOT NULL));

-- Replaced by the partial indexes below: counters are rebuilt from an org's open holds (any
-- period) and from what it was billed in one period; reconciliation scans open holds by expiry.
DROP INDEX "minute_holds_org_id_period_status_idx";
CREATE INDEX "minute_holds_open_org_id_idx" ON "minute_holds"("org_id") INCLUDE ("minutes") WHERE "status" = 'held';
CREATE INDEX "minute_holds_settled_org_id_billed_period_idx" ON "minute_holds"("org_id", "billed_period") INCLUDE ("billed_minutes")
    WHERE "status" = 'settled';
CREATE INDEX "minute_holds_open_expires_at_idx" ON "minute_holds"("expires_at") WHERE "status" = 'held';
