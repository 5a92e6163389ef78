-- The voice service: what it learned of each call from events, each attempt's conversation, the
-- recordings waiting for the object store, and its transactional outbox (call.analyzed).

-- A call's agent copy from call.queued / call.updated, and whether the call has ended (its terminal
-- event seen), which call.analyzed waits for.
CREATE TABLE "calls" (
    "call_id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "agent" JSONB NOT NULL,
    "agent_event_time" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),
    "analyzed_at" TIMESTAMPTZ(3),
    -- A call.analyzed with recording_available true went out (the first, or a later one for a late upload).
    "recording_announced" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "calls_pkey" PRIMARY KEY ("call_id")
);
CREATE INDEX "calls_unanalyzed_idx" ON "calls"("ended_at") WHERE "analyzed_at" IS NULL AND "ended_at" IS NOT NULL;

-- One attempt's conversation: its turns and answers as they stood when the stream ended.
CREATE TABLE "conversations" (
    "call_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "org_id" UUID NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),
    -- talked | opt_out | voicemail | agent_error
    "outcome" TEXT,
    "turns" JSONB NOT NULL DEFAULT '[]',
    "answers" JSONB,
    -- none | pending | stored | failed | deleted
    "recording_state" TEXT NOT NULL DEFAULT 'none',
    "recording_key" TEXT,
    CONSTRAINT "conversations_pkey" PRIMARY KEY ("call_id", "attempt")
);

-- A recording the object store has not taken yet: kept here (any instance may upload it) until it has.
CREATE TABLE "recording_uploads" (
    "call_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "object_key" TEXT NOT NULL,
    "wav" BYTEA NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    CONSTRAINT "recording_uploads_pkey" PRIMARY KEY ("call_id", "attempt")
);
CREATE INDEX "recording_uploads_due_idx" ON "recording_uploads"("next_attempt_at");

CREATE TABLE "outbox" (
    "id" BIGSERIAL NOT NULL,
    "event_id" UUID NOT NULL,
    "topic" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "outbox_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "outbox_event_id_key" ON "outbox"("event_id");

-- Wakes outbox relays (LISTEN "<schema>_outbox") when a transaction that wrote events commits.
CREATE FUNCTION "outbox_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify(TG_TABLE_SCHEMA || '_outbox', '');
  RETURN NULL;
END $$;
CREATE TRIGGER "outbox_notify" AFTER INSERT ON "outbox" FOR EACH STATEMENT EXECUTE FUNCTION "outbox_notify"();
