import type { CallEventOf } from "@voxbridge/contracts";

/** Dial jobs: one per call, created once however often `call.queued` is delivered. */
export interface DialJobStore {
  /** Inserts the job unless it exists; true when this delivery created it. */
  createIfAbsent(job: { callId: string; orgId: string; dueAt: Date; queued: CallEventOf<"call.queued"> }): Promise<boolean>;
}

/** Takes ownership of a queued call: its dial job, due at its schedule time, survives restarts. */
export async function acceptQueuedCall(deps: { jobs: DialJobStore }, event: CallEventOf<"call.queued">): Promise<boolean> {
  const { call, org_id } = event.data;
  return deps.jobs.createIfAbsent({
    callId: call.id,
    orgId: org_id,
    dueAt: new Date(call.scheduled_at ?? call.created_at),
    queued: event,
  });
}
