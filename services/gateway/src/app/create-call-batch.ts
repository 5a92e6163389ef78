import type { CallOut } from "@voxbridge/contracts";
import { AppError, isAppError } from "@voxbridge/kit/core";
import { checkCreateCall } from "./check-call-request";
import { type CreateOutboundCallDeps, createOutboundCall } from "./create-outbound-call";

/** Items created at once: enough to overlap the quota and Postgres round trips, few enough to leave the pools to other requests. */
const CONCURRENCY = 16;

/** One item of a batch: a create body as sent, with its fixed call id under an Idempotency-Key. */
export type BatchItem = { body: unknown; callId?: string };

/**
 * Creates each item as its own POST /v1/calls/outbound would (its own checks, each problem named at
 * once, minute hold, suppression check, window), several at a time, and answers each with its call or
 * its error. One item's failure never touches another: a dependency outage fails the items it
 * reaches, each with its own 503.
 */
export async function createCallBatch(deps: CreateOutboundCallDeps, orgId: string, items: BatchItem[]): Promise<(CallOut | AppError)[]> {
  const results: (CallOut | AppError)[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) {
      const item = items[index] as BatchItem;
      try {
        const request = await checkCreateCall(deps, item.body);
        results[index] = await createOutboundCall(deps, { orgId, request, ...(item.callId ? { callId: item.callId } : {}) });
      } catch (error) {
        results[index] = isAppError(error) ? error : new AppError("internal", "Internal error", { cause: error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return results;
}
