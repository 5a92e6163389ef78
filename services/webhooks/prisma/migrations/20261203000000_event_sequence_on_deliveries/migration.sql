-- An event's per-call sequence lives on its deliveries (what is signed and ordered); the copy on
-- webhook_events was written and never read, and writing it cost an UPDATE per event.
ALTER TABLE "webhook_events" DROP COLUMN "sequence";
