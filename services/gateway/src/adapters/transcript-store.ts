import type { TranscriptTurn } from "@voxbridge/contracts";
import type { TranscriptStore } from "../app/ports";
import { analysisAdvances, analysisProjection } from "../domain/call-analysis-projection";
import type { GatewayPrisma } from "./prisma";

/**
 * The conversation of each call as `call.analyzed` reported it: the record's `transcript`,
 * `structured_answers` and `recording_url`, and its turns. Each event is applied once (its id is
 * recorded with the lifecycle events' ids) and only forward (`analysisAdvances`), in a transaction
 * that holds the record's row lock, so two gateway instances never interleave on one call.
 */
export function createTranscriptStore(prisma: GatewayPrisma): TranscriptStore {
  return {
    async applyAll(events) {
      const moved: string[] = [];
      for (const event of events) {
        const { call_id: callId, org_id: orgId } = event.data;
        const applied = await prisma.$transaction(async (tx) => {
          const fresh = await tx.$queryRaw<unknown[]>`
            INSERT INTO "processed_events" (event_id) VALUES (${event.id}::uuid) ON CONFLICT DO NOTHING RETURNING event_id`;
          if (fresh.length === 0) return false;
          const [row] = await tx.$queryRaw<{ analyzed_attempt: number | null; recording_available: boolean; recording_deleted: boolean }[]>`
            SELECT analyzed_attempt, recording_available, recording_deleted_at IS NOT NULL AS recording_deleted
              FROM "calls" WHERE id = ${callId}::uuid AND org_id = ${orgId}::uuid FOR UPDATE`;
          if (!row) return false;
          const current =
            row.analyzed_attempt === null ? null : { attempt: row.analyzed_attempt, recordingAvailable: row.recording_available };
          if (!analysisAdvances(current, { attempt: event.data.attempt, recordingAvailable: event.data.recording_available })) return false;
          const projection = analysisProjection(event.data, { recordingDeleted: row.recording_deleted });
          await tx.$executeRaw`
            UPDATE "calls" SET transcript = ${projection.transcript}, structured_answers = ${
              projection.structuredAnswers === null ? null : JSON.stringify(projection.structuredAnswers)
            }::jsonb,
                   recording_url = ${projection.recordingUrl}, analyzed_attempt = ${event.data.attempt},
                   recording_available = ${event.data.recording_available}, analyzed_at = coalesce(analyzed_at, now()), updated_at = now()
             WHERE id = ${callId}::uuid`;
          await tx.callTurn.deleteMany({ where: { callId } });
          await tx.callTurn.createMany({
            data: projection.turns.map((turn, position) => ({
              callId,
              position,
              attempt: turn.attempt,
              speaker: turn.speaker,
              text: turn.text,
              startMs: turn.start_ms,
              endMs: turn.end_ms,
            })),
          });
          return true;
        });
        if (applied) moved.push(callId);
      }
      return moved;
    },

    async listTurns(orgId, callId, page) {
      const owned = await prisma.callRecord.findFirst({ where: { id: callId, orgId }, select: { id: true } });
      if (!owned) return null;
      const [rows, total] = await Promise.all([
        prisma.callTurn.findMany({ where: { callId }, orderBy: { position: "asc" }, take: page.limit, skip: page.offset }),
        prisma.callTurn.count({ where: { callId } }),
      ]);
      const items: TranscriptTurn[] = rows.map((row) => ({
        speaker: row.speaker as TranscriptTurn["speaker"],
        text: row.text,
        attempt: row.attempt,
        start_ms: row.startMs,
        end_ms: row.endMs,
      }));
      return { items, total };
    },

    async recordingOf(orgId, callId) {
      const row = await prisma.callRecord.findFirst({
        where: { id: callId, orgId },
        select: { recordingAvailable: true, recordingDeletedAt: true },
      });
      if (!row) return null;
      return { available: row.recordingAvailable && row.recordingDeletedAt === null };
    },

    async markRecordingDeleted(orgId, callId, at) {
      await prisma.callRecord.updateMany({
        where: { id: callId, orgId },
        data: { recordingDeletedAt: at, recordingUrl: null, updatedAt: at },
      });
    },
  };
}
