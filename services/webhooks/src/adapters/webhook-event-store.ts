import type { WebhookEventStore } from "../app/receive-call-event";
import type { WebhooksPrisma } from "./prisma";

export function createWebhookEventStore(prisma: WebhooksPrisma): WebhookEventStore {
  return {
    async addIfAbsent(event) {
      const inserted = await prisma.$executeRaw`
        INSERT INTO "webhook_events" (event_id, call_id, org_id, type, payload)
        VALUES (${event.id}::uuid, ${event.subject}::uuid, ${event.data.org_id}::uuid, ${event.type}, ${JSON.stringify(event)}::jsonb)
        ON CONFLICT (event_id) DO NOTHING`;
      return inserted === 1;
    },
  };
}
