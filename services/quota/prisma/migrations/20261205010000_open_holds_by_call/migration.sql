-- The open-holds index also keys on call_id. A confirm looks a hold up by call and org; on a table
-- with no statistics (never analyzed, as with autovacuum off) the planner chose this index over the
-- primary key, and with org_id alone it read every open hold of the org per confirm (17 million
-- entries in one benchmark run). Keyed (org_id, call_id), either index finds the one row.
DROP INDEX "minute_holds_open_org_id_idx";
CREATE INDEX "minute_holds_open_org_id_call_id_idx" ON "minute_holds"("org_id", "call_id") INCLUDE ("minutes") WHERE "status" = 'held';
