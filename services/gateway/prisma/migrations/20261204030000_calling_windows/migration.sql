-- Calling windows: the hours attempts may start in. An agent's applies to its calls unless a call
-- sets its own; the call keeps the one in force at creation.
ALTER TABLE "agents" ADD COLUMN "calling_window" JSONB;
ALTER TABLE "calls" ADD COLUMN "calling_window" JSONB;
