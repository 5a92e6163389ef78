-- Dialing: the job's call snapshot and attempts, per-attempt records (persisted before dialing),
-- pacing, instance liveness for reconciling orphaned calls, and the dialer's transactional outbox.

ALTER TABLE "dial_jobs"
    ADD COLUMN "call" JSONB,
    ADD COLUMN "attempt_count" INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN "max_attempts" INTEGER NOT NULL DEFAULT 3,
    ADD COLUMN "owner_id" UUID,
    ADD COLUMN "cancel_requested" BOOLEAN NOT NULL DEFAULT false,
    -- The KAFKA_TOPIC_PREFIX of the dialers that own the job (empty in production; one per test stack).
    ADD COLUMN "deployment" TEXT NOT NULL DEFAULT '';
UPDATE "dial_jobs" SET "call" = "queued" -> 'data' -> 'call', "max_attempts" = ("queued" -> 'data' -> 'call' ->> 'max_attempts')::int;
ALTER TABLE "dial_jobs" ALTER COLUMN "call" SET NOT NULL;
-- Claims look for due queued jobs; org concurrency counts live ones.
CREATE INDEX "dial_jobs_queued_due_idx" ON "dial_jobs"("due_at") WHERE "status" = 'queued';
CREATE INDEX "dial_jobs_calling_org_idx" ON "dial_jobs"("org_id") WHERE "status" = 'calling';

-- One row per dial, written in the claim transaction before the carrier is asked: (call_id, attempt)
-- is the attempt's idempotency key, so no attempt is ever dialed twice.
CREATE TABLE "dial_attempts" (
    "call_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "account" TEXT NOT NULL,
    "owner_id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "disposition" TEXT,
    "carrier_call_id" TEXT,
    "dialed_at" TIMESTAMPTZ(3) NOT NULL,
    "answered_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "talk_seconds" INTEGER,
    "detail" TEXT,
    CONSTRAINT "dial_attempts_pkey" PRIMARY KEY ("call_id", "attempt")
);
-- The calls-per-second window counts an account's recent dials.
CREATE INDEX "dial_attempts_account_dialed_at_idx" ON "dial_attempts"("account", "dialed_at");
CREATE INDEX "dial_attempts_carrier_call_id_idx" ON "dial_attempts"("carrier_call_id");

-- One row per telephony account; claims lock it, which serializes pacing decisions across instances.
CREATE TABLE "pacing_accounts" (
    "account" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "pacing_accounts_pkey" PRIMARY KEY ("account")
);

-- Per-org override of DIALER_ORG_CONCURRENCY (operators set it; absent means the default).
CREATE TABLE "org_dial_limits" (
    "org_id" UUID NOT NULL,
    "max_concurrent_calls" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "org_dial_limits_pkey" PRIMARY KEY ("org_id")
);

-- Live dialer instances; a calling job whose owner stopped heartbeating is reconciled by another.
CREATE TABLE "dialer_instances" (
    "id" UUID NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeat_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "dialer_instances_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "outbox" (
    "id" BIGSERIAL NOT NULL,
    "event_id" UUID NOT NULL,
    "topic" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),
    CONSTRAINT "outbox_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "outbox_event_id_key" ON "outbox"("event_id");
CREATE INDEX "outbox_unpublished_idx" ON "outbox"("id") WHERE "published_at" IS NULL;

-- Wakes outbox relays (LISTEN "<schema>_outbox") when a transaction that wrote events commits.
CREATE FUNCTION "outbox_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify(TG_TABLE_SCHEMA || '_outbox', '');
  RETURN NULL;
END $$;
CREATE TRIGGER "outbox_notify" AFTER INSERT ON "outbox" FOR EACH STATEMENT EXECUTE FUNCTION "outbox_notify"();

-- Wakes every instance's scheduler (LISTEN "<schema>_jobs") when jobs arrive or a live call ends.
CREATE FUNCTION "dial_jobs_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify(TG_TABLE_SCHEMA || '_jobs', '');
  RETURN NULL;
END $$;
CREATE TRIGGER "dial_jobs_notify_insert" AFTER INSERT ON "dial_jobs" FOR EACH STATEMENT EXECUTE FUNCTION "dial_jobs_notify"();
