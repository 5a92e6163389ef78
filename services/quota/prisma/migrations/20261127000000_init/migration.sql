-- Quota schema: org limits and the minute-hold ledger.

CREATE TABLE "org_limits" (
    "org_id" UUID NOT NULL,
    "minutes_limit" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "org_limits_pkey" PRIMARY KEY ("org_id"),
    CONSTRAINT "org_limits_minutes_limit_check" CHECK ("minutes_limit" >= 0)
);

CREATE TABLE "minute_holds" (
    "call_id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "period" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(3),
    CONSTRAINT "minute_holds_pkey" PRIMARY KEY ("call_id"),
    CONSTRAINT "minute_holds_status_check" CHECK ("status" IN ('held', 'released', 'settled'))
);
CREATE INDEX "minute_holds_org_id_period_status_idx" ON "minute_holds"("org_id", "period", "status");
