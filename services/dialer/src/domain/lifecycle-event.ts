import { type AttemptOut, type CallEventOf, type CallOut, newCallEvent } from "@voxbridge/contracts";

/** The `source` of every event the dialer publishes (its own `call.canceled` is no cancel request). */
export const DIALER_EVENT_SOURCE = "/voxbridge/dialer";

/** The lifecycle events the dialer writes to its outbox. */
export type LifecycleEventType = "call.calling" | "call.updated" | "call.completed" | "call.failed" | "call.canceled";

/**
 * A lifecycle event of a call, in the trace of its `call.queued`, carrying the call's snapshot and,
 * for an event that ends an attempt, that attempt.
 */
export const lifecycleEvent = (
  type: LifecycleEventType,
  queued: CallEventOf<"call.queued">,
  call: CallOut,
  at: Date,
  id: string,
  attempt?: AttemptOut,
) =>
  newCallEvent(
    type,
    DIALER_EVENT_SOURCE,
    { org_id: queued.data.org_id, webhook_url: queued.data.webhook_url, call, ...(attempt ? { attempt } : {}) },
    { id, time: at, traceparent: queued.traceparent },
  );
