import type { WebhookEventStore } from "../app/receive-call-event";
import type { WebhooksPrisma } from "./prisma";

export function createWebhookEventStore(prisma: WebhooksPrisma): WebhookEventStore {
  return {
    async addIfAbsent(event) {
      const { count } = await prisma.webhookEvent.createMany({
        data: [{ eventId: event.id, callId: event.subject, orgId: event.data.org_id, type: event.type, payload: event as object }],
        skipDuplicates: true,
      });
      return count === 1;
    },
  };
}
