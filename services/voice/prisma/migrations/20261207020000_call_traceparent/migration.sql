-- The call's trace (its call.queued's traceparent): call.analyzed and call.conversation_ended carry it on.
ALTER TABLE "calls" ADD COLUMN "traceparent" TEXT;
