import { callProgress } from "@voxbridge/contracts";
import type { CallProjection } from "../app/ports";
import { attemptOf, snapshotPrecedence } from "../domain/call-record-projection";
import type { GatewayPrisma } from "./prisma";

/**
 * Projects a fetched batch of lifecycle events onto the records and their attempts in one statement
 * (one round trip and one commit, whatever the batch size; raw SQL because it runs for every event).
 * Every event id is recorded first, and an event seen before (a redelivery) is left out of all
 * after. Each call's record takes the snapshot of its event of greatest precedence
 * (`snapshotPrecedence`) when that advances the record (`advancesRecord`, restated below as the
 * UPDATE's condition), which is where applying the events one by one would leave it. Each attempt an
 * event speaks of gets one row: a known field replaces the row's, in the events' order. `transcript`,
 * `structured_answers` and `recording_url` are left alone: only `call.analyzed` writes them
 * (adapters/transcript-store.ts), so a lifecycle snapshot never blanks them.
 */
export function createCallProjection(prisma: GatewayPrisma): CallProjection {
  return {
    async applyAll(events) {
      if (events.length === 0) return [];
      const precedence = snapshotPrecedence(events);
      const rows = await prisma.$queryRaw<{ id: string }[]>`
        WITH input AS (
          SELECT * FROM unnest(
            ${events.map((event) => event.id)}::uuid[], ${events.map((event) => event.subject)}::uuid[],
            ${events.map((event) => event.data.org_id)}::uuid[], ${events.map((event) => event.type === "call.updated")}::boolean[],
            ${events.map((event) => JSON.stringify(event.data.call))}::jsonb[], ${events.map((event) => callProgress(event.data.call))}::int[],
            ${precedence}::bigint[], ${events.map((event) => JSON.stringify(attemptOf(event)))}::jsonb[]
          ) WITH ORDINALITY AS i(event_id, call_id, org_id, is_update, call, progress, precedence, attempt, ord)
        ), first_time AS (
          INSERT INTO "processed_events" (event_id) SELECT event_id FROM input ON CONFLICT DO NOTHING RETURNING event_id
        ), fresh AS (
          SELECT DISTINCT ON (event_id) input.* FROM input JOIN first_time USING (event_id) ORDER BY event_id, ord
        ), latest AS (
          SELECT DISTINCT ON (call_id) * FROM fresh ORDER BY call_id, precedence DESC
        ), moved AS (
          UPDATE "calls" SET
            status = s.status,
            attempt_count = s.attempt_count,
            disposition = s.disposition,
            duration_seconds = s.duration_seconds,
            error_message = s.error_message,
            next_attempt_at = s.next_attempt_at,
            started_at = s.started_at,
            completed_at = s.completed_at,
            progress = l.progress,
            updated_at = now()
          FROM latest l CROSS JOIN LATERAL jsonb_to_record(l.call) AS s(
            status text, attempt_count int, disposition text, duration_seconds int, error_message text, next_attempt_at timestamptz, started_at timestamptz, completed_at timestamptz)
          WHERE "calls".id = l.call_id AND "calls".org_id = l.org_id
            AND ("calls".progress < l.progress OR (l.is_update AND "calls".progress = l.progress))
          RETURNING "calls".id
        ), attempts AS (
          SELECT f.call_id, (f.attempt->>'attempt')::int AS attempt,
                 (array_agg(f.attempt->>'started_at' ORDER BY f.ord))[1]::timestamptz AS started_at,
                 (array_agg(f.attempt->>'answered_at' ORDER BY f.ord DESC) FILTER (WHERE f.attempt->>'answered_at' IS NOT NULL))[1]::timestamptz AS answered_at,
                 (array_agg(f.attempt->>'ended_at' ORDER BY f.ord DESC) FILTER (WHERE f.attempt->>'ended_at' IS NOT NULL))[1]::timestamptz AS ended_at,
                 (array_agg(f.attempt->>'disposition' ORDER BY f.ord DESC) FILTER (WHERE f.attempt->>'disposition' IS NOT NULL))[1] AS disposition,
                 (array_agg(f.attempt->>'duration_seconds' ORDER BY f.ord DESC) FILTER (WHERE f.attempt->>'duration_seconds' IS NOT NULL))[1]::int AS duration_seconds,
                 (array_agg(f.attempt->>'error_message' ORDER BY f.ord DESC) FILTER (WHERE f.attempt->>'error_message' IS NOT NULL))[1] AS error_message
            FROM fresh f JOIN "calls" c ON c.id = f.call_id AND c.org_id = f.org_id
           WHERE f.attempt <> 'null'::jsonb
           GROUP BY f.call_id, (f.attempt->>'attempt')::int
        ), attempt_rows AS (
          INSERT INTO "call_attempts" (call_id, attempt, started_at, answered_at, ended_at, disposition, duration_seconds, error_message)
          SELECT * FROM attempts ORDER BY call_id, attempt
          ON CONFLICT (call_id, attempt) DO UPDATE SET
            answered_at = coalesce(excluded.answered_at, call_attempts.answered_at),
            ended_at = coalesce(excluded.ended_at, call_attempts.ended_at),
            disposition = coalesce(excluded.disposition, call_attempts.disposition),
            duration_seconds = coalesce(excluded.duration_seconds, call_attempts.duration_seconds),
            error_message = coalesce(excluded.error_message, call_attempts.error_message)
        )
        SELECT id::text FROM moved`;
      return rows.map((row) => row.id);
    },
  };
}
