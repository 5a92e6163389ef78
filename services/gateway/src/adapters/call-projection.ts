import type { CallProjection } from "../app/ports";
import type { GatewayPrisma } from "./prisma";

/**
 * Projects a lifecycle event's call snapshot onto the record in one statement: the event id is
 * recorded (a redelivery finds it and changes nothing) and the row moves only forward: to a later
 * status, or within `calling` to a later attempt. Terminal records never change again.
 */
export function createCallProjection(prisma: GatewayPrisma, options: { retainProcessedDays?: number } = {}): CallProjection {
  let lastSweep = 0;
  return {
    async apply(event) {
      if (Date.now() - lastSweep > 600_000) {
        lastSweep = Date.now();
        // Kafka keeps events for 7 days; an id older than that can no longer be redelivered.
        await prisma.$executeRaw`DELETE FROM "processed_events" WHERE processed_at < now() - make_interval(days => ${options.retainProcessedDays ?? 8})`;
      }
      const call = event.data.call;
      const json = (value: Record<string, unknown> | null) => (value === null ? null : JSON.stringify(value));
      const changed = await prisma.$executeRaw`
        WITH first_time AS (
          INSERT INTO "processed_events" (event_id) VALUES (${event.id}::uuid) ON CONFLICT DO NOTHING RETURNING event_id
        ), ranked AS (
          SELECT CASE ${call.status}::text WHEN 'queued' THEN 0 WHEN 'calling' THEN 1 ELSE 2 END AS incoming
        )
        UPDATE "calls" SET
          status = ${call.status},
          attempt_count = ${call.attempt_count},
          disposition = ${call.disposition},
          transcript = ${call.transcript},
          recording_url = ${call.recording_url},
          structured_answers = ${json(call.structured_answers)}::jsonb,
          duration_seconds = ${call.duration_seconds},
          error_message = ${call.error_message},
          started_at = ${call.started_at}::timestamptz,
          completed_at = ${call.completed_at}::timestamptz,
          updated_at = now()
        FROM first_time, ranked
        WHERE "calls".id = ${event.subject}::uuid
          AND "calls".org_id = ${event.data.org_id}::uuid
          AND (
            (CASE "calls".status WHEN 'queued' THEN 0 WHEN 'calling' THEN 1 ELSE 2 END) < ranked.incoming
            OR (ranked.incoming = 1 AND "calls".status = 'calling' AND "calls".attempt_count < ${call.attempt_count})
          )`;
      return changed === 1;
    },
  };
}
