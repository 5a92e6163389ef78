import { callProgress } from "@voxbridge/contracts";
import type { CallProjection } from "../app/ports";
import type { GatewayPrisma } from "./prisma";

/**
 * Projects a lifecycle event onto the record and its attempts in one statement: the event id is
 * recorded (a redelivery finds it and changes nothing); the record moves only forward, to a
 * snapshot with a greater `callProgress`, or an equal one from `call.updated` (terminal records never change again); `call.calling`
 * opens its attempt and an event that ended an attempt fills it in.
 */
export function createCallProjection(prisma: GatewayPrisma): CallProjection {
  return {
    async apply(event) {
      const call = event.data.call;
      const json = (value: Record<string, unknown> | null) => (value === null ? null : JSON.stringify(value));
      // The attempt this event opens (call.calling) or ended (data.attempt); none for a cancel before dialing.
      const attempt =
        event.data.attempt ??
        (event.type === "call.calling"
          ? {
              attempt: call.attempt_count,
              started_at: event.time,
              answered_at: null,
              ended_at: null,
              disposition: null,
              duration_seconds: null,
              error_message: null,
            }
          : null);
      const [result] = await prisma.$queryRaw<{ changed: boolean }[]>`
        WITH first_time AS (
          INSERT INTO "processed_events" (event_id) VALUES (${event.id}::uuid) ON CONFLICT DO NOTHING RETURNING event_id
        ), moved AS (
          UPDATE "calls" SET
            status = ${call.status},
            attempt_count = ${call.attempt_count},
            disposition = ${call.disposition},
            transcript = ${call.transcript},
            recording_url = ${call.recording_url},
            structured_answers = ${json(call.structured_answers)}::jsonb,
            duration_seconds = ${call.duration_seconds},
            error_message = ${call.error_message},
            next_attempt_at = ${call.next_attempt_at}::timestamptz,
            started_at = ${call.started_at}::timestamptz,
            completed_at = ${call.completed_at}::timestamptz,
            progress = ${callProgress(call)},
            updated_at = now()
          FROM first_time
          WHERE "calls".id = ${event.subject}::uuid
            AND "calls".org_id = ${event.data.org_id}::uuid
            -- call.updated may restate the same progress with news (a retry or first attempt moved to
            -- the window's next opening); the topic keeps one call's events in order, so it applies.
            AND ("calls".progress < ${callProgress(call)} OR (${event.type === "call.updated"} AND "calls".progress = ${callProgress(call)}))
          RETURNING "calls".id
        ), attempt_row AS (
          INSERT INTO "call_attempts" (call_id, attempt, started_at, answered_at, ended_at, disposition, duration_seconds, error_message)
          SELECT c.id, ${attempt?.attempt ?? 0}, ${attempt?.started_at ?? null}::timestamptz, ${attempt?.answered_at ?? null}::timestamptz,
                 ${attempt?.ended_at ?? null}::timestamptz, ${attempt?.disposition ?? null}, ${attempt?.duration_seconds ?? null},
                 ${attempt?.error_message ?? null}
            FROM first_time, "calls" c
           WHERE ${attempt !== null} AND c.id = ${event.subject}::uuid AND c.org_id = ${event.data.org_id}::uuid
          ON CONFLICT (call_id, attempt) DO UPDATE SET
            answered_at = coalesce(excluded.answered_at, call_attempts.answered_at),
            ended_at = coalesce(excluded.ended_at, call_attempts.ended_at),
            disposition = coalesce(excluded.disposition, call_attempts.disposition),
            duration_seconds = coalesce(excluded.duration_seconds, call_attempts.duration_seconds),
            error_message = coalesce(excluded.error_message, call_attempts.error_message)
        )
        SELECT EXISTS (SELECT 1 FROM moved) AS changed`;
      return result?.changed === true;
    },
  };
}
