-- How an answered attempt ended is combined from two reports: the carrier's end and the voice
-- service's call.conversation_ended. Whichever comes first waits here for the other, under the
-- job's row lock; a carrier end left waiting past report_due_at ends as an agent error.
CREATE TABLE "attempt_conversations" (
    "call_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "report_outcome" TEXT,
    "media_started" BOOLEAN,
    "error_message" TEXT,
    "reported_at" TIMESTAMPTZ(3),
    "carrier_end" JSONB,
    "report_due_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT "attempt_conversations_pkey" PRIMARY KEY ("call_id", "attempt")
);

CREATE INDEX "attempt_conversations_due_idx" ON "attempt_conversations" ("report_due_at") WHERE report_due_at IS NOT NULL;
CREATE INDEX "attempt_conversations_created_idx" ON "attempt_conversations" ("created_at");
