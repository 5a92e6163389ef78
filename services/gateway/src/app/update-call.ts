import { type CallOut, newCallEvent } from "@voxbridge/contracts";
import { AppError, currentTraceparent } from "@voxbridge/kit/core";
import { conversationFor, dialAgentOf } from "../domain/call-conversation";
import { refusalOf } from "./cancel-call";
import type { CheckedUpdateCall } from "./check-call-request";
import { type CreateOutboundCallDeps, planFirstAttempt } from "./create-outbound-call";
import { GATEWAY_EVENT_SOURCE } from "./event-source";

export type UpdateCallDeps = Pick<CreateOutboundCallDeps, "calls" | "agents" | "checkWebhookUrl" | "timeZonesOf" | "now" | "newId">;

/**
 * Edits a call that is still queued (no attempt started) and emits `call.updated`, from which the
 * dialer takes what its first attempt uses: schedule, window, agent, attempts, context. A new
 * schedule or window moves `next_attempt_at`. A call already calling or finished is a 409.
 */
export async function updateCall(
  deps: UpdateCallDeps,
  command: { orgId: string; callId: string; request: CheckedUpdateCall },
): Promise<CallOut> {
  const { orgId, request } = command;
  const agent = request.agent_id ? await deps.agents.findActive(orgId, request.agent_id) : undefined;
  if (agent === null) throw new AppError("not_found", "agent_id: no active agent with this id", { param: "agent_id" });
  // The voice service gets the conversation re-rendered after every edit (context or client_name may have changed).

  const now = deps.now();
  const result = await deps.calls.updateQueued(orgId, command.callId, async (current) => {
    // A new schedule_at in the past means now; an old one already passed means now too.
    const scheduledAt = new Date(Math.max(now.getTime(), Date.parse(request.schedule_at ?? current.call.scheduled_at ?? "") || 0));
    const callingWindow = request.calling_window === undefined ? current.call.calling_window : request.calling_window;
    const { resolved, nextAttemptAt } = await planFirstAttempt(deps, callingWindow, current.call.to_number, scheduledAt);
    const call: CallOut = {
      ...current.call,
      agent_id: agent?.id ?? current.call.agent_id,
      client_name: request.client_name ?? current.call.client_name,
      context: request.context ?? current.call.context,
      metadata: request.metadata ?? current.call.metadata,
      max_attempts: request.max_attempts ?? current.call.max_attempts,
      scheduled_at: scheduledAt.toISOString(),
      calling_window: callingWindow,
      next_attempt_at: nextAttemptAt.toISOString(),
    };
    const webhookUrl = request.webhook_url === undefined ? current.webhookUrl : request.webhook_url;
    const callAgent = agent ?? (await deps.agents.findById(orgId, call.agent_id));
    const event = newCallEvent(
      "call.updated",
      GATEWAY_EVENT_SOURCE,
      {
        org_id: orgId,
        webhook_url: webhookUrl,
        call,
        calling_window: resolved,
        ...(agent ? { agent: dialAgentOf(agent) } : {}),
        ...(callAgent ? { conversation: conversationFor(callAgent, call, current.simulatedCallee) } : {}),
      },
      { id: deps.newId(), time: now, traceparent: currentTraceparent() },
    );
    return { call, webhookUrl, event };
  });
  if (result.outcome === "updated") return result.call;
  throw refusalOf(result, "changed");
}
