import type { CallOut } from "@voxbridge/contracts";
import type pg from "pg";
import type { StoredEvent, WebhookEventStore } from "../app/receive-call-event";

/**
 * Takes in a fetched batch of events in one statement (so one transaction, one round trip and one
 * commit, whatever the batch size): stores each once, numbers it within its call, and creates its
 * deliveries. The events' insert comes first: a redelivery conflicts on its id and is left out of
 * everything after, so no sequence number is spent on it; a redelivery racing the first delivery
 * waits on that insert's outcome. A call's counter moves once per batch, by the number of its new
 * events, which are then numbered in the order given (the topic keeps one call's events in order).
 * Counters are taken in call-id order, so two batches never wait on each other in a cycle.
 */
const ADD_ALL = `
  WITH input AS (
    SELECT DISTINCT ON (event_id) *
      FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::jsonb[], $6::text[])
           WITH ORDINALITY AS i(event_id, call_id, org_id, type, payload, url, ord)
     ORDER BY event_id, ord
  ), stored AS (
    INSERT INTO webhook_events (event_id, call_id, org_id, type, payload)
    SELECT event_id, call_id, org_id, type, payload FROM input ORDER BY ord
    ON CONFLICT (event_id) DO NOTHING
    RETURNING event_id
  ), fresh AS (
    SELECT input.* FROM input JOIN stored USING (event_id)
  ), counts AS (
    SELECT call_id, count(*)::int AS n FROM fresh GROUP BY call_id
  ), numbered AS (
    INSERT INTO call_sequences (call_id, last_sequence)
    SELECT call_id, n FROM counts ORDER BY call_id
    ON CONFLICT (call_id) DO UPDATE SET last_sequence = call_sequences.last_sequence + excluded.last_sequence
    RETURNING call_id, last_sequence
  ), sequenced AS (
    SELECT fresh.*, (numbered.last_sequence - counts.n + row_number() OVER (PARTITION BY fresh.call_id ORDER BY fresh.ord))::int AS sequence
      FROM fresh JOIN counts USING (call_id) JOIN numbered USING (call_id)
  ), destinations AS (
    -- A call's own webhook_url replaces the org's endpoints.
    SELECT s.event_id, NULL::uuid AS endpoint_id, s.url, 'url:' || s.url AS destination FROM sequenced s WHERE s.url IS NOT NULL
    UNION ALL
    SELECT s.event_id, e.id, e.url, 'endpoint:' || e.id::text
      FROM sequenced s JOIN webhook_endpoints e ON e.org_id = s.org_id
     WHERE s.url IS NULL AND e.enabled AND (e.events IS NULL OR cardinality(e.events) = 0 OR s.type = ANY(e.events))
  ), deliveries AS (
    INSERT INTO webhook_deliveries (id, org_id, event_id, event_type, call_id, sequence, endpoint_id, destination, url, status, next_attempt_at, created_at)
    SELECT gen_random_uuid(), s.org_id, s.event_id, s.type, s.call_id, s.sequence, d.endpoint_id, d.destination, d.url, 'pending', $7, $7
      FROM sequenced s JOIN destinations d USING (event_id)
    ON CONFLICT (event_id, destination) DO NOTHING
    RETURNING event_id
  )
  SELECT s.event_id AS "eventId", s.sequence, (SELECT count(*)::int FROM deliveries d WHERE d.event_id = s.event_id) AS deliveries
    FROM sequenced s ORDER BY s.ord`;

/** The intake store, on a pool whose commits wait for the WAL flush: the Kafka offset is committed after it, so a stored event must survive a crash of Postgres. */
export function createWebhookEventStore(pool: pg.Pool): WebhookEventStore {
  return {
    async lifecycleOf(callIds) {
      // A call has a handful of events; their order of arrival is the order they were numbered in.
      const { rows } = await pool.query<{ call_id: string; payload: { data: { webhook_url: string | null; call: CallOut } } }>(
        `SELECT e.call_id::text, e.payload FROM webhook_events e
          WHERE e.call_id = ANY($1::uuid[]) AND e.type <> 'call.analyzed'
          ORDER BY e.call_id, e.received_at, e.payload->>'time'`,
        [callIds],
      );
      const byCall = new Map<string, { data: { webhook_url: string | null; call: CallOut } }[]>(callIds.map((id) => [id, []]));
      for (const row of rows) byCall.get(row.call_id)?.push(row.payload);
      return byCall;
    },
    async addAll(events, now) {
      if (events.length === 0) return [];
      const { rows } = await pool.query<StoredEvent>(ADD_ALL, [
        events.map((event) => event.id),
        events.map((event) => event.subject),
        events.map((event) => event.data.org_id),
        events.map((event) => event.type),
        events.map((event) => JSON.stringify(event)),
        events.map((event) => event.data.webhook_url ?? null),
        now,
      ]);
      return rows;
    },
  };
}
