-- Dialer schema: dial jobs (one per call, holding its durable due time).

CREATE TABLE "dial_jobs" (
    "call_id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "queued" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "dial_jobs_pkey" PRIMARY KEY ("call_id")
);
CREATE INDEX "dial_jobs_status_due_at_idx" ON "dial_jobs"("status", "due_at");
