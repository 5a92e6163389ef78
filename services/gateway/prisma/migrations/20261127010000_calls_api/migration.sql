-- Idempotency keys for POST routes, and the event ids the call projector has applied.

CREATE TABLE "idempotency_keys" (
    "api_key_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "response_status" INTEGER,
    "response_body" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),
    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("api_key_id", "key"),
    CONSTRAINT "idempotency_keys_status_check" CHECK ("status" IN ('in_flight', 'completed'))
);
CREATE INDEX "idempotency_keys_created_at_idx" ON "idempotency_keys"("created_at");

CREATE TABLE "processed_events" (
    "event_id" UUID NOT NULL,
    "processed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "processed_events_pkey" PRIMARY KEY ("event_id")
);
CREATE INDEX "processed_events_processed_at_idx" ON "processed_events"("processed_at");

CREATE INDEX "calls_org_id_status_created_at_id_idx" ON "calls"("org_id", "status", "created_at" DESC, "id" DESC);
