import type { CallEventOf, CallOut, DialAgent } from "@voxbridge/contracts";

/** Call records and their outbox, written together in one transaction. */
export interface CallStore {
  /** Writes the queued call and its `call.queued` outbox row atomically. */
  createQueued(call: { orgId: string; webhookUrl: string | null; out: CallOut }, event: CallEventOf<"call.queued">): Promise<void>;
  findById(orgId: string, callId: string): Promise<CallOut | null>;
}

/** The org's agents as calls need them. */
export interface AgentDirectory {
  findActive(orgId: string, agentId: string): Promise<DialAgent | null>;
  findDefault(orgId: string): Promise<DialAgent | null>;
}

/** The quota service, from the gateway's side. */
export interface MinuteHolds {
  /** Holds minutes for a call; idempotent per call id. False: the org's monthly limit is reached. */
  hold(orgId: string, callId: string): Promise<boolean>;
  /** Gives a hold back when the call was never accepted. */
  release(orgId: string, callId: string): Promise<void>;
}
