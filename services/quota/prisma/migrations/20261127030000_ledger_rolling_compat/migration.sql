-- Keeps the previous quota release working on this schema during a rolling deploy: its INSERT of a
-- hold names no expiry (it gets the default unconfirmed lifetime, so reconciliation still releases
-- it), and its release sets no close reason (allowed; only an open hold must have none).

ALTER TABLE "minute_holds" ALTER COLUMN "expires_at" SET DEFAULT (CURRENT_TIMESTAMP + INTERVAL '300 seconds');

ALTER TABLE "minute_holds" DROP CONSTRAINT "minute_holds_open_check";
ALTER TABLE "minute_holds" ADD CONSTRAINT "minute_holds_open_check" CHECK ("status" <> 'held' OR "close_reason" IS NULL);
