-- Signals for a live call's conversation (the carrier's machine verdict, the partner's cancel), sent
-- by the dialer to any instance: stored here, and every instance is woken (NOTIFY "<schema>_signals")
-- so the one holding the attempt's media stream acts on it; a stream that starts later reads it here.
CREATE TABLE "stream_signals" (
    "call_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "signal" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "stream_signals_pkey" PRIMARY KEY ("call_id", "attempt", "signal")
);
CREATE INDEX "stream_signals_created_idx" ON "stream_signals"("created_at");
