import type { VoiceSignal } from "@voxbridge/contracts";
import type { SignalStore } from "../app/ports";
import type { VoicePrisma } from "./prisma";
import { VOICE_SCHEMA } from "./schema";

/** The channel every instance LISTENs on: a signal was stored for some live call. */
export const SIGNALS_CHANNEL = `${VOICE_SCHEMA}_signals`;

/** Signals for live conversations, in the service's own tables; storing one wakes every instance (NOTIFY on commit). */
export function createSignalStore(prisma: VoicePrisma): SignalStore {
  return {
    async add(callId, attempt, signal) {
      await prisma.$transaction([
        prisma.$executeRaw`
          INSERT INTO "stream_signals" (call_id, attempt, signal) VALUES (${callId}::uuid, ${attempt}, ${signal})
          ON CONFLICT DO NOTHING`,
        prisma.$executeRaw`SELECT pg_notify(${SIGNALS_CHANNEL}, '')`,
      ]);
    },
    async pendingFor(attempts) {
      if (attempts.length === 0) return [];
      const rows = await prisma.$queryRaw<{ call_id: string; attempt: number; signal: VoiceSignal }[]>`
        SELECT s.call_id::text, s.attempt, s.signal FROM "stream_signals" s
          JOIN unnest(${attempts.map((a) => a.callId)}::uuid[], ${attempts.map((a) => a.attempt)}::int[]) AS l(call_id, attempt)
            ON l.call_id = s.call_id AND l.attempt = s.attempt
         ORDER BY s.created_at`;
      return rows.map((r) => ({ callId: r.call_id, attempt: r.attempt, signal: r.signal }));
    },
  };
}
