-- Released holds (nothing billed) are deleted RETENTION_DAYS after they closed; this index finds them.
CREATE INDEX "minute_holds_released_closed_at_idx" ON "minute_holds"("closed_at") WHERE "status" = 'released';

-- Settled holds of a billing period older than QUOTA_LEDGER_RETENTION_MONTHS are summed here, one
-- row per org and period, and then deleted: the billed total of every period stays known.
CREATE TABLE "period_usage" (
    "org_id" UUID NOT NULL,
    "period" TEXT NOT NULL,
    "billed_minutes" INTEGER NOT NULL,
    "calls" INTEGER NOT NULL,
    CONSTRAINT "period_usage_pkey" PRIMARY KEY ("org_id", "period")
);
