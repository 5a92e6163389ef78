import type { WebhookEventStore } from "../app/receive-call-event";
import type { WebhooksPrisma } from "./prisma";

/**
 * Takes in events: stores each once, numbers it within its call, and creates its deliveries, in one
 * statement (so one implicit transaction and one round trip; raw SQL because this runs for every
 * event, docs/webhooks.md). The event's insert comes first: a redelivery conflicts on its id, and
 * then nothing else happens, so no sequence number is spent on it. A redelivery racing the first
 * delivery waits on that insert's outcome and then changes nothing.
 */
export function createWebhookEventStore(prisma: WebhooksPrisma): WebhookEventStore {
  return {
    async addIfAbsent(event, now) {
      const url = event.data.webhook_url ?? null;
      const [row] = await prisma.$queryRaw<{ sequence: number | null; deliveries: number }[]>`
        WITH stored AS (
          INSERT INTO "webhook_events" (event_id, call_id, org_id, type, payload)
          VALUES (${event.id}::uuid, ${event.subject}::uuid, ${event.data.org_id}::uuid, ${event.type}, ${JSON.stringify(event)}::jsonb)
          ON CONFLICT (event_id) DO NOTHING
          RETURNING call_id
        ), numbered AS (
          INSERT INTO "call_sequences" (call_id, last_sequence) SELECT call_id, 1 FROM stored
          ON CONFLICT (call_id) DO UPDATE SET last_sequence = "call_sequences".last_sequence + 1
          RETURNING last_sequence
        ), destinations AS (
          -- The call's own webhook_url replaces the org's endpoints.
          SELECT NULL::uuid AS endpoint_id, ${url}::text AS url, 'url:' || ${url}::text AS destination WHERE ${url}::text IS NOT NULL
          UNION ALL
          SELECT id, url, 'endpoint:' || id::text FROM "webhook_endpoints"
           WHERE ${url}::text IS NULL AND org_id = ${event.data.org_id}::uuid AND enabled
             AND (events IS NULL OR cardinality(events) = 0 OR ${event.type} = ANY(events))
        ), deliveries AS (
          INSERT INTO "webhook_deliveries" (id, org_id, event_id, event_type, call_id, sequence, endpoint_id, destination, url, status, next_attempt_at, created_at)
          SELECT gen_random_uuid(), ${event.data.org_id}::uuid, ${event.id}::uuid, ${event.type}, ${event.subject}::uuid, n.last_sequence,
                 d.endpoint_id, d.destination, d.url, 'pending', ${now}, ${now}
            FROM numbered n CROSS JOIN destinations d
          ON CONFLICT (event_id, destination) DO NOTHING
          RETURNING 1
        )
        SELECT (SELECT last_sequence FROM numbered) AS sequence, (SELECT count(*)::int FROM deliveries) AS deliveries`;
      if (!row || row.sequence === null) return null;
      return { sequence: row.sequence, deliveries: row.deliveries };
    },
  };
}
