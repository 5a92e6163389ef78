import { type CallingWindow, type CallOut, newCallEvent, newCallOut, type ResolvedCallingWindow } from "@voxbridge/contracts";
import { nextOpening } from "@voxbridge/contracts/window-schedule";
import { AppError, currentTraceparent, retryWithBackoff } from "@voxbridge/kit/core";
import { scriptedAnswerProblems } from "../domain/answer-schema-check";
import { conversationFor, dialAgentOf } from "../domain/call-conversation";
import type { CheckedCreateCall } from "./check-call-request";
import { GATEWAY_EVENT_SOURCE } from "./event-source";
import type { AgentStore, CallStore, MinuteHolds } from "./ports";

export type CreateOutboundCallDeps = {
  calls: CallStore;
  agents: Pick<AgentStore, "findActive" | "findDefault" | "findById">;
  minutes: Pick<MinuteHolds, "hold" | "release">;
  /** Refuses webhook URLs the deployment may not call (private networks in production). */
  checkWebhookUrl: (url: string) => Promise<void>;
  /** The IANA time zones of an E.164 number; null when unknown. */
  timeZonesOf: (number: string) => Promise<string[] | null>;
  /** True once a live carrier is configured: caller ID becomes required. */
  liveTelephony: boolean;
  now: () => Date;
  newId: () => string;
};

/**
 * A body `checkCreateCall` took (numbers normalized, webhook URL checked). `callId` is fixed by the
 * caller when the request carries an Idempotency-Key, so a retry can never make a second call.
 */
export type CreateOutboundCallCommand = { orgId: string; request: CheckedCreateCall; callId?: string };

/**
 * Accepts an outbound call: resolves the agent, holds minutes, then writes the call and its
 * `call.queued` event in one transaction. A hold whose write fails is given back.
 */
export async function createOutboundCall(deps: CreateOutboundCallDeps, command: CreateOutboundCallCommand): Promise<CallOut> {
  const { request, orgId } = command;
  const to = request.to;
  const from = request.from ?? null;
  const simulatedCallee = request.simulated_callee ?? null;
  const webhookUrl = request.webhook_url ?? null;

  const agent = request.agent_id ? await deps.agents.findActive(orgId, request.agent_id) : await deps.agents.findDefault(orgId);
  if (!agent) {
    if (request.agent_id) throw new AppError("not_found", "agent_id: no active agent with this id", { param: "agent_id" });
    throw new AppError("no_default_agent", "No agent_id given and the organization has no default agent configured", { param: "agent_id" });
  }
  const scriptProblems = scriptedAnswerProblems(agent.answer_schema, simulatedCallee?.answers ?? {});
  const [scriptProblem] = scriptProblems;
  if (scriptProblem) {
    throw new AppError("validation_failed", `${scriptProblem.param}: ${scriptProblem.message}`, {
      param: scriptProblem.param,
      details: scriptProblems,
    });
  }

  const now = deps.now();
  const scheduleAt = request.schedule_at ? new Date(request.schedule_at) : null;
  const scheduledAt = scheduleAt && scheduleAt > now ? scheduleAt : now;
  const callingWindow = request.calling_window ?? agent.calling_window;
  const { resolved, nextAttemptAt } = await planFirstAttempt(deps, callingWindow, to, scheduledAt);
  const call = newCallOut({
    id: command.callId ?? deps.newId(),
    agent_id: agent.id,
    to_number: to,
    from_number: from,
    client_name: request.client_name ?? null,
    context: request.context ?? null,
    metadata: request.metadata ?? null,
    max_attempts: request.max_attempts,
    // A past schedule_at means now.
    scheduled_at: scheduledAt.toISOString(),
    calling_window: callingWindow,
    next_attempt_at: nextAttemptAt.toISOString(),
    created_at: now.toISOString(),
  });

  const hold = await deps.minutes.hold(orgId, call.id);
  if (!hold.granted) throw new AppError("quota_exceeded", "Monthly minute limit reached");
  const event = newCallEvent(
    "call.queued",
    GATEWAY_EVENT_SOURCE,
    {
      org_id: orgId,
      webhook_url: webhookUrl,
      call,
      agent: dialAgentOf(agent),
      calling_window: resolved,
      ...(hold.talkSecondsAllowed === null ? {} : { talk_seconds_allowed: hold.talkSecondsAllowed }),
      conversation: conversationFor(agent, call, simulatedCallee),
    },
    { id: deps.newId(), time: now, traceparent: currentTraceparent() },
  );
  let written: Awaited<ReturnType<CallStore["createQueued"]>>;
  try {
    written = await deps.calls.createQueued({ orgId, webhookUrl, out: call, simulatedCallee }, event);
  } catch (error) {
    await giveBack(deps, orgId, call.id);
    throw error;
  }
  if (written === "created") return call;
  // The fixed call id may exist already: an earlier attempt with this Idempotency-Key got this far
  // (its number may have been suppressed since; the call it made is still the answer).
  const existing = await deps.calls.findById(orgId, call.id);
  if (existing) return existing;
  if (written === "exists") throw new AppError("conflict", "This call id belongs to another request");
  await giveBack(deps, orgId, call.id);
  throw new AppError("number_suppressed", "to: this number is on the organization's suppression list", { param: "to" });
}

/**
 * When the first attempt is due: at `scheduledAt`, moved to the calling window's next opening. The
 * window's zones are settled here: the one it names, or every zone of the callee's number. A 422
 * when the number's zones are unknown, or never share an open hour.
 */
export async function planFirstAttempt(
  deps: Pick<CreateOutboundCallDeps, "timeZonesOf">,
  window: CallingWindow | null,
  to: string,
  scheduledAt: Date,
): Promise<{ resolved: ResolvedCallingWindow | null; nextAttemptAt: Date }> {
  if (!window) return { resolved: null, nextAttemptAt: scheduledAt };
  const zones = window.timezone ? [window.timezone] : await deps.timeZonesOf(to);
  if (!zones) {
    throw new AppError("validation_failed", "calling_window.timezone: the callee's time zone is not known for this number; name one", {
      param: "calling_window.timezone",
    });
  }
  const resolved = { start: window.start, end: window.end, days: window.days, time_zones: zones };
  const opening = nextOpening(resolved, scheduledAt);
  if (!opening) {
    throw new AppError(
      "validation_failed",
      `calling_window: never open at once in all of the callee's time zones (${zones.join(", ")}); set calling_window.timezone`,
      { param: "calling_window" },
    );
  }
  return { resolved, nextAttemptAt: opening.opensAt };
}

/** Attempts at giving a hold back, the first before the error is answered, the rest in the background. */
const RELEASE_ATTEMPTS = 12;

/**
 * Gives back the hold of a call that was not written, so a request answered with an error holds
 * nothing. When quota or its stores are unreachable too (a Postgres outage fails both writes), it
 * keeps trying in the background with backoff, about two minutes in all; past that the hold's own
 * expiry gives the minutes back.
 */
async function giveBack(deps: CreateOutboundCallDeps, orgId: string, callId: string): Promise<void> {
  const release = () => deps.minutes.release(orgId, callId);
  await release().catch(
    () =>
      void retryWithBackoff(release, {
        shouldRetry: (_error, failures) => failures < RELEASE_ATTEMPTS - 1,
        initialDelayMs: 500,
        maxDelayMs: 15_000,
        unref: true,
      }).catch(() => undefined),
  );
}
