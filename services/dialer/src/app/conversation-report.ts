import type { ConversationEndedData } from "@voxbridge/contracts";
import { combinedEnd } from "../domain/conversation-end";
import { type CarrierReportDeps, endAttemptWith } from "./record-carrier-report";

/**
 * Takes the voice service's report of one attempt's conversation (`call.conversation_ended`). When
 * the carrier's end is already waiting for it, the attempt ends now, combined; otherwise the report
 * waits for the carrier's end (`app/record-carrier-report.ts`). A redelivered report changes nothing.
 */
export async function recordConversationReport(deps: CarrierReportDeps, data: ConversationEndedData): Promise<void> {
  const report = { outcome: data.outcome, mediaStarted: data.media_started, errorMessage: data.error_message };
  const waiting = await deps.conversations.recordReport(data.call_id, data.attempt, report);
  deps.logger.debug(
    { callId: data.call_id, attempt: data.attempt, outcome: data.outcome, carrierEnded: waiting !== null },
    "conversation report",
  );
  if (waiting !== null) await endAttemptWith(deps, data.call_id, data.attempt, combinedEnd(waiting, report, deps.reportWaitSeconds));
}

/**
 * Ends the answered attempts whose carrier end waited past `DIALER_CONVERSATION_REPORT_WAIT_SECONDS`
 * with no report: an agent error (the voice service died, or never took the stream). Any instance
 * may run it; each overdue end is handed to one. Returns how many it ended.
 */
export async function endOverdueConversations(deps: CarrierReportDeps, limit: number): Promise<number> {
  const overdue = await deps.conversations.takeOverdue(limit);
  for (const { callId, attempt, end } of overdue) {
    deps.logger.warn({ callId, attempt }, "no conversation report from the voice service in time; ending the attempt as an agent error");
    await endAttemptWith(deps, callId, attempt, combinedEnd(end, null, deps.reportWaitSeconds));
    await deps.conversations.settle(callId, attempt);
  }
  return overdue.length;
}
