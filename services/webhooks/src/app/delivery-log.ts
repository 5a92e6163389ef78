import type { ListWebhookDeliveriesQuery, WebhookDeliveryOut } from "@voxbridge/contracts";
import { AppError } from "@voxbridge/kit/core";

/** The partner-visible log of deliveries and their attempts, scoped by org. */
export interface DeliveryLog {
  list(orgId: string, query: ListWebhookDeliveriesQuery): Promise<{ items: WebhookDeliveryOut[]; total: number }>;
  find(orgId: string, id: string): Promise<WebhookDeliveryOut | null>;
  /** Puts a settled delivery back to pending, due at `now`, with a fresh retry schedule; false when it is not settled. */
  replay(orgId: string, id: string, now: Date): Promise<boolean>;
}

export type DeliveryLogDeps = { log: DeliveryLog; clock: () => Date; wakeDeliveries: () => void };

export const listDeliveries = async (deps: DeliveryLogDeps, orgId: string, query: ListWebhookDeliveriesQuery) => ({
  ...(await deps.log.list(orgId, query)),
  limit: query.limit,
  offset: query.offset,
});

/** Replays a delivered or failed delivery now (same webhook-id, fresh schedule); a pending one is a 409. */
export async function retryDelivery(deps: DeliveryLogDeps, orgId: string, id: string): Promise<WebhookDeliveryOut> {
  const existing = await deps.log.find(orgId, id);
  if (!existing) throw new AppError("not_found", "No webhook delivery with this id", { param: "delivery_id" });
  if (!(await deps.log.replay(orgId, id, deps.clock())))
    throw new AppError("conflict", "This delivery is still pending; it will be attempted on its schedule");
  deps.wakeDeliveries();
  const replayed = await deps.log.find(orgId, id);
  if (!replayed) throw new AppError("not_found", "No webhook delivery with this id", { param: "delivery_id" });
  return replayed;
}
