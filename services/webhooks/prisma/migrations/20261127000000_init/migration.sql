-- Webhooks schema: org signing secrets and the events received for delivery.

CREATE TABLE "org_signing_secrets" (
    "org_id" UUID NOT NULL,
    "secret" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "org_signing_secrets_pkey" PRIMARY KEY ("org_id")
);

CREATE TABLE "webhook_events" (
    "event_id" UUID NOT NULL,
    "call_id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "webhook_events_pkey" PRIMARY KEY ("event_id")
);
CREATE INDEX "webhook_events_call_id_idx" ON "webhook_events"("call_id");
