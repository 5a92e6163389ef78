-- The outbox relay deletes a row once Kafka has acknowledged it, instead of marking it published:
-- the table holds only what is waiting, so it stays small however many calls pass through it.
-- Rows already published go now; the relay of this release never reads published_at.
DELETE FROM "outbox" WHERE "published_at" IS NOT NULL;
DROP INDEX "outbox_unpublished_idx";
ALTER TABLE "outbox" DROP COLUMN "published_at";
