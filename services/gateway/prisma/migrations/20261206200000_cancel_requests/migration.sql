-- A cancel is a request the dialer carries out: the record shows when the partner asked, and the
-- call ends when the dialer's call.canceled is projected (docs/dialer.md, "Cancel").
ALTER TABLE "calls" ADD COLUMN "cancel_requested_at" TIMESTAMPTZ(3);
