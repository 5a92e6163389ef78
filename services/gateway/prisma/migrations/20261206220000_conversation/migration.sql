-- The conversation: what an agent says and finds out, and whether its calls are recorded.
ALTER TABLE "agents" ADD COLUMN "first_message" TEXT;
ALTER TABLE "agents" ADD COLUMN "voicemail_message" TEXT;
ALTER TABLE "agents" ADD COLUMN "answer_schema" JSONB;
ALTER TABLE "agents" ADD COLUMN "record" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "agents" ADD COLUMN "recording_disclosure" TEXT NOT NULL DEFAULT 'This call is recorded.';
ALTER TABLE "agents" ADD COLUMN "engine" TEXT NOT NULL DEFAULT 'local';

-- simulated_callee: the sandbox callee's script, re-sent with every edit of the queued call.
-- analyzed_attempt / recording_available / analyzed_at: where the projection of call.analyzed stands
-- (it only moves forward: a later attempt, or the same one with a recording now stored).
-- recording_deleted_at: the partner deleted the audio; a late call.analyzed does not bring the URL back.
ALTER TABLE "calls" ADD COLUMN "simulated_callee" JSONB;
ALTER TABLE "calls" ADD COLUMN "analyzed_attempt" INTEGER;
ALTER TABLE "calls" ADD COLUMN "recording_available" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "calls" ADD COLUMN "analyzed_at" TIMESTAMPTZ(3);
ALTER TABLE "calls" ADD COLUMN "recording_deleted_at" TIMESTAMPTZ(3);

-- The turns of a call's conversation as the last applied call.analyzed listed them, in conversation order.
CREATE TABLE "call_turns" (
    "call_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "attempt" INTEGER NOT NULL,
    "speaker" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "start_ms" INTEGER NOT NULL,
    "end_ms" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "call_turns_pkey" PRIMARY KEY ("call_id", "position")
);

ALTER TABLE "call_turns" ADD CONSTRAINT "call_turns_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Retention finds analyzed calls by age.
CREATE INDEX "calls_analyzed_at_idx" ON "calls"("analyzed_at") WHERE "analyzed_at" IS NOT NULL;
