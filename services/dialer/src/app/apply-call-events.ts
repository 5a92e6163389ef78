import type { CallEvent, CallEventOf } from "@voxbridge/contracts";
import type { Logger } from "@voxbridge/kit";
import { dueAtOf } from "../domain/due-at";
import { cancelCall } from "./cancel-call";
import type { DialJobStore, TelephonyAdapter } from "./ports";

export type CallEventDeps = {
  jobs: DialJobStore;
  telephony: TelephonyAdapter;
  logger: Logger;
  /** The dialer's own event source: its own `call.canceled` is not a cancel request. */
  ownSource: string;
  now: () => Date;
  /** Told of a call due now before its job exists, so its talk allowance can be fetched meanwhile. */
  dueSoon: (orgId: string, callId: string) => void;
  /** Told once a call due now has its job: the scheduler claims it. */
  wake: () => void;
};

/**
 * Applies the call events the dialer acts on, in their order. `call.queued` takes ownership of the
 * call: its dial job, due at its schedule time, survives restarts, and a redelivery creates nothing.
 * Consecutive `call.queued` events are written in one statement; a `call.canceled` from the gateway
 * cancels the call after every earlier event is applied. Everything else is ignored.
 */
export async function applyCallEvents(deps: CallEventDeps, events: CallEvent[]): Promise<void> {
  let queued: CallEventOf<"call.queued">[] = [];
  const acceptQueued = async () => {
    if (queued.length === 0) return;
    const now = deps.now().getTime();
    const isDue = (event: CallEventOf<"call.queued">) => dueAtOf(event.data.call).getTime() <= now;
    for (const event of queued) if (isDue(event)) deps.dueSoon(event.data.org_id, event.subject);
    const created = await deps.jobs.createAbsent(queued);
    if (queued.some((event) => isDue(event) && created.has(event.subject))) deps.wake();
    queued = [];
  };
  for (const event of events) {
    if (event.type === "call.queued") queued.push(event);
    else if (event.type === "call.canceled" && event.source !== deps.ownSource) {
      await acceptQueued();
      await cancelCall(deps, event.subject);
    }
  }
  await acceptQueued();
}
