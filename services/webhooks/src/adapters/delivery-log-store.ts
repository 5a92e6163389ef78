import type { CallEventType, WebhookDeliveryOut, WebhookDeliveryStatus } from "@voxbridge/contracts";
import type { DeliveryLog } from "../app/delivery-log";
import { webhookIdOf } from "../domain/signing";
import type { WebhookDelivery } from "../generated/prisma/client";
import type { WebhooksPrisma } from "./prisma";

/** The delivery log through Prisma model calls (read by partners, not on the delivery path). */
export function createDeliveryLog(prisma: WebhooksPrisma): DeliveryLog {
  const withAttempts = async (rows: WebhookDelivery[]): Promise<WebhookDeliveryOut[]> => {
    const attempts = await prisma.webhookAttempt.findMany({
      where: { deliveryId: { in: rows.map((row) => row.id) } },
      orderBy: { id: "asc" },
    });
    return rows.map((row) => ({
      id: row.id,
      webhook_id: webhookIdOf(row.id),
      event_id: row.eventId,
      event_type: row.eventType as CallEventType,
      call_id: row.callId,
      sequence: row.sequence,
      endpoint_id: row.endpointId,
      url: row.url,
      status: row.status as WebhookDeliveryStatus,
      attempt_count: row.attemptCount,
      next_attempt_at: row.status === "pending" && row.nextAttemptAt ? row.nextAttemptAt.toISOString() : null,
      last_response_status: row.lastResponseStatus,
      last_error: row.lastError,
      created_at: row.createdAt.toISOString(),
      completed_at: row.completedAt?.toISOString() ?? null,
      attempts: attempts
        .filter((attempt) => attempt.deliveryId === row.id)
        .map((attempt) => ({
          attempted_at: attempt.attemptedAt.toISOString(),
          response_status: attempt.responseStatus,
          error: attempt.error,
          duration_ms: attempt.durationMs,
        })),
    }));
  };

  return {
    async list(orgId, query) {
      const where = { orgId, ...(query.call_id ? { callId: query.call_id } : {}), ...(query.status ? { status: query.status } : {}) };
      const [rows, total] = await Promise.all([
        prisma.webhookDelivery.findMany({
          where,
          orderBy: [{ createdAt: "desc" }, { sequence: "desc" }, { id: "desc" }],
          take: query.limit,
          skip: query.offset,
        }),
        prisma.webhookDelivery.count({ where }),
      ]);
      return { items: await withAttempts(rows), total };
    },
    async find(orgId, id) {
      const row = await prisma.webhookDelivery.findFirst({ where: { orgId, id } });
      return row ? ((await withAttempts([row]))[0] ?? null) : null;
    },
    async replay(orgId, id, now) {
      const { count } = await prisma.webhookDelivery.updateMany({
        where: { orgId, id, status: { in: ["succeeded", "failed"] } },
        data: { status: "pending", attemptCount: 0, nextAttemptAt: now, leasedUntil: null, completedAt: null },
      });
      return count > 0;
    },
  };
}
