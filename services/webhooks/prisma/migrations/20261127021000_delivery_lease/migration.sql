-- Claims lease a delivery in a column no index covers, so the claim's update can be HOT (no new
-- index entries); the free space per page that HOT needs comes from a lower fillfactor.

ALTER TABLE "webhook_deliveries" ADD COLUMN "leased_until" TIMESTAMPTZ(3);
ALTER TABLE "webhook_deliveries" SET (fillfactor = 70);
