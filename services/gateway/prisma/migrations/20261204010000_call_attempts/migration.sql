-- next_attempt_at: when the dialer will next dial the call (null while an attempt is live or once
-- it ended). progress: callProgress() of the record (contracts), the one number a projected
-- snapshot must exceed to apply; rows written before it get the same value from their status.
ALTER TABLE "calls" ADD COLUMN "next_attempt_at" TIMESTAMPTZ(3);
ALTER TABLE "calls" ADD COLUMN "progress" INTEGER NOT NULL DEFAULT 0;
UPDATE "calls" SET
  "progress" = CASE "status" WHEN 'queued' THEN 0 WHEN 'calling' THEN 1000 + 2 * "attempt_count" ELSE 2000 END,
  "next_attempt_at" = CASE WHEN "status" = 'queued' THEN "scheduled_at" END;

-- Every dial of a call, projected from the lifecycle events that start and end attempts.
CREATE TABLE "call_attempts" (
    "call_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "answered_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "disposition" TEXT,
    "duration_seconds" INTEGER,
    "error_message" TEXT,

    CONSTRAINT "call_attempts_pkey" PRIMARY KEY ("call_id", "attempt")
);

ALTER TABLE "call_attempts" ADD CONSTRAINT "call_attempts_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE CASCADE ON UPDATE CASCADE;
