import { randomUUID } from "node:crypto";
import { type CallEventOf, type CallEventType, type CallOut, newCallEvent, newCallOut } from "@voxbridge/contracts";

/** A lifecycle event of one call as the gateway and dialer would publish it, built with the contract's own newCallEvent. */
export function callEvent<T extends CallEventType>(
  type: T,
  ids: { orgId: string; callId: string },
  call: Partial<CallOut> = {},
  options: { id?: string; time?: Date } = {},
): CallEventOf<T> {
  const time = options.time ?? new Date();
  const out = newCallOut({
    id: ids.callId,
    agent_id: "29568d0d-7a01-447f-9b10-1cc0883f3440",
    status: type === "call.queued" ? "queued" : (type.slice(5) as CallOut["status"]),
    to_number: "+15551234567",
    attempt_count: type === "call.queued" ? 0 : 1,
    scheduled_at: time.toISOString(),
    completed_at: ["call.completed", "call.failed", "call.canceled"].includes(type) ? time.toISOString() : null,
    created_at: time.toISOString(),
    ...call,
  });
  const agent = {
    id: out.agent_id,
    system_prompt: "Be brief.",
    voice: null,
    language: null,
    max_duration_seconds: 600,
    voicemail_action: "hangup" as const,
    calling_window: null,
  };
  const data =
    type === "call.queued"
      ? { org_id: ids.orgId, webhook_url: null, call: out, agent }
      : { org_id: ids.orgId, webhook_url: null, call: out };
  return newCallEvent(type, "/voxbridge/test", data as CallEventOf<T>["data"], { id: options.id ?? randomUUID(), time });
}
