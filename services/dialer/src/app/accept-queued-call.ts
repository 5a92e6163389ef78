import type { CallEventOf } from "@voxbridge/contracts";
import type { DialJobStore } from "./ports";

/**
 * Takes ownership of a queued call: its dial job, due at its schedule time, survives restarts. A
 * redelivery creates nothing. Returns whether the call is due now (the caller wakes the scheduler).
 */
export async function acceptQueuedCall(
  deps: { jobs: DialJobStore; now: () => Date },
  event: CallEventOf<"call.queued">,
): Promise<{ created: boolean; dueNow: boolean }> {
  const created = await deps.jobs.createIfAbsent(event);
  const call = event.data.call;
  const dueAt = new Date(call.scheduled_at ?? call.created_at);
  return { created, dueNow: dueAt.getTime() <= deps.now().getTime() };
}
