-- Suppression events wait in an outbox of their own, published by a relay of their own to their
-- own topic, so that no backlog of call events delays an opt-out (docs/dialer.md, "Suppressions").
CREATE TABLE "suppression_outbox" (
    "id" BIGSERIAL NOT NULL,
    "event_id" UUID NOT NULL,
    "topic" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "suppression_outbox_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "suppression_outbox_event_id_key" ON "suppression_outbox"("event_id");

-- Wakes its relay (LISTEN "<schema>_suppression_outbox") when a transaction that wrote one commits.
CREATE FUNCTION "suppression_outbox_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify(TG_TABLE_SCHEMA || '_suppression_outbox', '');
  RETURN NULL;
END $$;
CREATE TRIGGER "suppression_outbox_notify" AFTER INSERT ON "suppression_outbox" FOR EACH STATEMENT EXECUTE FUNCTION "suppression_outbox_notify"();
-- Suppression events written before this release and still in the call outbox are published to the
-- call-events topic as before; the dialer still reads them there.
