import { randomUUID } from "node:crypto";
import { type CallEventOf, type CallOut, newCallEvent, newCallOut, type ResolvedCallingWindow } from "@voxbridge/contracts";

/**
 * A gateway's `call.queued` as the dialer receives it. What a test does not name is a plain default:
 * a new call for a new org, created and scheduled `now`, an agent that hangs up on voicemail.
 */
export function queuedEvent(
  options: {
    now?: Date;
    orgId?: string;
    call?: Partial<CallOut>;
    callingWindow?: ResolvedCallingWindow | null;
    webhookUrl?: string | null;
    traceparent?: string;
  } = {},
): CallEventOf<"call.queued"> {
  const now = options.now ?? new Date();
  const call = newCallOut({
    id: randomUUID(),
    agent_id: randomUUID(),
    to_number: "+15551230100",
    created_at: now.toISOString(),
    scheduled_at: now.toISOString(),
    ...options.call,
  });
  const agent = {
    id: call.agent_id,
    system_prompt: "Hello",
    voice: null,
    language: null,
    max_duration_seconds: 600,
    voicemail_action: "hangup" as const,
    calling_window: null,
  };
  return newCallEvent(
    "call.queued",
    "/voxbridge/gateway",
    {
      org_id: options.orgId ?? randomUUID(),
      webhook_url: options.webhookUrl ?? null,
      call,
      agent,
      calling_window: options.callingWindow ?? null,
    },
    { id: randomUUID(), time: now, ...(options.traceparent ? { traceparent: options.traceparent } : {}) },
  );
}
