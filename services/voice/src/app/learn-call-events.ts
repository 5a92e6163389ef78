import type { CallAgent } from "../domain/call-agent";
import type { CallStore } from "./ports";

export type LearnedEvent =
  | { kind: "agent"; callId: string; orgId: string; time: Date; agent: CallAgent; traceparent?: string | undefined }
  | { kind: "ended"; callId: string; time: Date }
  | { kind: "other" };

/**
 * Takes in one call event: an agent copy is stored (a newer one wins, so a redelivered or late older
 * event changes nothing); a terminal event marks the call ended and lets its analysis go out.
 */
export async function learnCallEvent(deps: { calls: CallStore; analyze: (callId: string) => void }, event: LearnedEvent): Promise<void> {
  if (event.kind === "agent") {
    await deps.calls.learnAgent({
      callId: event.callId,
      orgId: event.orgId,
      agent: event.agent,
      eventTime: event.time,
      traceparent: event.traceparent ?? null,
    });
  } else if (event.kind === "ended") {
    if (await deps.calls.markEnded(event.callId, event.time)) deps.analyze(event.callId);
  }
}
