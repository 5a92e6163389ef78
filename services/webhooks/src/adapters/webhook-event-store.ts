import { randomUUID } from "node:crypto";
import type { WebhookEventStore } from "../app/receive-call-event";
import type { WebhooksPrisma } from "./prisma";

/** Takes in events: stores each once, numbers it within its call, and creates its deliveries in the same transaction. */
export function createWebhookEventStore(prisma: WebhooksPrisma): WebhookEventStore {
  return {
    async addIfAbsent(event, now) {
      return prisma.$transaction(async (tx) => {
        const inserted = await tx.$executeRaw`
          INSERT INTO "webhook_events" (event_id, call_id, org_id, type, payload)
          VALUES (${event.id}::uuid, ${event.subject}::uuid, ${event.data.org_id}::uuid, ${event.type}, ${JSON.stringify(event)}::jsonb)
          ON CONFLICT (event_id) DO NOTHING`;
        if (inserted !== 1) return null;
        const [numbered] = await tx.$queryRaw<{ last_sequence: number }[]>`
          INSERT INTO "call_sequences" (call_id, last_sequence) VALUES (${event.subject}::uuid, 1)
          ON CONFLICT (call_id) DO UPDATE SET last_sequence = "call_sequences".last_sequence + 1
          RETURNING last_sequence`;
        const sequence = numbered?.last_sequence ?? 1;
        await tx.$executeRaw`UPDATE "webhook_events" SET sequence = ${sequence} WHERE event_id = ${event.id}::uuid`;

        const destinations: { endpointId: string | null; url: string; destination: string }[] = [];
        if (event.data.webhook_url) {
          destinations.push({ endpointId: null, url: event.data.webhook_url, destination: `url:${event.data.webhook_url}` });
        } else {
          const endpoints = await tx.$queryRaw<{ id: string; url: string }[]>`
            SELECT id::text, url FROM "webhook_endpoints"
             WHERE org_id = ${event.data.org_id}::uuid AND enabled AND (events IS NULL OR cardinality(events) = 0 OR ${event.type} = ANY(events))`;
          for (const endpoint of endpoints)
            destinations.push({ endpointId: endpoint.id, url: endpoint.url, destination: `endpoint:${endpoint.id}` });
        }
        for (const d of destinations) {
          await tx.$executeRaw`
            INSERT INTO "webhook_deliveries" (id, org_id, event_id, event_type, call_id, sequence, endpoint_id, destination, url, status, next_attempt_at, created_at)
            VALUES (${randomUUID()}::uuid, ${event.data.org_id}::uuid, ${event.id}::uuid, ${event.type}, ${event.subject}::uuid, ${sequence},
                    ${d.endpointId}::uuid, ${d.destination}, ${d.url}, 'pending', ${now}, ${now})
            ON CONFLICT (event_id, destination) DO NOTHING`;
        }
        return { sequence, deliveries: destinations.length };
      });
    },
  };
}
